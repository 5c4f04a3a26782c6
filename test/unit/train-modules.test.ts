import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrations/index.js';
import { addModule, contentWords, listModules, ModuleMatcher, normalizeText, resolveModule } from '../../src/core/training/modules.js';

async function memDb() {
  const db = new Database(':memory:');
  await migrate(db, ':memory:', () => new Date('2026-11-28T15:00:00Z'));
  return db;
}

describe('module catalog', () => {
  it('is seeded with the contract\'s seven ids', async () => {
    const db = await memDb();
    expect(listModules(db).map((m) => m.id).sort()).toEqual(['build-initial', 'cdl-entry', 'driver', 'le-tat', 'le-victim-centered', 'survivor-session', 'truck-stop-employee']);
  });

  it('adds a module with a slug id and refuses a taken or badly formed id', async () => {
    const db = await memDb();
    const m = addModule(db, { id: 'hotel-staff', name: 'Hotel staff training', audience: 'Other' }, new Date());
    expect(m).toMatchObject({ id: 'hotel-staff', name: 'Hotel staff training', audience: 'other', builtin: false });
    expect(() => addModule(db, { id: 'hotel-staff', name: 'Again' }, new Date())).toThrow(/already exists/);
    for (const bad of ['Hotel-Staff', 'hotel staff', '-x', 'x--y', 'x-', 'é', '']) {
      expect(() => addModule(db, { id: bad, name: 'n' }, new Date()), bad).toThrow(/not a usable module id/);
    }
    expect(() => addModule(db, { id: 'ok-id', name: '  ' }, new Date())).toThrow(/needs a name/);
    expect(() => addModule(db, { id: 'ok-id', name: 'n', audience: 'pilots' }, new Date())).toThrow(/not an audience/);
  });
});

describe('normalizeText / contentWords', () => {
  it.each([
    ['Victim-Centered  Law Enforcement', 'victim centered law enforcement'],
    ['Café & Co.', 'cafe and co'],
    ['  CDL_Entry ', 'cdl entry'],
  ])('normalizeText(%j) = %j', (input, expected) => expect(normalizeText(input)).toBe(expected));

  it.each([
    ['Initial Human Trafficking Training', ['initial']],
    ['LE Training 2026', ['law', 'enforcement']],
    ['Truck Stop Employees', ['truck', 'stop', 'employee']],
    ['ELDT', ['cdl', 'entry']],
  ])('contentWords(%j) = %j', (input, expected) => expect(contentWords(input)).toEqual(expected));
});

describe('ModuleMatcher', () => {
  const cases: Array<[string, string | null, string?]> = [
    // by id
    ['build-initial', 'build-initial', 'id'],
    ['LE-Victim-Centered', 'le-victim-centered', 'id'],
    ['truck stop employee', 'truck-stop-employee', 'id'],
    ['cdl_entry', 'cdl-entry', 'id'],
    // by the catalog name
    ['Victim-Centered Law Enforcement Training', 'le-victim-centered', 'name'],
    ['Survivor-Leader Session', 'survivor-session', 'name'],
    ['professional driver training', 'driver', 'name'],
    // by keywords
    ['Initial Human Trafficking Training', 'build-initial', 'keywords'],
    ['Coalition Build HT Training', 'build-initial', 'keywords'],
    ['Victim Centred LE Training', 'le-victim-centered', 'keywords'],
    ['Victim-Centered Training for Law Enforcement (2026)', 'le-victim-centered', 'keywords'],
    ['Truckers Against Trafficking Law Enforcement Training', 'le-tat', 'keywords'],
    ['TAT LE training', 'le-tat', 'keywords'],
    ['Truck Stop Employee Training', 'truck-stop-employee', 'name'],
    ['Travel Center Staff Training', 'truck-stop-employee', 'keywords'],
    ['Driver Training', 'driver', 'keywords'],
    ['Entry-Level Driver Training (ELDT)', 'cdl-entry', 'keywords'],
    ['CDL Entry Level', 'cdl-entry', 'keywords'],
    ['Survivor Leader Story', 'survivor-session', 'keywords'],
    // TAT names who made a programme, not which one it is
    ['TAT Truck Stop Employee Training', 'truck-stop-employee', 'keywords'],
    ['TAT Driver Training (video)', 'driver', 'keywords'],
    ['Truckers Against Trafficking Driver Training', 'driver', 'keywords'],
    ['TAT Initial Training', 'build-initial', 'keywords'],
    ['TAT Cashier Training', 'truck-stop-employee', 'keywords'],
    ['TAT Survivor Leader Session', 'survivor-session', 'keywords'],
    ['TAT for LE', 'le-tat', 'keywords'],
    ['TAT Victim-Centered LE Training', 'le-victim-centered', 'keywords'],
    ['TAT Entry-Level Driver Training', 'cdl-entry', 'keywords'],
    ['CDL Entry-Level Driver Training module', 'cdl-entry', 'keywords'],
    ['Truck Driver Training', 'driver', 'keywords'],
    ['Training for Truckers', 'driver', 'keywords'],
    ['TAT Training', null],
    ['TAT Bus Training', null],
    ['TAT Carrier Training', null],
    // unknown
    ['Forklift Safety Certification', null],
    ['Human Trafficking Training', null],
    ['', null],
    ['Hazmat Endorsement', null],
  ];
  const matcher = new ModuleMatcher([
    { id: 'build-initial', name: 'Initial human-trafficking training (coalition build)', audience: 'all', description: null, builtin: true },
    { id: 'le-victim-centered', name: 'Victim-centered law enforcement training', audience: 'law_enforcement', description: null, builtin: true },
    { id: 'survivor-session', name: 'Survivor-leader session', audience: 'all', description: null, builtin: true },
    { id: 'truck-stop-employee', name: 'Truck stop employee training', audience: 'truck_stop', description: null, builtin: true },
    { id: 'driver', name: 'Professional driver training', audience: 'trucking', description: null, builtin: true },
    { id: 'cdl-entry', name: 'CDL entry-level training', audience: 'trucking', description: null, builtin: true },
    { id: 'le-tat', name: 'TAT law enforcement training', audience: 'law_enforcement', description: null, builtin: true },
  ]);
  it.each(cases)('%j → %s', (input, id, how) => {
    const r = matcher.match(input);
    expect(r.module?.id ?? null).toBe(id);
    if (r.module && how) expect(r.how).toBe(how);
  });

  it('calls "Law Enforcement Training" ambiguous between the two LE modules', () => {
    const r = matcher.match('Law Enforcement Training');
    expect(r.module).toBeNull();
    if (!r.module) expect(r.ambiguous.map((m) => m.id).sort()).toEqual(['le-tat', 'le-victim-centered']);
  });

  it('matches modules a coordinator added, by their words', async () => {
    const db = await memDb();
    addModule(db, { id: 'hotel-staff', name: 'Hotel front desk training' }, new Date());
    expect(ModuleMatcher.load(db).match('Front Desk (Hotels)').module?.id).toBe('hotel-staff');
  });

  it('resolveModule names the known ids when nothing matches', async () => {
    const db = await memDb();
    expect(() => resolveModule(db, 'Forklift')).toThrow(/unknown module "Forklift"; known modules: build-initial, .*le-tat/);
    expect(() => resolveModule(db, 'LE training')).toThrow(/could be le-tat or le-victim-centered|could be le-victim-centered or le-tat/);
  });
});
