/** The report, hotline, activities, log and targets commands, in-process with a fixed clock. */
import { beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { run, tempDb } from '../helpers/context.js';
import { configure } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrations/index.js';
import { seedIowa, addOrg } from './report-seed.js';

let file: string;
beforeAll(async () => {
  file = tempDb();
  const { closeSync, openSync } = await import('node:fs');
  closeSync(openSync(file, 'w', 0o600));
  const db = new Database(file);
  configure(db);
  await migrate(db, file, () => new Date());
  seedIowa(db);
  addOrg(db, { name: '<script>alert("x")</script> Trucking & Sons', sector: 'trucking', agency_type: 'carrier', county: '19153' });
  db.close();
});

describe('coalition report', () => {
  it('prints the terminal report with progress bars', async () => {
    const r = await run(['report', '--db', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Iowa Coalition Build 2026 (ia-2026) · IA · build 2026-03-12 · as of 2026-11-28');
    expect(r.stdout).toContain('Participants: 9 attended (checked in) of 11 registered');
    expect(r.stdout).toMatch(/P1\.1 +████░░░░░░ +40% +in progress/);
    expect(r.stdout).toContain('– no DOT/MVE officer attended');
    expect(r.stdout).toMatch(/P2\.2 +██████████ 100% +met/);
    expect(r.stdout).toContain('Hotline contacts per month: 50 before the build (12 months) → 66 after (6 months), +32%');
    expect(r.stdout).toContain('3 of 14 goals met.');
  });

  it('prints the contract\'s JSON shape', async () => {
    const r = await run(['report', '--json', '--db', file]);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['coalition', 'as_of', 'participants', 'goals']));
    expect(j.coalition).toEqual({ slug: 'ia-2026', name: 'Iowa Coalition Build 2026', states: ['IA'], build_date: '2026-03-12' });
    expect(j.as_of).toBe('2026-11-28');
    expect(j.participants).toMatchObject({ registered: 11, attended: 9, by_sector: { law_enforcement: 4 } });
    expect(j.goals.map((g: { id: string }) => g.id)).toEqual(['P1.1', 'P1.2', 'P1.3', 'P1.4', 'P1.5', 'P1.6', 'P1.7', 'P1.8', 'P2.1', 'P2.2', 'P2.3', 'P2.4', 'P2.5', 'P2.6']);
    for (const g of j.goals) {
      expect(Object.keys(g).sort()).toEqual(['id', 'metrics', 'missing', 'phase', 'progress', 'status', 'target', 'title']);
      expect(['met', 'in_progress', 'not_started', 'no_data']).toContain(g.status);
      expect(g.progress).toBeGreaterThanOrEqual(0);
      expect(g.progress).toBeLessThanOrEqual(1);
    }
  });

  it('writes CSV, one row per goal, and Markdown', async () => {
    const csv = await run(['report', '--format', 'csv', '--db', file]);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('coalition,as_of,goal,phase,title,status,progress,metrics,target,missing');
    expect(lines).toHaveLength(15);
    expect(lines[1]).toMatch(/^ia-2026,2026-11-28,P1\.1,1,/);
    const md = await run(['report', '--format', 'md', '--db', file]);
    expect(md.stdout).toMatch(/^# Iowa Coalition Build 2026/);
    expect(md.stdout).toContain('| P2.2 | met |');
  });

  it('escapes HTML and embeds the charts', async () => {
    const db = new Database(file);
    const cid = (db.prepare("SELECT id FROM coalitions WHERE slug = 'ia-2026'").get() as { id: number }).id;
    const org = (db.prepare("SELECT id FROM organizations WHERE name LIKE '<script>%'").get() as { id: number }).id;
    db.prepare("INSERT INTO activities (coalition_id, kind, occurred_on, organization_id, details_json, created_at, updated_at) VALUES (?, 'task-force', '2026-07-01', ?, ?, 'x', 'x')").run(cid, org, JSON.stringify({ name: '<b>Task & "Force"</b>' }));
    db.prepare("UPDATE coalitions SET name = 'Iowa <Build> & \"Friends\"' WHERE id = ?").run(cid);
    db.close();
    try {
      const r = await run(['report', '--format', 'html', '--db', file]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('<h1>Iowa &lt;Build&gt; &amp; &quot;Friends&quot;</h1>');
      expect(r.stdout).not.toContain('<Build>');
      expect(r.stdout).not.toContain('<script>');
      expect(r.stdout).toContain('aria-label="Participants by sector"');
      expect(r.stdout).toContain('aria-label="Goal progress"');
      expect(r.stdout).toContain('aria-label="Hotline contacts per month"');
      expect(r.stdout).toContain('build 2026-03-12');
      expect(r.stdout).toContain('1-888-373-7888');
    } finally {
      const d = new Database(file);
      d.prepare("UPDATE coalitions SET name = 'Iowa Coalition Build 2026' WHERE slug = 'ia-2026'").run();
      d.prepare("DELETE FROM activities WHERE kind = 'task-force' AND occurred_on = '2026-07-01'").run();
      d.close();
    }
  });

  it('--as-of before the build shows no post-build data', async () => {
    const r = await run(['report', '--as-of', '2026-03-01', '--json', '--db', file]);
    const j = JSON.parse(r.stdout);
    expect(j.as_of).toBe('2026-03-01');
    expect(j.participants.attended).toBe(0);
    const p2 = j.goals.filter((g: { phase: number }) => g.phase === 2);
    expect(p2.map((g: { status: string }) => g.status)).toEqual(['not_started', 'no_data', 'not_started', 'not_started', 'no_data', 'no_data']);
  });

  it('refuses bad flags', async () => {
    expect((await run(['report', '--as-of', '2026-13-01', '--db', file])).code).toBe(2);
    expect((await run(['report', '--format', 'pdf', '--db', file])).stderr).toContain('PDF output needs a file');
    expect((await run(['report', '--all', '-c', 'ia-2026', '--db', file])).code).toBe(2);
  });
});

describe('coalition report --all', () => {
  it('compares two coalitions goal by goal', async () => {
    const db = tempDb();
    const { closeSync, openSync } = await import('node:fs');
    closeSync(openSync(db, 'w', 0o600));
    const raw = new Database(db);
    configure(raw);
    await migrate(raw, db, () => new Date());
    seedIowa(raw);
    raw.close();
    await run(['new', 'ne-2026', '--name', 'Nebraska Build', '--state', 'NE', '--date', '2026-06-02', '--db', db]);
    const t = await run(['report', '--all', '--db', db], { columns: 200, tty: true });
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/goal.*title.*ia-2026.*ne-2026/);
    expect(t.stdout).toMatch(/P1\.1.*in progress 40%.*no data 0%/);
    // Piped, the comparison is tab-separated lines with a header line, like every list.
    const piped = (await run(['report', '--all', '--db', db])).stdout.trimEnd().split('\n');
    expect(piped[0]).toBe('goal\ttitle\tia-2026\tne-2026');
    expect(piped).toHaveLength(1 + 14);
    expect(piped[1]).toMatch(/^P1\.1\t[^\t]+\tin progress 40%\tno data 0%$/);
    const j = JSON.parse((await run(['report', '--all', '--json', '--db', db])).stdout);
    expect(j.coalitions.map((c: { coalition: { slug: string } }) => c.coalition.slug)).toEqual(['ia-2026', 'ne-2026']);
    const csv = (await run(['report', '--all', '--format', 'csv', '--db', db])).stdout.trim().split('\r\n');
    expect(csv).toHaveLength(1 + 28);
    const html = (await run(['report', '--all', '--format', 'html', '--db', db])).stdout;
    expect(html).toContain('Coalitions compared');
    expect(html).toContain('ne-2026');
  });
});

describe('coalition hotline', () => {
  it('charts the series with the build marked and compares before and after', async () => {
    const r = await run(['hotline', '--db', file], { tty: true, columns: 100 });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Hotline contacts per month, IA (ia-2026, build 2026-03-12)');
    expect(r.stdout).toContain('▲ build (2026-03-12)');
    expect(r.stdout).toContain('Before the build: 50 per month over 12 months (2025-03 … 2026-02)');
    expect(r.stdout).toContain('After the build:  66 per month over 6 months (2026-04 … 2026-09)');
    expect(r.stdout).toContain('Change: +32%');
  });

  it('prints the series as TSV when piped and JSON on request', async () => {
    const tsv = await run(['hotline', '--db', file]);
    expect(tsv.stdout.split('\n')[0]).toBe('period\tcalls\ttexts\twebchats\temails\tonline tips\tcontacts\tcases\tsource');
    expect(tsv.stdout).toContain('2025-03\t40\t10\t\t\t\t50\t4\ttest');
    const j = JSON.parse((await run(['hotline', '--json', '--metric', 'cases', '--db', file])).stdout);
    expect(j.comparison).toMatchObject({ metric: 'cases', change_pct: 25 });
    expect(j.series).toHaveLength(21);
  });

  it('--state alone charts a state without a build', async () => {
    const r = await run(['hotline', '--state', 'NE', '--json', '--db', file]);
    expect(JSON.parse(r.stdout)).toMatchObject({ states: ['NE'], coalition: null, comparison: null });
    expect((await run(['hotline', '--state', 'ZZ', '--db', file])).code).toBe(2);
    expect((await run(['hotline', '--state', 'TX', '--db', file])).stderr).toContain('no hotline figures for TX');
  });
});

describe('coalition log / activities / targets', () => {
  it('logs, lists, edits and deletes', async () => {
    const db = tempDb();
    await run(['new', '--name', 'Iowa', '--state', 'IA', '--date', '2026-03-12', '--db', db]);
    const raw = new Database(db);
    addOrg(raw, { name: "Love's Travel Stop", sector: 'truck_stop', county: '19153', city: 'Altoona' });
    const loves2 = addOrg(raw, { name: "Love's Travel Stop", sector: 'truck_stop', county: '19099', city: 'Newton' });
    raw.prepare("UPDATE organizations SET store_number = '809' WHERE id = ?").run(loves2);
    raw.close();
    const amb = await run(['log', 'distribution-point', '--org', "Love's Travel Stop", '--db', db]);
    expect(amb.code).toBe(2);
    expect(amb.stderr).toContain('matches 2 organizations');
    const ok = await run(['log', 'distribution-point', '--org', "Love's Travel Stop #809", '--materials', 'wallet cards, posters', '--count', '300', '--date', '2026-04-02', '--db', db]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('1\n');
    expect(ok.stderr).toContain("Logged activity 1 for ia-2026: distribution-point wallet cards, posters at Love's Travel Stop count 300, 2026-04-02");
    const byCity = await run(['log', 'commitment', '--org', "Love's Travel Stop, Altoona", '--what', 'train employees', '--db', db]);
    expect(byCity.code).toBe(0);
    // The distribution point flag is set on the organization.
    const check = new Database(db);
    expect(check.prepare('SELECT distribution_point FROM organizations WHERE id = ?').get(loves2)).toEqual({ distribution_point: 1 });
    check.close();
    const bad = await run(['log', 'sbi', '--component', 'asset-seizure', '--status', 'adopted', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('hint: use one of: executive-order, train-agencies, distribute-materials, forfeiture-funds, hotline-network, cdl-curriculum');
    const badStatus = await run(['log', 'cdl-mandate', '--status', 'signed', '--db', db]);
    expect(badStatus.stderr).toContain('use one of: none, proposed, introduced, passed, implemented');
    const victim = await run(['log', 'investigation', '--note', 'girl named Amy, 15 years old', '--db', db]);
    expect(victim.code).toBe(1);
    expect(victim.stderr).toContain('never victim details');
    expect(victim.stderr).not.toContain('Amy');
    const inv = await run(['log', 'investigation', '--count', '2', '--date', '2026-09-30', '--db', db]);
    expect(inv.stderr).toContain('never record victim details');
    const wrongOpt = await run(['log', 'investigation', '--status', 'passed', '--db', db]);
    expect(wrongOpt.code).toBe(2);
    const list = await run(['activities', '--db', db]);
    expect(list.stdout.split('\n')[0]).toBe('id\tdate\tkind\tdetails\torganization\tcount\tnote');
    expect(list.stdout.trim().split('\n')).toHaveLength(4);
    const json = JSON.parse((await run(['activities', '--kind', 'distribution-point', '--json', '--db', db])).stdout);
    expect(json).toEqual([expect.objectContaining({ id: 1, kind: 'distribution-point', date: '2026-04-02', count: 300, details: { materials: ['wallet cards', 'posters'] } })]);
    const badKind = await run(['activities', '--kind', 'bad', '--db', db]);
    expect([badKind.code, badKind.stderr]).toEqual([2, expect.stringContaining('--kind "bad" is not an activity kind')]);
    expect((await run(['activities', '--from', 'bad', '--db', db])).code).toBe(2);
    const edit = await run(['activities', 'edit', '1', '--count', '350', '--json', '--db', db]);
    expect(JSON.parse(edit.stdout)).toMatchObject({ id: 1, count: 350, details: { materials: ['wallet cards', 'posters'] } });
    expect((await run(['activities', 'edit', '1', '--db', db])).stderr).toContain('nothing to change');
    expect((await run(['activities', 'edit', '99', '--count', '1', '--db', db])).code).toBe(1);
    expect((await run(['activities', 'delete', '3', '--db', db])).stderr).toContain('pass --yes');
    expect((await run(['activities', 'delete', '3', '--yes', '--db', db])).code).toBe(0);
    expect(JSON.parse((await run(['activities', '--json', '--db', db])).stdout)).toHaveLength(2);
  });

  it('shows and sets targets', async () => {
    const db = tempDb();
    await run(['new', '--name', 'Iowa', '--state', 'IA', '--date', '2026-03-12', '--db', db]);
    expect((await run(['targets', 'set', 'P1.2', 'trained_share', '95%', '--db', db])).stderr).toContain('ia-2026: target P1.2 trained_share = 95% (default 90%)');
    const t = JSON.parse((await run(['targets', '--json', '--db', db])).stdout);
    expect(t.find((x: { goal: string }) => x.goal === 'P1.2')).toMatchObject({ key: 'trained_share', value: 0.95, default: 0.9, changed: true });
    expect(t).toHaveLength(24);
    expect((await run(['targets', 'set', 'P1.2', 'nope', '1', '--db', db])).code).toBe(1);
    const rep = JSON.parse((await run(['report', '--json', '--db', db])).stdout);
    expect(rep.goals[1].target).toEqual({ trained_share: 0.95 });
  });
});
