import { describe, expect, it } from 'vitest';
import { cleanName, displayName, personKey, splitFullName, type NameParts } from '../../src/core/normalize/name.js';

const P = (prefix: string | null, title: string | null, first: string | null, last: string | null, suffix: string | null = null): NameParts => ({ prefix, title, first, last, suffix });

describe('splitFullName', () => {
  it.each([
    ['Lt. Maria Kowalski', P(null, 'Lt.', 'Maria', 'Kowalski')],
    ['LT MARIA KOWALSKI', P(null, 'Lt.', 'Maria', 'Kowalski')],
    ['Kowalski, Maria', P(null, null, 'Maria', 'Kowalski')],
    ['KOWALSKI, MARIA', P(null, null, 'Maria', 'Kowalski')],
    ['Kowalski, Lt. Maria', P(null, 'Lt.', 'Maria', 'Kowalski')],
    ['Lt. Kowalski, Maria', P(null, 'Lt.', 'Maria', 'Kowalski')],
    ['Sgt Van Buren, Ann', P(null, 'Sgt.', 'Ann', 'Van Buren')],
    ['Dr. Peña, Ana', P('Dr.', null, 'Ana', 'Peña')],
    ['Sgt.  John   Smith Jr.', P(null, 'Sgt.', 'John', 'Smith', 'Jr.')],
    ['John Smith, Jr.', P(null, null, 'John', 'Smith', 'Jr.')],
    ['Smith Jr., John', P(null, null, 'John', 'Smith', 'Jr.')],
    ['Robert Allen III', P(null, null, 'Robert', 'Allen', 'III')],
    ['Robert Allen IV', P(null, null, 'Robert', 'Allen', 'IV')],
    ['James Earl Carter Sr', P(null, null, 'James Earl', 'Carter', 'Sr.')],
    ['Deputy Dana Whitfield', P(null, 'Deputy', 'Dana', 'Whitfield')],
    ['Trooper Luis Ortega', P(null, 'Trooper', 'Luis', 'Ortega')],
    ['Officer Kim Nguyen', P(null, 'Officer', 'Kim', 'Nguyen')],
    ['Investigator Pat Moore', P(null, 'Investigator', 'Pat', 'Moore')],
    ['Det. Sam Price', P(null, 'Det.', 'Sam', 'Price')],
    ['Chief Deputy Ann Lee', P(null, 'Chief Deputy', 'Ann', 'Lee')],
    ['Sheriff Tom Hardy', P(null, 'Sheriff', 'Tom', 'Hardy')],
    ['Capt. Rosa Diaz', P(null, 'Capt.', 'Rosa', 'Diaz')],
    ['Major Greg House', P(null, 'Major', 'Greg', 'House')],
    ['Special Agent Dale Cooper', P(null, 'Special Agent', 'Dale', 'Cooper')],
    ['SA Dale Cooper', P(null, 'SA', 'Dale', 'Cooper')],
    ['Cpl. Jo March', P(null, 'Cpl.', 'Jo', 'March')],
    ['Lt. Col. Ann Perkins', P(null, 'Lt. Col.', 'Ann', 'Perkins')],
    ['Attorney General Brenna Bird', P(null, 'Attorney General', 'Brenna', 'Bird')],
    ['Assistant Attorney General Jo Lee', P(null, 'Assistant Attorney General', 'Jo', 'Lee')],
    ['General Manager Dale Cooper', P(null, 'General Manager', 'Dale', 'Cooper')],
    ['GM Dale Cooper', P(null, 'GM', 'Dale', 'Cooper')],
    ['Dr. Ana Peña', P('Dr.', null, 'Ana', 'Peña')],
    ['Mr. John Doe', P('Mr.', null, 'John', 'Doe')],
    ['Mrs. Jane Doe', P('Mrs.', null, 'Jane', 'Doe')],
    ['Ms Jane Doe', P('Ms.', null, 'Jane', 'Doe')],
    ['Rev. Martin King Jr.', P('Rev.', null, 'Martin', 'King', 'Jr.')],
    ['Sgt. Smith', P(null, 'Sgt.', null, 'Smith')],
    ['Major', P(null, null, 'Major', null)],
    ['John Major', P(null, null, 'John', 'Major')],
    ['Cher', P(null, null, 'Cher', null)],
    ['Ana de la Cruz', P(null, null, 'Ana', 'de la Cruz')],
    ['Ludwig van Beethoven', P(null, null, 'Ludwig', 'van Beethoven')],
    ["PATRICK O'BRIEN", P(null, null, 'Patrick', "O'Brien")],
    ['ronald mcdonald', P(null, null, 'Ronald', 'McDonald')],
    ['Mary-Kate SMITH-JONES', P(null, null, 'Mary-Kate', 'Smith-Jones')],
    ['ana de la cruz', P(null, null, 'Ana', 'de la Cruz')],
    ['ROBERT ALLEN III', P(null, null, 'Robert', 'Allen', 'III')],
    ['John Q. Public', P(null, null, 'John Q.', 'Public')],
    ['Robert (Bob) Smith', P(null, null, 'Robert', 'Smith')],
    ['“BUD” O’NEIL', P(null, null, 'Bud', 'O’Neil')],
    ['John "Jack" Smith', P(null, null, 'John', 'Smith')],
    ['Sgt. Robert “Bobby” Lee Jr.', { prefix: null, title: 'Sgt.', first: 'Robert', last: 'Lee', suffix: 'Jr.' }],
    ['Robert "Bob" Smith', P(null, null, 'Robert', 'Smith')],
    ['“Big” Jim Harlan', P(null, null, 'Jim', 'Harlan')],
    ['Sgt. James “Jimmy” O’Neil', P(null, 'Sgt.', 'James', 'O’Neil')],
    ['  "DeShawn Williams"  ', P(null, null, 'DeShawn', 'Williams')],
    ['', P(null, null, null, null)],
    ['   ', P(null, null, null, null)],
  ])('%j', (input, expected) => {
    expect(splitFullName(input)).toEqual(expected);
  });
});

describe('cleanName', () => {
  it.each([
    ['  maria  ', 'Maria'],
    ['KOWALSKI', 'Kowalski'],
    ["o'NEIL", "o'NEIL"],
    ["O'NEIL", "O'Neil"],
    ['McDONALD', 'McDONALD'],
    ['MCDONALD', 'McDonald'],
    ['van der Berg', 'van der Berg'],
    ['VAN DER BERG', 'Van der Berg'],
    ['maria SMITH', 'maria Smith'],
    ['DeShawn', 'DeShawn'],
    ['JEAN - PAUL', 'Jean-Paul'],
    ['-', null],
    ['', null],
    [null, null],
    ['José', 'José'],
  ])('%j → %j', (input, expected) => expect(cleanName(input)).toBe(expected));
});

describe('personKey', () => {
  it.each([
    ['José', "O'Brien", 'jose obrien'],
    ['JOSE', 'OBRIEN', 'jose obrien'],
    ['Jose ', 'O’Brien', 'jose obrien'],
    ['John Q.', 'Public', 'john public'],
    ['Mary Ann', 'Smith-Jones', 'maryann smithjones'],
    ['Maryann', 'Smith Jones', 'maryann smithjones'],
    ['J.', 'Smith', 'j smith'],
    [null, 'Smith', 'smith'],
    ['Ana', null, 'ana'],
    // Plain letters take a shorter way: one-letter first names count, one-letter last names not.
    ['J', 'Smith', 'j smith'],
    ['Maria', 'K', 'maria'],
    ['J', 'K', 'j'],
    ['A', null, 'a'],
    [null, 'K', ''],
    ['', 'Smith', 'smith'],
    [undefined, undefined, ''],
    ['constructor', 'Mc', 'constructor mc'],
    ['3rd', 'Smith', '3rd smith'],
  ])('%j %j → %j', (first, last, key) => expect(personKey(first, last)).toBe(key));
});

describe('displayName', () => {
  it('joins the parts, title first', () => {
    expect(displayName(splitFullName('Lt. Maria Kowalski Jr.'))).toBe('Lt. Maria Kowalski Jr.');
    expect(displayName({ first: 'Ana', last: null })).toBe('Ana');
  });
});
