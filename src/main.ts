/**
 * The edge of the program: the only place that turns errors into `error:` / `hint:` lines and
 * sets the process exit code.
 */
import { createContext, type Context } from './io/context.js';
import { CoalitionError, ExitCode } from './io/errors.js';
import { inquirerPrompts } from './io/prompts.js';
import { chalkFor, loadStyles } from './io/style.js';

/** Runs one command line against a context; never touches `process`. */
export async function main(argv: string[], ctx: Context & { close(): Promise<void> }): Promise<number> {
  try {
    if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
      // Fast path: scripts call --version to probe the tool; no need to load commander for it.
      const { VERSION } = await import('./version.js');
      ctx.stdout.write(VERSION + '\n');
      return 0;
    }
    await loadStyles(ctx);
    const { runCli } = await import('./cli.js');
    return await runCli(argv, ctx);
  } catch (err) {
    return reportError(ctx, err, argv.includes('--debug'));
  } finally {
    try {
      await ctx.close();
    } catch {
      // closing the database after an error must not hide the error
    }
  }
}

export function reportError(ctx: Context, err: unknown, debug: boolean): number {
  const c = chalkFor(ctx, 'stderr');
  if (err instanceof CoalitionError) {
    ctx.stderr.write(`${c.red('error:')} ${err.message}\n`);
    if (err.hint) ctx.stderr.write(`${c.dim('hint:')} ${err.hint}\n`);
    if (debug && err.stack) ctx.stderr.write(err.stack + '\n');
    return err.exitCode;
  }
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'SQLITE_BUSY') {
    ctx.stderr.write(`${c.red('error:')} the database is busy (another coalition command is writing)\n${c.dim('hint:')} try again in a moment\n`);
  } else if (e?.code === 'SQLITE_NOTADB' || e?.code === 'SQLITE_CORRUPT') {
    ctx.stderr.write(`${c.red('error:')} the database file is not a coalition database or is damaged\n${c.dim('hint:')} check the path with: coalition db path; restore a backup with: coalition restore FILE\n`);
  } else {
    ctx.stderr.write(`${c.red('error:')} ${e?.message ?? String(err)}\n`);
    if (!debug) ctx.stderr.write(`${c.dim('hint:')} run again with --debug for details\n`);
  }
  if (debug && e?.stack) ctx.stderr.write(e.stack + '\n');
  return ExitCode.failure;
}

/** Entry point used by bin/coalition. */
export async function start(): Promise<void> {
  for (const stream of [process.stdout, process.stderr]) {
    // `coalition people | head` closes the pipe early: stop quietly.
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  const ctx = createContext({
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stdout.columns || 80,
    env: process.env,
    cwd: process.cwd(),
    prompts: inquirerPrompts(),
  });
  process.exitCode = await main(process.argv.slice(2), ctx);
}
