/**
 * A small facade over @inquirer/prompts so that commands never import inquirer directly and tests
 * can replace every prompt with scripted answers. Inquirer is imported lazily: `--help` and
 * non-interactive runs never load it.
 */
import { CancelledError } from './errors.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export interface Prompts {
  input(opts: { message: string; default?: string; validate?: (v: string) => true | string }): Promise<string>;
  confirm(opts: { message: string; default?: boolean }): Promise<boolean>;
  select<T>(opts: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  search<T>(opts: { message: string; source: (term: string | undefined) => Promise<Choice<T>[]> | Choice<T>[] }): Promise<T>;
}

function cancelled(err: unknown): never {
  if (err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')) {
    throw new CancelledError();
  }
  throw err;
}

/** The real prompts, writing to stderr so that stdout carries only data. */
export function inquirerPrompts(): Prompts {
  const output = process.stderr;
  const load = () => import('@inquirer/prompts');
  return {
    async input(opts) {
      const { input } = await load();
      return input(opts, { output }).catch(cancelled);
    },
    async confirm(opts) {
      const { confirm } = await load();
      return confirm(opts, { output }).catch(cancelled);
    },
    async select(opts) {
      const { select } = await load();
      return select(opts, { output }).catch(cancelled);
    },
    async search(opts) {
      const { search } = await load();
      return search(opts, { output }).catch(cancelled);
    },
  };
}

/** Prompts that refuse: used when prompting is impossible, so that a bug shows up as an error. */
export function noPrompts(): Prompts {
  const refuse = async (): Promise<never> => {
    throw new Error('internal: a prompt was shown without a terminal');
  };
  return { input: refuse, confirm: refuse, select: refuse, search: refuse };
}
