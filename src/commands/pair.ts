/** `coalition pair`: applies pins, computes the pairing and saves what changed. */
import { resolveCoalition } from '../core/coalitions.js';
import { computePairs, parseMaxMiles } from '../core/pairing/compute.js';
import { addPin, parsePinArg, removePin, resolvePerson, resolveStop, savePairs, type SaveSummary } from '../core/pairing/save.js';
import { openDb } from '../db/connection.js';
import type { Context } from '../io/context.js';
import { renderJson } from '../io/output.js';
import { info, success, warn } from '../io/style.js';

export interface PairOptions {
  maxMiles?: string;
  pin?: string[];
  unpin?: string[];
  dryRun?: boolean;
  json?: boolean;
}

export async function execute(ctx: Context, _args: string[], raw: Record<string, unknown>): Promise<number> {
  const opts = raw as PairOptions;
  const maxMiles = parseMaxMiles(opts.maxMiles);
  const pins = (opts.pin ?? []).map((p) => parsePinArg(p, '--pin'));
  const unpins = (opts.unpin ?? []).map((p) => parsePinArg(p, '--unpin'));
  const db = await openDb(ctx);
  const coalition = resolveCoalition(db, ctx.globals.coalition, ctx.env);
  const resolvedPins = pins.map((p) => ({ stop: resolveStop(db, p.stop), person: resolvePerson(db, p.person) }));
  const resolvedUnpins = unpins.map((p) => ({ stop: resolveStop(db, p.stop), person: resolvePerson(db, p.person) }));
  let pinned = 0;
  let unpinned = 0;
  let saved: SaveSummary | null = null;
  const run = () => {
    for (const p of resolvedUnpins) if (removePin(db, coalition.id, p.stop, p.person)) unpinned++;
    for (const p of resolvedPins) if (addPin(db, coalition.id, p.stop, p.person, ctx.now())) pinned++;
    const result = computePairs(db, coalition.id, { maxMiles });
    if (!opts.dryRun) saved = savePairs(db, coalition.id, result, ctx.now());
    return result;
  };
  let result: ReturnType<typeof computePairs>;
  if (opts.dryRun) {
    // Pins are applied inside a transaction that is rolled back, so the preview shows them.
    result = undefined as never;
    try {
      db.transaction(() => {
        result = run();
        throw new Rollback();
      })();
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
    }
  } else result = db.transaction(run)();
  const s = result.summary;
  if (opts.json) {
    ctx.stdout.write(renderJson(ctx, { coalition: coalition.slug, max_miles: maxMiles, dry_run: Boolean(opts.dryRun), summary: s, pins: { added: pinned, removed: unpinned }, changes: saved, gaps: result.gaps }));
    return 0;
  }
  if (s.stops === 0) {
    warn(ctx, `no truck stop of ${result.states.join(', ')} is in the database yet; import a directory with: coalition import contacts FILE`);
    return 0;
  }
  const changes = saved as SaveSummary | null;
  const what = opts.dryRun ? 'Would pair' : 'Paired';
  success(ctx, `${what} ${plural(s.stops, 'truck stop')} in ${plural(s.counties, 'county', 'counties')} of ${result.states.join(', ')}: ${s.with_local} with an officer of their county, ${s.with_nearest} with the nearest officers (within ${maxMiles} mi), ${s.without} with none.`);
  if (pinned || unpinned) info(ctx, `Pins: ${pinned} added, ${unpinned} removed; ${plural(s.pinned, 'stop has', 'stops have')} pins.`);
  if (changes) info(ctx, changes.inserted + changes.updated + changes.deleted === 0 ? 'Nothing changed since the last run.' : `Saved: ${changes.inserted} added, ${changes.updated} changed, ${changes.deleted} removed.`);
  if (s.unplaced) warn(ctx, `${plural(s.unplaced, 'truck stop has', 'truck stops have')} no county; set one with: coalition orgs set ID --county NAME`);
  if (s.gaps) info(ctx, `${plural(s.gaps, 'county has', 'counties have')} truck stops but no officer of ${s.gaps === 1 ? 'its' : 'their'} own: see coalition gaps`);
  return 0;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

class Rollback extends Error {}
