/**
 * `coalition demo`: a complete example coalition in a fresh database, built by the real code paths
 * from the sample spreadsheets in fixtures/. Each feature adds its step to `buildDemo` in
 * src/core/demo.ts.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDemo } from '../core/demo.js';
import { openDb } from '../db/connection.js';
import type { Context } from '../io/context.js';
import { RefusedError } from '../io/errors.js';
import { renderJson } from '../io/output.js';
import { info } from '../io/style.js';
import { detailFields } from './coalition/show.js';
import { printRecords } from '../io/output.js';

export async function execute(ctx: Context, _args: string[], opts: { json?: boolean }): Promise<number> {
  let file: string;
  if (ctx.globals.db) {
    file = path.resolve(ctx.cwd, ctx.globals.db);
    if (existsSync(file)) throw new RefusedError(`${file} already exists; the demo needs a fresh database`, { hint: 'pass --db with a new file name, or leave --db out to use a temporary file' });
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'coalition-demo-'));
    file = path.join(dir, 'coalition.db');
  }
  ctx.globals.db = file;
  const db = await openDb(ctx);
  const result = await buildDemo(db, { now: ctx.now(), log: (m) => info(ctx, m) });
  if (opts.json) {
    ctx.stdout.write(renderJson(ctx, { db: file, ...result }));
    return 0;
  }
  await printRecords(ctx, detailFields(result.coalition), [{ header: 'field', key: 'field' }, { header: 'value', key: 'value' }], {});
  info(ctx, `\nDemo database: ${file}\nTry:  coalition --db "${file}" list`);
  return 0;
}
