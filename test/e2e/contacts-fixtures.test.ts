/** The Iowa fixtures end to end: import the truck stop, law-enforcement and resource directories,
 * pair, and print the lists in every format. */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { coalition, copyFixtures } from '../helpers/e2e.js';

const DIRECTORIES = ['ia-truck-stops.csv', 'ia-law-enforcement.csv', 'ia-resources-semicolon.csv'];

/** Officers the law-enforcement directory lists without consent ("N" or blank in "OK to list"). */
function withoutConsent(dir: string): Array<{ email: string; phone: string }> {
  const lines = readFileSync(path.join(dir, 'ia-law-enforcement.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  return lines
    .map((l) => l.split(','))
    .filter((f) => !/^(y|yes)$/i.test(f[f.length - 1].trim()) && f[2] && f[4])
    .map((f) => ({ email: f[4].trim().toLowerCase(), phone: f[5].trim() }));
}

describe('contact lists from the Iowa fixtures', () => {
  let dir: string;
  let db: string[];
  let doc: {
    counties: Array<{ county: string; county_fips: string; state: string; stops: Array<{ id: number; name: string; contacts: Array<{ person_id: number | null; match: string; agency: string | null; agency_type: string | null; email: string | null; distance_miles: number | null }> }> }>;
    gaps: Array<{ county_fips: string; stops: number; nearest_miles: number | null }>;
    statewide: Array<{ agency: string }>;
  };

  beforeAll(async () => {
    dir = copyFixtures(DIRECTORIES);
    db = ['--db', path.join(dir, 'c.db')];
    expect((await coalition(['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12', ...db])).exitCode).toBe(0);
    for (const f of DIRECTORIES) {
      const r = await coalition(['import', 'contacts', path.join(dir, f), ...db]);
      expect([0, 3], `${f}: ${r.stderr}`).toContain(r.exitCode);
    }
    const pair = await coalition(['pair', '--json', ...db]);
    expect(pair.exitCode).toBe(0);
    const contacts = await coalition(['contacts', '--json', ...db]);
    expect(contacts.exitCode).toBe(0);
    expect(contacts.stderr).toBe('');
    doc = JSON.parse(contacts.stdout);
  });

  it('pairs every truck stop of the directory, by county FIPS, sheriff first', () => {
    const truckStops = readFileSync(path.join(dir, 'ia-truck-stops.csv'), 'utf8').trim().split(/\r?\n/).length - 1;
    const stops = doc.counties.flatMap((c) => c.stops);
    expect(stops.length).toBe(truckStops);
    for (const c of doc.counties) {
      expect(c.county_fips).toMatch(/^19\d{3}$/);
      for (const s of c.stops) {
        const local = s.contacts.filter((x) => x.match === 'county');
        expect(local.length).toBeLessThanOrEqual(3);
        // If the county has a sheriff's office in the directory, it comes first.
        const sheriffAt = local.findIndex((x) => x.agency_type === 'sheriff');
        if (sheriffAt >= 0) expect(sheriffAt).toBe(0);
      }
    }
    const scott = doc.counties.find((c) => c.county_fips === '19163')!;
    expect(scott.county).toBe('Scott County');
    expect(scott.stops[0].contacts[0].agency).toBe("Scott County Sheriff's Office");
  });

  it('lists the gaps most stops first, every gap stop with nearest officers or none', () => {
    expect(doc.gaps.length).toBeGreaterThan(0);
    for (let i = 1; i < doc.gaps.length; i++) expect(doc.gaps[i - 1].stops).toBeGreaterThanOrEqual(doc.gaps[i].stops);
    for (const g of doc.gaps) {
      const county = doc.counties.find((c) => c.county_fips === g.county_fips)!;
      expect(county.stops.length).toBe(g.stops);
      for (const s of county.stops) for (const x of s.contacts) expect(['nearest', 'pinned']).toContain(x.match);
    }
    expect(doc.statewide.some((x) => /State Patrol/.test(x.agency))).toBe(true);
  });

  it('never prints the phone or e-mail of an officer who did not consent', async () => {
    const hidden = withoutConsent(dir);
    expect(hidden.length).toBeGreaterThan(0);
    const outputs = [
      JSON.stringify(doc),
      (await coalition(['contacts', '--format', 'csv', ...db])).stdout,
      (await coalition(['contacts', '--format', 'md', ...db])).stdout,
      (await coalition(['contacts', '--format', 'html', ...db])).stdout,
    ];
    for (const out of outputs) for (const h of hidden) expect(out.toLowerCase()).not.toContain(h.email);
  });

  it('re-running pair changes nothing', async () => {
    const again = JSON.parse((await coalition(['pair', '--json', ...db])).stdout);
    expect(again.changes.inserted + again.changes.updated + again.changes.deleted).toBe(0);
  });

  it('prints every format', async () => {
    for (const format of ['tsv', 'csv', 'md', 'html', 'json']) {
      const r = await coalition(['contacts', '--format', format, ...db]);
      expect(r.exitCode, format).toBe(0);
      expect(r.stdout.length, format).toBeGreaterThan(500);
    }
    const gaps = await coalition(['gaps', '--format', 'csv', ...db]);
    expect(gaps.stdout.split('\r\n')[0]).toBe('county,fips,state,stops,nearest officer (mi),covered by');
  });

  it('prints a PDF a coordinator can hand out: each county starts its own page', async () => {
    const out = path.join(dir, 'lists.pdf');
    const r = await coalition(['contacts', '--format', 'pdf', '-o', out, ...db]);
    expect(r.exitCode, r.stderr).toBe(0);
    const pages = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
    const headings = doc.counties.map((c) => `${c.county}, Iowa`);
    const firstLines = pages.map((p) => p.trimStart().split('\n')[0].trim());
    // Every page starts with a county heading (repeated when a county runs long), in document order.
    for (const l of firstLines) expect(headings).toContain(l);
    expect([...new Set(firstLines)]).toEqual(headings);
    expect(pages.every((p) => p.includes('1-888-373-7888') || firstLines.indexOf(p.trimStart().split('\n')[0].trim()) !== -1)).toBe(true);
  });
});

describe('statewide contacts from the nearest post (built binary)', () => {
  /** Two posts of the Iowa State Patrol at the two ends of the state, as a directory lists them: the
   * agency's name, each post's own address and ZIP, three troopers at each (Keith Oyler did not
   * agree to share his contact details). */
  const POSTS = [
    'Agency,Type,Officer,Rank,Email,Phone,Ext,Address,City,State,ZIP,County,OK to list on contact sheet',
    'Iowa State Patrol,State Patrol,Nora Lind,Trooper,nlind@isp.iowa.example,(712) 555-0141,,2115 Veterans Memorial Hwy,Council Bluffs,IA,51501,Pottawattamie,Y',
    'Iowa State Patrol,State Patrol,Keith Oyler,Sgt.,koyler@isp.iowa.example,(712) 555-0142,,2115 Veterans Memorial Hwy,Council Bluffs,IA,51501,Pottawattamie,N',
    'Iowa State Patrol,State Patrol,Omar Haddad,Trooper,ohaddad@isp.iowa.example,(712) 555-0143,,2115 Veterans Memorial Hwy,Council Bluffs,IA,51501,Pottawattamie,Y',
    'Iowa State Patrol,State Patrol,Greta Sand,Trooper,gsand@isp.iowa.example,(563) 555-0141,,4040 W 53rd St,Davenport,IA,52806,Scott,Y',
    'Iowa State Patrol,State Patrol,Paul Ruiz,Sgt.,pruiz@isp.iowa.example,(563) 555-0142,,4040 W 53rd St,Davenport,IA,52806,Scott,Y',
    'Iowa State Patrol,State Patrol,Ivy Marsh,Trooper,imarsh@isp.iowa.example,(563) 555-0143,,4040 W 53rd St,Davenport,IA,52806,Scott,Y',
  ].join('\n');
  // Darla Quist is of "Iowa State Patrol Post 3" (ia-law-enforcement.csv), at the same Council Bluffs
  // post: one agency with the patrol, so she is one of its nearest, and Keith Oyler, who did not
  // consent, comes after the three who did.
  const WEST = ['Nora Lind', 'Darla Quist', 'Omar Haddad'];
  const EAST = ['Greta Sand', 'Paul Ruiz', 'Ivy Marsh'];
  let dir: string;
  let db: string[];

  beforeAll(async () => {
    dir = copyFixtures(DIRECTORIES);
    writeFileSync(path.join(dir, 'isp-posts.csv'), POSTS);
    db = ['--db', path.join(dir, 'c.db')];
    expect((await coalition(['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12', ...db])).exitCode).toBe(0);
    for (const f of [...DIRECTORIES, 'isp-posts.csv']) {
      const r = await coalition(['import', 'contacts', path.join(dir, f), ...db]);
      expect([0, 3], `${f}: ${r.stderr}`).toContain(r.exitCode);
    }
  });

  it("lists the troopers of the post nearest each county: Pottawattamie and Scott counties' sheets differ", async () => {
    const r = await coalition(['contacts', '--json', '--county', 'Pottawattamie', '--county', 'Scott', ...db]);
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { counties: Array<{ county: string; statewide: Array<{ name: string | null; agency: string; match: string; phone: string | null; email: string | null; distance_miles: number | null }> }>; statewide: Array<{ name: string | null }> };
    const patrol = (county: string) => doc.counties.find((c) => c.county === county)!.statewide.filter((c) => c.agency.startsWith('Iowa State Patrol'));
    // One post: the same distance; those who consented first, then by name.
    expect(patrol('Pottawattamie County').map((c) => c.name)).toEqual(['Omar Haddad', 'Nora Lind', 'Darla Quist']);
    expect(patrol('Scott County').map((c) => c.name)).toEqual(['Ivy Marsh', 'Paul Ruiz', 'Greta Sand']);
    for (const c of [...patrol('Pottawattamie County'), ...patrol('Scott County')]) {
      expect(c.match).toBe('statewide');
      expect(c.distance_miles).toBeLessThan(20);
    }
    // The sergeant who did not consent: never his own phone or e-mail, on any sheet.
    expect(r.stdout).not.toContain('koyler@isp.iowa.example');
    expect(r.stdout).not.toContain('+17125550142');
    // Everyone printed on some sheet, once.
    for (const name of [...WEST, ...EAST]) expect(doc.statewide.filter((c) => c.name === name)).toHaveLength(1);
  });

  it('says "nearest post" on the printed sheet, and the CSV rows carry the county', async () => {
    const md = await coalition(['contacts', '--format', 'md', '--county', 'Pottawattamie', ...db]);
    expect(md.exitCode).toBe(0);
    expect(md.stdout).toContain('## Statewide contacts, Iowa (nearest post)');
    for (const name of WEST) expect(md.stdout).toContain(name);
    for (const name of EAST) expect(md.stdout).not.toContain(name);
    const html = await coalition(['contacts', '--format', 'html', '--county', 'Scott', ...db]);
    expect(html.stdout).toContain('<span class="tag">nearest post</span>');
    for (const name of EAST) expect(html.stdout).toContain(name);
    for (const name of WEST) expect(html.stdout).not.toContain(name);
    const csv = (await coalition(['contacts', '--format', 'csv', '--county', 'Pottawattamie', '--county', 'Scott', ...db])).stdout.trimEnd().split('\r\n');
    const rows = csv.filter((l) => l.includes(',Iowa State Patrol'));
    expect(rows.filter((l) => l.startsWith('Pottawattamie County,19155,IA,,') && WEST.some((n) => l.includes(n)))).toHaveLength(3);
    expect(rows.filter((l) => l.startsWith('Scott County,19163,IA,,') && EAST.some((n) => l.includes(n)))).toHaveLength(3);
  });
});
