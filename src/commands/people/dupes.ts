import { findDupes, ignorePair, type DupePair } from '../../core/people/dupes.js';
import { mergePeople } from '../../core/people/merge.js';
import { formatPhone } from '../../core/normalize/phone.js';
import { openDb, type DB } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { printRecords, resolveFormat, type Column, type OutputOptions } from '../../io/output.js';
import { info, success } from '../../io/style.js';
import { describeMerge } from '../record-nouns.js';

export interface DupesOptions extends OutputOptions {
  all?: boolean;
  list?: boolean;
}

const columns: Column<DupePair>[] = [
  { header: 'keep', get: (p) => p.keep.id, kind: 'number' },
  { header: 'keep name', get: (p) => p.keep.name },
  { header: 'keep organization', get: (p) => p.keep.organization },
  { header: 'drop', get: (p) => p.drop.id, kind: 'number' },
  { header: 'drop name', get: (p) => p.drop.name },
  { header: 'drop organization', get: (p) => p.drop.organization },
  { header: 'why', get: (p) => p.reasons.join('; ') },
  { header: 'similarity', get: (p) => p.similarity, kind: 'number' },
];

type Choice = 'keep' | 'swap' | 'different' | 'skip' | 'stop';

function describe(p: DupePair['keep']): string {
  return [`#${p.id} ${p.name || '(no name)'}`, p.organization, p.email, formatPhone(p.phone), `${p.records} registration(s)/sign-off(s)`].filter(Boolean).join(' · ');
}

/** One by one on a terminal: merge (either way), mark as different people, skip, or stop. */
async function review(ctx: Context, db: DB, pairs: DupePair[]): Promise<void> {
  let merged = 0;
  const gone = new Set<number>();
  for (const [i, pair] of pairs.entries()) {
    if (gone.has(pair.keep.id) || gone.has(pair.drop.id)) continue;
    info(ctx, `\n${i + 1} of ${pairs.length}: ${pair.reasons.join('; ')}\n  A ${describe(pair.keep)}\n  B ${describe(pair.drop)}`);
    const choice = await ctx.prompts.select<Choice>({
      message: 'Same person?',
      choices: [
        { name: `Merge, keeping A (#${pair.keep.id})`, value: 'keep' },
        { name: `Merge, keeping B (#${pair.drop.id})`, value: 'swap' },
        { name: 'Different people (do not ask again)', value: 'different' },
        { name: 'Skip for now', value: 'skip' },
        { name: 'Stop reviewing', value: 'stop' },
      ],
    });
    if (choice === 'stop') break;
    if (choice === 'skip') continue;
    if (choice === 'different') {
      ignorePair(db, pair.keep.id, pair.drop.id);
      continue;
    }
    const [keep, drop] = choice === 'keep' ? [pair.keep.id, pair.drop.id] : [pair.drop.id, pair.keep.id];
    success(ctx, describeMerge('person', mergePeople(db, keep, drop, ctx.now())));
    gone.add(drop);
    merged++;
  }
  info(ctx, merged ? `Merged ${merged} pair(s).` : 'Nothing merged.');
}

export async function execute(ctx: Context, _args: string[], raw: Record<string, unknown>): Promise<number> {
  const opts = raw as DupesOptions;
  const format = resolveFormat(ctx, opts);
  const db = await openDb(ctx);
  const pairs = findDupes(db, { includeIgnored: opts.all });
  const interactive = ctx.canPrompt && ctx.stdoutIsTTY && format === 'table' && !opts.list && !opts.output;
  if (interactive) {
    if (pairs.length === 0) {
      info(ctx, 'No likely duplicates.');
      return 0;
    }
    info(ctx, `${pairs.length} likely duplicate pair(s).`);
    await review(ctx, db, pairs);
    return 0;
  }
  await printRecords(ctx, pairs, columns, { ...opts, format, json: false, emptyMessage: 'No likely duplicates.' });
  return 0;
}
