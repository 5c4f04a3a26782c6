import { describe, expect, it } from 'vitest';
import { AGENCY_TYPES, SECTORS, cityKey, inferSector, isStatewide, orgKey, parseAgencyType, parseSector, storeNumber } from '../../src/core/normalize/sector.js';

describe('inferSector', () => {
  it.each([
    // law enforcement
    ["Polk County Sheriff's Office", 'law_enforcement', 'sheriff'],
    // Dotted initials and shortened words, as sign-in sheets write them
    ['Polk County S.O.', 'law_enforcement', 'sheriff'],
    ['Des Moines P.D.', 'law_enforcement', 'police'],
    ['Ames P. D.', 'law_enforcement', 'police'],
    ['Mtr Carrier Enf.', 'law_enforcement', 'dot_mve'],
    ['Iowa Mtr Veh Enf', 'law_enforcement', 'dot_mve'],
    ['Story Cnty Sheriff', 'law_enforcement', 'sheriff'],
    ['Iowa Dept. of Public Safety', 'law_enforcement', 'state_patrol'],
    ['Iowa D.O.T.', 'government', 'dot'],
    ['Story County Sheriffs Dept.', 'law_enforcement', 'sheriff'],
    ['Hooker County Sheriff', 'law_enforcement', 'sheriff'],
    ['Woodbury Co. Sheriff', 'law_enforcement', 'sheriff'],
    ['Des Moines Police Department', 'law_enforcement', 'police'],
    ['West Des Moines Police Dept.', 'law_enforcement', 'police'],
    ['Ankeny PD', 'law_enforcement', 'police'],
    // Other states' agencies
    ['NYPD 76th Precinct', 'law_enforcement', 'police'],
    ['LAPD Hollywood Division', 'law_enforcement', 'police'],
    ['SLMPD', 'law_enforcement', 'police'],
    ["Caddo Parish Sheriff's Office", 'law_enforcement', 'sheriff'],
    ['Alaska State Troopers - Tok Post', 'law_enforcement', 'state_patrol'],
    ['Allen Parish Police Jury', 'government', 'other'],
    ['Caddo Parish Commission', 'government', 'other'],
    ['St. Tammany Parish Government', 'government', 'other'],
    ['Matanuska-Susitna Borough', 'government', 'other'],
    ['Municipality of Anchorage', 'government', 'other'],
    ['Capitol Region Council of Governments', 'government', 'other'],
    ['Iowa State University Police', 'law_enforcement', 'police'],
    ['City of Council Bluffs Police', 'law_enforcement', 'police'],
    ['Iowa State Patrol', 'law_enforcement', 'state_patrol'],
    ['Nebraska State Patrol', 'law_enforcement', 'state_patrol'],
    ['Missouri State Highway Patrol', 'law_enforcement', 'state_patrol'],
    ['Illinois State Police', 'law_enforcement', 'state_patrol'],
    ['Iowa Department of Public Safety', 'law_enforcement', 'state_patrol'],
    ['Texas DPS', 'law_enforcement', 'state_patrol'],
    ['Iowa DOT Motor Vehicle Enforcement', 'law_enforcement', 'dot_mve'],
    ['Motor Vehicle Enforcement - District 3', 'law_enforcement', 'dot_mve'],
    ['Nebraska State Patrol Carrier Enforcement Division', 'law_enforcement', 'dot_mve'],
    ['Kansas Highway Patrol Commercial Vehicle Enforcement', 'law_enforcement', 'dot_mve'],
    ['Iowa MVE', 'law_enforcement', 'dot_mve'],
    ['Homeland Security Investigations - Des Moines', 'law_enforcement', 'federal'],
    ['HSI Omaha', 'law_enforcement', 'federal'],
    ['FBI Omaha Field Office', 'law_enforcement', 'federal'],
    ['U.S. Marshals Service', 'law_enforcement', 'federal'],
    ['US Department of Homeland Security', 'law_enforcement', 'federal'],
    ["Polk County Attorney's Office", 'law_enforcement', 'prosecutor'],
    ['Douglas County District Attorney', 'law_enforcement', 'prosecutor'],
    ["U.S. Attorney's Office, Southern District of Iowa", 'law_enforcement', 'prosecutor'],
    ['Iowa Division of Criminal Investigation', 'law_enforcement', 'other'],
    // government
    ["Iowa Attorney General's Office", 'government', 'attorney_general'],
    ['Office of the Attorney General of Nebraska', 'government', 'attorney_general'],
    ['Iowa Department of Transportation', 'government', 'dot'],
    ['Iowa DOT', 'government', 'dot'],
    ['FMCSA Iowa Division', 'government', 'dot'],
    ['Pilot Knob Township', 'government', 'other'],
    ['City of Ames', 'government', 'other'],
    ['Polk County Board of Supervisors', 'government', 'other'],
    ['Iowa Department of Human Services', 'government', 'other'],
    // truck stops
    ["Love's Travel Stop #456", 'truck_stop', null],
    ['Loves Travel Stops & Country Stores', 'truck_stop', null],
    ['Pilot Travel Center #1234', 'truck_stop', null],
    ['Pilot #389', 'truck_stop', null],
    ['Pilot Flying J', 'truck_stop', null],
    ['Flying J Travel Plaza', 'truck_stop', null],
    ['TA Des Moines', 'truck_stop', null],
    ['TA Express Council Bluffs', 'truck_stop', null],
    ['TravelCenters of America', 'truck_stop', null],
    ['Petro Stopping Center', 'truck_stop', null],
    ['Petro #331 Sioux City', 'truck_stop', null],
    ['Kwik Star #812', 'truck_stop', null],
    ['Kwik Trip', 'truck_stop', null],
    ["Casey's General Store #2901", 'truck_stop', null],
    ['Sapp Bros. Travel Center', 'truck_stop', null],
    ['Iowa 80 Truckstop', 'truck_stop', null],
    ['Road Ranger #120', 'truck_stop', null],
    ['Bosselman Travel Center', 'truck_stop', null],
    ['Boss Truck Shop', 'truck_stop', null],
    ['Big Steer Truck Stop', 'truck_stop', null],
    ['Dixie Truckers Home Truck Plaza', 'truck_stop', null],
    // trucking
    ['Iowa Motor Truck Association', 'trucking', 'association'],
    ['Nebraska Trucking Association', 'trucking', 'association'],
    ['American Trucking Associations', 'trucking', 'association'],
    ['Werner Enterprises', 'trucking', 'carrier'],
    ['Decker Truck Line, Inc.', 'trucking', 'carrier'],
    ['Hirschbach Motor Lines', 'trucking', 'carrier'],
    ['Smith Trucking LLC', 'trucking', 'carrier'],
    ['Midwest Freight Carriers', 'trucking', 'carrier'],
    ['Prairie Logistics', 'trucking', 'carrier'],
    ['Heartland Express', 'trucking', 'carrier'],
    ['Ruan Transportation Management Systems', 'trucking', 'carrier'],
    ['Hawkeye Transport Inc', 'trucking', 'carrier'],
    ['Dart Transit Company', 'trucking', 'carrier'],
    ['Hy-Vee Distribution Center', 'trucking', 'shipper'],
    // bus
    ['Jefferson Lines', 'bus', null],
    ['Greyhound Lines, Inc.', 'bus', null],
    ['Windstar Lines', 'bus', null],
    ['Burlington Trailways', 'bus', null],
    ['Des Moines Area Regional Transit (DART)', 'bus', null],
    ['Heartland Motorcoach Tours', 'bus', null],
    // energy
    ['Petroleum Marketers Association of Iowa', 'energy', null],
    ['Magellan Pipeline Company', 'energy', null],
    ['Phillips 66', 'energy', null],
    ['MidAmerican Energy', 'energy', null],
    ['Bakken Oil & Gas Services', 'energy', null],
    // victim services
    ['Family Crisis Centers', 'victim_services', null],
    ['YWCA of Clinton', 'victim_services', null],
    ['Polk County Crime Victim Services', 'victim_services', null],
    ['Iowa Coalition Against Sexual Assault', 'victim_services', null],
    ['Hope House Domestic Violence Shelter', 'victim_services', null],
    ["Children's Advocacy Center of Central Iowa", 'victim_services', null],
    // ngo
    ['Truckers Against Trafficking', 'ngo', null],
    ['Network Against Human Trafficking', 'ngo', null],
    ['First Baptist Church', 'ngo', null],
    ['Catholic Charities Diocese of Des Moines', 'ngo', null],
    ['Freedom Ministries', 'ngo', null],
    ['Central Iowa Community Foundation', 'ngo', null],
    ['Salvation Army', 'ngo', null],
  ])('%j → %s / %s', (name, sector, agency_type) => {
    expect(inferSector(name)).toEqual({ sector, agency_type });
  });

  it.each([['Lovely Nails Salon'], ['Pilot Club of Des Moines'], ['Mercy Medical Center'], ['University of Iowa'], [''], [null], ['   ']])('%j → no guess', (name) => {
    expect(inferSector(name)).toBeNull();
  });
});

describe('parseSector', () => {
  it.each([
    ['law_enforcement', 'law_enforcement'], ['Law Enforcement', 'law_enforcement'], ['LE', 'law_enforcement'], ['law enforcement - county', 'law_enforcement'],
    ['Government/State Agency', 'government'], ['Government', 'government'], ['state agency', 'government'],
    ['Trucking Industry', 'trucking'], ['trucking', 'trucking'], ['Motor Carrier', 'trucking'],
    ['Truck Stop Manager/Owner', 'truck_stop'], ['truck_stop', 'truck_stop'], ['Travel Center', 'truck_stop'], ['Truck Stop Owner/GM', 'truck_stop'],
    ['Bus Industry', 'bus'], ['Motorcoach', 'bus'],
    ['Oil and Gas', 'energy'], ['Oil & Gas', 'energy'], ['Energy', 'energy'],
    ['Victim Services', 'victim_services'], ['Victim Service Provider', 'victim_services'],
    ['NGO', 'ngo'], ['Non-Profit', 'ngo'], ['Faith-based', 'ngo'],
    ['Other', 'other'],
    ['', null], [null, null], ['Banana', null],
  ])('%j → %j', (raw, sector) => expect(parseSector(raw)).toBe(sector));
});

describe('parseAgencyType', () => {
  it.each([
    ['sheriff', 'law_enforcement', 'sheriff'], ["Sheriff's Office", 'law_enforcement', 'sheriff'], ['PD', 'law_enforcement', 'police'],
    ['DPS', 'law_enforcement', 'state_patrol'], ['Highway Patrol', 'law_enforcement', 'state_patrol'], ['MVE', 'law_enforcement', 'dot_mve'],
    ['DOT', 'law_enforcement', 'dot_mve'], ['HSI', 'law_enforcement', 'federal'], ['County Attorney', 'law_enforcement', 'prosecutor'],
    ['Polk County Sheriff', 'law_enforcement', 'sheriff'], ['AG', 'government', 'attorney_general'], ['DOT', 'government', 'dot'],
    ['Association', 'trucking', 'association'], ['carrier', 'trucking', 'carrier'], ['Shipper', 'trucking', 'shipper'],
    ['Sheriff', 'truck_stop', null], ['anything', 'law_enforcement', null], ['', 'law_enforcement', null], ['sheriff', null, null],
  ])('%j in %s → %j', (raw, sector, type) => expect(parseAgencyType(raw, sector)).toBe(type));

  it('only returns types of the sector', () => {
    for (const s of SECTORS) for (const t of AGENCY_TYPES[s]) expect(parseAgencyType(t, s)).toBe(t);
  });
});

describe('isStatewide', () => {
  it.each([
    ['law_enforcement', 'state_patrol', true], ['law_enforcement', 'dot_mve', true], ['government', 'attorney_general', true],
    ['law_enforcement', 'sheriff', false], ['law_enforcement', 'federal', false], ['government', 'dot', false], ['truck_stop', null, false],
  ])('%s/%s → %s', (s, t, v) => expect(isStatewide(s, t)).toBe(v));
});

describe('orgKey', () => {
  it.each([
    ["Polk County Sheriff's Office", 'polk county sheriffs office'],
    ['POLK COUNTY SHERIFFS OFFICE', 'polk county sheriffs office'],
    ['Polk Co. Sheriff Office', 'polk county sheriffs office'],
    ['Smith Trucking Co.', 'smith trucking'],
    ['Smith Trucking, Inc.', 'smith trucking'],
    ['Smith Trucking LLC', 'smith trucking'],
    ['The Smith Trucking Company', 'smith trucking'],
    ['Sapp Bros.', 'sapp brothers'],
    ['Johnson & Sons', 'johnson sons'],
    ['Johnson and Sons', 'johnson sons'],
    ['Ankeny PD', 'ankeny police department'],
    ['Ankeny Police Dept.', 'ankeny police department'],
    ['Pilot Travel Center #1234', 'pilot travel center #1234'],
    ['Pilot Travel Center Store 1234', 'pilot travel center #1234'],
    ['Pilot Travel Center No. 1234', 'pilot travel center #1234'],
    ['Pilot Travel Center # 01234', 'pilot travel center #1234'],
    ['Pilot Travel Center #1235', 'pilot travel center #1235'],
    ["Love's Travel Stop", 'loves travel stop'],
    ['Loves Travel Stop', 'loves travel stop'],
    ['Peña Freight', 'pena freight'],
    ['', ''],
  ])('%j → %j', (name, key) => expect(orgKey(name)).toBe(key));

  it('keeps two stores of one chain apart', () => {
    expect(orgKey('Kwik Star #812')).not.toBe(orgKey('Kwik Star #813'));
    expect(storeNumber('Kwik Star Store 0812')).toBe('812');
    expect(storeNumber('Kwik Star')).toBeNull();
  });
});

describe('cityKey', () => {
  it.each([
    ['Des Moines', 'des moines'], ['DES MOINES ', 'des moines'], ['St. Louis', 'saint louis'], ['Saint Louis', 'saint louis'],
    ['Ft. Dodge', 'fort dodge'], ['Mt. Pleasant', 'mount pleasant'], ['W Des Moines', 'west des moines'], ["Coeur d'Alene", 'coeur dalene'], ['', ''],
  ])('%j → %j', (city, key) => expect(cityKey(city)).toBe(key));
});
