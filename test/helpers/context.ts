/** A context for command tests: string buffers, a fixed clock, scripted prompts, no process. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createContext, type GlobalOptions } from '../../src/io/context.js';
import { noPrompts, type Prompts } from '../../src/io/prompts.js';
import { main } from '../../src/main.js';

export const FIXED_NOW = new Date('2026-11-28T15:00:00Z');

export interface TestContextOptions {
  tty?: boolean;
  stdin?: string | Buffer;
  env?: Record<string, string | undefined>;
  cwd?: string;
  now?: Date;
  prompts?: Prompts;
  columns?: number;
  globals?: GlobalOptions;
}

export function testContext(o: TestContextOptions = {}) {
  let out = '';
  let err = '';
  const tty = o.tty ?? false;
  const ctx = createContext({
    stdin: Readable.from(o.stdin === undefined ? [] : [typeof o.stdin === 'string' ? Buffer.from(o.stdin) : o.stdin]),
    stdout: { write: (s: string | Uint8Array) => void (out += typeof s === 'string' ? s : Buffer.from(s).toString()) },
    stderr: { write: (s: string | Uint8Array) => void (err += typeof s === 'string' ? s : Buffer.from(s).toString()) },
    stdinIsTTY: tty,
    stdoutIsTTY: tty,
    stderrIsTTY: tty,
    columns: o.columns ?? 100,
    env: { NO_COLOR: '1', ...(o.env ?? {}) },
    cwd: o.cwd ?? process.cwd(),
    now: () => o.now ?? FIXED_NOW,
    prompts: o.prompts ?? noPrompts(),
    globals: o.globals,
  });
  return { ctx, stdout: () => out, stderr: () => err };
}

/** Runs a whole command line in-process, as `coalition …` would, and returns what it printed. */
export async function run(argv: string[], o: TestContextOptions = {}) {
  const t = testContext(o);
  const code = await main(argv, t.ctx);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}

/** The temporary folders this test file made, removed when it ends (test/setup.ts): a run of the
 * suite makes tens of thousands, and left behind they filled a developer's disk. */
const made: string[] = [];

export function tempDir(prefix = 'coalition-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function tempDb(): string {
  return path.join(tempDir(), 'test.db');
}

/** Prompts answering from a script, in order; fails the test on an unexpected prompt. */
export function scriptedPrompts(answers: unknown[]): Prompts & { asked: string[] } {
  const queue = [...answers];
  const asked: string[] = [];
  const next = async (message: string) => {
    asked.push(message);
    if (!queue.length) throw new Error(`unexpected prompt: ${message}`);
    return queue.shift();
  };
  return {
    asked,
    input: async (o) => (await next(o.message)) as string,
    confirm: async (o) => (await next(o.message)) as boolean,
    select: async (o) => (await next(o.message)) as never,
    search: async (o) => (await next(o.message)) as never,
  };
}
