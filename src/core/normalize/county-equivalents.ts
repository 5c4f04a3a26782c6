/**
 * What the country's county-equivalents look like outside the usual "X County", for reading county
 * cells and agency names (DOMAIN.md, "Geography"). The `counties` table holds the Census Bureau's
 * names (migration 006): Louisiana's parishes ("Caddo Parish"), Alaska's boroughs and census areas,
 * the independent cities of Virginia, Maryland, Missouri and Nevada ("Richmond city" beside
 * "Richmond County"), and Connecticut's planning regions, which replaced its eight counties in the
 * census codes in 2022.
 *
 * This module holds what the table cannot: other names people write for a county-equivalent (New
 * York's boroughs, "Mat-Su"), names of county-equivalents that no longer exist, and which states'
 * state police are the local police of most of their territory.
 */

/** Names people write for a county-equivalent, by state: alias → the name the table knows. */
export const COUNTY_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // New York City's five boroughs are five counties.
  NY: { Brooklyn: 'Kings', Manhattan: 'New York', 'Staten Island': 'Richmond', 'The Bronx': 'Bronx' },
  AK: {
    'Mat-Su': 'Matanuska-Susitna',
    Fairbanks: 'Fairbanks North Star',
    Kenai: 'Kenai Peninsula',
    Kodiak: 'Kodiak Island',
    Ketchikan: 'Ketchikan Gateway',
    // renamed in 2015
    'Wade Hampton': 'Kusilvak',
  },
  // Connecticut's planning regions go by their councils' names too.
  CT: {
    'Connecticut Metropolitan': 'Greater Bridgeport',
    MetroCOG: 'Greater Bridgeport',
    'South Central Regional': 'South Central Connecticut',
    'South Central': 'South Central Connecticut',
    CRCOG: 'Capitol',
    NVCOG: 'Naugatuck Valley',
    NECCOG: 'Northeastern Connecticut',
    NHCOG: 'Northwest Hills',
    RiverCOG: 'Lower Connecticut River Valley',
    SCRCOG: 'South Central Connecticut',
    SECCOG: 'Southeastern Connecticut',
    WestCOG: 'Western Connecticut',
  },
  // Bedford city became a town of Bedford County in 2013; Clifton Forge (2001) and South Boston
  // (1995) joined Alleghany and Halifax counties.
  VA: { 'Bedford city': 'Bedford County', 'Clifton Forge city': 'Alleghany', 'South Boston city': 'Halifax' },
};

/**
 * County-equivalents that no longer exist and have no single successor: a county cell naming one
 * says nothing the ZIP code or the town cannot say better. The value says what replaced it.
 */
export const FORMER_COUNTIES: Readonly<Record<string, { names: readonly string[]; fips: readonly string[]; replaced: string }>> = {
  CT: {
    names: ['Fairfield', 'Hartford', 'Litchfield', 'Middlesex', 'New Haven', 'New London', 'Tolland', 'Windham'],
    fips: ['09001', '09003', '09005', '09007', '09009', '09011', '09013', '09015'],
    replaced: "Connecticut's planning regions replaced its counties in 2022",
  },
  AK: {
    names: ['Valdez-Cordova', 'Skagway-Hoonah-Angoon', 'Wrangell-Petersburg', 'Prince of Wales-Outer Ketchikan'],
    fips: ['02261', '02232', '02280', '02201'],
    replaced: 'it was divided into the census areas and boroughs that replaced it',
  },
};

/** The District of Columbia is its own only county-equivalent: whatever a county cell says there
 * ("Washington", "DC"), it can only mean that one. */
export const ONE_COUNTY: ReadonlySet<string> = new Set(['DC']);

/** The word for a state's county-equivalents, for messages ("not a parish of LA"). */
export function countyWord(state: string): string {
  switch (state) {
    case 'LA':
      return 'parish';
    case 'AK':
      return 'borough or census area';
    case 'CT':
      return 'planning region';
    default:
      return 'county';
  }
}

/**
 * States without county sheriffs' law enforcement, where the state police is the local police of
 * every place that has none of its own: the Alaska State Troopers (Alaska has no sheriffs and most
 * of it no borough or city police), and Connecticut's State Police, whose troops and resident
 * troopers police the towns without a department (Connecticut abolished its sheriffs in 2000). There
 * a state police post is a local contact of the county-equivalent it sits in.
 */
export const STATE_POLICE_LOCAL: ReadonlySet<string> = new Set(['AK', 'CT']);

/** Whether an agency of this type in this state is a state police post that is local there. */
export function isLocalStatePolice(agencyType: string | null | undefined, state: string | null | undefined): boolean {
  return agencyType === 'state_patrol' && !!state && STATE_POLICE_LOCAL.has(state.toUpperCase());
}
