import { describe, expect, it } from 'vitest';
import { compareAroundBuild, hotlineSeries, parsePeriod, terminalChart, upsertHotline, type HotlinePoint } from '../../src/core/hotline/index.js';
import { hotlineKind, parseCountCell } from '../../src/core/import/kinds/hotline.js';
import { mapHeaders } from '../../src/core/import/mapper.js';
import { runImport } from '../../src/core/import/pipeline.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/context.js';
import { RowRejected, type RowContext } from '../../src/core/import/types.js';
import type { DB } from '../../src/db/connection.js';
import { memoryDb } from './report-seed.js';

describe('parsePeriod', () => {
  it.each([
    ['2026-03', '2026-03', 'month'], ['2026-3', '2026-03', 'month'], ['2026/03', '2026-03', 'month'], ['Mar 2026', '2026-03', 'month'], ['March 2026', '2026-03', 'month'],
    ['Sept 2025', '2025-09', 'month'], ['sep-2025', '2025-09', 'month'], ['3/2026', '2026-03', 'month'], ['03/2026', '2026-03', 'month'], ['2026-03-01', '2026-03', 'month'],
    ['3/15/2026', '2026-03', 'month'], ['2025', '2025', 'year'], ['CY2025', '2025', 'year'], [2025, '2025', 'year'], [46082, '2026-03', 'month'],
    [new Date(Date.UTC(2026, 2, 1)), '2026-03', 'month'],
  ])('%j → %s (%s)', (raw, period, granularity) => expect(parsePeriod(raw)).toEqual({ period, granularity }));
  it.each(['', '2026-13', '13/2026', 'Smarch 2026', 'FY2025', 'Q1 2026', 12, null])('refuses %j', (raw) => expect(parsePeriod(raw)).toHaveProperty('error'));
});

describe('counts', () => {
  it.each([[null, null], ['', null], ['  ', null], ['-', null], ['n/a', null], ['1,234', 1234], [' 56 ', 56], [7, 7], ['—', null], ['–', null], ['N/A', null]])('%j → %j', (cell, n) => expect(parseCountCell(cell as never, 'calls')).toBe(n));
  it.each(['-3', '4.5', 'many', -1, 2.5])('rejects %j', (cell) => expect(() => parseCountCell(cell as never, 'calls')).toThrow(RowRejected));
});

const point = (period: string, contacts: number | null): HotlinePoint => ({ period, granularity: period.length === 4 ? 'year' : 'month', calls: contacts, texts: null, webchats: null, emails: null, online_tips: null, cases: null, contacts, states: 1, sources: [] });

describe('compareAroundBuild', () => {
  it('uses the 12 months before the build month and the months after it', () => {
    // 2025-01 (outside the window) 1000; 2025-02 … 2026-01: 12 months of 10 … 21 (mean 15.5);
    // 2026-02 (build month) 999 in neither; 2026-03, 2026-04: 20 and 30 (mean 25) → +61.3%
    const s = [point('2025-01', 1000), ...Array.from({ length: 12 }, (_, i) => point(i < 11 ? `2025-${String(i + 2).padStart(2, '0')}` : '2026-01', 10 + i)), point('2026-02', 999), point('2026-03', 20), point('2026-04', 30)];
    const c = compareAroundBuild(s, '2026-02-20');
    expect(c.before).toEqual({ from: '2025-02', to: '2026-01', periods: 12, mean: 15.5 });
    expect(c.after).toEqual({ from: '2026-03', to: '2026-04', periods: 2, mean: 25 });
    expect(c.change_pct).toBe(61.3);
    // As of 2026-03-31 only March is after the build.
    expect(compareAroundBuild(s, '2026-02-20', 'contacts', '2026-03-31').after).toMatchObject({ periods: 1, mean: 20 });
  });
  it('compares years around the build year, skipping gaps', () => {
    const s = [point('2022', 400), point('2023', null), point('2024', 500), point('2025', 900), point('2026', 700)];
    const c = compareAroundBuild(s, '2025-05-01');
    // before: 2022, 2024 → 450; after: 2026 → 700; +55.6%
    expect(c).toMatchObject({ granularity: 'year', build_period: '2025', before: { periods: 2, mean: 450 }, after: { periods: 1, mean: 700 }, change_pct: 55.6 });
  });
  it('compares only periods with every state of a multi-state build reporting', () => {
    const two = (period: string, contacts: number, states: number): HotlinePoint => ({ ...point(period, contacts), states });
    // NE alone before the build, NE and SD after: not a 70 % increase.
    const c = compareAroundBuild([two('2024', 360, 1), two('2025', 375, 1), two('2027', 617, 2)], '2026-05-01');
    expect(c.before.periods).toBe(0);
    expect(c.change_pct).toBeNull();
    const d = compareAroundBuild([two('2024', 360, 2), two('2025', 300, 1), two('2027', 400, 2)], '2026-05-01');
    expect([d.before.periods, d.before.mean, d.after.mean, d.change_pct]).toEqual([1, 360, 400, 11.1]);
  });
  it('has no change without a baseline', () => {
    expect(compareAroundBuild([point('2026-05', 3)], '2026-03-01').change_pct).toBeNull();
    expect(compareAroundBuild([point('2025-05', 0), point('2026-05', 3)], '2026-03-01').change_pct).toBeNull();
  });
});

describe('terminal chart', () => {
  it('marks the build period under the axis', async () => {
    const s = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'].map((p, i) => point(p, 10 + i * 5));
    const chart = await terminalChart(s, '2026-03-12', { height: 4 });
    const lines = chart.split('\n');
    const axisCol = lines[0].indexOf('┤');
    const markLine = lines.find((l) => l.includes('▲') && !l.includes('build'))!;
    expect(markLine.indexOf('▲')).toBe(axisCol + 1 + 2);
    expect(chart).toContain('▲ build (2026-03-12); contacts per month');
    expect(await terminalChart([point('2026-01', 1)], '2026-03-12')).toBe('');
  });
});

function rowContext(db: DB, batchId = 1) {
  const updates: Array<[string, number, Record<string, unknown>]> = [];
  const warnings: Array<[string, string]> = [];
  db.prepare("INSERT OR IGNORE INTO import_batches (id, kind, content_hash, started_at) VALUES (?, 'hotline', 'h', 'x')").run(batchId);
  const ctx: RowContext = {
    db,
    batch: { id: batchId, recordUpdate: (t, id, before) => void updates.push([t, id, before]) },
    now: new Date('2026-11-28T12:00:00Z'),
    warn: (f, m) => void warnings.push([f, m]),
    counters: { inserted: {}, updated: {}, duplicates: 0, skipped: {} },
    cache: new Map(),
  };
  return { ctx, updates, warnings };
}

describe('the hotline import kind', () => {
  it('inserts, then updates per state and period recording what it changed', async () => {
    const db = await memoryDb();
    const { ctx, updates, warnings } = rowContext(db);
    hotlineKind.writeRow({ line: 2, fields: { period: 'Mar 2026', state: 'Iowa', calls: '1,200', texts: '', source: 'AG log' }, raw: [] }, ctx);
    hotlineKind.writeRow({ line: 3, fields: { period: 2025, state: 'ia', calls: 566, cases: 74 }, raw: [] }, ctx);
    expect(ctx.counters.inserted).toEqual({ hotline_stats: 2 });
    const rows = db.prepare('SELECT state, period, granularity, calls, texts, cases, source, created_batch FROM hotline_stats ORDER BY period').all();
    expect(rows).toEqual([
      { state: 'IA', period: '2025', granularity: 'year', calls: 566, texts: null, cases: 74, source: null, created_batch: 1 },
      { state: 'IA', period: '2026-03', granularity: 'month', calls: 1200, texts: null, cases: null, source: 'AG log', created_batch: 1 },
    ]);
    const second = rowContext(db, 2);
    // Same figure again: unchanged (a duplicate); new texts: an update that keeps the calls.
    hotlineKind.writeRow({ line: 2, fields: { period: '2026-03', state: 'IA', calls: 1200 }, raw: [] }, second.ctx);
    hotlineKind.writeRow({ line: 3, fields: { period: '3/2026', state: 'IA', texts: 80, source: 'Polaris' }, raw: [] }, second.ctx);
    expect(second.ctx.counters).toMatchObject({ duplicates: 1, updated: { hotline_stats: 1 } });
    expect(second.updates).toEqual([['hotline_stats', 1, { texts: null, source: 'AG log', updated_at: expect.any(String) }]]);
    expect(second.warnings).toEqual([['period', 'IA 2026-03 appears more than once in the file; the later row\'s figures are kept']]);
    expect(db.prepare("SELECT calls, texts, source FROM hotline_stats WHERE period = '2026-03'").get()).toEqual({ calls: 1200, texts: 80, source: 'Polaris' });
    expect(warnings).toEqual([]);
  });
  it.each([
    [{ period: 'Q1', state: 'IA', calls: 1 }, /^"Q1" is not a month/, 'period'],
    [{ period: 'Q1 2024', state: 'IA', calls: 1 }, /^"Q1 2024" is a quarter: give its three months, or the whole year/, 'period'],
    [{ period: '2026-03', state: 'Iowaa', calls: 1 }, /state "Iowaa"/, 'state'],
    [{ period: '2026-03', state: 'IA' }, /no figures/, 'calls'],
    [{ period: '2026-03', state: 'IA', texts: 'lots' }, /texts "lots"/, 'texts'],
  ])('rejects %j', async (fields, message, field) => {
    const db = await memoryDb();
    const { ctx } = rowContext(db);
    try {
      hotlineKind.writeRow({ line: 5, fields, raw: [] }, ctx);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RowRejected);
      expect((e as RowRejected).reason).toMatch(message);
      expect((e as RowRejected).field).toBe(field);
    }
  });
  it('skips a totals row, a source line and a footnote under the figures, with a warning', async () => {
    const db = await memoryDb();
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'hotline.csv'),
      'State,Year,Calls,Cases\nIA,2024,402,52\nTotal,,2216,\nSource: humantraffickinghotline.org,,,\n* Signals may relate to more than one case.,,,\n',
    );
    const s = await runImport(db, { kind: 'hotline', file: 'hotline.csv', cwd: dir, now: new Date('2026-11-29T12:00:00Z') });
    expect(s).toMatchObject({ rows: 4, rejected: 0, inserted: { hotline_stats: 1 } });
    expect(db.prepare('SELECT count(*) AS n FROM hotline_stats').get()).toEqual({ n: 1 });
    expect(s.warnings.map((w) => w.message)).toEqual([
      '"Total" is a note or a total under the figures, not a state\'s figures: skipped',
      '"Source: humantraffickinghotline.org" is a note or a total under the figures, not a state\'s figures: skipped',
      '"* Signals may relate to more than one ca" is a note or a total under the figures, not a state\'s figures: skipped',
    ]);
  });
  it.each([
    [['Signals', '2019', '2020', '2021'], /the file has the years as columns \(2019, 2020, 2021\)/],
    [['Year', 'State', 'Signals', 'Cases'], /the column "Signals" is a total of contacts/],
    [['Year', 'State', 'Total Contacts'], /the column "Total Contacts" is a total of contacts/],
  ])('refuses the layout %j before any row, saying what to do', (header, message) => {
    const mapping = mapHeaders(header, hotlineKind, { explicit: {} });
    expect(() => hotlineKind.adaptMapping!(mapping, undefined as never)).toThrow(message);
  });
  it.each([
    [['Year', 'State', 'Calls', 'Texts', 'Total Signals', 'Cases']],
    [['Year', 'State', 'Cases']],
  ])('reads %j (a total beside the breakdown is not needed)', (header) => {
    const mapping = mapHeaders(header, hotlineKind, { explicit: {} });
    expect(() => hotlineKind.adaptMapping!(mapping, undefined as never)).not.toThrow();
  });
  it('sums the states of a multi-state build per period', async () => {
    const db = await memoryDb();
    const now = new Date();
    upsertHotline(db, { state: 'IA', period: '2026-01', granularity: 'month', counts: { calls: 10, texts: 2 } }, now);
    upsertHotline(db, { state: 'NE', period: '2026-01', granularity: 'month', counts: { calls: 5, cases: 1 } }, now);
    upsertHotline(db, { state: 'SD', period: '2026-01', granularity: 'month', counts: { calls: 1000 } }, now);
    expect(hotlineSeries(db, ['IA', 'NE'], 'month')).toEqual([expect.objectContaining({ period: '2026-01', calls: 15, texts: 2, cases: 1, contacts: 17, states: 2 })]);
  });
});
