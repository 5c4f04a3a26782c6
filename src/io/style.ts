/**
 * One chalk instance per stream, built from the context: colour only on a terminal, never when
 * NO_COLOR, --no-color or TERM=dumb. chalk itself is loaded (by `loadStyles`, from main) only when
 * some stream can show colour, so piped runs and scripts never pay for it.
 */
import type { ChalkInstance } from 'chalk';
import type { Context } from './context.js';

let chalkModule: typeof import('chalk') | undefined;

export async function loadStyles(ctx: Context): Promise<void> {
  if (ctx.colorAllowed && (ctx.stdoutIsTTY || ctx.stderrIsTTY)) chalkModule ??= await import('chalk');
}

/** A chalk look-alike that styles nothing: `plain.bold.red('x') === 'x'`. */
const plain: ChalkInstance = new Proxy(function () {} as unknown as ChalkInstance, {
  get: (_t, prop) => (prop === 'level' ? 0 : plain),
  apply: (_t, _this, args: unknown[]) => args.join(' '),
});

export function chalkFor(ctx: Context, stream: 'stdout' | 'stderr'): ChalkInstance {
  const tty = stream === 'stdout' ? ctx.stdoutIsTTY : ctx.stderrIsTTY;
  if (!ctx.colorAllowed || !tty || !chalkModule) return plain;
  return new chalkModule.Chalk({ level: 1 });
}

/** Messages go to stderr, never stdout. */
export function info(ctx: Context, message: string): void {
  ctx.stderr.write(message + '\n');
}

export function warn(ctx: Context, message: string): void {
  const c = chalkFor(ctx, 'stderr');
  ctx.stderr.write(`${c.yellow('warning:')} ${message}\n`);
}

export function success(ctx: Context, message: string): void {
  const c = chalkFor(ctx, 'stderr');
  ctx.stderr.write(`${c.green('✓')} ${message}\n`);
}
