/** The benchmarks' bare Node floor (bench/floor.mjs) must import every row it is given, or its
 * figure beside coalition's would flatter nobody and mislead everyone. */
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/context.js';
import { FIXTURES, ROOT, coalition } from '../helpers/e2e.js';

const floor = (file: string, db: string, ...more: string[]) => execa('node', [path.join(ROOT, 'bench', 'floor.mjs'), file, db, ...more], { reject: false });

describe('bench/floor.mjs', () => {
  it('writes every data row of a directory as it stands, quoted commas and all', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'f.db');
    const r = await floor(path.join(FIXTURES, 'ia-truck-stops.csv'), db);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ rows: 32 });
    const d = new Database(db, { readonly: true });
    expect(d.prepare('SELECT count(*) FROM floor').pluck().get()).toBe(32);
    expect(d.prepare('SELECT c0, c6 FROM floor WHERE rowid = 2').get()).toEqual({ c0: 'Pilot Travel Center', c6: '52773-8812' });
    d.close();
  });

  it('pads short rows and cuts long ones to the header, as sqlite3 .import does', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'ragged.csv');
    writeFileSync(file, 'a,b,c\n1,2\n1,2,3,4\n"x, y",2,3\n');
    const r = await floor(file, path.join(dir, 'f.db'));
    expect(r.exitCode).toBe(0);
    const d = new Database(path.join(dir, 'f.db'), { readonly: true });
    expect(d.prepare('SELECT c0, c1, c2 FROM floor ORDER BY rowid').raw().all()).toEqual([['1', '2', null], ['1', '2', '3'], ['x, y', '2', '3']]);
    d.close();
  });

  it('says how to call it without its arguments', async () => {
    const r = await floor('', '');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('usage: node bench/floor.mjs FILE.csv DB [people]');
  });
});

describe('bench/floor.mjs people: the rows, uncleaned, in a coalition database', () => {
  it('writes one person a row and builds the people indexes again', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'c.db');
    expect((await coalition(['--db', db, 'db', 'migrate'])).exitCode).toBe(0);
    const file = path.join(dir, 'contacts.csv');
    // bench/import.mjs's columns; the same e-mail twice, as its file has.
    writeFileSync(file, 'Agency,Officer,Rank,E-mail,Phone,Address,City,State,ZIP,County,OK to list\nAmes PD,Dana Smith,Sgt.,d@x.example,515-555-0101,1 Main St,Ames,IA,50010,Story,Y\nAmes PD,Dana Smith,Sgt.,d@x.example,515-555-0101,1 Main St,Ames,IA,50010,Story,Y\n');
    const r = await floor(file, db, 'people');
    expect(r.exitCode, r.stderr).toBe(0);
    const d = new Database(db, { readonly: true });
    expect(d.prepare('SELECT count(*) FROM people').pluck().get()).toBe(2);
    expect(d.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'people' ORDER BY name").pluck().all()).toEqual(['people_county', 'people_email', 'people_name_org', 'people_org', 'people_phone']);
    d.close();
  });
});
