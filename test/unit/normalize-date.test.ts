import { describe, expect, it } from 'vitest';
import { dateOrder, isUtcText, localDate, parseDate, parsePeriod, parseYesNo } from '../../src/core/normalize/date.js';

describe('parseDate', () => {
  it.each([
    ['2026-03-12', '2026-03-12', null],
    ['2026-3-2', '2026-03-02', null],
    ['2026-03-12T08:15:00Z', '2026-03-12', '2026-03-12T08:15:00Z'],
    ['2026-03-12T08:15:00.000Z', '2026-03-12', '2026-03-12T08:15:00Z'],
    ['2026-03-12 08:15:00-06:00', '2026-03-12', '2026-03-12T14:15:00Z'],
    ['2026-03-12 23:30:00-05:00', '2026-03-12', '2026-03-13T04:30:00Z'],
    ['2026-03-12 08:15:00-0600', '2026-03-12', '2026-03-12T14:15:00Z'],
    ['2026-03-12 08:15', '2026-03-12', '2026-03-12T08:15:00'],
    ['3/12/2026', '2026-03-12', null],
    ['03/12/2026', '2026-03-12', null],
    ['3/12/26', '2026-03-12', null],
    ['3-12-2026', '2026-03-12', null],
    ['3/12/2026 8:15:00', '2026-03-12', '2026-03-12T08:15:00'],
    ['3/12/2026 14:05:09', '2026-03-12', '2026-03-12T14:05:09'],
    ['3/12/2026 8:15 AM', '2026-03-12', '2026-03-12T08:15:00'],
    ['3/12/2026 12:15 am', '2026-03-12', '2026-03-12T00:15:00'],
    ['3/12/2026 1:05 PM', '2026-03-12', '2026-03-12T13:05:00'],
    // a comma before the time: JavaScript's en-US dates, TalentLMS
    ['3/12/2026, 2:15:00 PM', '2026-03-12', '2026-03-12T14:15:00'],
    ['03/20/2026, 10:00', '2026-03-20', '2026-03-20T10:00:00'],
    ['2026-03-12, 14:22', '2026-03-12', '2026-03-12T14:22:00'],
    // an ISO date with a 12-hour time
    ['2026-03-12 02:15:00 PM', '2026-03-12', '2026-03-12T14:15:00'],
    ['2026-03-12 12:05 AM', '2026-03-12', '2026-03-12T00:05:00'],
    ['25/3/2026', '2026-03-25', null],
    ['2026/03/12', '2026-03-12', null],
    ['2026/11/28 2:03:22 PM', '2026-11-28', '2026-11-28T14:03:22'],
    ['2026/11/28 2:03:22 PM EST', '2026-11-28', '2026-11-28T19:03:22Z'],
    ['2026/11/28 14:03:22 GMT-5', '2026-11-28', '2026-11-28T19:03:22Z'],
    ['11/28/2026 14:03:22 CST', '2026-11-28', '2026-11-28T20:03:22Z'],
    ['2026-03-12 08:15:00 CDT', '2026-03-12', '2026-03-12T13:15:00Z'],
    ['Thu, Dec 3, 2026 7:42 AM CST', '2026-12-03', '2026-12-03T13:42:00Z'],
    ['11/28/2026 2:03:22 PM GMT+01:00', '2026-11-28', '2026-11-28T13:03:22Z'],
    ['March 12, 2026', '2026-03-12', null],
    ['Mar 12 2026', '2026-03-12', null],
    ['Mar. 12th, 2026', '2026-03-12', null],
    ['Thursday, March 12, 2026', '2026-03-12', null],
    ['Thu, Mar 12, 2026 at 8:15 AM', '2026-03-12', '2026-03-12T08:15:00'],
    ['12-Mar-2026', '2026-03-12', null],
    ['12 March 2026', '2026-03-12', null],
    ['12-Sept-2026', '2026-09-12', null],
    ['46093', '2026-03-12', null],
    [46093, '2026-03-12', null],
    [46093.34375, '2026-03-12', '2026-03-12T08:15:00'],
    [new Date(Date.UTC(2026, 2, 12)), '2026-03-12', null],
    [new Date(Date.UTC(2026, 2, 12, 8, 15)), '2026-03-12', '2026-03-12T08:15:00'],
  ])('%j → %j %j', (raw, date, datetime) => {
    expect(parseDate(raw)).toEqual({ date, datetime });
  });

  it.each([[''], [null], ['   ']])('%j is empty', (raw) => expect(parseDate(raw)).toEqual({ date: null, datetime: null }));

  it.each([['2026-02-30'], ['13/13/2026'], ['soon'], ['Marching 12 2026'], ['3/12/2026 25:00'], ['3/12/2026 13:00 PM'], ['2026-03-12 13:00 PM'], ['3/12/2026, soon'], [true], ['2026'], [new Date('x')]])('%j is an error', (raw) => {
    const r = parseDate(raw as never);
    expect(r.date).toBeNull();
    expect(r.error).toMatch(/is not a date/);
  });
});

describe('parseYesNo', () => {
  it.each([
    ['yes', true], ['Y', true], ['TRUE', true], ['1', true], [1, true], ['x', true], ['X', true], ['✓', true], ['Checked In', true], ['checked-in', true],
    ['Attended', true], ['present', true], [true, true], ['Yes, I agree', true], ['3/12/2026 8:01', true], ['2026-03-12', true], [new Date(Date.UTC(2026, 2, 12)), true], [46093, true],
    ['no', false], ['N', false], ['false', false], ['0', false], [0, false], ['Not Attended', false], ['no show', false], ['No-Show', false], ['absent', false], [false, false], ['No, thank you', false],
    ['', null], [null, null], ['maybe', null], ['Attending', null], [7, null],
  ])('%j → %j', (raw, expected) => expect(parseYesNo(raw)).toBe(expected));
});

describe('parsePeriod', () => {
  it.each([
    ['2026-03', '2026-03', 'month'],
    ['2026-3', '2026-03', 'month'],
    ['Mar 2026', '2026-03', 'month'],
    ['March 2026', '2026-03', 'month'],
    ['Sept 2025', '2025-09', 'month'],
    ['3/2026', '2026-03', 'month'],
    ['03/2026', '2026-03', 'month'],
    ['2026/03', '2026-03', 'month'],
    ['Mar-26', '2026-03', 'month'],
    ['2026 March', '2026-03', 'month'],
    ['2026-03-01', '2026-03', 'month'],
    ['2025', '2025', 'year'],
    [2025, '2025', 'year'],
    ['CY2024', '2024', 'year'],
    [46082, '2026-03', 'month'],
    [new Date(Date.UTC(2026, 2, 1)), '2026-03', 'month'],
  ])('%j → %j (%s)', (raw, period, granularity) => expect(parsePeriod(raw)).toEqual({ period, granularity }));

  it.each([[''], ['13/2026'], ['2026-13'], ['Q1 2026'], ['soon'], ['1800']])('%j is an error', (raw) => {
    expect(parsePeriod(raw)).toHaveProperty('error');
  });
});

describe('UTC timestamps on a local calendar', () => {
  it.each([
    ['2026-03-14T02:30:00Z', true], ['2026-03-14 02:30:00 UTC', true], ['2026-03-14T02:30:00+00:00', true], ['2026-03-14 2:30 GMT', true],
    ['2026-03-14 02:30:00-06:00', false], ['2026-03-14T02:30:00', false], ['3/14/2026', false],
  ])('isUtcText(%j) = %j', (s, utc) => expect(isUtcText(s)).toBe(utc));

  it('gives the calendar date in a time zone', () => {
    expect(localDate('2026-03-14T02:30:00Z', 'America/Chicago')).toBe('2026-03-13');
    expect(localDate('2026-03-14T15:00:00Z', 'America/Chicago')).toBe('2026-03-14');
    expect(localDate('2026-03-14T09:30:00Z', 'Pacific/Honolulu')).toBe('2026-03-13');
  });
});

describe('day first or month first', () => {
  it.each([
    ['19/11/26, 10:42', 'dmy'],
    ['19.11.2026', 'dmy'],
    ['11/19/2026 9:00 AM', 'mdy'],
    ['05/11/26, 09:25', 'either'],
    ['3/12/2026', 'either'],
    ['3/3/2026', null],
    ['2026-11-05', null],
    ['Nov 5, 2026', null],
    ['13/13/2026', null],
    [46093, null],
  ])('dateOrder(%j) → %j', (raw, order) => expect(dateOrder(raw)).toBe(order));

  it.each([
    ['05/11/26, 09:25', false, '2026-05-11'],
    ['05/11/26, 09:25', true, '2026-11-05'],
    ['19/11/26', false, '2026-11-19'],
    ['19/11/26', true, '2026-11-19'],
    ['11/19/26', true, '2026-11-19'],
    ['2026-11-05', true, '2026-11-05'],
  ])('parseDate(%j, dayFirst %j) → %j', (raw, dayFirst, date) => expect(parseDate(raw, dayFirst).date).toBe(date));
});
