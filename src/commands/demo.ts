/**
 * `coalition demo`: a complete example coalition in a fresh database, built by the real code paths
 * from the sample spreadsheets in fixtures/ (see src/core/demo.ts), then its goal-progress report.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDemo } from '../core/demo.js';
import { reportText } from '../core/report/render.js';
import { openDb } from '../db/connection.js';
import type { Context } from '../io/context.js';
import { RefusedError } from '../io/errors.js';
import { renderJson } from '../io/output.js';
import { chalkFor, info } from '../io/style.js';

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
    const { reportText: _text, ...rest } = result;
    ctx.stdout.write(renderJson(ctx, { db: file, ...rest }));
    return 0;
  }
  info(ctx, '');
  ctx.stdout.write(reportText(result.report, { width: ctx.columns, chalk: chalkFor(ctx, 'stdout') }));
  const q = file.includes(' ') ? `"${file}"` : file;
  info(
    ctx,
    [
      '',
      `The demo database is ${file}. Look around:`,
      `  coalition --db ${q} people --attended`,
      `  coalition --db ${q} gaps`,
      `  coalition --db ${q} contacts --format pdf -o contact-lists.pdf`,
      `  coalition --db ${q} train missing --module build-initial`,
      `  coalition --db ${q} hotline`,
      `  coalition --db ${q} report --format html -o report.html`,
    ].join('\n'),
  );
  return 0;
}
