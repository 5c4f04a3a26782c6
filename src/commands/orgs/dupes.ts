import { findOrgDupes, type OrgDupePair } from '../../core/orgs/dupes.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { printRecords, type Column, type OutputOptions } from '../../io/output.js';
import { info } from '../../io/style.js';

const place = (o: OrgDupePair['keep']) => [o.city, o.state].filter(Boolean).join(', ');

const columns: Column<OrgDupePair>[] = [
  { header: 'keep', get: (p) => p.keep.id, kind: 'number' },
  { header: 'keep name', get: (p) => p.keep.name },
  { header: 'keep place', get: (p) => place(p.keep) },
  { header: 'people', get: (p) => p.keep.people, kind: 'number' },
  { header: 'drop', get: (p) => p.drop.id, kind: 'number' },
  { header: 'drop name', get: (p) => p.drop.name },
  { header: 'drop place', get: (p) => place(p.drop) },
  { header: 'drop people', get: (p) => p.drop.people, kind: 'number' },
  { header: 'why', get: (p) => p.reason },
];

export async function execute(ctx: Context, _args: string[], opts: OutputOptions): Promise<number> {
  const db = await openDb(ctx);
  const pairs = findOrgDupes(db);
  await printRecords(ctx, pairs, columns, { ...opts, emptyMessage: 'No likely duplicate organizations.' });
  if (pairs.length && ctx.stdoutIsTTY && !opts.json && !opts.format) {
    info(ctx, `\nMerge a pair with: coalition orgs merge KEEP DROP (for example: coalition orgs merge ${pairs[0].keep.id} ${pairs[0].drop.id})`);
  }
  return 0;
}
