/**
 * Builds the commander program from the command table. Nothing here knows what a command does;
 * modules are imported only when their command runs.
 */
import { Command, CommanderError, Option } from 'commander';
import type { Context } from './io/context.js';
import { UsageError } from './io/errors.js';
import { commandSpecs } from './commands/index.js';
import type { CommandSpec, OptionSpec } from './commands/spec.js';

import { VERSION } from './version.js';

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function addOption(cmd: Command, o: OptionSpec): void {
  const opt = new Option(o.flags, o.description);
  if (o.choices) opt.choices(o.choices);
  if (o.repeatable) opt.argParser(collect);
  if (o.default !== undefined) opt.default(o.default);
  cmd.addOption(opt);
}

/** Runs the command line; returns the command's exit code. Errors propagate to the caller. */
export async function runCli(argv: string[], ctx: Context, specs: CommandSpec[] = commandSpecs): Promise<number> {
  let exitCode = 0;
  const program = new Command('coalition');
  program
    .description('Coalition builds against human trafficking: imports, contact lists, training sign-offs and goal-progress reports.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--db <path>', 'database file (else COALITION_DB, else the default in your data folder)')
    .option('-c, --coalition <slug>', 'the coalition to work on (else COALITION, else the one chosen with "coalition use")')
    .option('--no-color', 'no colour in output')
    .option('-y, --yes', 'accept defaults; never prompt')
    .option('--debug', 'show stack traces for errors')
    .showHelpAfterError(false)
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => void ctx.stdout.write(s),
      writeErr: (s) => void ctx.stderr.write(s),
      outputError: () => {},
      getOutHelpWidth: () => (ctx.stdoutIsTTY ? ctx.columns : 100),
      getErrHelpWidth: () => (ctx.stderrIsTTY ? ctx.columns : 100),
    })
    .exitOverride();
  program.addHelpText('after', `
Start with:  coalition demo
Docs:        README.md (every command with an example)
Exit codes:  0 ok, 1 failure, 2 usage error, 3 partial import (rows rejected)`);

  const byPath = new Map<string, Command>([['', program]]);
  const sorted = [...specs].sort((a, b) => a.name.split(' ').length - b.name.split(' ').length);
  for (const spec of sorted) {
    const words = spec.name.split(' ');
    const parentPath = words.slice(0, -1).join(' ');
    let parent = byPath.get(parentPath);
    if (!parent) {
      // A group with no spec of its own (should not happen; give it a bare command).
      parent = program.command(parentPath);
      byPath.set(parentPath, parent);
    }
    const cmd = parent.command(words[words.length - 1]).description(spec.summary);
    cmd.copyInheritedSettings(program);
    for (const a of spec.aliases ?? []) cmd.alias(a);
    for (const arg of spec.args ?? []) cmd.argument(arg);
    for (const o of spec.options ?? []) addOption(cmd, o);
    const examples = spec.examples.map((e) => `  $ ${e}`).join('\n');
    cmd.addHelpText('after', `${spec.description ? `\n${spec.description}\n` : ''}\nExamples:\n${examples}`);
    if (spec.load) {
      const load = spec.load;
      cmd.action(async (...params: unknown[]) => {
        const command = params[params.length - 1] as Command;
        // A parent command's options (`activities --json`) are parsed by the parent even when they
        // follow a subcommand (`activities edit 1 --json`): hand them to the subcommand as well.
        const parent = command.parent && command.parent !== program ? command.parent.opts() : {};
        const opts = { ...parent, ...command.opts() };
        const globals = command.optsWithGlobals();
        Object.assign(ctx.globals, {
          db: globals.db,
          coalition: globals.coalition,
          debug: globals.debug,
          yes: globals.yes,
          color: globals.color,
        });
        const positional = params.slice(0, (spec.args ?? []).length);
        const mod = await load();
        const code = await mod.execute(ctx, flattenArgs(positional), opts);
        exitCode = code ?? 0;
      });
    } else {
      cmd.action(() => {
        cmd.help();
      });
    }
    byPath.set(spec.name, cmd);
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      const message = err.message.replace(/^error:\s*/, '');
      throw new UsageError(message, { hint: 'see coalition --help, or coalition <command> --help' });
    }
    throw err;
  }
  return exitCode;
}

/** Variadic arguments arrive as arrays; commands receive a flat list of the strings given (an
 * optional argument that was left out is simply absent). */
function flattenArgs(positional: unknown[]): string[] {
  return positional.flatMap((p) => (Array.isArray(p) ? p.map(String) : p === undefined ? [] : [String(p)]));
}
