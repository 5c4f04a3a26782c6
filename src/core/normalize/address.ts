/**
 * Places written in one cell, as directories write them: a "City, State Zip" column ("Des Moines, IA
 * 50313", "Adel IA 50003", "Sioux Falls, South Dakota 57104-1234") or a whole address ("515 Clark
 * Ave, Ames, IA 50010"). The state must be a real one (a code or a name) and be followed by a ZIP
 * code or preceded by a comma, so that a plain city ("Nevada", "Iowa City") or street ("12 Oak Ct")
 * is never taken apart.
 */
import { findState } from '../states.js';

export interface CityLine {
  city: string | null;
  /** The USPS code. */
  state: string;
  /** As written (ZIP+4 included): normalizeZip cleans it. */
  zip: string | null;
}

export interface AddressLine extends CityLine {
  street: string | null;
}

/** The state and ZIP at the end of `s`, and what comes before them. */
function tail(s: string): { rest: string; state: string; zip: string | null } | null {
  let t = s.trim();
  let zip: string | null = null;
  const z = /(?:^|[\s,])(\d{5}(?:\s*-\s*\d{4}|\d{4})?)\s*$/.exec(t);
  if (z) {
    zip = z[1].replace(/\s+/g, '');
    t = t.slice(0, z.index);
  }
  t = t.replace(/[\s,]+$/, '');
  // Two-word states first: "West Virginia" is not Virginia, "New York" is not York.
  for (const re of [/^(.*?)([\s,]+)([A-Za-z.]+\s+[A-Za-z.]+)$/, /^(.*?)([\s,]+)([A-Za-z.]+)$/, /^()()([A-Za-z.]+(?:\s+[A-Za-z.]+)?)$/]) {
    const m = re.exec(t);
    if (!m) continue;
    const st = findState(m[3].replace(/\./g, ''));
    if (!st) continue;
    // Without a ZIP, only a comma says that the last word is a state ("Carson City, NV").
    if (!zip && !m[2].includes(',')) return null;
    return { rest: m[1].replace(/[\s,]+$/, ''), state: st.code, zip };
  }
  return null;
}

/** "Des Moines, IA 50313" → Des Moines, IA, 50313; null when the cell is not such a line. */
export function splitCityLine(s: string): CityLine | null {
  const t = tail(s);
  if (!t) return null;
  return { city: t.rest || null, state: t.state, zip: t.zip };
}

/**
 * "515 Clark Ave, Ames, IA 50010" → the street, city, state and ZIP. Without commas ("715 Mulberry St
 * Waterloo IA 50703") the city is told from the street by the ZIP code's city (`cityOfZip`), when
 * the line ends with it; otherwise the street keeps it and the city is left to the ZIP code.
 */
export function splitAddressLine(s: string, cityOfZip?: (zip: string) => string | undefined): AddressLine | null {
  const t = tail(s);
  if (!t) return null;
  const comma = t.rest.lastIndexOf(',');
  if (comma >= 0) {
    return { street: t.rest.slice(0, comma).trim() || null, city: t.rest.slice(comma + 1).trim() || null, state: t.state, zip: t.zip };
  }
  const city = t.zip ? cityOfZip?.(t.zip.slice(0, 5)) : undefined;
  if (city && t.rest.toLowerCase().endsWith(city.toLowerCase()) && /(?:^|\s)$/.test(t.rest.slice(0, t.rest.length - city.length))) {
    const street = t.rest.slice(0, t.rest.length - city.length).trim();
    return { street: street || null, city: t.rest.slice(t.rest.length - city.length), state: t.state, zip: t.zip };
  }
  return { street: t.rest || null, city: null, state: t.state, zip: t.zip };
}
