/** `coalition lint` in-process: exact output piped, on a terminal and as JSON; exit codes; stdin;
 * HTML; --fix; --terms; the coalition's fields; --record. */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { run, tempDb, tempDir, FIXED_NOW } from '../helpers/context.js';
import { builtinTerms, compileTerms, latestLintRun, lintCoalition } from '../../src/core/lint/index.js';
import { openDatabaseFile } from '../../src/db/connection.js';
import { excerpt } from '../../src/commands/lint.js';

const INVITATION = [
  '# Coalition build: Iowa, March 12',
  '',
  'Truck stop managers often see prostitutes and lot lizards at night.',
  "Officer Hooker of the Hooker County Sheriff's Office will present Iowa Code § 725.1 Prostitution.",
  'An underage prostitute is a victim, and so is every teen forced into prostitution.',
  '',
].join('\n');

function workdir(files: Record<string, string>): string {
  const dir = tempDir('coalition-lint-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('coalition lint FILE', () => {
  it('piped: tab-separated findings with a header, exit 1', async () => {
    const cwd = workdir({ 'invitation.md': INVITATION });
    const r = await run(['lint', 'invitation.md'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'file\tline\tcolumn\tterm\tsuggestion',
        'invitation.md\t3\t31\tprostitute\tvictims',
        'invitation.md\t3\t47\tlot lizard\tvictims',
        'invitation.md\t5\t4\tchild prostitute\tsexually exploited child',
        'invitation.md\t5\t70\tprostitution\tsex trafficking',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('4 terms flagged in 1 of 1 source.\n');
  });

  it('a clean file: nothing on stdout, exit 0', async () => {
    const cwd = workdir({ 'clean.md': 'Truck stop managers learn to recognise victims of trafficking.\nCall 1-888-373-7888.\n' });
    const r = await run(['lint', 'clean.md'], { cwd });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '✓ No stigmatizing terms found (1 source checked).\n' });
  });

  it('--json: one object per finding', async () => {
    const cwd = workdir({ 'a.txt': 'a lot-lizard\n' });
    const r = await run(['lint', 'a.txt', '--json'], { cwd });
    expect(r.code).toBe(1);
    const [f] = JSON.parse(r.stdout);
    expect(f).toEqual({
      file: 'a.txt', line: 1, column: 3, term: 'lot lizard', match: 'lot-lizard', suggestion: 'victim',
      suggestions: ['victim', 'person being trafficked at truck stops'], note: expect.stringContaining('Trucking slang'), fixable: true,
    });
    const clean = await run(['lint', '-', '--json'], { stdin: 'victims' });
    expect(clean).toMatchObject({ code: 0, stdout: '[]\n' });
  });

  it('on a terminal: grouped by file, the line with the term marked, the suggestion and why', async () => {
    const cwd = workdir({ 'a.md': 'She was a hooker.\n', 'b.md': 'Two lot lizards.\nA working girl.\n' });
    const r = await run(['lint', 'a.md', 'b.md'], { cwd, tty: true, columns: 100 });
    expect(r.code).toBe(1);
    const out = r.stdout.split('\n');
    expect(out[0]).toBe('a.md');
    expect(out[1]).toBe('  1:11  “hooker” → victim (or: person being trafficked)');
    expect(out[2]).toBe('      She was a hooker.');
    expect(out[3]).toBe('                ^^^^^^');
    expect(out[4]).toMatch(/^ {6}why: A slur/);
    expect(r.stdout).toContain('\nb.md\n  1:5  “lot lizards” → victims');
    expect(r.stdout).toContain('  2:3  “working girl” → victim');
    expect(r.stderr).toBe('3 terms flagged in 2 of 2 sources.\n');
  });

  it('in colour, the term itself is highlighted and no marker line is printed', async () => {
    const r = await run(['lint', '-'], { tty: true, stdin: 'Two lot lizards.\n', env: { NO_COLOR: '' } });
    expect(r.stdout).toMatch(/Two \u001b\[[\d;]+m.*lot lizards.*\u001b\[[\d;]+m\./);
    expect(r.stdout).not.toContain('^^^');
  });

  it.each([
    ['short line', 'a hooker here', 3, 6, 80, { line: 'a hooker here', start: 2, end: 8 }],
    ['long line, match at the end', 'x'.repeat(100) + ' hooker', 102, 6, 40, { line: '…' + 'x'.repeat(33) + ' hooker', start: 35, end: 41 }],
    ['long line, match at the start', 'hooker ' + 'y'.repeat(100), 1, 6, 40, { line: 'hooker ' + 'y'.repeat(33) + '…', start: 0, end: 6 }],
  ])('excerpt: %s', (_name, line, column, length, width, expected) => {
    expect(excerpt(line, column, length, width)).toEqual(expected);
  });

  it('reads standard input with -, as HTML when it starts with a tag', async () => {
    const html = '<p class="hooker">Drivers see\n  <em>prostitutes</em>.</p>\n';
    const r = await run(['lint', '-'], { stdin: html });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('file\tline\tcolumn\tterm\tsuggestion\n-\t2\t7\tprostitute\tvictims\n');
  });

  it('checks the visible text of an HTML file, not its tags or attributes', async () => {
    const cwd = workdir({ 'flyer.html': '<html><body data-x="prostitute">\n<img alt="hooker" src="lot-lizard.png">\n<p>Lot&nbsp;Lizard</p>\n</body></html>\n' });
    const r = await run(['lint', 'flyer.html', '--json'], { cwd });
    expect(JSON.parse(r.stdout).map((f: { line: number; column: number; match: string }) => [f.line, f.column, f.match])).toEqual([[3, 4, 'Lot Lizard']]);
  });

  it('checks the text files of a folder', async () => {
    const cwd = workdir({ 'docs/a.md': 'a hooker\n', 'docs/sub/b.html': '<p>pimps</p>', 'docs/c.png': 'hooker', 'docs/.hidden/d.md': 'hooker' });
    const r = await run(['lint', 'docs'], { cwd });
    expect(r.stdout).toBe('file\tline\tcolumn\tterm\tsuggestion\ndocs/a.md\t1\t3\thooker\tvictim\ndocs/sub/b.html\t1\t4\tpimp\ttraffickers\n');
  });

  it.each([
    [['lint', 'nope.md'], /error: no such file: nope\.md/],
    [['lint', '--fix', '-'], /cannot rewrite standard input/],
    [['lint', '--fix'], /--fix rewrites files/],
    [['lint', '-', '-'], /can be given once/],
    [['lint', '--frobnicate'], /unknown option/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const r = await run([...argv, '--db', tempDb()], { cwd: workdir({}) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});

describe('--fix', () => {
  it('rewrites only the unambiguous replacements, keeps the rest byte for byte, reports on stderr', async () => {
    const cwd = workdir({ 'inv.md': '\uFEFF' + INVITATION.replace(/\n/g, '\r\n') });
    const r = await run(['lint', '--fix', 'inv.md'], { cwd });
    expect(r.code).toBe(1); // "prostitution" is left for a person to reword
    expect(r.stdout).toBe('file\tline\tcolumn\tterm\tsuggestion\ninv.md\t5\t70\tprostitution\tsex trafficking\n');
    expect(r.stderr).toBe(
      [
        'inv.md:3:31 fixed: "prostitutes" → "victims"',
        'inv.md:3:47 fixed: "lot lizards" → "victims"',
        'inv.md:5:4 fixed: "An underage prostitute" → "A sexually exploited child"',
        '✓ Fixed 3 of 4; the rest need a person to choose the words.',
        '1 term flagged in 1 of 1 source.',
        '',
      ].join('\n'),
    );
    const after = readFileSync(path.join(cwd, 'inv.md'), 'utf8');
    expect(after).toBe(
      '\uFEFF' +
        INVITATION.replace('prostitutes and lot lizards', 'victims and victims').replace('An underage prostitute', 'A sexually exploited child').replace(/\n/g, '\r\n'),
    );
    const again = await run(['lint', '--fix', 'inv.md'], { cwd });
    expect(again.stderr).not.toContain('fixed:');
  });

  it('keeps a Windows-1252 file in its encoding', async () => {
    const cwd = workdir({});
    const file = path.join(cwd, 'old.txt');
    writeFileSync(file, Buffer.from('Caf\xe9 talk \x96 a lot lizard.\n', 'latin1'));
    const r = await run(['lint', '--fix', 'old.txt', 'old.txt'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('old.txt:1:15 fixed: "lot lizard" → "victim"');
    expect(readFileSync(file).toString('latin1')).toBe('Caf\xe9 talk \x96 a victim.\n');
  });

  it('exits 0 when everything flagged was fixed', async () => {
    const cwd = workdir({ 'a.txt': 'Hookers and pimps.\n' });
    const r = await run(['lint', '--fix', 'a.txt'], { cwd });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(cwd, 'a.txt'), 'utf8')).toBe('Victims and traffickers.\n');
  });
});

describe('--terms', () => {
  it('adds a coordinator list to the built-in one', async () => {
    const cwd = workdir({
      'mine.json': JSON.stringify({ terms: [{ term: 'trick', suggestions: ['buyer', 'sex buyer'], fix: { one: 'buyer', many: 'buyers' }, note: 'names the buyer for what he is' }] }),
      'a.txt': 'Tricks and hookers.\n',
    });
    const r = await run(['lint', 'a.txt', '--terms', 'mine.json'], { cwd });
    expect(r.stdout).toBe('file\tline\tcolumn\tterm\tsuggestion\na.txt\t1\t1\ttrick\tBuyers\na.txt\t1\t12\thooker\tvictims\n');
  });

  it('refuses a bad list naming the file and the field (exit 2: nothing was checked)', async () => {
    const cwd = workdir({ 'bad.json': '{"terms": [{"term": "trick"}]}', 'a.txt': 'x' });
    const r = await run(['lint', 'a.txt', '--terms', 'bad.json'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: bad.json, field "terms[0].suggestions": "trick" needs "suggestions"');
    expect(r.stderr).toContain('hint:');
    const missing = await run(['lint', 'a.txt', '--terms', 'none.json'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error: none.json: cannot read the term list (ENOENT)');
  });
});

async function coalitionDb(): Promise<string> {
  const file = tempDb();
  await run(['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12', '--description', 'Helping drivers help lot lizards', '--db', file]);
  const { db } = await openDatabaseFile(file);
  const ts = '2026-03-01T00:00:00Z';
  const org = db.prepare("INSERT INTO organizations (name, name_key, city_key, sector, state, notes, created_at, updated_at) VALUES ('Hooker Travel Plaza', 'hooker travel plaza', '', 'truck_stop', 'IA', 'Manager reports working girls in the back row.', ?, ?)").run(ts, ts);
  const other = db.prepare("INSERT INTO organizations (name, name_key, city_key, sector, state, notes, created_at, updated_at) VALUES ('Omaha Stop', 'omaha stop', '', 'truck_stop', 'NE', 'A hooker note in another state', ?, ?)").run(ts, ts);
  const p = db.prepare("INSERT INTO people (first_name, last_name, name_key, organization_id, notes, created_at, updated_at) VALUES ('Maria', 'Kowalski', 'maria kowalski', ?, ?, ?, ?)").run(
    org.lastInsertRowid, 'Speaks Spanish.\nSaw a child prostitute in 2024; called Officer Hooker.', ts, ts,
  );
  db.prepare('INSERT INTO attendance (coalition_id, person_id, checked_in, created_at, updated_at) VALUES (1, ?, 1, ?, ?)').run(p.lastInsertRowid, ts, ts);
  db.prepare("INSERT INTO activities (coalition_id, kind, occurred_on, note, details_json, created_at, updated_at) VALUES (1, 'task-force', '2026-04-01', 'Met with Hooker County deputies', ?, ?, ?)").run(JSON.stringify({ name: 'Anti-Pimp Task Force' }), ts, ts);
  void other;
  db.close();
  return file;
}

describe('without files: the coalition fields and the templates', () => {
  it('names each record by table, id and field; never by a person', async () => {
    const db = await coalitionDb();
    const r = await run(['lint', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'file\tline\tcolumn\tterm\tsuggestion',
        'db:coalitions/1/description\t1\t22\tlot lizard\tvictims',
        'db:people/1/notes\t2\t7\tchild prostitute\tsexually exploited child',
        'db:organizations/1/notes\t1\t17\tworking girl\tvictims',
        'db:activities/1/details.name\t1\t6\tpimp\tTrafficker',
        '',
      ].join('\n'),
    );
    expect(r.stdout + r.stderr).not.toContain('Kowalski');
    expect(r.stdout + r.stderr).not.toContain('Maria');
  });

  it('on a terminal shows only the matched line of a note', async () => {
    const db = await coalitionDb();
    const r = await run(['lint', '--db', db], { tty: true });
    expect(r.stdout).toContain('      Saw a child prostitute in 2024; called Officer Hooker.');
    expect(r.stdout).not.toContain('Speaks Spanish');
  });

  it('--record stores the count, date and details for the report', async () => {
    const db = await coalitionDb();
    const r = await run(['lint', '-c', 'ia-2026', '--record', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✓ Recorded for ia-2026 (goal P1.7): 4 findings on 2026-11-28.');
    const conn = new Database(db, { readonly: true });
    const run1 = latestLintRun(conn, 1)!;
    expect(run1).toMatchObject({ coalition_id: 1, checked_at: FIXED_NOW.toISOString().replace('.000', ''), findings: 4 });
    expect(run1.details[1]).toEqual({ source: 'db:people/1/notes', line: 2, column: 7, term: 'child prostitute', match: 'child prostitute', suggestion: 'sexually exploited child' });
    expect(JSON.stringify(run1.details)).not.toContain('Kowalski');
    conn.close();
    // a later clean check (files given) is the latest
    const cwd = workdir({ 'ok.md': 'victim-centered language\n' });
    const clean = await run(['lint', 'ok.md', '--record', '--db', db], { cwd, now: new Date('2026-12-01T10:00:00Z') });
    expect(clean.code).toBe(0);
    const conn2 = new Database(db, { readonly: true });
    expect(latestLintRun(conn2, 1)).toMatchObject({ checked_at: '2026-12-01T10:00:00Z', findings: 0, details: [] });
    conn2.close();
  });

  it('lintCoalition (for the demo) checks and records the same as the command', async () => {
    const file = await coalitionDb();
    const { db } = await openDatabaseFile(file);
    const r = lintCoalition(db, 1, { terms: compileTerms(builtinTerms()), now: FIXED_NOW, record: true, templatesDir: tempDir() });
    expect(r.findings.map((f) => f.source)).toEqual(['db:coalitions/1/description', 'db:people/1/notes', 'db:organizations/1/notes', 'db:activities/1/details.name']);
    expect(latestLintRun(db, 1)).toMatchObject({ id: r.run!.id, findings: 4 });
    db.close();
  });

  it('--record without a coalition is an error; without files and coalitions only the templates are checked', async () => {
    const db = tempDb();
    const r = await run(['lint', '--record', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('there is no coalition yet');
    const t = await run(['lint', '--db', db]);
    expect(t.stderr).toContain('No coalition yet: checking the templates only.');
  });
});
