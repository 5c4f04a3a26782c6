import path from 'node:path';
import { resolveCoalition } from '../core/coalitions.js';
import { exportBundle } from '../core/safety/bundle.js';
import { openDb } from '../db/connection.js';
import { resolveDbPath } from '../db/paths.js';
import type { Context } from '../io/context.js';
import { UsageError } from '../io/errors.js';
import { renderJson } from '../io/output.js';
import { info, success } from '../io/style.js';
import { formatBytes } from './backup.js';
import { describeCounts } from './merge.js';

export interface ExportOptions {
  all?: boolean;
  output?: string;
  force?: boolean;
  json?: boolean;
}

export async function execute(ctx: Context, _args: string[], raw: Record<string, unknown>): Promise<number> {
  const opts = raw as ExportOptions;
  if (!opts.output || opts.output === '-') {
    throw new UsageError('export needs a file to write the bundle to', { hint: 'add -o FILE, for example: coalition export -c ia-2026 -o ia-2026.coalition' });
  }
  if (opts.all && ctx.globals.coalition) throw new UsageError('-c and --all contradict each other', { hint: 'pass -c SLUG for one coalition, or --all for every one' });
  const db = await openDb(ctx);
  const coalition = opts.all ? undefined : resolveCoalition(db, ctx.globals.coalition, ctx.env);
  const result = await exportBundle(db, resolveDbPath(ctx), path.resolve(ctx.cwd, opts.output), { coalition, all: opts.all, force: opts.force, now: ctx.now() });
  if (opts.json) {
    ctx.stdout.write(renderJson(ctx, result));
    return 0;
  }
  const c = result.counts;
  success(ctx, `Exported ${result.scope === 'all' ? 'all coalitions' : result.coalitions.join(', ')} to ${result.file} (${formatBytes(result.bytes)}, readable only by you).`);
  info(ctx, `It holds ${describeCounts(c)}.`);
  info(ctx, 'It holds names and contact details: send it only to people who may see them. They fold it in with: coalition merge FILE');
  ctx.stdout.write(result.file + '\n');
  return 0;
}
