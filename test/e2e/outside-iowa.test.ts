/** Coalitions outside Iowa, with the geography real directories have: Louisiana's parishes,
 * Virginia's independent cities, St. Louis, Alaska's boroughs and troopers, Connecticut's planning
 * regions, New York City's boroughs, a county name shared by 30 states, and ZIP codes as Excel and
 * the Postal Service leave them. Each state's files are small and written here; the built binary
 * imports them, pairs, and prints the contact lists and the report. */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { coalition } from '../helpers/e2e.js';
import { tempDir } from '../helpers/context.js';

interface Build {
  dir: string;
  db: string[];
  run: (...args: string[]) => ReturnType<typeof coalition>;
  json: (...args: string[]) => Promise<any>;
  imp: (kind: string, name: string, text: string, ...args: string[]) => Promise<{ exitCode: number; summary: any; stderr: string }>;
}

async function build(slug: string, state: string, name: string): Promise<Build> {
  const dir = tempDir('coalition-outside-');
  const db = ['--db', path.join(dir, 'c.db')];
  const run = (...args: string[]) => coalition([...args, ...db], { cwd: dir });
  const json = async (...args: string[]) => {
    const r = await run(...args);
    expect(r.exitCode, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };
  const imp = async (kind: string, file: string, text: string, ...args: string[]) => {
    writeFileSync(path.join(dir, file), text);
    const r = await run('import', kind, file, '--json', ...args);
    expect([0, 3], r.stderr).toContain(r.exitCode);
    return { exitCode: r.exitCode, summary: JSON.parse(r.stdout), stderr: r.stderr };
  };
  const made = await run('new', slug, '--name', name, '--state', state, '--date', '2026-04-14');
  expect(made.exitCode, made.stderr).toBe(0);
  return { dir, db, run, json, imp };
}

type Doc = { counties: Array<{ county: string; county_fips: string; state: string; stops: Array<{ name: string; contacts: Array<{ name: string | null; agency: string; match: string }> }> }>; gaps: unknown[]; statewide: Array<{ agency: string }> };

/** stop name → "agency: officer" of its contacts, per county heading. */
function sheet(doc: Doc): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const c of doc.counties) {
    out[`${c.county} (${c.county_fips})`] = Object.fromEntries(c.stops.map((s) => [s.name, s.contacts.map((k) => `${k.agency}: ${k.name ?? 'main line'}${k.match === 'county' ? '' : ` (${k.match})`}`)]));
  }
  return out;
}

describe('Louisiana: parishes', () => {
  it('reads parishes however a directory writes them, names the parish sheriffs so, and prints parishes', async () => {
    const b = await build('la-2026', 'LA', 'Louisiana Coalition Build 2026');
    const stops = await b.imp('contacts', 'stops.csv', [
      'Location Name,Store #,Address,City,State,Zip,Parish,Main Phone,General Manager',
      "Love's Travel Stop,621,9350 Greenwood Rd,Greenwood,LA,71033,Caddo Parish,(318) 555-0101,Curtis Broussard",
      'Pilot Travel Center,434,7800 Pines Rd,Shreveport,LA,71129,Parish of Caddo,(318) 555-0102,Monique Thibodeaux',
      'Petro Stopping Center,,3500 Industrial Dr,Bossier City,LA,71112,Bossier Par.,(318) 555-0103,Wade Fontenot',
      "Love's Travel Stop,455,8950 Hwy 171,Mansfield,LA,71052,DeSoto Parish,(318) 555-0106,Beau Landry",
      'Flying J Travel Center,,670 Rosedale Rd,Port Allen,LA,70767,W. Baton Rouge,(225) 555-0105,Jolie Hebert',
    ].join('\n'));
    expect(stops.summary.warnings).toEqual([]);
    // A sheriffs' association directory: the parish and the sheriff, no agency, no state column.
    const sheriffs = await b.imp('contacts', 'sheriffs.csv', [
      'Parish,Sheriff,Address,City,Zip,Phone',
      'Caddo,Steve Pruitt,501 Texas St,Shreveport,71101,(318) 555-0201',
      'BOSSIER,Julian Whittington,204 Burt Blvd,Benton,71006,(318) 555-0202',
      'De Soto,Jayson Richardson,205 Franklin St,Mansfield,71052,(318) 555-0205',
      'West Baton Rouge,Mike Cazes,850 8th St,Port Allen,70767,(225) 555-0204',
    ].join('\n'));
    expect(sheriffs.summary.warnings).toEqual([]);
    await b.imp('contacts', 'agencies.csv', [
      'Agency,Officer,Rank,Email,Phone,Address,City,State,ZIP',
      "Caddo Parish Sheriff's Office,Ronnie Blackwell,Deputy,rblackwell@caddo.example,(318) 555-0305,501 Texas St,Shreveport,LA,71101",
      'Shreveport Police Department,Keisha Boudreaux,Sgt.,kboudreaux@shreveport.example,(318) 555-0301,1234 Texas Ave,Shreveport,LA,71101',
      'Allen Parish Police Jury,Dale Fontenot,President,dfontenot@allen.example,(337) 555-0310,602 Court St,Oberlin,LA,70655',
      'Louisiana State Police Troop G,Paul Mouton,Trooper,pmouton@lsp.example,(318) 555-0303,5800 Barksdale Blvd,Bossier City,LA,71112',
    ].join('\n'));

    const orgs = await b.json('orgs', '--json', '--sector', 'law_enforcement');
    // One Caddo Parish Sheriff's Office, whichever file named it first.
    expect(orgs.map((o: { name: string }) => o.name).sort()).toEqual([
      "Bossier Parish Sheriff's Office", "Caddo Parish Sheriff's Office", "De Soto Parish Sheriff's Office", 'Louisiana State Police Troop G', 'Shreveport Police Department', "West Baton Rouge Parish Sheriff's Office",
    ]);
    const jury = await b.json('orgs', '--json', '--search', 'Police Jury');
    expect(jury).toEqual([expect.objectContaining({ sector: 'government' })]);

    expect((await b.run('pair')).exitCode).toBe(0);
    const doc = await b.json('contacts', '--json');
    expect(sheet(doc)).toEqual({
      'Bossier Parish (22015)': { 'Petro Stopping Center': ["Bossier Parish Sheriff's Office: Julian Whittington"] },
      'Caddo Parish (22017)': {
        "Love's Travel Stop #621": ["Caddo Parish Sheriff's Office: Ronnie Blackwell", "Caddo Parish Sheriff's Office: Steve Pruitt", 'Shreveport Police Department: Keisha Boudreaux'],
        'Pilot Travel Center #434': ["Caddo Parish Sheriff's Office: Ronnie Blackwell", "Caddo Parish Sheriff's Office: Steve Pruitt", 'Shreveport Police Department: Keisha Boudreaux'],
      },
      'De Soto Parish (22031)': { "Love's Travel Stop #455": ["De Soto Parish Sheriff's Office: Jayson Richardson"] },
      'West Baton Rouge Parish (22121)': { 'Flying J Travel Center': ["West Baton Rouge Parish Sheriff's Office: Mike Cazes"] },
    });
    const html = await b.run('contacts', '--format', 'html');
    expect(html.stdout).toContain('Caddo Parish, Louisiana');
    expect(html.stdout).not.toMatch(/Parish County|Caddo County/);
    const csv = await b.run('contacts', '--format', 'csv', '--county', 'Parish of Caddo');
    expect(csv.stdout.trimEnd().split('\r\n').slice(1).filter((l) => l.split(',')[3] !== '') /* the stops' rows, not the sheet's statewide ones */.map((l) => l.split(',').slice(0, 5).join(','))).toEqual([
      "Caddo Parish,22017,LA,1,Love's Travel Stop #621", "Caddo Parish,22017,LA,1,Love's Travel Stop #621", "Caddo Parish,22017,LA,1,Love's Travel Stop #621",
      'Caddo Parish,22017,LA,2,Pilot Travel Center #434', 'Caddo Parish,22017,LA,2,Pilot Travel Center #434', 'Caddo Parish,22017,LA,2,Pilot Travel Center #434',
    ]);
    const report = await b.json('report', '--json');
    expect(report.goals.find((g: { id: string }) => g.id === 'P1.3').metrics).toMatchObject({ truck_stops: 5, truck_stops_with_local_officer: 5, counties_uncovered: 0 });
  });
});

describe('Virginia: independent cities', () => {
  it('keeps Richmond County and the City of Richmond apart, and pairs a county sheriff seated in a city with the county', async () => {
    const b = await build('va-2026', 'VA', 'Virginia Coalition Build 2026');
    const stops = await b.imp('contacts', 'stops.csv', [
      'Location Name,Address,City,State,Zip,County,Main Phone',
      "Love's Travel Stop #733,1801 Commerce Rd,Richmond,VA,23224,Richmond city,(804) 555-0102",
      'Petro Stopping Center,5100 Warwick Rd,Richmond,VA,23224,City of Richmond,(804) 555-0103',
      'Flying J Travel Center,3150 Hwy 3,Warsaw,VA,22572,Richmond County,(804) 555-0104',
      'TA Travel Center,1700 Apperson Dr,Salem,VA,24153,Salem,(540) 555-0105',
      'Dixie Caverns Truck Stop,5753 W Main St,Salem,VA,24153,Roanoke County,(540) 555-0106',
    ].join('\n'));
    // The ZIP of Salem spans the city and the county: the one row whose county column says so is warned about.
    expect(stops.summary.warnings).toEqual([{ row: 6, field: 'zip', message: 'county Roanoke County (51161) and ZIP 24153 (Salem city) disagree; kept the county column' }]);
    const le = await b.imp('contacts', 'le.csv', [
      'Agency,Officer,Rank,Email,Phone,Address,City,State,ZIP',
      'Richmond Police Department,Carl Doe,Sgt.,cdoe@rva.example,(804) 555-0203,200 W Grace St,Richmond,VA,23220',
      "Richmond City Sheriff's Office,Dora Doe,Deputy,ddoe@rva.example,(804) 555-0204,1701 Fairfield Way,Richmond,VA,23223",
      "Richmond County Sheriff's Office,Ed Doe,Sheriff,edoe@richmondcounty.example,(804) 555-0205,101 Court Cir,Warsaw,VA,22572",
      'Salem Police Department,Fay Doe,Lt.,fdoe@salem.example,(540) 555-0206,36 E Calhoun St,Salem,VA,24153',
      "Salem Sheriff's Office,Gus Doe,Sheriff,gdoe@salem.example,(540) 555-0207,2 E Calhoun St,Salem,VA,24153",
      "Roanoke County Sheriff's Office,Hank Doe,Major,hdoe@roanokecounty.example,(540) 555-0208,401 E Main St,Salem,VA,24153",
    ].join('\n'));
    expect(le.summary.warnings).toEqual([]);

    expect((await b.run('pair')).exitCode).toBe(0);
    expect(sheet(await b.json('contacts', '--json'))).toEqual({
      'Richmond city (51760)': {
        "Love's Travel Stop #733": ["Richmond City Sheriff's Office: Dora Doe", 'Richmond Police Department: Carl Doe'],
        'Petro Stopping Center': ["Richmond City Sheriff's Office: Dora Doe", 'Richmond Police Department: Carl Doe'],
      },
      'Richmond County (51159)': { 'Flying J Travel Center': ["Richmond County Sheriff's Office: Ed Doe"] },
      // The sheriff of Roanoke County sits in Salem but serves the county; Salem has its own.
      'Roanoke County (51161)': { 'Dixie Caverns Truck Stop': ["Roanoke County Sheriff's Office: Hank Doe"] },
      'Salem city (51775)': { 'TA Travel Center': ["Salem Sheriff's Office: Gus Doe", 'Salem Police Department: Fay Doe'] },
    });
    expect(await b.json('gaps', '--json')).toEqual([]);

    // A bare "Richmond" is two county-equivalents: the command says which to name.
    const both = await b.run('contacts', '--county', 'Richmond');
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain('"Richmond" names 2 counties: Richmond County, VA (51159); Richmond city, VA (51760)');
    const city = await b.run('contacts', '--format', 'csv', '--county', 'City of Richmond');
    expect(new Set(city.stdout.trimEnd().split('\r\n').slice(1).filter((l) => l.split(',')[3] !== '') /* the stops' rows, not the sheet's statewide ones */.map((l) => l.split(',').slice(0, 3).join(',')))).toEqual(new Set(['Richmond city,51760,VA']));
    const people = await b.json('people', '--json', '--county', 'Roanoke County, VA');
    expect(people).toEqual([expect.objectContaining({ last_name: 'Doe', first_name: 'Hank', county: 'Roanoke County', county_source: 'name' })]);
    const show = await b.run('orgs', 'show', "Roanoke County Sheriff's Office");
    expect(show.stdout).toContain("from the agency's name");
  });
});

describe('Missouri: St. Louis city and county', () => {
  it('tells the City of St. Louis from St. Louis County however it is written', async () => {
    const b = await build('mo-2026', 'MO', 'Missouri Coalition Build 2026');
    const stops = await b.imp('contacts', 'stops.csv', [
      'Location Name,Address,City,State,Zip,County',
      'Pilot Travel Center #123,4100 N Broadway,St. Louis,MO,63147,St. Louis City',
      'Petro Stopping Center,1000 Hall St,Saint Louis,MO,63147,City of St. Louis',
      "Love's Travel Stop #402,7000 S Lindbergh Blvd,St Louis,MO,63125,St Louis Co.",
      'TA Travel Center,800 Bowles Ave,Fenton,MO,63026,Saint Louis County',
      'Flying J Travel Center,21795 Hwy 32,Ste. Genevieve,MO,63670,Sainte Genevieve County',
    ].join('\n'));
    expect(stops.summary.warnings).toEqual([]);
    await b.imp('contacts', 'le.csv', [
      'Agency,Officer,Email,City,State,ZIP',
      'St. Louis County Police Department,Al Roe,aroe@stlco.example,Clayton,MO,63105',
      'St. Louis Metropolitan Police Department,Bo Roe,broe@slmpd.example,St. Louis,MO,63103',
      "Ste. Genevieve County Sheriff's Office,Di Roe,droe@stegen.example,Ste. Genevieve,MO,63670",
    ].join('\n'));
    expect((await b.run('pair')).exitCode).toBe(0);
    expect(sheet(await b.json('contacts', '--json'))).toEqual({
      'St. Louis city (29510)': {
        'Petro Stopping Center': ['St. Louis Metropolitan Police Department: Bo Roe'],
        'Pilot Travel Center #123': ['St. Louis Metropolitan Police Department: Bo Roe'],
      },
      'St. Louis County (29189)': {
        'TA Travel Center': ['St. Louis County Police Department: Al Roe'],
        "Love's Travel Stop #402": ['St. Louis County Police Department: Al Roe'],
      },
      'Ste. Genevieve County (29186)': { 'Flying J Travel Center': ["Ste. Genevieve County Sheriff's Office: Di Roe"] },
    });
  });
});

describe('Alaska: boroughs, census areas and the State Troopers', () => {
  it('prints boroughs and census areas, and pairs a stop with the trooper post of its census area', async () => {
    const b = await build('ak-2026', 'AK', 'Alaska Coalition Build 2026');
    const stops = await b.imp('contacts', 'stops.csv', [
      'Location Name,Address,City,State,Zip,Borough',
      'Tesoro 2 Go Truck Stop,5600 Old Seward Hwy,Anchorage,AK,99518,Municipality of Anchorage',
      'Sourdough Fuel Truck Stop,3000 S Cushman St,Fairbanks,AK,99701,Fairbanks North Star Borough',
      'Tok Truck Stop,1314 Alaska Hwy,Tok,AK,99780,Southeast Fairbanks Census Area',
      'Soldotna Travel Plaza,44000 Sterling Hwy,Soldotna,AK,99669,Kenai Peninsula',
      'Yakutat Fuel Stop,1 Harbor Rd,Yakutat,AK,99689,',
    ].join('\n'));
    expect(stops.summary.columns).toEqual(expect.arrayContaining([{ column: 'Borough', field: 'county' }]));
    expect(stops.summary.warnings).toEqual([]);
    await b.imp('contacts', 'le.csv', [
      'Agency,Officer,Rank,Email,City,State,ZIP',
      'Anchorage Police Department,Al Poe,Sgt.,apoe@apd.example,Anchorage,AK,99501',
      'Fairbanks Police Department,Flo Poe,Lt.,fpoe@fairbanks.example,Fairbanks,AK,99701',
      'Alaska State Troopers - Tok Post,Cal Poe,Sgt.,cpoe@ast.example,Tok,AK,99780',
      'Alaska State Troopers - Soldotna Post,Eli Poe,Sgt.,epoe@ast.example,Soldotna,AK,99669',
    ].join('\n'));
    const pair = await b.run('pair');
    expect(pair.stderr).toContain('Paired 5 truck stops in 5 counties of AK: 4 with an officer of their county');
    const doc = await b.json('contacts', '--json');
    expect(sheet(doc)).toEqual({
      'Anchorage Municipality (02020)': { 'Tesoro 2 Go Truck Stop': ['Anchorage Police Department: Al Poe'] },
      'Fairbanks North Star Borough (02090)': { 'Sourdough Fuel Truck Stop': ['Fairbanks Police Department: Flo Poe'] },
      'Kenai Peninsula Borough (02122)': { 'Soldotna Travel Plaza': ['Alaska State Troopers - Soldotna Post: Eli Poe'] },
      'Southeast Fairbanks Census Area (02240)': { 'Tok Truck Stop': ['Alaska State Troopers - Tok Post: Cal Poe'] },
      'Yakutat City and Borough (02282)': { 'Yakutat Fuel Stop': [] },
    });
    const gaps = await b.json('gaps', '--json');
    expect(gaps.map((g: { county: string }) => g.county)).toEqual(['Yakutat City and Borough']);
    const report = await b.json('report', '--json');
    expect(report.goals.find((g: { id: string }) => g.id === 'P1.3').metrics).toMatchObject({ truck_stops: 5, truck_stops_with_local_officer: 4, counties_uncovered: 1 });
  });
});

describe('Connecticut: planning regions', () => {
  it('places every row in a planning region, whatever old county its directory names', async () => {
    const b = await build('ct-2026', 'CT', 'Connecticut Coalition Build 2026');
    const stops = await b.imp('contacts', 'stops.csv', [
      'Location Name,Address,City,State,Zip,County',
      'Pilot Travel Center #260,360 Roberts St,East Hartford,CT,6108,Hartford County',
      "Love's Travel Stop #780,1 Love Ln,Willington,CT,6279,Tolland County",
      'Truck Stop of Bridgeport,1000 Main St,Bridgeport,CT,6604,Fairfield County',
      'Milford Travel Plaza,10 Stony Rd,Milford,CT,06460-1234,',
      'Town Line Fuel Stop,1 Main St,Somewhere,CT,,Litchfield County',
    ].join('\n'));
    expect(stops.summary.warnings).toEqual([
      { row: 6, field: 'county', message: `county "Litchfield County" no longer exists (Connecticut's planning regions replaced its counties in 2022); give the ZIP code or the town` },
    ]);
    await b.imp('contacts', 'le.csv', [
      'Agency,Officer,Email,City,State,ZIP,County',
      'East Hartford Police Department,Al Coe,acoe@eh.example,East Hartford,CT,6108,Hartford County',
      'Connecticut State Police Troop C,Cy Coe,ccoe@csp.example,Tolland,CT,6084,Tolland County',
      'Bridgeport Police Department,Fi Coe,fcoe@bpt.example,Bridgeport,CT,6604,Fairfield County',
    ].join('\n'));
    expect((await b.run('pair')).exitCode).toBe(0);
    const doc = await b.json('contacts', '--json');
    expect(sheet(doc)).toEqual({
      'Capitol Planning Region (09110)': {
        'Pilot Travel Center #260': ['East Hartford Police Department: Al Coe', 'Connecticut State Police Troop C: Cy Coe'],
        // Willington has no police of its own: the State Police troop is its local police.
        "Love's Travel Stop #780": ['Connecticut State Police Troop C: Cy Coe', 'East Hartford Police Department: Al Coe'],
      },
      'Greater Bridgeport Planning Region (09120)': { 'Truck Stop of Bridgeport': ['Bridgeport Police Department: Fi Coe'] },
      'South Central Connecticut Planning Region (09170)': { 'Milford Travel Plaza': ['Bridgeport Police Department: Fi Coe (nearest)', 'East Hartford Police Department: Al Coe (nearest)'] },
      'County not known (null)': { 'Town Line Fuel Stop': [] },
    });
    const region = await b.run('contacts', '--format', 'csv', '--county', 'Capitol Region');
    expect(region.exitCode, region.stderr).toBe(0);
  });
});

describe('New York City: boroughs are counties', () => {
  it('reads borough names as counties and pairs NYPD precincts', async () => {
    const b = await build('ny-2026', 'NY', 'New York Coalition Build 2026');
    const stops = await b.imp('contacts', 'stops.csv', [
      'Location Name,Address,City,State,Zip,County',
      'Brooklyn Truck Stop,100 Hamilton Ave,Brooklyn,NY,11231,Brooklyn',
      'Hunts Point Travel Plaza,600 Food Center Dr,Bronx,NY,10474,The Bronx',
      'Staten Island Truck Stop,2000 Forest Ave,Staten Island,NY,10303,Staten Island',
      'Manhattan Fuel Stop,500 W 30th St,New York,NY,10001,Manhattan',
    ].join('\n'));
    expect(stops.summary.warnings).toEqual([]);
    await b.imp('contacts', 'le.csv', [
      'Agency,Officer,Email,City,State,ZIP,County',
      'NYPD 76th Precinct,Al Noe,anoe@nypd.example,Brooklyn,NY,11231,Kings',
      'NYPD 41st Precinct,Cy Noe,cnoe@nypd.example,Bronx,NY,10459,Bronx',
      'NYPD 120th Precinct,Di Noe,dnoe@nypd.example,Staten Island,NY,10301,Richmond',
    ].join('\n'));
    expect((await b.run('pair')).exitCode).toBe(0);
    const doc = await b.json('contacts', '--json');
    expect(sheet(doc)).toMatchObject({
      'Kings County (36047)': { 'Brooklyn Truck Stop': ['NYPD 76th Precinct: Al Noe'] },
      'Bronx County (36005)': { 'Hunts Point Travel Plaza': ['NYPD 41st Precinct: Cy Noe'] },
      'Richmond County (36085)': { 'Staten Island Truck Stop': ['NYPD 120th Precinct: Di Noe'] },
    });
    expect((await b.run('contacts', '--county', 'Brooklyn')).exitCode).toBe(0);
  });
});

describe('Texas: a county name of 30 states, and a truck stop on the state line', () => {
  it("takes the county in the row's state or its ZIP's, and never a county of the state next door", async () => {
    const b = await build('tx-2026', 'TX', 'Texas Coalition Build 2026');
    const stops = await b.imp('contacts', 'stops.csv', [
      'Location Name,Address,City,State,Zip,County',
      'Brenham Travel Center,2000 Hwy 290,Brenham,TX,77833,Washington',
      'Chappell Hill Truck Stop,9000 Hwy 290,Chappell Hill,,77426,Washington County',
      "Love's Travel Stop #225,100 Loves Dr,Texarkana,TX,71854,",
      'Border Fuel Stop,1 State Line Rd,Nowhere,TX,71854,',
    ].join('\n'));
    expect(stops.summary.warnings).toEqual([
      { row: 4, field: 'zip', message: 'ZIP 71854 is in AR, not TX; the county was taken from the city' },
      { row: 5, field: 'zip', message: 'ZIP 71854 is in AR, not TX; county not resolved' },
    ]);
    await b.imp('contacts', 'le.csv', [
      'Agency,Officer,Email,City,State,ZIP,County',
      "Washington County Sheriff's Office,Al Toe,atoe@wcso.example,Brenham,TX,77833,Washington",
      "Bowie County Sheriff's Office,Cy Toe,ctoe@bowie.example,Texarkana,TX,75501,",
      "Miller County Sheriff's Office,Bo Toe,btoe@miller.example,Texarkana,AR,71854,",
    ].join('\n'));
    expect((await b.run('pair')).exitCode).toBe(0);
    const doc = await b.json('contacts', '--json');
    expect(sheet(doc)).toEqual({
      'Bowie County (48037)': { "Love's Travel Stop #225": ["Bowie County Sheriff's Office: Cy Toe"] },
      'Washington County (48477)': {
        'Brenham Travel Center': ["Washington County Sheriff's Office: Al Toe"],
        'Chappell Hill Truck Stop': ["Washington County Sheriff's Office: Al Toe"],
      },
      // No county of Texas is known for it; its ZIP still finds the nearest Texas officer.
      'County not known (null)': { 'Border Fuel Stop': ["Bowie County Sheriff's Office: Cy Toe (nearest)"] },
    });
  });
});

describe('ZIP codes as spreadsheets leave them', () => {
  it('restores leading zeros, cuts ZIP+4, knows PO-box ZIPs and DC, and says when a territory is not covered', async () => {
    const b = await build('east-2026', 'NJ,MA,NY,CT,PR,IA,DC', 'Eastern Coalition Build 2026');
    const r = await b.imp('contacts', 'stops.csv', [
      'Location Name,City,State,Zip,County',
      'NJ Turnpike Travel Plaza,Avenel,NJ,7001,',
      'Boston Truck Stop,Boston,MA,2110,Suffolk',
      'Holtsville Stop,Holtsville,NY,501,',
      'Hartford Stop,Hartford,CT,061031234,',
      'San Juan Stop,San Juan,PR,901,',
      'Des Moines PO Box Stop,Des Moines,IA,50306,',
      'DC Truck Stop,Washington,DC,20002-4444,Washington',
    ].join('\n'));
    expect(r.summary.warnings).toEqual([{ row: 6, field: 'zip', message: 'ZIP 00901 is not known: the offline ZIP table covers the 50 states and DC, not Puerto Rico' }]);
    const orgs = await b.json('orgs', '--json');
    const where = Object.fromEntries(orgs.map((o: { name: string; zip: string; county: string | null; county_fips: string | null }) => [o.name, `${o.zip} ${o.county} ${o.county_fips}`]));
    expect(where).toEqual({
      'NJ Turnpike Travel Plaza': '07001 Middlesex County 34023',
      'Boston Truck Stop': '02110 Suffolk County 25025',
      'Holtsville Stop': '00501 Suffolk County 36103',
      'Hartford Stop': '06103 Capitol Planning Region 09110',
      'San Juan Stop': '00901 null null',
      'Des Moines PO Box Stop': '50306 Polk County 19153',
      'DC Truck Stop': '20002 District of Columbia 11001',
    });
  });
});
