/**
 * The one context object every command receives. It knows where output goes, whether each stream
 * is a terminal, whether colour and prompts are allowed, what time it is and what the environment
 * says. `main.ts` builds the real one; tests build one with string buffers and a fixed clock
 * (`test/helpers/context.ts`).
 */
import type { Readable } from 'node:stream';
import type { Prompts } from './prompts.js';

export interface TextSink {
  write(chunk: string | Uint8Array): unknown;
}

/** Options every command accepts (set on the root program). */
export interface GlobalOptions {
  db?: string;
  coalition?: string;
  debug?: boolean;
  yes?: boolean;
  color?: boolean;
}

export interface Context {
  stdin: Readable;
  stdout: TextSink;
  stderr: TextSink;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Colour allowed at all (not NO_COLOR, not --no-color, not TERM=dumb). Each stream adds its own
   * terminal check: see `src/io/style.ts`. */
  colorAllowed: boolean;
  /** Terminal width, or 80 when not a terminal. */
  columns: number;
  /** Prompts only when stdin and stderr are terminals (and not --yes / CI). */
  canPrompt: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  now(): Date;
  prompts: Prompts;
  globals: GlobalOptions;
  /** Resources opened during the command (the database) register their cleanup here. */
  onClose(fn: () => void | Promise<void>): void;
}

export interface ContextInit {
  stdin: Readable;
  stdout: TextSink;
  stderr: TextSink;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  columns?: number;
  env: Record<string, string | undefined>;
  cwd: string;
  now?: () => Date;
  prompts: Prompts;
  globals?: GlobalOptions;
}

export function createContext(init: ContextInit): Context & { close(): Promise<void> } {
  const closers: Array<() => void | Promise<void>> = [];
  const globals: GlobalOptions = init.globals ?? {};
  const ctx = {
    stdin: init.stdin,
    stdout: init.stdout,
    stderr: init.stderr,
    stdinIsTTY: init.stdinIsTTY,
    stdoutIsTTY: init.stdoutIsTTY,
    stderrIsTTY: init.stderrIsTTY,
    columns: init.columns ?? 80,
    env: init.env,
    cwd: init.cwd,
    now: init.now ?? (() => new Date()),
    prompts: init.prompts,
    globals,
    get colorAllowed(): boolean {
      return colorAllowed(init.env, globals);
    },
    get canPrompt(): boolean {
      return init.stdinIsTTY && init.stderrIsTTY && !globals.yes && !isCI(init.env);
    },
    onClose(fn: () => void | Promise<void>) {
      closers.push(fn);
    },
    async close() {
      while (closers.length) await closers.pop()!();
    },
  };
  return ctx;
}

export function colorAllowed(env: Readonly<Record<string, string | undefined>>, globals: GlobalOptions): boolean {
  if (globals.color === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return true;
}

export function isCI(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.CI === 'true' || env.CI === '1';
}
