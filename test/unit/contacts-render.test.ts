import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatLongDate, formatPhoneForPrint, renderHtml } from '../../src/core/render/html.js';
import { browserCandidates, CHROMIUM_ARGS, findBrowser } from '../../src/core/render/pdf.js';
import { InvalidDataError, NotFoundError, RefusedError } from '../../src/io/errors.js';
import { computePairs } from '../../src/core/pairing/compute.js';
import { buildContactsDocument } from '../../src/core/pairing/document.js';
import { contactRows, renderContactsMarkdown } from '../../src/core/pairing/formats.js';
import { findCoalitionRow } from '../../src/core/coalitions.js';
import { tempDir } from '../helpers/context.js';
import { memoryDb, org, person, seedIowa, seedTwoPosts } from '../helpers/contacts-seed.js';

const now = new Date('2026-11-28T15:00:00Z');

describe('renderHtml', () => {
  it('escapes data: a name with a script tag prints as text', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 't.html'), '<p><%= it.name %></p><p><%= it.missing %></p>');
    const html = await renderHtml('t', { name: '<script>alert(1)</script> & "x"' }, { templatesDir: dir });
    expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</p><p></p>');
  });

  it('renders a coordinator\'s own template, with the shared partials available to it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'mine.html');
    writeFileSync(path.join(dir, '_logo.html'), '<img alt="<%= it.alt %>">');
    writeFileSync(file, '<style><%~ include("_print.css") %></style><%~ include("_logo", { alt: it.coalition }) %><h1><%= it.coalition %></h1><%= it.$.phone("+15155550123", "12") %>');
    const html = await renderHtml('contacts', { coalition: 'Iowa <Build>' }, { templateFile: file });
    expect(html).toContain('@page');
    expect(html).toContain('<img alt="Iowa &lt;Build&gt;">');
    expect(html).toContain('<h1>Iowa &lt;Build&gt;</h1>');
    expect(html).toContain('(515) 555-0123 ext. 12');
  });

  it('refuses includes outside the template folders and reports template errors by file', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'sub'));
    const evil = path.join(dir, 'sub', 'evil.html');
    writeFileSync(evil, '<%~ include("../secret.html") %>');
    writeFileSync(path.join(dir, 'secret.html'), 'secret');
    await expect(renderHtml('x', {}, { templateFile: evil })).rejects.toThrow(InvalidDataError);
    const broken = path.join(dir, 'broken.html');
    writeFileSync(broken, '<%= it.a.b.c %>');
    await expect(renderHtml('x', {}, { templateFile: broken })).rejects.toThrow(/broken\.html: the template cannot be rendered/);
    await expect(renderHtml('x', {}, { templateFile: path.join(dir, 'nope.html') })).rejects.toThrow(NotFoundError);
  });

  it.each([
    ['+15155550123', null, '(515) 555-0123'],
    ['+15155550123', '7', '(515) 555-0123 ext. 7'],
    ['+442071838750', null, '+442071838750'],
    [null, null, ''],
  ])('formatPhoneForPrint(%j, %j) = %j', (e164, ext, out) => expect(formatPhoneForPrint(e164, ext)).toBe(out));

  it('formats dates in words', () => {
    expect(formatLongDate('2026-03-12')).toBe('March 12, 2026');
    expect(formatLongDate('2026-11-28T15:00:00Z')).toBe('November 28, 2026');
  });
});

describe('finding a browser', () => {
  it('tries CHROME_PATH first, then the usual places', () => {
    expect(browserCandidates({ CHROME_PATH: '/opt/c' }, 'linux').slice(0, 3)).toEqual(['/opt/c', '/usr/bin/chromium', '/usr/bin/chromium-browser']);
    expect(browserCandidates({}, 'darwin')[0]).toContain('Google Chrome.app');
    expect(browserCandidates({ PROGRAMFILES: 'C:\\Program Files' }, 'win32').some((p) => p.includes('chrome.exe'))).toBe(true);
    expect(findBrowser({}, (p) => p === '/usr/bin/google-chrome', 'linux')).toBe('/usr/bin/google-chrome');
    expect(CHROMIUM_ARGS).toEqual(expect.arrayContaining(['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic']));
  });

  it('says how to install one, or to use --format html', () => {
    expect(() => findBrowser({}, () => false, 'linux')).toThrow(RefusedError);
    try {
      findBrowser({}, () => false, 'linux');
    } catch (e) {
      expect((e as RefusedError).hint).toMatch(/apt-get install chromium.*CHROME_PATH.*--format html/);
    }
    expect(() => findBrowser({ CHROME_PATH: '/nope' }, () => false, 'linux')).toThrow(/CHROME_PATH points to \/nope/);
  });
});

describe('the contact-list document', () => {
  async function doc() {
    const db = await memoryDb();
    const s = seedIowa(db);
    const coalition = findCoalitionRow(db, 'test-2026')!;
    return { db, s, coalition, doc: buildContactsDocument(db, coalition, computePairs(db, s.coalition), { now }) };
  }

  it('has the contract\'s shape, one section per county in name order', async () => {
    const { doc: d, s } = await doc();
    expect(d.coalition).toEqual({ slug: 'test-2026', name: 'Test Coalition Build 2026', states: ['IA'], build_date: '2026-03-12' });
    expect(d.generated_at).toBe('2026-11-28T15:00:00Z');
    expect(d.counties.map((c) => [c.county, c.county_fips, c.state, c.gap])).toEqual([['Polk County', '19153', 'IA', false], ['Story County', '19169', 'IA', true]]);
    const dm = d.counties[0].stops.find((x) => x.id === s.stopDM)!;
    expect(dm).toMatchObject({ name: 'Pilot Travel Center #1090', address: '4000 Hubbell Ave', city: 'Des Moines', zip: '50313', phone: '+15155550100', manager: 'Dana Whitfield (General Manager)', attended: true });
    expect(Object.keys(dm.contacts[0])).toEqual(expect.arrayContaining(['person_id', 'name', 'title', 'agency', 'agency_type', 'phone', 'email', 'match', 'distance_miles']));
    expect(d.gaps).toHaveLength(1);
    expect(d.hotline).toMatchObject({ phone: '1-888-373-7888', text: '233733', emergency: '911' });
  });

  it('prints a person who did not consent by the agency main line only', async () => {
    const { doc: d, s } = await doc();
    const all = d.counties.flatMap((c) => c.stops.flatMap((x) => x.contacts));
    const reed = all.find((c) => c.person_id === s.dmOfficer)!;
    expect(reed).toMatchObject({ name: 'James Reed', title: 'Sgt.', agency: 'Des Moines Police Department', phone: '+15152838600', email: null, consented: false });
    const kowalski = all.find((c) => c.person_id === s.deputy)!;
    expect(kowalski).toMatchObject({ phone: '+15155551001', email: 'mkowalski@polk.example', consented: true });
    const text = JSON.stringify(d);
    expect(text).not.toContain('jreed@dmpd.example');
    expect(text).not.toContain('+15155551002');
  });

  it('lists statewide contacts on each sheet with their distance (agencies without people by their main line), all of them once, and the victim services', async () => {
    const { doc: d, s } = await doc();
    for (const c of d.counties) expect(c.statewide.map((x) => [x.agency, x.person_id, x.match])).toEqual([['Iowa State Patrol', s.trooper, 'statewide'], ['Iowa Attorney General', null, 'statewide']]);
    // The trooper's post is in Des Moines: next to the Polk stops, 30 miles from the Ames one.
    expect(d.counties[0].statewide[0].distance_miles).toBeLessThan(6);
    expect(d.counties[1].statewide[0].distance_miles).toBeGreaterThan(25);
    // The AG's office has no ZIP coordinates: measured to the centre of its county.
    expect(d.counties[0].statewide[1].distance_miles).toBeGreaterThan(0);
    expect(d.statewide.map((c) => [c.agency, c.person_id, c.match, c.distance_miles])).toEqual([['Iowa State Patrol', s.trooper, 'statewide', null], ['Iowa Attorney General', null, 'statewide', null]]);
    expect(d.resources.map((r) => r.name)).toEqual(['Iowa Survivor Network']);
  });

  it('counts a patrol listed post by post as one agency: at most three of its people on each sheet', async () => {
    const { db, s, coalition } = await doc();
    const posts = ['Mason City', 'Council Bluffs', 'Cedar Rapids'].map((city) => org(db, { name: 'Iowa State Patrol', sector: 'law_enforcement', agency_type: 'state_patrol', city, state: 'IA', phone: '+15157255000' }));
    const dots = ['Ankeny', 'Ames'].map((city) => org(db, { name: 'Iowa DOT Motor Vehicle Enforcement', sector: 'law_enforcement', agency_type: 'dot_mve', city, state: 'IA', phone: city === 'Ames' ? '+15152391111' : null }));
    // The same agency in other cities, as an import makes it: one name key, a city key each.
    db.prepare("UPDATE organizations SET name_key = 'iowa state patrol' WHERE name = 'Iowa State Patrol'").run();
    db.prepare("UPDATE organizations SET name_key = 'iowa dot motor vehicle enforcement' WHERE name = 'Iowa DOT Motor Vehicle Enforcement'").run();
    for (const [i, post] of posts.entries()) for (const n of [1, 2]) person(db, { first: `Trooper${i}${n}`, last: `Post${i}`, org: post, share: 1 });
    const d = buildContactsDocument(db, coalition, computePairs(db, s.coalition), { now });
    for (const sheet of d.counties) {
      const patrol = sheet.statewide.filter((c) => c.agency === 'Iowa State Patrol');
      expect(patrol).toHaveLength(3);
      // The only trooper with a place (the others' posts have no coordinates) is the nearest.
      expect(patrol[0].person_id).toBe(s.trooper);
      const mve = sheet.statewide.filter((c) => c.agency === 'Iowa DOT Motor Vehicle Enforcement');
      expect(mve.map((c) => [c.person_id, c.phone])).toEqual([[null, '+15152391111']]);
    }
    expect(dots).toHaveLength(2);
  });

  it('renders HTML with one sheet per county, escaped names, the nearest marks and the hotline', async () => {
    const { db, s, coalition } = await doc();
    person(db, { first: '<script>alert(1)</script>', last: 'Evil', org: s.sheriff, share: 1 });
    const d = buildContactsDocument(db, coalition, computePairs(db, s.coalition), { now });
    const html = await renderHtml('contacts', d);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html.match(/<table class="sheet"/g)).toHaveLength(2);
    expect(html).toContain('<h1>Polk County, Iowa</h1>');
    expect(html).toContain('Test Coalition Build 2026 · build March 12, 2026 · printed November 28, 2026');
    expect(html).toMatch(/nearest, 2\d mi/);
    expect(html).toContain('1-888-373-7888');
    expect(html).toContain('233733');
    expect(html).toContain('call 911');
    expect(html).toContain('(515) 283-8600</td>'.slice(0, 14));
    expect(html).toContain('Iowa Survivor Network');
  });

  it('prints an agency without people by its main line', async () => {
    const { db, s, coalition } = await doc();
    org(db, { name: "Story County Sheriff's Office", sector: 'law_enforcement', agency_type: 'sheriff', city: 'Nevada', state: 'IA', county_fips: '19169', phone: '+15153826565' });
    const d = buildContactsDocument(db, coalition, computePairs(db, s.coalition), { now });
    const story = d.counties.find((c) => c.county_fips === '19169')!;
    expect(story.gap).toBe(false);
    expect(story.stops[0].contacts).toEqual([expect.objectContaining({ person_id: null, name: null, agency: "Story County Sheriff's Office", phone: '+15153826565', match: 'county' })]);
    expect(await renderHtml('contacts', d)).toMatch(/<td>Main line\s*<\/td>\s*<td>Story County Sheriff&#39;s Office<\/td>/);
  });

  it('flat rows and Markdown carry the same lists', async () => {
    const { doc: d } = await doc();
    const rows = contactRows(d);
    // Each county: its stops' officers, then its own statewide contacts (no stop, match "statewide").
    const polk = rows.filter((r) => r.county === 'Polk County');
    expect(polk.filter((r) => r.stop !== '')).toHaveLength(6);
    expect(polk.slice(6).map((r) => [r.county_fips, r.stop_id, r.agency, r.match])).toEqual([['19153', null, 'Iowa State Patrol', 'statewide'], ['19153', null, 'Iowa Attorney General', 'statewide']]);
    expect(rows.find((r) => r.county === 'Story County')).toMatchObject({ match: 'nearest' });
    expect(rows.filter((r) => r.county === 'Story County' && r.match === 'statewide')[0].miles).toBeGreaterThan(25);
    const md = renderContactsMarkdown(d);
    expect(md).toContain('# Polk County, Iowa');
    expect(md).toMatch(/_\(nearest, 2\d mi\)_/);
    expect(md).toContain('(515) 283-8600 (main line)');
    expect(md).toContain('**1-888-373-7888**');
  });

  it('prints each sheet with the nearest post\'s troopers and says so, in HTML, Markdown and rows', async () => {
    const db = await memoryDb();
    const s = seedTwoPosts(db);
    const d = buildContactsDocument(db, findCoalitionRow(db, 'test-2026')!, computePairs(db, s.coalition), { now });
    const html = await renderHtml('contacts', d);
    const [west, east] = html.split('<table class="sheet"').slice(1);
    expect(west).toContain('<h1>Pottawattamie County, Iowa</h1>');
    expect(west).toMatch(/Statewide contacts, Iowa <span class="tag">nearest post<\/span>/);
    expect(west).toContain('Ada West');
    expect(west).not.toContain('Di East');
    expect(west).toMatch(/Iowa State Patrol <span class="muted small nowrap">0 mi<\/span>/);
    expect(east).toContain('<h1>Scott County, Iowa</h1>');
    expect(east).toContain('Di East');
    expect(east).not.toContain('Ada West');
    expect(east).toMatch(/Iowa State Patrol <span class="muted small nowrap">11 mi<\/span>/);
    const md = renderContactsMarkdown(d);
    expect(md).toContain('## Statewide contacts, Iowa (nearest post)');
    expect(md).toMatch(/\*\*Di East, Trooper\*\* _\(11 mi\)_ · Iowa State Patrol/);
    const rows = contactRows(d).filter((r) => r.match === 'statewide');
    expect(rows.map((r) => [r.county_fips, r.officer])).toEqual([['19155', 'Ada West'], ['19155', 'Bo West'], ['19155', 'Cy West'], ['19163', 'Di East'], ['19163', 'Ed East'], ['19163', 'Flo East']]);
  });

  it('puts truck stops without a county in a last section of their state', async () => {
    const { db, s, coalition } = await doc();
    org(db, { name: 'Mystery Fuel Stop', sector: 'truck_stop', state: 'IA', city: 'Nowhere' });
    const d = buildContactsDocument(db, coalition, computePairs(db, s.coalition), { now });
    expect(d.counties.map((c) => [c.county, c.county_fips])).toEqual([['Polk County', '19153'], ['Story County', '19169'], ['County not known', null]]);
    expect(d.counties[2]).toMatchObject({ state: 'IA', gap: true, stops: [expect.objectContaining({ name: 'Mystery Fuel Stop', contacts: [] })] });
  });

  it('refuses to print a PDF into a folder that does not exist, before starting a browser', async () => {
    const { htmlToPdf } = await import('../../src/core/render/pdf.js');
    await expect(htmlToPdf('<p>x</p>', '/nonexistent-dir/lists.pdf', {})).rejects.toThrow(/the folder \/nonexistent-dir does not exist/);
  });

  it('prints an empty document that says what to do', async () => {
    const db = await memoryDb();
    const s = seedIowa(db);
    db.prepare("DELETE FROM organizations WHERE sector = 'truck_stop'").run();
    const d = buildContactsDocument(db, findCoalitionRow(db, 'test-2026')!, computePairs(db, s.coalition), { now });
    expect(d.counties).toEqual([]);
    expect(await renderHtml('contacts', d)).toContain('coalition import contacts FILE');
    void org;
  });
});
