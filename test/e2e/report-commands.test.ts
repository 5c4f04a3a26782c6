/**
 * End-to-end: the built binary imports the fixtures (directories, registrations, hotline figures,
 * activities), logs follow-up work and prints the report in every format, the PDF through Chromium.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { coalition, copyFixtures } from '../helpers/e2e.js';
import { tempDir } from '../helpers/context.js';

let dir: string;
let db: string;
const run = (args: string[]) => coalition([...args, '--db', db]);

beforeAll(async () => {
  dir = copyFixtures(['ia-truck-stops.csv', 'ia-law-enforcement.csv', 'ia-resources-semicolon.csv', 'ia-2026-eventbrite.csv', 'hotline-ia-monthly.csv', 'hotline-ia-yearly.csv', 'activities-ia-2026.csv']);
  db = path.join(tempDir(), 'e2e.db');
  expect((await run(['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12'])).exitCode).toBe(0);
  for (const f of ['ia-truck-stops.csv', 'ia-law-enforcement.csv', 'ia-resources-semicolon.csv']) expect((await run(['import', 'contacts', path.join(dir, f)])).exitCode).toBe(0);
  expect((await run(['import', 'attendees', path.join(dir, 'ia-2026-eventbrite.csv'), '-c', 'ia-2026'])).exitCode).toBe(0);
});

describe('import hotline', () => {
  it('imports monthly and yearly figures, mapping the hotline headers, and upserts on re-import', async () => {
    const m = await run(['import', 'hotline', path.join(dir, 'hotline-ia-monthly.csv'), '--json']);
    expect(m.exitCode).toBe(0);
    expect(JSON.parse(m.stdout)).toMatchObject({ kind: 'hotline', rows: 34, inserted: { hotline_stats: 34 }, rejected: 0 });
    const y = await run(['import', 'hotline', path.join(dir, 'hotline-ia-yearly.csv'), '--json']);
    const ys = JSON.parse(y.stdout);
    expect(ys).toMatchObject({ rows: 8, inserted: { hotline_stats: 8 } });
    expect(ys.columns).toEqual(expect.arrayContaining([{ column: 'Online Tip Reports', field: 'online_tips' }, { column: 'Cases Identified', field: 'cases' }]));
    // A corrected figure for one month: an update of that row, not a second row.
    const fix = path.join(dir, 'hotline-fix.csv');
    writeFileSync(fix, 'period,state,calls,source\n2026-10,IA,70,corrected by the AG\n13/2026,IA,5,\n');
    const f = await run(['import', 'hotline', fix, '--json']);
    expect(f.exitCode).toBe(3);
    expect(JSON.parse(f.stdout)).toMatchObject({ updated: { hotline_stats: 1 }, rejected: 1 });
    const j = JSON.parse((await run(['hotline', '--json', '-c', 'ia-2026'])).stdout);
    expect(j.granularity).toBe('month');
    expect(j.series.find((p: { period: string }) => p.period === '2026-10')).toMatchObject({ calls: 70, sources: ['corrected by the AG'] });
    const yearly = JSON.parse((await run(['hotline', '--yearly', '--json'])).stdout);
    expect(yearly.series.map((p: { period: string }) => p.period)).toEqual(['2019', '2020', '2021', '2022', '2023', '2024', '2025']);
    expect(yearly.series[6]).toMatchObject({ calls: 566, cases: 74 });
  });

  it('charts it on a terminal-width table when piped as table', async () => {
    const r = await run(['hotline', '--format', 'table']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('▲ build (2026-03-12)');
    expect(r.stdout).toMatch(/Change: \+\d+(\.\d)?%/);
  });
});

describe('import activities and log', () => {
  it('imports the follow-up spreadsheet, then logs by hand', async () => {
    const a = await run(['import', 'activities', path.join(dir, 'activities-ia-2026.csv'), '-c', 'ia-2026', '--json']);
    expect(a.exitCode).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ rows: 22, inserted: { activities: 22 }, rejected: 0 });
    const noC = await coalition(['import', 'activities', path.join(dir, 'activities-ia-2026.csv'), '--force', '--db', path.join(tempDir(), 'x.db')]);
    expect(noC.exitCode).not.toBe(0);
    const bad = path.join(dir, 'activities-bad.csv');
    writeFileSync(bad, 'Activity,Date,Component,Status\nsbi,5/1/2026,asset-seizure,adopted\nsbi,5/2/2026,forfeiture-funds,adopted\n');
    const b = await run(['import', 'activities', bad, '-c', 'ia-2026']);
    expect(b.exitCode).toBe(3);
    expect(b.stderr).toContain('"asset-seizure" is not a valid state-based initiative component');
    expect(readFileSync(path.join(dir, 'activities-bad.rejects.csv'), 'utf8')).toContain('asset-seizure');
    const log = await run(['log', 'training-event', '--audience', 'truck_stop', '--count', '90', '--date', '2026-10-20']);
    expect(log.exitCode).toBe(0);
    const list = JSON.parse((await run(['activities', '--kind', 'training-event', '--json'])).stdout);
    expect(list.map((x: { count: number }) => x.count)).toEqual([35, 62, 28, 90]);
    const id = list[3].id;
    expect((await run(['activities', 'edit', String(id), '--count', '95'])).exitCode).toBe(0);
    expect((await run(['activities', 'delete', String(id), '--yes'])).exitCode).toBe(0);
    const csv = await run(['activities', '--format', 'csv']);
    expect(csv.stdout.split('\r\n')[0]).toBe('id,date,kind,details,organization,count,note');
  });
});

describe('report', () => {
  it('prints JSON in the contract\'s shape from the imported data', async () => {
    const r = await run(['report', '--json']);
    expect(r.exitCode).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.coalition).toEqual({ slug: 'ia-2026', name: 'Iowa Coalition Build 2026', states: ['IA'], build_date: '2026-03-12' });
    expect(j.participants.attended).toBeGreaterThan(0);
    expect(j.goals).toHaveLength(14);
    const p25 = j.goals.find((g: { id: string }) => g.id === 'P2.5');
    // executive-order, train-agencies, hotline-network, forfeiture-funds adopted; distribute-materials in progress.
    expect(p25.metrics).toMatchObject({ components_adopted: 4, components_in_progress: 1 });
    expect(j.goals.find((g: { id: string }) => g.id === 'P2.2').status).toBe('met');
  });

  it('writes a PDF that Chromium rendered, with the goals and the hotline chart', async () => {
    const out = path.join(dir, 'report.pdf');
    const r = await run(['report', '--format', 'pdf', '-o', out]);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('Iowa Coalition Build 2026');
    expect(text).toContain('Participants');
    for (const id of ['P1.1', 'P1.8', 'P2.1', 'P2.6']) expect(text).toContain(id);
    expect(text).toContain('Hotline contacts');
    expect(text).toMatch(/build 2026-03-12/);
    expect(text).toContain('1-888-373-7888');
  });

  it('compares coalitions with --all and keeps --as-of', async () => {
    await run(['new', '--name', 'Nebraska Build', '--state', 'NE', '--date', '2026-06-02']);
    const t = await run(['report', '--all', '--format', 'csv', '--as-of', '2026-06-30']);
    const rows = t.stdout.trim().split('\r\n');
    expect(rows).toHaveLength(1 + 2 * 14);
    expect(rows[1]).toMatch(/^ia-2026,2026-06-30,P1\.1,/);
    expect(rows[15]).toMatch(/^ne-2026,2026-06-30,P1\.1,1,.*,no_data,0,/);
    const md = await run(['report', '--all', '--format', 'md', '-o', path.join(dir, 'all.md')]);
    expect(md.exitCode).toBe(0);
    expect(readFileSync(path.join(dir, 'all.md'), 'utf8')).toContain('| goal | title | ia-2026 | ne-2026 |');
  });

  it('targets set changes the report', async () => {
    expect((await run(['targets', 'set', 'P2.4', 'investigations', '10', '-c', 'ia-2026'])).exitCode).toBe(0);
    const j = JSON.parse((await run(['report', '--json', '-c', 'ia-2026'])).stdout);
    // 1 + 2 investigations logged against a target of 10 → 0.3
    expect(j.goals.find((g: { id: string }) => g.id === 'P2.4')).toMatchObject({ status: 'in_progress', progress: 0.3, target: { investigations: 10 } });
    const t = await run(['targets', '-c', 'ia-2026']);
    expect(t.stdout).toMatch(/P2\.4\tinvestigations\t10\t1\tyes/);
  });
});
