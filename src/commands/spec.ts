/**
 * How a command is described. The table of specs (src/commands/specs/*.ts) is light: it names
 * options and examples for `--help` and loads the command's module only when the command runs, so
 * `coalition --help` never loads the database, the ZIP table, inquirer or the template engine.
 */
import type { Context } from '../io/context.js';

export interface OptionSpec {
  /** Commander flags, e.g. `-o, --output <file>` or `--no-color`. */
  flags: string;
  description: string;
  default?: string | boolean | string[];
  choices?: readonly string[];
  /** May be given several times; the values arrive as an array. */
  repeatable?: boolean;
}

/** What a command's module exports. Returns the exit code (0 when void). */
export type Execute = (ctx: Context, args: string[], opts: Record<string, unknown>) => Promise<number | void>;

export interface CommandSpec {
  /** Path below `coalition`, words separated by spaces: `new`, `people show`, `train modules add`. */
  name: string;
  /** Positional arguments in commander syntax: `<file>`, `[slug]`, `[files...]`. */
  args?: string[];
  summary: string;
  /** Longer help text shown under the summary. */
  description?: string;
  options?: OptionSpec[];
  /** At least one example per command; the README's reference is checked against them. */
  examples: string[];
  aliases?: string[];
  /** Loads the module that runs the command (imported only when it runs). */
  load?: () => Promise<{ execute: Execute }>;
}

/** `--json`, `--format` and `-o` for commands that print records or documents. */
export function outputOptions(formats: readonly string[], withOutputFile = true): OptionSpec[] {
  const opts: OptionSpec[] = [
    { flags: '--json', description: 'print stable JSON on stdout' },
    { flags: '--format <format>', description: `output format: ${formats.join(', ')}`, choices: formats },
  ];
  if (withOutputFile) opts.push({ flags: '-o, --output <file>', description: 'write to FILE instead of stdout (- for stdout)' });
  return opts;
}
