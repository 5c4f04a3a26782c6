import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabaseFile } from '../../src/db/connection.js';
import { coalition } from '../helpers/e2e.js';
import { run, tempDir } from '../helpers/context.js';
import { org, person, seedIowa } from '../helpers/contacts-seed.js';

/** A database seeded with the small Iowa directory (3 stops in Polk and Story counties), plus an
 * officer whose name is an HTML injection attempt. */
async function seeded() {
  const dir = tempDir();
  const file = path.join(dir, 'c.db');
  const { db } = await openDatabaseFile(file);
  const s = seedIowa(db);
  const evil = person(db, { first: '<script>alert(1)</script>', last: 'Tester', org: s.ankenyPd, share: 1, email: 'evil@example.com' });
  db.close();
  return { dir, file, s, evil, db: ['--db', file] };
}

describe('coalition pair / contacts / gaps (built binary)', () => {
  let ctx: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    ctx = await seeded();
  });

  it('contacts before pair computes the pairing and says it is not saved', async () => {
    const r = await coalition(['contacts', ...ctx.db]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('has not been saved yet');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('county\tfips\tstate\tstop id\ttruck stop\tcity\tstop phone\tmanager\trank\tofficer\ttitle\tagency\tphone\temail\tmatch\tmiles');
    expect(lines.some((l) => l.startsWith(`Polk County\t19153\tIA\t${ctx.s.stopDM}\tPilot Travel Center #1090\tDes Moines\t(515) 555-0100\tDana Whitfield (General Manager)\t1\tMaria Kowalski\tLt.\tPolk County Sheriff's Office\t(515) 555-1001\tmkowalski@polk.example\tcounty\t`))).toBe(true);
    expect(lines.some((l) => /^Story County\t19169\t.*\tnearest\t2\d\.\d$/.test(l))).toBe(true);
  });

  it('pair saves, and re-running changes nothing', async () => {
    const first = await coalition(['pair', ...ctx.db]);
    expect(first.exitCode).toBe(0);
    expect(first.stderr).toContain('Paired 3 truck stops in 2 counties of IA: 2 with an officer of their county, 1 with the nearest officers (within 60 mi), 0 with none.');
    expect(first.stderr).toContain('Saved: 8 added, 0 changed, 0 removed.');
    expect(first.stderr).toContain('1 county has truck stops but no officer of its own');
    expect(first.stdout).toBe('');
    const again = await coalition(['pair', '--json', ...ctx.db]);
    const j = JSON.parse(again.stdout);
    expect(j.changes).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 8 });
    expect(j.gaps).toEqual([expect.objectContaining({ county: 'Story County', county_fips: '19169', state: 'IA', stops: 1, covered_by: 'nearest' })]);
    const contacts = await coalition(['contacts', '--json', ...ctx.db]);
    expect(contacts.stderr).toBe('');
  });

  it('contacts --json has the contract\'s shape, with the gaps inside', async () => {
    const r = await coalition(['contacts', '--json', ...ctx.db]);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['coalition', 'generated_at', 'counties', 'statewide', 'gaps']));
    expect(doc.counties.map((c: { county: string }) => c.county)).toEqual(['Polk County', 'Story County']);
    const stop = doc.counties[0].stops.find((s: { id: number }) => s.id === ctx.s.stopDM);
    expect(Object.keys(stop)).toEqual(expect.arrayContaining(['id', 'name', 'address', 'city', 'zip', 'phone', 'manager', 'attended', 'contacts']));
    expect(Object.keys(stop.contacts[0])).toEqual(expect.arrayContaining(['person_id', 'name', 'title', 'agency', 'agency_type', 'phone', 'email', 'match', 'distance_miles']));
    // Sgt. Reed did not consent: agency main line, no e-mail.
    const reed = stop.contacts.find((c: { person_id: number }) => c.person_id === ctx.s.dmOfficer);
    expect(reed).toMatchObject({ phone: '+15152838600', email: null });
    expect(doc.gaps).toHaveLength(1);
    expect(doc.statewide.map((c: { agency: string }) => c.agency)).toEqual(['Iowa State Patrol', 'Iowa Attorney General']);
  });

  it('prints CSV, Markdown and one county with --county', async () => {
    const csv = await coalition(['contacts', '--format', 'csv', '--county', 'Story', ...ctx.db]);
    expect(csv.exitCode).toBe(0);
    const rows = csv.stdout.trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^county,fips,state,stop id,truck stop/);
    // The stop's two nearest officers, then the county's own statewide contacts (no stop).
    const story = rows.filter((l) => l.startsWith('Story County,'));
    expect(story).toHaveLength(4);
    expect(story.slice(2).map((l) => l.split(',').slice(0, 5).join(','))).toEqual(['Story County,19169,IA,,', 'Story County,19169,IA,,']);
    expect(story.slice(2).every((l) => /,statewide,\d+(\.\d)?$/.test(l))).toBe(true);
    expect(rows.some((l) => l.startsWith('Polk County,') || l.startsWith('(statewide)'))).toBe(false);
    const md = await coalition(['contacts', '--format', 'md', ...ctx.db]);
    expect(md.stdout).toContain('# Polk County, Iowa');
    expect(md.stdout).toContain('# Story County, Iowa');
    expect(md.stdout).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(md.stdout).toContain('1-888-373-7888');
  });

  it('writes HTML to a file (owner-only), escaping names', async () => {
    const out = path.join(ctx.dir, 'lists.html');
    const r = await coalition(['contacts', '--format', 'html', '-o', out, ...ctx.db]);
    expect(r.exitCode).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('<h1>Polk County, Iowa</h1>');
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('uses a coordinator\'s own template', async () => {
    const tpl = path.join(ctx.dir, 'mine.html');
    writeFileSync(tpl, '<h1>Our list for <%= it.coalition.name %></h1><% for (const c of it.counties) { %><h2><%= c.county %></h2><% } %><%~ include("_hotline.html", it.hotline) %>');
    const r = await coalition(['contacts', '--format', 'html', '--template', tpl, ...ctx.db]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('<h1>Our list for Test Coalition Build 2026</h1><h2>Polk County</h2><h2>Story County</h2>');
    expect(r.stdout).toContain('233733');
    const bad = await coalition(['contacts', '--template', tpl, '--format', 'csv', ...ctx.db]);
    expect(bad.exitCode).toBe(2);
  });

  it('prints a PDF with real Chromium: each county starts a new page', async () => {
    const out = path.join(ctx.dir, 'lists.pdf');
    const r = await coalition(['contacts', '--format', 'pdf', '-o', out, ...ctx.db]);
    expect(r.stderr).toContain('Wrote 2 county contact lists');
    expect(r.exitCode).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages).toHaveLength(2);
    expect(pages[0].trimStart().startsWith('Polk County, Iowa')).toBe(true);
    expect(pages[1].trimStart().startsWith('Story County, Iowa')).toBe(true);
    expect(pages[1]).toMatch(/nearest, 2\d mi/);
    expect(pages[0]).toContain('<script>alert(1)</script>');
    expect(text).toContain('1-888-373-7888');
    const one = await coalition(['contacts', '--format', 'pdf', '--county', 'Polk', '-o', path.join(ctx.dir, 'polk.pdf'), ...ctx.db]);
    expect(one.stderr).toContain('Wrote 1 county contact list to ');
  });

  it('refuses a PDF without a browser or without a file, saying what to do', async () => {
    const noBrowser = await coalition(['contacts', '--format', 'pdf', '-o', path.join(ctx.dir, 'x.pdf'), ...ctx.db], { env: { CHROME_PATH: '/nonexistent/chrome' } });
    expect(noBrowser.exitCode).toBe(1);
    expect(noBrowser.stderr).toContain('error: CHROME_PATH points to /nonexistent/chrome');
    const noFile = await coalition(['contacts', '--format', 'pdf', ...ctx.db]);
    expect(noFile.exitCode).toBe(2);
    expect(noFile.stderr).toContain('hint: add -o FILE.pdf, or use --format html');
  });

  it('lists the gaps', async () => {
    const tsv = await coalition(['gaps', ...ctx.db]);
    expect(tsv.exitCode).toBe(0);
    expect(tsv.stdout).toMatch(/^county\tfips\tstate\tstops\tnearest officer \(mi\)\tcovered by\nStory County\t19169\tIA\t1\t2\d\.\d\tnearest officers\n$/);
    const json = await coalition(['gaps', '--json', '--max-miles', '5', ...ctx.db]);
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ county_fips: '19169', covered_by: 'none' })]);
  });

  it('pins and unpins, with clear errors for bad references', async () => {
    const pin = await coalition(['pair', '--pin', `${ctx.s.stopAmes}=tberg@dallas.example`, '--json', ...ctx.db]);
    expect(pin.exitCode).toBe(0);
    expect(JSON.parse(pin.stdout).pins).toEqual({ added: 1, removed: 0 });
    const doc = JSON.parse((await coalition(['contacts', '--json', '--county', '19169', ...ctx.db])).stdout);
    expect(doc.counties[0].stops[0].contacts[0]).toMatchObject({ person_id: ctx.s.dallasDeputy, match: 'pinned' });
    const unpin = await coalition(['pair', '--unpin', `${ctx.s.stopAmes}=${ctx.s.dallasDeputy}`, '--json', ...ctx.db]);
    expect(JSON.parse(unpin.stdout).pins).toEqual({ added: 0, removed: 1 });
    const bad = await coalition(['pair', '--pin', 'nonsense', ...ctx.db]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--pin needs STOP=PERSON');
    const missing = await coalition(['pair', '--pin', '99999=1', ...ctx.db]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('no truck stop with id 99999');
  });

  it('counts one stop, one pin and one gap in the singular', async () => {
    const pin = await coalition(['pair', '--pin', `${ctx.s.stopAmes}=tberg@dallas.example`, ...ctx.db]);
    expect(pin.exitCode).toBe(0);
    expect(pin.stderr).toContain('Pins: 1 added, 0 removed; 1 stop has pins.');
    expect(pin.stderr).toContain('1 county has truck stops but no officer of its own: see coalition gaps');
    const unpin = await coalition(['pair', '--unpin', `${ctx.s.stopAmes}=tberg@dallas.example`, ...ctx.db]);
    expect(unpin.stderr).toContain('Pins: 0 added, 1 removed; 0 stops have pins.');
  });

  it('keeps same-named counties of two states apart in --county', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'two.db');
    await coalition(['new', 'plains-2027', '--name', 'Plains', '--state', 'IA,NE', '--date', '2027-04-20', '--db', file]);
    const { db } = await openDatabaseFile(file);
    org(db, { name: 'Washington IA Stop', sector: 'truck_stop', state: 'IA', city: 'Washington', county_fips: '19183' });
    org(db, { name: 'Blair NE Stop', sector: 'truck_stop', state: 'NE', city: 'Blair', county_fips: '31177' });
    db.close();
    const ambiguous = await coalition(['contacts', '--county', 'Washington', '--db', file]);
    expect(ambiguous.exitCode).toBe(2);
    expect(ambiguous.stderr).toContain('Washington County, IA (19183); Washington County, NE (31177)');
    const ne = await coalition(['contacts', '--json', '--county', 'Washington, NE', '--db', file]);
    expect(JSON.parse(ne.stdout).counties.map((c: { county_fips: string; state: string }) => [c.county_fips, c.state])).toEqual([['31177', 'NE']]);
  });
});

describe('contacts on a terminal (in-process)', () => {
  it('prints a table', async () => {
    const s = await seeded();
    const r = await run(['contacts', '--county', 'Polk', ...s.db], { tty: true, columns: 200 });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/┌.*┐/);
    expect(r.stdout).toMatch(/Pilot Travel/);
  });
});

describe('a long county list in PDF', () => {
  it('repeats the county heading on every page of that county', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'long.db');
    const { db } = await openDatabaseFile(file);
    const s = seedIowa(db);
    for (let i = 1; i <= 30; i++) org(db, { name: `Polk Truck Stop ${i}`, sector: 'truck_stop', city: 'Des Moines', state: 'IA', county_fips: '19153', lat: 41.6, lon: -93.6, address: `${i} Main St` });
    db.close();
    void s;
    const out = path.join(dir, 'long.pdf');
    const r = await coalition(['contacts', '--format', 'pdf', '-o', out, '--db', file]);
    expect(r.exitCode).toBe(0);
    const pages = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
    const polk = pages.filter((p) => p.trimStart().startsWith('Polk County, Iowa'));
    expect(polk.length).toBeGreaterThan(2);
    expect(pages.length).toBe(polk.length + 1);
    expect(pages[pages.length - 1].trimStart().startsWith('Story County, Iowa')).toBe(true);
    // Every stop is printed once.
    for (let i = 1; i <= 30; i++) expect(pages.join('').match(new RegExp(`Polk Truck Stop ${i}\\b`, 'g'))).toHaveLength(1);
  });
});
