/**
 * Sectors and agency types (DOMAIN.md, "Sectors"), inferred from an organization's name when the
 * file does not state them, parsed from the words people put in a "Sector" column, and the identity
 * keys of organizations and cities.
 *
 * Inference is a list of rules tried in order; the first that matches wins. The order is what makes
 * the traps come out right: law enforcement before everything ("Hooker County Sheriff"), the
 * Attorney General and townships before truck-stop brands ("Pilot Knob Township"), "Truckers Against
 * Trafficking" (a non-profit) before trucking, bus lines before trucking's "Lines", and whole words
 * only ("Petroleum Marketers Association" is energy, not a Petro truck stop). No rule matches → null,
 * and the import stores `other` with `sector_source = 'inferred'` for `orgs classify` to review.
 */
import { SECTORS as SCHEMA_SECTORS } from '../../db/migrations/001-initial.js';
import { dict, foldAccents, memo } from './text.js';

export type Sector = (typeof SCHEMA_SECTORS)[number];
export const SECTORS: readonly Sector[] = SCHEMA_SECTORS;

export const SECTOR_LABELS: Record<Sector, string> = {
  law_enforcement: 'Law enforcement',
  government: 'Government / state agency',
  trucking: 'Trucking industry',
  truck_stop: 'Truck stop',
  bus: 'Bus industry',
  energy: 'Oil and gas',
  victim_services: 'Victim services',
  ngo: 'NGO',
  other: 'Other',
};

export const AGENCY_TYPES: Record<Sector, readonly string[]> = {
  law_enforcement: ['sheriff', 'police', 'state_patrol', 'dot_mve', 'federal', 'prosecutor', 'other'],
  government: ['attorney_general', 'dot', 'other'],
  trucking: ['carrier', 'association', 'shipper', 'other'],
  truck_stop: [],
  bus: [],
  energy: [],
  victim_services: [],
  ngo: [],
  other: [],
};

export interface SectorGuess {
  sector: Sector;
  agency_type: string | null;
}

type Rule = [RegExp, Sector, string | null];

/** Lower-case, accents off, apostrophes dropped ("Love's" → "loves"), "&" → "and", every other
 * punctuation mark a space: the text the rules read. */
export function sectorText(name: string): string {
  return (
    ' ' +
    foldAccents(name)
      .toLowerCase()
      .replace(/['’‘`]/g, '')
      .replace(/&/g, ' and ')
      .replace(/\bu\.\s?s\.?(?=\s)/g, 'us')
      // Dotted initials are the letters: "S.O." the sheriff's office, "P.D." the police.
      .replace(/\b(?:[a-z]\.\s?){2,}/g, (m) => `${m.replace(/[.\s]/g, '')} `)
      .replace(/[^a-z0-9#]+/g, ' ')
      .trim()
      // Shortened words of agency names ("Mtr Carrier Enf." is motor carrier enforcement, not a carrier).
      .replace(/\b(mtr|enf|cnty|veh|dept|dpt)\b/g, (m) => SHORT_WORDS[m]) +
    ' '
  );
}

const SHORT_WORDS: Record<string, string> = { mtr: 'motor', enf: 'enforcement', cnty: 'county', veh: 'vehicle', dept: 'department', dpt: 'department' };

const w = (alternatives: string) => new RegExp(` (?:${alternatives}) `);

const RULES: Rule[] = [
  // --- anti-trafficking non-profits that carry industry words
  [w('truckers against trafficking|tat|busing on the lookout|energy against trafficking|polaris project|(?:coalition|network|alliance|partnership) (?:against|to end|to stop) (?:human |sex |labor )?trafficking|anti (?:human )?trafficking (?:coalition|network|alliance)'), 'ngo', null],
  // --- law enforcement
  [w('attorney generals? office|attorney generals?|office of (?:the )?attorney general|ag office|oag'), 'government', 'attorney_general'],
  // Louisiana's parish governments ("Allen Parish Police Jury", "Caddo Parish Commission") and
  // Alaska's boroughs are public bodies, not police (nor a church parish).
  [w('police jury|police juries|parish (?:council|commission|government|president|administration|school board)|borough (?:assembly|mayor|administration|government)'), 'government', 'other'],
  [w('(?:motor vehicle|commercial vehicle|motor carrier|carrier|truck|size and weight) enforcement|mve|cve|mcsap|ports? of entry|weigh stations?|scale house|motor carrier (?:services|compliance|safety) division'), 'law_enforcement', 'dot_mve'],
  [w('sheriffs?|sheriffs office|sheriff office|county so|undersheriff|deputy sheriffs?'), 'law_enforcement', 'sheriff'],
  [w('(?:county|district|prosecuting|commonwealths?|states|city|us|united states) attorneys?(?: s)?(?: office)?|district attorneys?|da office|das office|prosecutors?|prosecuting|solicitor general'), 'law_enforcement', 'prosecutor'],
  [w('homeland security investigations|hsi|fbi|federal bureau of investigation|dhs|department of homeland security|homeland security|us marshals?(?: service)?|united states marshals?(?: service)?|marshals service|atf|dea|drug enforcement administration|cbp|customs and border protection|border patrol|ice|immigration and customs enforcement|secret service|usss|federal protective service|us postal inspection service|postal inspectors?|oig|inspector general|naval criminal investigative service|ncis|air force osi|army cid|us army criminal investigation'), 'law_enforcement', 'federal'],
  [w('state patrol|highway patrol|state police|state troopers?|troopers?|dps|department of public safety|dept of public safety|public safety department|texas rangers'), 'law_enforcement', 'state_patrol'],
  // "NYPD 76th Precinct", "LAPD", "SLMPD": a city's initials before PD.
  [w('police|pd|[a-z]{1,4}pd|police dept|police department|city marshal|marshals? office|constables?|public safety|campus safety|university police|tribal police'), 'law_enforcement', 'police'],
  [w('division of criminal investigation|dci|bureau of investigation|gbi|tbi|kbi|sbi|criminal investigations?|narcotics|drug task force|fusion center|crime (?:lab|laboratory)|department of corrections|doc|probation|parole|corrections|law enforcement|task force|human trafficking unit|vice unit'), 'law_enforcement', 'other'],
  // --- public bodies that must win over brand names ("Pilot Knob Township")
  [w('department of transportation|dept of transportation|dot|transportation department|fmcsa|federal motor carrier safety administration|federal highway administration|fhwa|transportation commission'), 'government', 'dot'],
  [w('township|twp|city of|town of|village of|county of|state of|board of supervisors|county commission(?:ers?)?|city council|governors? office|office of the governor|legislature|general assembly|state senate|house of representatives|county board|county administration|county courthouse'), 'government', 'other'],
  // --- victim services (before government's "county" and before ngo's "coalition")
  [w('victim services?|victims services?|victim advocates?|victim advocacy|victim witness|crime victim|crisis (?:centers?|centres?|line|services?|intervention)|domestic violence|domestic abuse|sexual assault|sexual violence|rape crisis|shelter|safe ?house|safe harbor|ywca|advocacy (?:center|centre|program)|childrens advocacy|child advocacy|family violence|survivors? (?:network|services|support)|dv program|womens (?:center|centre|shelter)|trafficking (?:survivors?|victims?|recovery|services?)'), 'victim_services', null],
  // --- truck stops and travel centers
  [w('truck ?stops?|truckstops?|travel (?:center|centre|centers|plaza|plazas|stop|stops|shoppe|store|mart)|travelcenters?(?: of america)?|truck plaza|auto truck plaza|truck ?port|fuel (?:stop|center|plaza|island|mart)|(?:fuel|truck) and travel|stopping center|truck shop|boss shop|truck wash|blue beacon|flying j|pilot flying j|pilot travel|pilot (?:#|\\d)|loves|petro|petro stopping|ta (?:travel|express|truck|petro|operating|#|\\d)|kwik (?:star|trip)|caseys|sapp bros|sapp brothers|iowa 80|road ranger|bosselman|boss truck|ambest|roadys|quiktrip|qt|kum and go|maverik|town pump|buc ees|bucees|little america|sinclair travel|thorntons|wilco hess|pride (?:travel|center)|bowlin|stuckeys|petrol (?:stop|station)|truck center'), 'truck_stop', null],
  [/^ ta (?!instruments )/, 'truck_stop', null],
  [/^ pilot (?!knob |club |point |grove |mountain |rock |hill |butte |international |mound |station )/, 'truck_stop', null],
  // --- trucking associations, then bus (its "Lines" must beat trucking's)
  [w('(?:motor truck|trucking|truckers|truck|motor carriers?|motor transport|transportation) associations?|associations? of (?:motor carriers|truckers|trucking)|american trucking associations|ata|owner operator independent drivers association|ooida|truckload carriers association|tca|trucking council|trucking alliance'), 'trucking', 'association'],
  // --- trucking by its strongest words and brand names
  [w('trucking|truck lines?|truckline|motor freight|freight(?:ways|liner)?|motor lines|werner|schneider|jb hunt|j b hunt|swift transportation|knight transportation|crst|ruan|heartland express|decker|hirschbach|tmc|prime inc|landstar|old dominion|fedex freight|yrc|xpo|estes|saia|abf|usa truck|covenant|marten|dart transit|barnes transportation|system transport|hogan'), 'trucking', 'carrier'],
  [w('bus|buses|bussing|motorcoach|motor coach|motorcoaches|coach (?:lines?|usa|company|tours?)|coaches|greyhound|jefferson lines|trailways|windstar lines|megabus|flixbus|peter pan|arrow stage lines|transit|dart|school bus|charter (?:bus|coach)'), 'bus', null],
  // --- oil and gas, energy (before trucking's weaker words: "Petroleum Transport")
  [w('oil|gas|oil and gas|natural gas|energy|petroleum|pipelines?|midstream|refining|refinery|refineries|oilfield|drilling|exploration|propane|fuels|fuel distributors?|petroleum marketers|exxon|exxonmobil|chevron|conocophillips|phillips 66|marathon petroleum|valero|kinder morgan|enbridge|magellan|koch|bp|shell oil|halliburton|baker hughes|schlumberger|devon|continental resources|hess|oneok|williams companies|midamerican energy|black hills energy|alliant energy|ethanol|renewable fuels|biodiesel'), 'energy', null],
  [w('carriers?|transport|transports|transportation|logistics|express|lines|hauling|haulers?|cartage|transfer|moving and storage|van lines|distribution services|intermodal|drayage|flatbed|tanker|reefer|refrigerated|brokerage'), 'trucking', 'carrier'],
  [w('walmart|wal mart|tyson|hy vee|hyvee|target|costco|cargill|john deere|deere|pepsi|pepsico|coca cola|anheuser busch|kraft heinz|archer daniels midland|adm|distribution center|warehouse|warehousing|manufacturing|shipper|shippers|foods'), 'trucking', 'shipper'],
  // --- non-profits and faith groups
  [w('church|churches|ministry|ministries|foundation|coalition|diocese|parish|catholic charities|lutheran services|salvation army|united way|rotary|kiwanis|lions club|zonta|soroptimist|junior league|temple|synagogue|mosque|fellowship|mission|missions|baptist|methodist|presbyterian|lutheran|episcopal|evangelical|christian|catholic|faith|ngo|nonprofit|non profit|not for profit|society|network|alliance|ymca'), 'ngo', null],
  // --- the rest of government
  [w('county|borough|municipality|planning region|council of governments|department|dept|office of|agency|administration|commission|bureau|board|division|authority|state of|iowa department|department of human services|public health|emergency management|governor|federal|municipal|city hall|courts?|judicial'), 'government', 'other'],
];

/**
 * The sector (and agency type) an organization's name suggests, or null when no rule applies.
 * See the module comment for the order of the rules.
 */
export function inferSector(orgName: string | null | undefined): SectorGuess | null {
  if (!orgName) return null;
  const g = inferMemo(String(orgName));
  return g ? { sector: g.sector, agency_type: g.agency_type } : null;
}

const inferMemo = memo((orgName: string): SectorGuess | null => {
  const text = sectorText(orgName);
  if (text.trim() === '') return null;
  for (const [re, sector, agency_type] of RULES) if (re.test(text)) return { sector, agency_type };
  return null;
});

/** Words people put in a Sector column → the stable id. */
const SECTOR_WORDS: Array<[RegExp, Sector]> = [
  [/^(law enforcement|le|leo|law enforcement officer|lawenforcement|police|sheriff|enforcement|public safety|law)$/, 'law_enforcement'],
  [/^(government|govt|gov|government state agency|state agency|government agency|public sector|state government|local government|federal government|government and state agencies|government or state agency|state|city|county|municipal|public agency)$/, 'government'],
  [/^(trucking|trucking industry|trucking company|carrier|motor carrier|trucking carrier|transportation|industry trucking|freight|logistics)$/, 'trucking'],
  [/^(truck stop|truck stops|truckstop|truck stop manager owner|truck stop owner manager|truck stop manager|truck stop owner|truck stop managers or owners|travel center|travel plaza|truck stop travel center|truck stop gm)$/, 'truck_stop'],
  [/^(bus|bus industry|motorcoach|motor coach|bus company|bus and motorcoach|transit)$/, 'bus'],
  [/^(energy|oil and gas|oil gas|oil|gas|petroleum|oil and gas industry|energy industry)$/, 'energy'],
  [/^(victim services|victim service provider|victim service providers|victim services provider|victim advocate|victim advocacy|advocacy|service provider|victim services ngo|social services)$/, 'victim_services'],
  [/^(ngo|non profit|nonprofit|not for profit|faith|faith based|church|community|community organization|ngo non profit|non profit organization|charity)$/, 'ngo'],
  [/^(other|none|n a|na|unknown)$/, 'other'],
];

function words(raw: string): string {
  return foldAccents(raw).toLowerCase().replace(/['’`]/g, '').replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** A Sector cell → the stable id ("Law Enforcement", "LE", "Trucking Industry", "Truck Stop
 * Manager/Owner", "Government/State Agency", "Bus Industry", "Oil and Gas", "NGO"…); null when the
 * words do not say. */
export function parseSector(raw: unknown): Sector | null {
  if (raw === null || raw === undefined) return null;
  const s = String(raw).trim();
  if (!s) return null;
  const id = s.toLowerCase().replace(/[\s-]+/g, '_');
  if ((SECTORS as readonly string[]).includes(id)) return id as Sector;
  const t = words(s);
  for (const [re, sector] of SECTOR_WORDS) if (re.test(t)) return sector;
  // Longer phrases: "Law Enforcement - County", "Trucking Industry (carrier)", "Truck Stop Owner/GM"
  if (/\b(law enforcement|police|sheriff)\b/.test(t)) return 'law_enforcement';
  if (/\btruck ?stops?\b|\btravel (center|plaza)\b/.test(t)) return 'truck_stop';
  if (/\btrucking\b|\bmotor carrier\b/.test(t)) return 'trucking';
  if (/\bbus\b|\bmotor ?coach\b/.test(t)) return 'bus';
  if (/\boil\b|\bgas\b|\benergy\b/.test(t)) return 'energy';
  if (/\bvictim\b/.test(t)) return 'victim_services';
  if (/\bgovernment\b|\bstate agency\b/.test(t)) return 'government';
  if (/\bngo\b|\bnon ?profit\b|\bfaith\b/.test(t)) return 'ngo';
  return null;
}

/**
 * Sector cells that name a wide field rather than one of the coalition's sectors: the industries a
 * webinar's registration form offers (Zoom's "Industry": Government, Transportation, Other), where a
 * sheriff's deputy picks Government and a truck stop's manager Transportation. What the
 * organization's name says (a sheriff's office, a travel center) is more precise, and wins over them.
 */
const BROAD = new Set([
  'government', 'govt', 'gov', 'public sector', 'government agency', 'government state agency', 'government or state agency', 'public agency', 'state government',
  'local government', 'federal government', 'public administration', 'government and public administration', 'government and public sector',
  'transportation', 'transport', 'logistics', 'transportation and logistics', 'transportation logistics', 'transportation and warehousing', 'freight',
  'other', 'none', 'n a', 'na', 'unknown',
]);

/** Whether a sector cell names a wide field that an organization's name may make precise (BROAD). */
export function isBroadSector(raw: unknown): boolean {
  return raw !== null && raw !== undefined && BROAD.has(words(String(raw)));
}

const AGENCY_WORDS: Record<Sector, Array<[RegExp, string]>> = {
  law_enforcement: [
    [/^(sheriff|sheriffs office|sheriff office|county sheriff|sheriffs department|sheriff department|deputy|so)$/, 'sheriff'],
    [/^(police|pd|city police|municipal police|police department|police dept|municipal|city|local police|campus police)$/, 'police'],
    [/^(state patrol|dps|highway patrol|state police|trooper|troopers|department of public safety|patrol|state)$/, 'state_patrol'],
    [/^(dot mve|dot|mve|cve|motor vehicle enforcement|commercial vehicle enforcement|dot enforcement|motor carrier enforcement|carrier enforcement)$/, 'dot_mve'],
    [/^(federal|fed|hsi|fbi|dhs|us marshals|marshals|atf|dea|cbp|ice|federal agency|federal law enforcement)$/, 'federal'],
    [/^(prosecutor|county attorney|district attorney|da|prosecution|states attorney|us attorney|attorney)$/, 'prosecutor'],
    [/^(other)$/, 'other'],
  ],
  government: [
    [/^(attorney general|ag|attorney generals office|oag|office of the attorney general)$/, 'attorney_general'],
    [/^(dot|department of transportation|transportation)$/, 'dot'],
    [/^(other)$/, 'other'],
  ],
  trucking: [
    [/^(carrier|carriers|motor carrier|trucking company|for hire carrier|private fleet carrier|fleet)$/, 'carrier'],
    [/^(association|trade association|trucking association|state trucking association)$/, 'association'],
    [/^(shipper|shippers|private fleet|manufacturer|distribution)$/, 'shipper'],
    [/^(other|broker|vendor|supplier)$/, 'other'],
  ],
  truck_stop: [],
  bus: [],
  energy: [],
  victim_services: [],
  ngo: [],
  other: [],
};

/** An agency-type cell → the stable id for that sector ("Sheriff's Office" → sheriff, "DPS" →
 * state_patrol, "AG" → attorney_general); null when the sector has no sub-types or the words do not
 * say. Names of agencies are understood too ("Polk County Sheriff" → sheriff). */
export function parseAgencyType(raw: unknown, sector: Sector | string | null | undefined): string | null {
  if (raw === null || raw === undefined || !sector) return null;
  const types = Object.hasOwn(AGENCY_TYPES, sector) ? AGENCY_TYPES[sector as Sector] : undefined;
  if (!types || types.length === 0) return null;
  const s = String(raw).trim();
  if (!s) return null;
  const id = s.toLowerCase().replace(/[\s-]+/g, '_');
  if (types.includes(id)) return id;
  const t = words(s);
  for (const [re, type] of AGENCY_WORDS[sector as Sector]) if (re.test(t)) return type;
  const guess = inferSector(s);
  if (guess && guess.sector === sector && guess.agency_type) return guess.agency_type;
  return null;
}

/** Statewide contacts are listed once per contact sheet (the nearest post's people): state patrol/DPS, DOT/MVE, the AG's office. */
export function isStatewide(sector: string | null | undefined, agency_type: string | null | undefined): boolean {
  if (sector === 'law_enforcement') return agency_type === 'state_patrol' || agency_type === 'dot_mve';
  if (sector === 'government') return agency_type === 'attorney_general';
  return false;
}

// ---------------------------------------------------------------------------------------------
// Identity keys
//
// Which abbreviations the organization key spells out, and which it leaves to `orgs dupes`
// (src/core/orgs/abbrev.ts), who suggests pairs for a coordinator to merge:
// - spelled out here, so that an import lands both spellings on one organization: words that in an
//   organization's name always stand for one thing: "Dept"/"Dpt" department, "PD" police
//   department, "SO" sheriff's office, "Hwy" highway, "Twp" township, "Co." county before Sheriff,
//   Attorney, Jail… (after a company's name it is Company, and dropped), "Assn", "Ctr", "Atty",
//   "Ofc"… A key only has to be the same for two spellings of one organization and different for
//   two organizations: "PD" read as police department inside "PD Trucking" merges nothing.
// - not spelled out: acronyms (ISP, DSP, MVE, DPS, CVE, TAT…: "ISP" is the Iowa State Patrol and
//   the Illinois State Police, "PCSO" the sheriff of Polk or of Pottawattamie), a state's name or
//   postal code ("Iowa DOT" and "DOT"), dotted letters ("S.O.", "P.D.") and rarer shortened words
//   ("Mtr", "Enf", "Cnty"). A wrong merge of two real agencies is worse than a missed one.
// - the key does not grow either: stored organizations keep their key (organizations.name_key,
//   UNIQUE with city_key). A new expansion needs a migration recomputing stored keys, and two
//   stored organizations that then share a key and a city would break that constraint: the table
//   would lose its guard against a second organization of one name and city, and every lookup by
//   key (imports, `orgs set --name`, bundles, activities) would have to choose among several. For
//   a few rare spellings, a suggestion from `orgs dupes` is the safer place.

const ORG_NOISE = new Set(['inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'limited', 'corp', 'corporation', 'pllc', 'pc', 'plc', 'the']);
const ORG_WORDS: Record<string, string> = dict({
  dept: 'department', dpt: 'department', pd: 'police department', so: 'sheriffs office', sheriff: 'sheriffs', sheriffs: 'sheriffs',
  ctr: 'center', centre: 'center', cntr: 'center', assn: 'association', assoc: 'association', svc: 'services', svcs: 'services',
  service: 'services', intl: 'international', natl: 'national', mgmt: 'management', hwy: 'highway', twp: 'township',
  centers: 'center', travelcenter: 'travel center', travelcenters: 'travel centers', truckstop: 'truck stop', bros: 'brothers',
  atty: 'attorney', attys: 'attorneys', attorneys: 'attorney', ofc: 'office', off: 'office', dist: 'district', st: 'saint',
});

/**
 * The identity key of an organization's name: case, accents, punctuation, "&"/"and", "Inc."/"LLC"/
 * "Co." and "The" ignored; common abbreviations expanded ("Dept", "PD", "Assn", "Ctr"); store
 * numbers kept and written one way (`#123`, "Store 123", "No. 123", "Store #0123" → `#123`) so that
 * two stores of one chain stay two organizations.
 */
export function orgKey(name: string | null | undefined): string {
  if (!name) return '';
  return orgKeyMemo(String(name));
}

const orgKeyMemo = memo((name: string): string => {
  let t = foldAccents(String(name)).toLowerCase().replace(/['’‘`]/g, '').replace(/&/g, ' and ').replace(/\+/g, ' and ');
  t = t.replace(/(?:\bstore|\bstop|\bno|\bnumber|\bunit|\blocation|\bloc|\bsite)\s*\.?\s*(?:#|no\.?\s*|number\s*)?\s*0*(\d+)\b|#\s*0*(\d+)\b/g, (_m, a: string, b: string) => ` #${a ?? b} `);
  const parts = t.split(/[^a-z0-9#]+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p === 'and') continue;
    if (ORG_NOISE.has(p)) continue;
    if (p === 'co' || p === 'company') {
      // "Polk Co. Sheriff": county; "Smith Trucking Co.": noise at the end
      const next = parts[i + 1];
      if (next && !/^#/.test(next) && (p === 'co' && ['sheriff', 'sheriffs', 'attorney', 'attorneys', 'so', 'board', 'courthouse', 'jail', 'emergency', 'public', 'conservation', 'engineer', 'treasurer', 'auditor', 'recorder'].includes(next))) out.push('county');
      continue;
    }
    out.push(ORG_WORDS[p] ?? p);
  }
  return out.join(' ');
});

/** The store number in an organization's name ("Pilot Travel Center #1234" → "1234"), or null. */
export function storeNumber(name: string | null | undefined): string | null {
  if (!name) return null;
  return storeNumberInKey(orgKey(name));
}

/** The store number in an organization's identity key (orgKey), or null. */
export function storeNumberInKey(key: string): string | null {
  const m = /#(\d+)/.exec(key);
  return m ? m[1] : null;
}

const CITY_WORDS: Record<string, string> = dict({ st: 'saint', ste: 'sainte', ft: 'fort', mt: 'mount', mtn: 'mountain', pt: 'port', hts: 'heights', spgs: 'springs', spg: 'springs', jct: 'junction', twp: 'township', vlg: 'village' });
const CITY_FIRST: Record<string, string> = dict({ n: 'north', s: 'south', e: 'east', w: 'west', no: 'north', so: 'south' });

/** The identity key of a city: case, accents and punctuation ignored; "St."/"Saint", "Ft."/"Fort",
 * "Mt."/"Mount" and a leading "W"/"West" made one. */
export function cityKey(city: string | null | undefined): string {
  if (!city) return '';
  return cityKeyMemo(String(city));
}

const cityKeyMemo = memo((city: string): string => {
  const parts = foldAccents(city).toLowerCase().replace(/['’‘`]/g, '').split(/[^a-z0-9]+/).filter(Boolean);
  return parts.map((p, i) => (i === 0 && CITY_FIRST[p] && parts.length > 1 ? CITY_FIRST[p] : CITY_WORDS[p] ?? p)).join(' ');
});
