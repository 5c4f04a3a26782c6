import { addModule, listModules, type TrainingModule } from '../../core/training/modules.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { printRecords, renderJson, type Column, type OutputOptions } from '../../io/output.js';
import { success } from '../../io/style.js';

export const columns: Column<TrainingModule>[] = [
  { header: 'id', key: 'id' },
  { header: 'name', key: 'name' },
  { header: 'audience', key: 'audience' },
  { header: 'built in', key: 'builtin', kind: 'bool' },
  { header: 'description', key: 'description' },
];

/** `coalition train modules`: the catalog. */
export async function execute(ctx: Context, _args: string[], opts: OutputOptions): Promise<number> {
  const db = await openDb(ctx);
  await printRecords(ctx, listModules(db), columns, opts);
  return 0;
}

export interface AddOptions {
  name?: string;
  audience?: string;
  description?: string;
  json?: boolean;
}

/** `coalition train modules add <id> --name …`. */
export async function executeAdd(ctx: Context, args: string[], raw: Record<string, unknown>): Promise<number> {
  const opts = raw as AddOptions;
  const db = await openDb(ctx);
  const m = addModule(db, { id: args[0], name: opts.name ?? '', audience: opts.audience, description: opts.description }, ctx.now());
  if (opts.json) ctx.stdout.write(renderJson(ctx, m));
  else {
    success(ctx, `Added module ${m.id}: ${m.name}`);
    ctx.stdout.write(m.id + '\n');
  }
  return 0;
}
