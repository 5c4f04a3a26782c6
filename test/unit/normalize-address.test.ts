import { describe, expect, it } from 'vitest';
import { splitAddressLine, splitCityLine } from '../../src/core/normalize/address.js';

describe('splitCityLine: a "City, State Zip" cell', () => {
  it.each([
    ['Des Moines, IA 50313', { city: 'Des Moines', state: 'IA', zip: '50313' }],
    ['Nevada, IA 50201-2040', { city: 'Nevada', state: 'IA', zip: '50201-2040' }],
    ['Adel IA 50003', { city: 'Adel', state: 'IA', zip: '50003' }],
    ['Iowa City, Ia. 52240', { city: 'Iowa City', state: 'IA', zip: '52240' }],
    ['Sioux Falls, South Dakota 57104', { city: 'Sioux Falls', state: 'SD', zip: '57104' }],
    ['Charleston WV 25301', { city: 'Charleston', state: 'WV', zip: '25301' }],
    ['Charleston, West Virginia 25301', { city: 'Charleston', state: 'WV', zip: '25301' }],
    ['Nevada Iowa 50201', { city: 'Nevada', state: 'IA', zip: '50201' }],
    ['Carson City, NV', { city: 'Carson City', state: 'NV', zip: null }],
    ['IA 50313', { city: null, state: 'IA', zip: '50313' }],
  ])('%j → %j', (s, parts) => expect(splitCityLine(s)).toEqual(parts));

  // A plain city is never taken apart, even one whose last word is a state.
  it.each([['Nevada'], ['Iowa City'], ['Kansas City'], ['Virginia Beach'], ['Des Moines'], ['Walcott 52773'], ['Springfield, XX 12345']])('%j is not a city line', (s) =>
    expect(splitCityLine(s)).toBeNull(),
  );
});

describe('splitAddressLine: a whole address in one cell', () => {
  const cityOfZip = (zip: string) => ({ '50703': 'WATERLOO', '50010': 'AMES' })[zip];
  it.each([
    ['515 Clark Ave, Ames, IA 50010', { street: '515 Clark Ave', city: 'Ames', state: 'IA', zip: '50010' }],
    ['411 W 1st St, Suite 2, Ankeny, IA 50023-1234', { street: '411 W 1st St, Suite 2', city: 'Ankeny', state: 'IA', zip: '50023-1234' }],
    ['715 Mulberry St Waterloo IA 50703', { street: '715 Mulberry St', city: 'Waterloo', state: 'IA', zip: '50703' }],
    ['1 Main St Cedar Falls IA 50613', { street: '1 Main St Cedar Falls', city: null, state: 'IA', zip: '50613' }],
    ['100 Main St, Ames, Iowa', { street: '100 Main St', city: 'Ames', state: 'IA', zip: null }],
  ])('%j → %j', (s, parts) => expect(splitAddressLine(s, cityOfZip)).toEqual(parts));

  it.each([['400 W 4th St'], ['12 Oak Ct'], ['2945 Pleasant Hill Rd'], ['PO Box 12'], ['Exit 284, I-80']])('%j is a street only', (s) => expect(splitAddressLine(s, cityOfZip)).toBeNull());
});
