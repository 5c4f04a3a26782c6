/** `orgs dupes`: one agency written with abbreviations, acronyms or without its state's name. */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { abbreviationMatch, joinDottedLetters, nameForm, ABBREVIATION, STATE_LEFT_OUT } from '../../src/core/orgs/abbrev.js';
import { REASON_ABBREVIATION, REASON_STATE_LEFT_OUT, findOrgDupes } from '../../src/core/orgs/dupes.js';
import { cityKey, inferSector, orgKey, storeNumber } from '../../src/core/normalize/sector.js';
import { T, memoryDb } from '../helpers/contacts-seed.js';

/** An organization as an import stores it: keys, and a sector guessed from the name unless given. */
interface O {
  name: string;
  state?: string | null;
  city?: string | null;
  sector?: string;
  source?: 'column' | 'manual';
}

let db: Database.Database;
beforeAll(async () => {
  db = await memoryDb();
});
afterAll(() => db.close());
beforeEach(() => {
  db.exec('DELETE FROM organizations');
});

function insert(o: O): number {
  const guess = inferSector(o.name);
  const r = db
    .prepare(`INSERT INTO organizations (name, name_key, city_key, sector, agency_type, sector_source, store_number, city, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '${T}', '${T}')`)
    .run(o.name, orgKey(o.name), cityKey(o.city ?? ''), o.sector ?? guess?.sector ?? 'other', o.sector ? null : guess?.agency_type ?? null, o.source ?? (o.sector ? 'column' : 'inferred'), storeNumber(o.name), o.city ?? null, o.state === undefined ? 'IA' : o.state);
  return Number(r.lastInsertRowid);
}

/** The reasons `orgs dupes` gives for the pair (none: not suggested). */
function reasons(a: O, b: O): string[] {
  insert(a);
  insert(b);
  return findOrgDupes(db).map((p) => p.reason);
}

const o = (name: string, more: Omit<O, 'name'> = {}): O => ({ name, ...more });

describe('abbreviations suggested by orgs dupes', () => {
  it.each<[O, O, string]>([
    // acronyms for a whole name, the state's name or postal code counting as its initial
    [o('ISP'), o('Iowa State Patrol'), REASON_ABBREVIATION],
    [o('ISP', { state: 'IL' }), o('Illinois State Police', { state: 'IL' }), REASON_ABBREVIATION],
    [o('DSP', { state: 'DE' }), o('Delaware State Police', { state: 'DE' }), REASON_ABBREVIATION],
    [o('NYSP', { state: 'NY' }), o('New York State Police', { state: 'NY' }), REASON_ABBREVIATION],
    [o('KHP', { state: 'KS' }), o('Kansas Highway Patrol', { state: 'KS' }), REASON_ABBREVIATION],
    [o('MSHP', { state: 'MO' }), o('Missouri State Highway Patrol', { state: 'MO' }), REASON_ABBREVIATION],
    [o('IDOT'), o('Iowa Department of Transportation'), REASON_ABBREVIATION],
    [o('MoDOT', { state: 'MO' }), o('Missouri Department of Transportation', { state: 'MO' }), REASON_ABBREVIATION],
    [o('MnDOT', { state: 'MN' }), o('Minnesota Dept. of Transportation', { state: 'MN' }), REASON_ABBREVIATION],
    [o('TAT'), o('Truckers Against Trafficking'), REASON_ABBREVIATION],
    [o('OAG'), o('Office of the Attorney General'), REASON_ABBREVIATION],
    [o('ATA', { state: 'VA' }), o('American Trucking Associations', { state: 'VA' }), REASON_ABBREVIATION],
    [o('PCSO', { city: 'Des Moines' }), o("Polk County Sheriff's Office", { city: 'Des Moines' }), REASON_ABBREVIATION],
    [o('WCSO'), o("Washington County Sheriff's Office", { city: 'Washington' }), REASON_ABBREVIATION],
    [o('DMPD', { city: 'Des Moines' }), o('Des Moines Police Department', { city: 'Des Moines' }), REASON_ABBREVIATION],
    [o('ICPD', { city: 'Iowa City' }), o('Iowa City Police Department', { city: 'Iowa City' }), REASON_ABBREVIATION],
    [o('USMS'), o('U.S. Marshals Service'), REASON_ABBREVIATION],
    // the state's name kept, the rest an acronym (or two)
    [o('Iowa DOT'), o('Iowa Department of Transportation'), REASON_ABBREVIATION],
    [o('Iowa DOT MVE'), o('Iowa Department of Transportation - Motor Vehicle Enforcement'), REASON_ABBREVIATION],
    [o('Iowa DOT MVE'), o('Iowa DOT Motor Vehicle Enforcement'), REASON_ABBREVIATION],
    [o('IOWA DOT MVE'), o('Iowa Department of Transportation Motor Vehicle Enforcement'), REASON_ABBREVIATION],
    [o('Iowa MVE'), o('Iowa Motor Vehicle Enforcement'), REASON_ABBREVIATION],
    [o('Texas DPS', { state: 'TX' }), o('Texas Department of Public Safety', { state: 'TX' }), REASON_ABBREVIATION],
    [o('Iowa DCI'), o('Iowa Division of Criminal Investigation'), REASON_ABBREVIATION],
    [o('KHP CVE', { state: 'KS' }), o('Kansas Highway Patrol Commercial Vehicle Enforcement', { state: 'KS' }), REASON_ABBREVIATION],
    [o('NSP Carrier Enforcement Division', { state: 'NE' }), o('Nebraska State Patrol Carrier Enforcement Division', { state: 'NE' }), REASON_ABBREVIATION],
    [o('HSI Des Moines'), o('Homeland Security Investigations Des Moines'), REASON_ABBREVIATION],
    [o('FBI Omaha', { state: 'NE' }), o('Federal Bureau of Investigation Omaha', { state: 'NE' }), REASON_ABBREVIATION],
    [o('U.S. Marshals Service'), o('United States Marshals Service'), REASON_ABBREVIATION],
    // the state's name left out, or written as its postal code, with or without an acronym
    [o('DPS'), o('Iowa Department of Public Safety'), REASON_ABBREVIATION],
    [o('DOT', { city: 'Ames' }), o('Iowa Department of Transportation', { city: 'Ames' }), REASON_ABBREVIATION],
    [o('DCI'), o('Iowa Division of Criminal Investigation'), REASON_ABBREVIATION],
    [o('IA State Patrol'), o('Iowa State Patrol'), REASON_ABBREVIATION],
    [o('NE State Patrol', { state: 'NE' }), o('Nebraska State Patrol', { state: 'NE' }), REASON_ABBREVIATION],
    [o('Department of Public Safety'), o('Iowa Department of Public Safety'), REASON_STATE_LEFT_OUT],
    [o('State Patrol', { city: 'Ankeny' }), o('Iowa State Patrol', { city: 'Ankeny' }), REASON_STATE_LEFT_OUT],
    // shortened words and dotted letters the identity key leaves alone
    [o('Mtr Carrier Enf.'), o('Motor Carrier Enforcement'), REASON_ABBREVIATION],
    [o('Iowa DOT Mtr Veh Enf'), o('Iowa DOT Motor Vehicle Enforcement'), REASON_ABBREVIATION],
    [o('Polk Cnty Sheriff', { city: 'Des Moines' }), o('Polk County Sheriff', { city: 'Des Moines' }), REASON_ABBREVIATION],
    [o('Iowa St. Patrol'), o('Iowa State Patrol'), REASON_ABBREVIATION],
    [o('Polk County S.O.', { city: 'Des Moines' }), o("Polk County Sheriff's Office", { city: 'Des Moines' }), REASON_ABBREVIATION],
    [o('Polk Co. S.O.', { city: 'Des Moines' }), o("Polk County Sheriff's Office", { city: 'Des Moines' }), REASON_ABBREVIATION],
    [o('Des Moines P.D.', { city: 'Des Moines' }), o('Des Moines Police Department', { city: 'Des Moines' }), REASON_ABBREVIATION],
    [o('I.S.P.'), o('Iowa State Patrol'), REASON_ABBREVIATION],
  ])('%j and %j: %s', (a, b, reason) => {
    expect(reasons(a, b)).toEqual([reason]);
    // whichever was imported first
    db.exec('DELETE FROM organizations');
    expect(reasons(b, a)).toEqual([reason]);
  });
});

describe('near misses orgs dupes never suggests', () => {
  it.each<[string, O, O]>([
    ['two offices of one county', o("Polk County Sheriff's Office", { city: 'Des Moines' }), o("Polk County Attorney's Office", { city: 'Des Moines' })],
    ['ISP in Iowa is not the Illinois State Police in Illinois', o('ISP'), o('Illinois State Police', { state: 'IL' })],
    ['nor an Illinois State Police record filed under Iowa', o('ISP'), o('Illinois State Police')],
    ['nor the Kentucky State Police in Kansas', o('KSP', { state: 'KS' }), o('Kentucky State Police', { state: 'KS' })],
    ['two cities\' police', o('Ames Police Department'), o('Ankeny Police Department')],
    ['an acronym of one city\'s police and another city\'s', o('APD', { city: 'Ames' }), o('Ankeny Police Department', { city: 'Ankeny' })],
    ['Des Moines is not West Des Moines', o('DMPD'), o('West Des Moines Police Department')],
    ['the same acronym in two cities', o('DMPD', { city: 'Des Moines' }), o('Des Moines Police Department', { city: 'West Des Moines' })],
    ['PCSO of Des Moines is not Pottawattamie\'s, in Council Bluffs', o('PCSO', { city: 'Des Moines' }), o("Pottawattamie County Sheriff's Office", { city: 'Council Bluffs' })],
    ['Co. after a company\'s name is Company', o('Benton Co.', { sector: 'trucking' }), o('Benton County')],
    ['Co. Trucking is a company, not a county\'s', o('Story Co. Trucking'), o('Story County Trucking')],
    ['Iowa City\'s police are not the state\'s', o('City Police Department', { city: 'Iowa City' }), o('Iowa City Police Department', { city: 'Iowa City' })],
    ['the DOT is not its enforcement division', o('Iowa DOT'), o('Iowa DOT Motor Vehicle Enforcement')],
    ['a state\'s name before one word says too little', o('Pork'), o('Iowa Pork')],
    ['two known sectors', o('TAT', { sector: 'ngo' }), o('Tyson Animal Transport', { sector: 'trucking' })],
    ['a sheriff is not a police department', o('Polk County Police', { city: 'Des Moines' }), o('PCSO', { city: 'Des Moines' })],
    ['two stores of one chain', o('PTC #412', { city: 'Ames' }), o('Pilot Travel Center #413', { city: 'Ames' })],
    ['a word in capitals is still a word in a mixed-case name', o('Ace Trucking'), o('American Cargo Express Trucking')],
    ['an acronym is not the same letters in another order', o('SPI'), o('Iowa State Patrol')],
  ])('%s', (_why, a, b) => {
    expect(reasons(a, b)).toEqual([]);
  });

  it('suggests none of the pairs of an acronym that could be three different agencies', () => {
    insert(o('DPD'));
    insert(o('Decorah Police Department', { city: 'Decorah' }));
    insert(o('Davenport Police Department', { city: 'Davenport' }));
    insert(o('Dubuque Police Department', { city: 'Dubuque' }));
    expect(findOrgDupes(db)).toEqual([]);
  });

  it('suggests both readings of an acronym that could be two, and one agency\'s posts as one reading', () => {
    insert(o('PCSO'));
    insert(o("Polk County Sheriff's Office", { city: 'Des Moines' }));
    insert(o("Pottawattamie County Sheriff's Office", { city: 'Council Bluffs' }));
    insert(o('Iowa State Patrol', { city: 'Ames' }));
    insert(o('Iowa State Patrol', { city: 'Ankeny' }));
    insert(o('Iowa State Patrol', { city: 'Fort Dodge' }));
    insert(o('ISP'));
    expect(findOrgDupes(db).map((p) => [p.keep.name, p.keep.city, p.drop.name, p.reason])).toEqual([
      ['Iowa State Patrol', 'Ames', 'ISP', REASON_ABBREVIATION],
      ['Iowa State Patrol', 'Ankeny', 'ISP', REASON_ABBREVIATION],
      ['Iowa State Patrol', 'Fort Dodge', 'ISP', REASON_ABBREVIATION],
      ["Polk County Sheriff's Office", 'Des Moines', 'PCSO', REASON_ABBREVIATION],
      ["Pottawattamie County Sheriff's Office", 'Council Bluffs', 'PCSO', REASON_ABBREVIATION],
    ]);
  });

  it('keeps the earlier rules\' reasons when they find the pair first', () => {
    expect(reasons(o('Polk Co. Sheriff', { city: 'Des Moines' }), o("Polk County Sheriff's Office", { city: 'Des Moines' }))).toEqual([
      'the same name but for words such as Office, Department or Inc',
    ]);
  });
});

describe('abbreviationMatch', () => {
  const m = (a: string, b: string, state = 'IA') => abbreviationMatch(nameForm(a, state), nameForm(b, state));

  it.each([
    ['ISP', 'Iowa State Patrol', ABBREVIATION],
    ['Department of Public Safety', 'Iowa Department of Public Safety', STATE_LEFT_OUT],
    ['Story County Sheriff', "Story County Sheriff's Office", 0],
    ['Story County Sheriff', 'Polk County Sheriff', -1],
    ['ISP', 'Illinois State Police', -1],
  ])('%j and %j → %d', (a, b, want) => {
    expect(m(a, b)).toBe(want);
    expect(m(b, a)).toBe(want);
  });

  it('finds every pair it accepts through a shared signature', () => {
    for (const [a, b] of [['Iowa DOT MVE', 'Iowa Department of Transportation - Motor Vehicle Enforcement'], ['MoDOT', 'Missouri Department of Transportation'], ['DPS', 'Iowa Department of Public Safety']]) {
      const state = a === 'MoDOT' ? 'MO' : 'IA';
      const sa = nameForm(a, state).signatures;
      expect(nameForm(b, state).signatures.some((s) => sa.includes(s)), `${a} / ${b}`).toBe(true);
    }
  });
});

describe('joinDottedLetters', () => {
  it.each([
    ['Polk County S.O.', 'Polk County SO'],
    ['Des Moines P.D.', 'Des Moines PD'],
    ['I. S. P.', 'ISP'],
    ['U.S. Marshals', 'US Marshals'],
    ['St. Louis P.D', 'St. Louis PD'],
    ['Smith Trucking Co.', 'Smith Trucking Co.'],
  ])('%j → %j', (name, joined) => expect(joinDottedLetters(name)).toBe(joined));
});
