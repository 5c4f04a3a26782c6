import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { hiddenSheets, laterSection, openTable, sniffDelimiter, sniffNewline, looksBinary, type RawRow } from '../../src/core/import/reader.js';
import { headerTestFor } from '../../src/core/import/section-header.js';
import iconv from 'iconv-lite';
import { firstInvalidUtf8, singleByteEncoding } from '../../src/core/import/decode.js';
import { InvalidDataError, UsageError } from '../../src/io/errors.js';
import { FIXTURES } from '../helpers/e2e.js';

async function* chunks(buf: Buffer, size = 7): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function readAll(input: string | Buffer, opts: Parameters<typeof openTable>[1] = {}, chunkSize = 7) {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const t = await openTable({ name: 'test.csv', chunks: chunks(buf, chunkSize), size: buf.length }, opts);
  const rows: RawRow[] = [];
  for await (const b of t.batches) rows.push(...b);
  return { t, rows };
}

async function failure(input: string | Buffer, opts: Parameters<typeof openTable>[1] = {}): Promise<Error> {
  try {
    await readAll(input, opts);
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

describe('delimiter and binary sniffing', () => {
  it.each([
    ['a,b,c\n1,2,3', ','],
    ['a\tb\tc\n', '\t'],
    ['a;b;c\r\n', ';'],
    ['a|b|c\n', '|'],
    ['"x;y",b,c\n', ','],
    ['name\n', ','],
    ['"Title; Rank";Phone;Email\n', ';'],
    // A report's title names no column: the first line that holds a delimiter decides.
    ['1. Summary\r\nMeeting title\tLE Training\r\n', '\t'],
    ['Attendee Report\n\nName;Email\n', ';'],
    ['Email\nx@y.example\n', ','],
  ])('%j → %j', (text, d) => expect(sniffDelimiter(text)).toBe(d));

  it.each([
    ['a,b\r\n1,2\n', true, '\r\n'],
    ['a,b\n1,2\r\n', true, '\n'],
    ['a,b\r1,2\r\n', true, '\r'],
    ['"x\ny",b\r\n', true, '\r\n'],
    ['a,"x\ny"\r', true, '\r'],
    ['a"b\nc"\r\n', true, '\n'],
    ['"a""\n""b"\r\n', true, '\r\n'],
    ['a,b\r', false, undefined],
    ['a,b\r', true, '\r'],
    ['"a\nb', true, undefined],
  ])('line break of %j (whole: %j) → %j', (text, whole, nl) => expect(sniffNewline(text, ',', whole)).toBe(nl));

  it('tells binary from text', () => {
    expect(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]))).toBe(true);
    expect(looksBinary(Buffer.from('a,b\r\n1,2\r\n'))).toBe(false);
  });

  it('finds the first byte that is not UTF-8', () => {
    expect(firstInvalidUtf8(Buffer.from('abc ’ é'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x92, 0x62]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x80]))).toBe(-1); // incomplete at the end: maybe the next chunk
  });
});

describe('reading text', () => {
  it('reads CRLF, CR and LF, quoted delimiters and newlines, with the starting line of each row', async () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const { t, rows } = await readAll(['Name,Notes,City', 'Ann,"Lives in ""Ames"", IA",Ames', '', 'Bo,"two', 'lines",Nevada', 'Cy,,Ames'].join(eol) + eol);
      expect(t.header).toEqual(['Name', 'Notes', 'City']);
      expect(rows.map((r) => r.cells)).toEqual([
        ['Ann', 'Lives in "Ames", IA', 'Ames'],
        ['Bo', `two${eol === '\r\n' ? '\r\n' : eol}lines`, 'Nevada'],
        ['Cy', '', 'Ames'],
      ]);
      if (eol !== '\r') expect(rows.map((r) => r.line)).toEqual([2, 4, 6]);
    }
  });

  it('strips a UTF-8 BOM and reads UTF-8', async () => {
    const { t, rows } = await readAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Name,City\nRenée,Des Moines\n')]));
    expect(t.header).toEqual(['Name', 'City']);
    expect(t.encoding).toBe('utf-8');
    expect(rows[0].cells[0]).toBe('Renée');
  });

  it('reads Windows-1252 when the bytes are not UTF-8: 0x92 is ’', async () => {
    const bytes = Buffer.concat([Buffer.from('Name,Org\nSiobhan O'), Buffer.from([0x92]), Buffer.from('Brien,Casey'), Buffer.from([0x92]), Buffer.from('s\nJos'), Buffer.from([0xe9]), Buffer.from(',X\n')]);
    const { t, rows } = await readAll(bytes);
    expect(t.encoding).toBe('windows-1252');
    expect(rows.map((r) => r.cells)).toEqual([['Siobhan O’Brien', 'Casey’s'], ['José', 'X']]);
  });

  it('decides the encoding when the first non-ASCII byte comes late in a big file', async () => {
    const filler = 'Ames,IA\n'.repeat(20000);
    const bytes = Buffer.concat([Buffer.from('City,State\n' + filler + 'O'), Buffer.from([0x92]), Buffer.from('Brien,IA\n')]);
    const { t, rows } = await readAll(bytes, {}, 65536);
    expect(t.encoding).toBe('windows-1252');
    expect(rows[rows.length - 1].cells[0]).toBe('O’Brien');
  });

  it('refuses a file that mixes UTF-8 with Windows-1252, naming the line and --encoding', async () => {
    const bytes = Buffer.concat([Buffer.from('Name\nRenée\n' + 'x\n'.repeat(40000) + 'O'), Buffer.from([0x92]), Buffer.from('Brien\n')]);
    const e = await failure(bytes);
    expect(e).toBeInstanceOf(InvalidDataError);
    expect(e.message).toMatch(/line 40003/);
    expect((e as InvalidDataError).hint).toContain('--encoding windows-1252');
    const forced = await readAll(bytes, { encoding: 'windows-1252' });
    expect(forced.rows[0].cells[0]).toBe('RenÃ©e');
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text"), tab-separated', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name\tCity\r\nRenée\tAmes\r\n', 'utf16le')]);
    const { t, rows } = await readAll(bytes);
    expect(t.delimiter).toBe('\t');
    expect(rows[0].cells).toEqual(['Renée', 'Ames']);
  });

  it('reads UTF-16 without its byte-order mark, either byte order, instead of calling it binary', async () => {
    const le = Buffer.from('Name\tCity\r\nRenée\tAmes\r\nJosé Núñez\tDes Moines\r\n', 'utf16le');
    const a = await readAll(le);
    expect(a.t.encoding).toBe('utf-16le');
    expect(a.rows.map((r) => r.cells)).toEqual([['Renée', 'Ames'], ['José Núñez', 'Des Moines']]);
    const be = Buffer.from(le).swap16();
    const b = await readAll(be);
    expect(b.t.encoding).toBe('utf-16be');
    expect(b.rows.map((r) => r.cells)).toEqual(a.rows.map((r) => r.cells));
    // Real binary data with zero bytes is still refused.
    const e = await failure(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0x00, 0x10, 0x00, 0x7f, 0x45, 0x4c, 0x46, 0x00, 0x00]));
    expect(e.message).toContain('binary data');
  });

  it('skips rows that are all blank and tolerates extra empty trailing fields', async () => {
    const { rows } = await readAll('A,B,\n1,2,\n,,\n3,4,,,\n');
    expect(rows.map((r) => r.cells)).toEqual([['1', '2'], ['3', '4']]);
  });

  it.each([
    ['', /the file is empty/],
    ['\n\n', /the file is empty/],
    ['A,B\n1,2\n"3,4\n5,6\n', /line 3: a quoted field opened on this line is never closed/],
    ['A,B,C\n1,2,3\n4,5\n', /line 3: this row has 2 fields where the header has 3/],
    ['A,B,a\n1,2,3\n', /the column "a" appears twice \(columns 1 and 3\)/],
  ])('refuses %j', async (text, msg) => {
    const e = await failure(text);
    expect(e).toBeInstanceOf(InvalidDataError);
    expect(e.message).toMatch(msg);
    expect(e.message).toMatch(/^test\.csv/);
  });

  it.each([
    ['a note on a line of its own', 'A,B,C\n1,2,3\nTotal: 1\n', ['Total: 1', '', '']],
    ['a title on a line of its own, with a delimiter after it', 'A,B,C\n1,2,3\nAttendee Details,\n', ['Attendee Details', '', '']],
    // GoToWebinar's footnote under its attendee list, written without quotes.
    ['a footnote cut in two by its unquoted comma', 'A,B,C\n1,2,3\n*If an attendee left and rejoined the session, the duration counts the first visit.\n', ['*If an attendee left and rejoined the session, the duration counts the first visit.', '', '']],
  ])('reads %s under the list as a row of one value, for the import to skip or reject', async (_what, text, last) => {
    const { rows } = await readAll(text);
    expect(rows.map((r) => r.cells)).toEqual([['1', '2', '3'], last]);
  });

  it('refuses binary data, old .xls and unknown encodings', async () => {
    expect((await failure(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).message).toMatch(/not a spreadsheet/);
    expect((await failure(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).message).toMatch(/\.xls/);
    expect(await failure('A\n1\n', { encoding: 'klingon' })).toBeInstanceOf(UsageError);
    expect(await failure('A\n1\n', { sheet: 'One' })).toBeInstanceOf(UsageError);
  });

  it('looks past title rows above the header, keeping each row\'s line', async () => {
    const text = 'Iowa Coalition Build — Sign-in,,\nDecember 3 2026,,\n,,\nName,Agency,Email\nAna Peña,Waterloo PD,ap@w.example\n,,\nTotal: 1,,\n';
    const { t, rows } = await readAll(text);
    expect(t.header).toEqual(['Name', 'Agency', 'Email']);
    expect(t.headerLine).toBe(4);
    expect(rows.map((r) => [r.line, r.cells[0]])).toEqual([[5, 'Ana Peña'], [7, 'Total: 1']]);
  });

  it('looks past a title row holding two values (a title and "Prepared by") above a wider header', async () => {
    const text = 'Central Iowa Directory,,,,Prepared by: Ames PD\nDate:,2026-03-12,,,\nAgency,Contact Name,Email,City,State\nAmes PD,Ray Mills,rm@ames.example,Ames,IA\n';
    const { t, rows } = await readAll(text);
    expect(t.header).toEqual(['Agency', 'Contact Name', 'Email', 'City', 'State']);
    expect(t.headerLine).toBe(3);
    expect(rows.map((r) => r.line)).toEqual([4]);
    // Two values above a row of data (not a header: it holds a number) or above a narrow header are
    // the header.
    expect((await failure('Name,Email,,\nAna,ap@w.example,Waterloo,50701\n')).message).toMatch(/line 2: this row has 4 fields where the header has 2/);
    expect((await failure('Title,Prepared by,\nName,Email,Agency\nAna,ap@w.example,Waterloo PD\n')).message).toMatch(/line 2: this row names more columns than the row above it/);
  });

  it('refuses a text file with two header rows, saying so', async () => {
    const e = await failure('Organization,,Contact,,Location,\nAgency,Name,Phone,Email,City,State\nAmes PD,Ray Mills,515-555-0110,rm@ames.example,Ames,IA\n');
    expect(e.message).toMatch(/line 2: this row names more columns than the row above it \(line 1\)/);
  });

  it.each([
    ['a one-column file', 'Email\nap@w.example\nbb@w.example\n', ['Email'], 2],
    ['a one-value row narrower than the next (a row split by an unquoted comma)', 'Name\nSmith, John\n', ['Name'], 0],
  ])('keeps the first row as the header in %s', async (_what, text, header, rowCount) => {
    const r = await readAll(text).catch((e: Error) => e);
    if (r instanceof Error) expect(r.message).toMatch(/line 2: this row has 2 fields where the header has 1/);
    else {
      expect(r.t.header).toEqual(header);
      expect(r.rows).toHaveLength(rowCount);
    }
  });

  it.each([
    ['sep=,\r\nA;B,C\r\n1;2,3\r\n', ['A;B', 'C'], ['1;2', '3']],
    ['\uFEFFsep=;\nA,B;C\n1,2;3\n', ['A,B', 'C'], ['1,2', '3']],
  ])('reads the delimiter from Excel\'s sep= line %j and skips it', async (text, header, row) => {
    const { t, rows } = await readAll(text);
    expect(t.header).toEqual(header);
    expect(t.headerLine).toBe(2);
    expect(rows.map((r) => r.cells)).toEqual([row]);
    expect(rows[0].line).toBe(3);
  });

  it('honours --delimiter', async () => {
    const { rows } = await readAll('A;B\n1,5;2\n', { delimiter: 'semicolon' });
    expect(rows[0].cells).toEqual(['1,5', '2']);
  });
});

describe('Windows-1252 or Mac Roman', () => {
  // Lines as coordinators' files hold them; each is saved both ways and must be read back the way
  // it was saved. Excel for Mac's "CSV (Macintosh)" is Mac Roman; Excel on Windows, Windows-1252.
  const lines = [
    'Siobhan O’Brien,Casey’s General Store',
    'José Núñez,Iowa State Patrol',
    'Renée Côté,Polk County Sheriff’s Office',
    'Sheriff’s Office – Patrol Division',
    '“Truckers Against Trafficking” training',
    'Café Olé Travel Plaza,Ames',
    'Peña, María,Deputy',
    'Müller Trucking,Sioux City',
    'FRANÇOIS DUPRÉ,TROOPER',
    'Love’s Travel Stop #612 — I-80',
    'Señora Ibáñez,Victim services',
    'NUÑEZ TRANSPORT LLC,Des Moines',
    'Rosa Peña-Ramírez,Sgt.',
  ];
  it.each(lines)('%s', (line) => {
    const text = `Name,Org\n${line}\n`;
    expect(singleByteEncoding(iconv.encode(text, 'windows-1252'))).toBe('windows-1252');
    expect(singleByteEncoding(iconv.encode(text, 'macintosh'))).toBe('macintosh');
  });

  it('a tie is Windows-1252, unless the lines end in a bare CR as classic Mac files do', () => {
    // 0x92 is ’ in Windows-1252 and í in Mac Roman: both read as text.
    expect(singleByteEncoding(Buffer.from('Name\nO\x92Brien\n', 'latin1'))).toBe('windows-1252');
    expect(singleByteEncoding(Buffer.from('Name\rO\x92Brien\r', 'latin1'))).toBe('macintosh');
  });

  it('reads an Excel for Mac "CSV (Macintosh)" file: Mac Roman, lines ending in CR', async () => {
    const bytes = iconv.encode('First Name,Last Name,Agency\rJosé,Núñez,Polk County Sheriff’s Office\rRenée,O’Malley,Iowa State Patrol\r', 'macintosh');
    const { t, rows } = await readAll(bytes, {}, 65536);
    expect(t.encoding).toBe('macintosh');
    expect(rows.map((r) => r.cells)).toEqual([['José', 'Núñez', 'Polk County Sheriff’s Office'], ['Renée', 'O’Malley', 'Iowa State Patrol']]);
  });

  it('--encoding mac reads Mac Roman whatever the bytes look like', async () => {
    const { t, rows } = await readAll(Buffer.from('Name\nO\x92Brien\n', 'latin1'), { encoding: 'mac' });
    expect(t.encoding).toBe('macintosh');
    expect(rows[0].cells[0]).toBe('OíBrien');
  });
});

describe('reading text in pieces', () => {
  // The reader takes the first 64 KB whole; then text comes as the source gives it and is parsed
  // as it comes. A blank line of 70,000 spaces (line 2) fills those 64 KB, so that the rest can be
  // cut anywhere: each test cuts it at every character and expects the same reading.
  const FILL = ' '.repeat(70_000);

  async function readCut(header: string, eol: string, body: string, cut: number, opts: Parameters<typeof openTable>[1] = {}) {
    const head = Buffer.from(header + eol + FILL + eol + body.slice(0, cut));
    // A blank line after the body, so that the second piece is long enough to be parsed on its own.
    const rest = Buffer.from(body.slice(cut) + ' '.repeat(500) + eol);
    async function* pieces() {
      yield head;
      yield rest;
    }
    const t = await openTable({ name: 'test.csv', chunks: pieces(), size: head.length + rest.length }, opts);
    const rows: RawRow[] = [];
    for await (const b of t.batches) rows.push(...b);
    return rows.map((r) => [r.line, ...r.cells]);
  }

  async function failCut(header: string, eol: string, body: string, cut: number): Promise<Error> {
    try {
      await readCut(header, eol, body, cut);
    } catch (e) {
      return e as Error;
    }
    throw new Error('expected a failure');
  }

  it.each(['\r\n', '\n', '\r'])('reads quoted fields, doubled quotes and line breaks cut anywhere (line break %j)', async (eol) => {
    const body = ['Ann,"Lives in ""Ames"", IA' + eol + 'near ""Story""",Ames', 'Bo,"a\nb\r\nc",Nevada', '', 'Cy,,"Des Moines"', '"Di",x,""""'].join(eol) + eol;
    // Bo's field breaks at \n and at \r\n: 2 lines (a \r\n counts once)
    const want = [
      [3, 'Ann', `Lives in "Ames", IA${eol}near "Story"`, 'Ames'],
      [5, 'Bo', 'a\nb\r\nc', 'Nevada'],
      [9, 'Cy', '', 'Des Moines'],
      [10, 'Di', 'x', '"'],
    ];
    for (let cut = 0; cut <= body.length; cut++) expect(await readCut('Name,Notes,City', eol, body, cut), `cut at ${cut}`).toEqual(want);
  });

  it.each([
    ['text', '"Big" Bob', '"a""b"c'],
    ['spaces', '"Big"  ', '"a""b" \t'],
  ])('reads a closing quote followed by %s as csv-parse did, the quote kept as text, wherever the cut', async (_, big, ab) => {
    const body = `Ann,1\n${big},2\n${ab},3\nDi,"4"\n`;
    const want = [
      [3, 'Ann', '1'],
      [4, big, '2'],
      [5, ab.replace('""', '"'), '3'],
      [6, 'Di', '4'],
    ];
    for (let cut = 0; cut <= body.length; cut++) expect(await readCut('Name,N', '\n', body, cut), `cut at ${cut}`).toEqual(want);
  });

  it('keeps a quote inside an unquoted field as text', async () => {
    expect(await readCut('A,B,C', '\n', 'a,b"c,d\n"e"f,"g""h",i"\n', 3)).toEqual([
      [3, 'a', 'b"c', 'd'],
      [4, '"e"f', 'g"h', 'i"'],
    ]);
  });

  it('names the line where an unclosed quote opened, wherever the cut', async () => {
    const body = 'Ann,"x\r\ny"\r\nBo,"open\r\nCy,3\r\n';
    for (let cut = 0; cut <= body.length; cut++) {
      const e = await failCut('Name,N', '\r\n', body, cut);
      expect(e, `cut at ${cut}`).toBeInstanceOf(InvalidDataError);
      expect(e.message, `cut at ${cut}`).toBe('test.csv, line 5: a quoted field opened on this line is never closed');
    }
  });

  it('reports the first broken line first: a ragged row before an unclosed quote', async () => {
    expect((await failure('A,B\n1,2,3\n"x\n')).message).toMatch(/line 2: this row has 3 fields/);
  });

  it('joins a UTF-16 character cut between two pieces, and reads a lone surrogate as U+FFFD', async () => {
    const text = Buffer.from('Name\r\n' + FILL + '\r\nTruck \u{1F69A} stop\r\nbad \ud83d here\r\n', 'utf16le');
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text).swap16()]);
    const at = 2 + text.indexOf(Buffer.from('\u{1F69A}', 'utf16le')) + 2;
    async function* pieces() {
      yield be.subarray(0, at);
      yield be.subarray(at);
    }
    const t = await openTable({ name: 'test.csv', chunks: pieces(), size: be.length });
    const rows: RawRow[] = [];
    for await (const b of t.batches) rows.push(...b);
    expect(rows.map((r) => r.cells[0])).toEqual(['Truck \u{1F69A} stop', 'bad \ufffd here']);
  });

  it('reads with a delimiter papaparse does not take (a quote) as before', async () => {
    const { t, rows } = await readAll('a,b\n1,2\n', { delimiter: '"' });
    expect(t.header).toEqual(['a,b']);
    expect(rows.map((r) => r.cells)).toEqual([['1,2']]);
  });
});

/** A cell of a built workbook: text, a number, empty, or a formula with its saved value (if any). */
type XCell = string | number | null | { f: string; v?: string };

/** A small workbook: sheets of rows (text as inline strings), with merged ranges ("A2:A4"). */
function workbook(sheets: Array<{ name: string; rows: XCell[][]; merges?: string[]; hidden?: boolean }>): Buffer {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const col = (i: number) => (i >= 26 ? String.fromCharCode(64 + Math.floor(i / 26)) : '') + String.fromCharCode(65 + (i % 26));
  const cell = (c: XCell, ref: string) => {
    if (c === null) return '';
    if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
    if (typeof c === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`;
    return `<c r="${ref}"${c.v !== undefined ? ' t="str"' : ''}><f>${esc(c.f)}</f>${c.v !== undefined ? `<v>${esc(c.v)}</v>` : ''}</c>`;
  };
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    'xl/workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><workbook ${ns}><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`),
  };
  sheets.forEach((s, i) => {
    const rows = s.rows.map((r, y) => `<row r="${y + 1}">${r.map((c, x) => cell(c, `${col(x)}${y + 1}`)).join('')}</row>`).join('');
    const merges = s.merges?.length ? `<mergeCells count="${s.merges.length}">${s.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}><sheetData>${rows}</sheetData>${merges}</worksheet>`);
  });
  return Buffer.from(zipSync(files));
}

describe('reading XLSX', () => {
  const xlsx = readFileSync(path.join(FIXTURES, 'ia-2026-partners.xlsx'));

  it('gives each row of a cell merged down over several rows its value (an agency beside its people)', async () => {
    const book = workbook([
      {
        name: 'Directory',
        rows: [
          ['Agency', 'Contact Name', 'Email', 'Notes', null, 'State'],
          ['Ames Police Department', 'Ray Mills', 'rm@ames.example', 'call first', null, 'IA'],
          [null, 'Jo Park', 'jp@ames.example', null, null, null],
          [null, 'Li Chen', 'lc@ames.example', null, null, null],
          [null, null, null, null, null, null],
          ['Story County Sheriff', 'Ida Berg', 'ib@story.example', null, null, 'IA'],
        ],
        // The agency and the state down three rows and over a blank one; a note across two columns.
        merges: ['A2:A5', 'F2:F4', 'D2:E2'],
      },
    ]);
    const { t, rows } = await readAll(book, {}, 1000);
    expect(t.header).toEqual(['Agency', 'Contact Name', 'Email', 'Notes', '', 'State']);
    expect(rows.map((r) => [r.line, ...r.cells])).toEqual([
      [2, 'Ames Police Department', 'Ray Mills', 'rm@ames.example', 'call first', null, 'IA'],
      [3, 'Ames Police Department', 'Jo Park', 'jp@ames.example', null, null, 'IA'],
      [4, 'Ames Police Department', 'Li Chen', 'lc@ames.example', null, null, 'IA'],
      [6, 'Story County Sheriff', 'Ida Berg', 'ib@story.example', null, null, 'IA'],
    ]);
  });

  it('reads the first sheet by default, numbers as numbers and date cells as dates', async () => {
    const { t, rows } = await readAll(xlsx, {}, 1000);
    expect(t.format).toBe('xlsx');
    expect(t.sheet).toBe('Carriers');
    expect(t.header).toContain('Member Since');
    expect(rows[0].line).toBe(2);
    expect(rows[0].cells[8]).toBe(50321);
    expect(rows[0].cells[10]).toBeInstanceOf(Date);
    expect((rows[0].cells[10] as Date).toISOString().slice(0, 10)).toBe('2011-05-02');
  });

  it('reads a sheet by name, any case', async () => {
    const { t, rows } = await readAll(xlsx, { sheet: 'walk-ins' }, 1000);
    expect(t.sheet).toBe('Walk-ins');
    expect(rows).toHaveLength(4);
    expect(rows[0].cells[6]).toBeInstanceOf(Date);
  });

  it('looks past a title row above the header of a sheet', async () => {
    const { t, rows } = await readAll(readFileSync(path.join(FIXTURES, 'ia-2026-signin-titled.xlsx')));
    expect(t.header).toEqual(['Name', 'Agency', 'Title', 'Phone', 'Email', 'ZIP', 'Signed in']);
    expect(t.headerLine).toBe(4);
    expect(rows.map((r) => [r.line, r.cells[0]])).toEqual([[5, 'KOWALSKI, MARIA'], [6, 'Sgt. Dale Voss'], [8, 'NORA LINDQVIST'], [9, 'Total: 3']]);
  });

  it('looks past a group row merged across the columns of the header below it ("Contact" over "Phone | Email")', async () => {
    const rows: XCell[][] = [
      ['Agency', 'Contact', null, 'Location', null],
      [null, 'Phone', 'Email', 'City', 'State'],
      ['Ames Police Department', '515-555-0110', 'rm@ames.example', 'Ames', 'IA'],
    ];
    // "Agency" merged down into the header row, the groups across their columns.
    const { t, rows: read } = await readAll(workbook([{ name: 'Directory', rows, merges: ['A1:A2', 'B1:C1', 'D1:E1'] }]), {}, 1000);
    expect(t.header).toEqual(['Agency', 'Phone', 'Email', 'City', 'State']);
    expect(t.headerLine).toBe(2);
    expect(read.map((r) => r.line)).toEqual([3]);
    // Not merged, the group row is the header: the message says so.
    const e = await failure(workbook([{ name: 'Directory', rows }]));
    expect(e.message).toMatch(/line 2: this row names more columns than the row above it \(line 1\), which was read as the header: the file seems to have two header rows/);
    expect((e as InvalidDataError).hint).toMatch(/delete the upper row/);
    // A header with one cell merged across two columns is the header: the row of data below is not.
    const single = await readAll(workbook([{ name: 'Directory', rows: [['Name', 'Address', null, 'Agency'], ['Ana Peña', '12 Main St', 'Waterloo', 'Waterloo PD']], merges: ['B1:C1'] }]), {}, 1000);
    expect(single.t.header).toEqual(['Name', 'Address', '', 'Agency']);
    expect(single.rows).toHaveLength(1);
  });

  it('passes over a first sheet of notes to the first sheet that holds a table', async () => {
    const notes = { name: 'Read me', rows: [['read me'], ['This list is for partners']] };
    const table = { name: 'Directory', rows: [['Agency', 'Email'], ['Ames PD', 'rm@ames.example']] };
    const headerOnly = { name: 'Template', rows: [['Agency', 'Email']] };
    const { t, rows } = await readAll(workbook([notes, headerOnly, table]), {}, 1000);
    expect(t.sheet).toBe('Directory');
    expect(rows).toHaveLength(1);
    // Named, the notes are read all the same.
    expect((await readAll(workbook([notes, table]), { sheet: 'read me' }, 1000)).t.header).toEqual(['read me']);
    // No sheet holds a table: the message lists them and names --sheet.
    const e = await failure(workbook([notes, headerOnly]));
    expect(e.message).toMatch(/no sheet of the workbook holds a table/);
    expect((e as InvalidDataError).hint).toBe('its sheets are: "Read me", "Template"; pass the one to import with --sheet');
  });

  it('warns, once, of a formula without a saved value (a workbook written by a script), naming its cell', async () => {
    const header = ['Agency', 'First', 'Last', 'Contact Name'];
    const rows: XCell[][] = [header, ['Ames PD', 'Ray', 'Mills', { f: 'B2&" "&C2', v: 'Ray Mills' }], ['Story County', 'Ida', 'Berg', { f: 'B3&" "&C3' }], ['Boone PD', 'Cal', 'Reed', { f: 'B4&" "&C4' }]];
    const { t, rows: read } = await readAll(workbook([{ name: 'Directory', rows }]), {}, 1000);
    expect(read.map((r) => r.cells[3])).toEqual(['Ray Mills', null, null]);
    expect(t.warnings).toEqual([{ line: 3, field: 'Contact Name', message: expect.stringMatching(/^cell D3 of sheet "Directory" holds a formula without a saved value .*open the workbook in Excel or LibreOffice and save it, so that the values are stored/) }]);
    // Formulas with their values: no warning. Far down a big sheet, cut between pieces of XML: found.
    const many: XCell[][] = [header];
    for (let i = 2; i < 30000; i++) many.push([`Agency ${i}`, 'Ray', 'Mills', { f: `B${i}&" "&C${i}`, v: 'Ray Mills' }]);
    expect((await readAll(workbook([{ name: 'Directory', rows: many }]), {}, 100000)).t.warnings).toEqual([]);
    many.push(['Boone PD', 'Cal', 'Reed', { f: 'B30000&" "&C30000' }]);
    expect((await readAll(workbook([{ name: 'Directory', rows: many }]), {}, 100000)).t.warnings?.map((w) => w.line)).toEqual([30000]);
  });

  it('refuses a missing sheet, listing the sheets', async () => {
    const e = await failure(xlsx, { sheet: 'Nope' });
    expect(e.message).toMatch(/no sheet "Nope"/);
    expect((e as InvalidDataError).hint).toContain('"Carriers", "Walk-ins"');
  });

  it('skips a hidden first sheet by default (a workbook often starts with a hidden list of lookups)', async () => {
    // The partners workbook with its first sheet, Carriers, hidden.
    const files = unzipSync(xlsx);
    const book = strFromU8(files['xl/workbook.xml']);
    files['xl/workbook.xml'] = strToU8(book.replace(/(<sheet name="Carriers")/, '$1 state="hidden"'));
    const hiddenFirst = Buffer.from(zipSync(files));
    expect(hiddenSheets(hiddenFirst)).toEqual(new Set(['Carriers']));
    expect((await readAll(hiddenFirst, {}, 1000)).t.sheet).toBe('Walk-ins');
    // Named, it is read all the same.
    expect((await readAll(hiddenFirst, { sheet: 'Carriers' }, 1000)).t.sheet).toBe('Carriers');
    expect(hiddenSheets(xlsx)).toEqual(new Set());
  });

  it('passes over a chart sheet (a chart moved to a sheet of its own), which has no rows', async () => {
    // The partners workbook with a chart sheet before its first sheet.
    const files = unzipSync(xlsx);
    files['xl/workbook.xml'] = strToU8(strFromU8(files['xl/workbook.xml']).replace('<sheets>', '<sheets><sheet name="Chart1" sheetId="9" r:id="rId99"/>'));
    files['xl/_rels/workbook.xml.rels'] = strToU8(strFromU8(files['xl/_rels/workbook.xml.rels']).replace('</Relationships>', '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>'));
    files['xl/chartsheets/sheet1.xml'] = strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>');
    const withChart = Buffer.from(zipSync(files));
    expect((await readAll(withChart, {}, 1000)).t.sheet).toBe('Carriers');
    const e = await failure(withChart, { sheet: 'chart1' });
    expect(e).toBeInstanceOf(InvalidDataError);
    expect(e.message).toMatch(/the sheet "Chart1" is a chart, not a table of rows/);
    expect((e as InvalidDataError).hint).toContain('"Carriers", "Walk-ins"');
  });

  it('reads the dates of a workbook counting from 1904, as Excel on old Macs and LibreOffice save them', async () => {
    // The Walk-ins sheet with its check-in times as a 1904 workbook holds them: 13:05 on the build
    // day, a time of day alone (7:45) and 13:40 as LibreOffice writes it, to 15 digits.
    const book1904 = (date1904: string) => {
      const files = unzipSync(xlsx);
      files['xl/workbook.xml'] = strToU8(strFromU8(files['xl/workbook.xml']).replace('<sheets>', `<workbookPr date1904="${date1904}"/><sheets>`));
      files['xl/worksheets/sheet2.xml'] = strToU8(
        strFromU8(files['xl/worksheets/sheet2.xml'])
          .replace('<v>46093.54513888889</v>', '<v>44631.54513888889</v>')
          .replace('<v>46093.55</v>', '<v>0.322916666666667</v>')
          .replace('<v>46093.569444444445</v>', '<v>44631.5694444444</v>'),
      );
      return Buffer.from(zipSync(files));
    };
    // Excel writes date1904="1"; LibreOffice writes "true", which read-excel-file does not read.
    for (const flag of ['1', 'true']) {
      const { rows } = await readAll(book1904(flag), { sheet: 'Walk-ins' }, 1000);
      expect(rows.slice(0, 3).map((r) => (r.cells[6] as Date).toISOString())).toEqual(['2026-03-12T13:05:00.000Z', '1899-12-30T07:45:00.000Z', '2026-03-12T13:40:00.000Z']);
    }
  });

  it('names the spreadsheets that are zips but not XLSX: .xlsb and .ods', async () => {
    const xlsb = Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.bin': new Uint8Array([0x83, 1, 0]) }));
    expect((await failure(xlsb)).message).toMatch(/an Excel binary workbook \(\.xlsb\)/);
    const ods = Buffer.from(zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<office:document-content/>') }));
    const e = await failure(ods);
    expect(e.message).toMatch(/an OpenDocument spreadsheet \(\.ods\)/);
    expect((e as InvalidDataError).hint).toMatch(/save it as Excel Workbook \(\.xlsx\) or CSV/);
  });

  it('refuses a zip that is not a workbook', async () => {
    const e = await failure(readFileSync(path.join(FIXTURES, 'broken-not-a-workbook.xlsx')));
    expect(e.message).toMatch(/not an Excel workbook/);
  });
});

describe('reports made of sections (Zoom and webinar exports): the list is the section that names the people', () => {
  // Stands for the import's test: a row naming an e-mail or a name column.
  const names = (cells: readonly unknown[]) => cells.some((c) => typeof c === 'string' && /^(e-?mail|user email|name.*|first name)$/i.test(c.trim()));
  const b = (n: number, at: number[] = []) => Array.from({ length: n }, (_, i) => at.includes(i));

  it('finds the last section whose header names the people', () => {
    const rows = [
      ['Topic', 'Webinar ID', 'Actual Start Time'],
      ['LE Training', '812 3456', '11/19/2026 09:00 AM'],
      ['Host Details', null, null],
      ['Attended', 'Name', 'Email'],
      ['Yes', 'Iowa AG', 'host@ag.example'],
      ['Attendee Details', null, null],
      ['Attended', 'First Name', 'Email'],
      ['Yes', 'Dana', 'dana@x.example'],
    ];
    expect(laterSection(rows, b(rows.length), names)).toBe(6);
  });

  it('takes the participants under a meeting\'s summary row and a blank line', () => {
    const rows = [
      ['Meeting ID', 'Topic', 'User Email'],
      ['812', 'LE Training', 'host@ag.example'],
      ['Name (Original Name)', 'User Email', 'Join Time'],
      ['Dana Whitfield', 'dana@x.example', '08:59'],
    ];
    expect(laterSection(rows, b(rows.length, [2]), names)).toBe(2);
  });

  it('takes the list under a report\'s labels and values (Webex: "Webinar Name | …") when the first row names most of what is needed', async () => {
    // A roster of one training (--module, --date): "Webinar Name" was read as the person's name, so
    // the labels and values looked like a list of two columns and the real one was refused as ragged.
    const test = await headerTestFor({ kind: 'trainings', given: ['module', 'completed_on'] });
    const rows = [
      ['Webinar Name', 'Iowa TAT Truck Stop Training'],
      ['Webinar Number', '2634 123 4567'],
      ['Start Date & Time', '11/19/2026 9:00 AM'],
      ['Duration', '90 mins'],
      ['Name', 'Email', 'Role', 'Company Name'],
      ['Rosa Delgado', 'rdelgado@loves.example', 'Attendee', "Love's Travel Stop #784"],
    ];
    expect(laterSection(rows, b(rows.length, [4]), test)).toBe(4);
    // A list of two columns with a second table under it is still a list.
    const two = [['Name', 'Email'], ['Dana', 'd@x.example'], ['Ray', 'r@x.example'], ['Ida', 'i@x.example'], ['Walk-ins', null], ['Name', 'Email', 'Agency']];
    expect(laterSection(two, b(two.length), await headerTestFor({ kind: 'attendees' }))).toBe(-1);
  });

  it('never takes a row of data for a later header when the list\'s header names what is needed', async () => {
    // A guest who gave only a name, then one who gave a name and an agency: the second row follows
    // a one-value row (a "break") and names an organization, so it passed for a section's header
    // naming all but the person.
    const rows = [['Name', 'Email', 'Organization'], ['Dana Whitfield', null, null], ['Ray Olsen (Guest)', null, 'Ames Police Department'], ['Caller 3', null, null]];
    expect(laterSection(rows, b(rows.length), await headerTestFor({ kind: 'attendees' }))).toBe(-1);
  });

  it.each([
    ['a list with a second table under it (walk-ins under a sign-in sheet)', [['Name', 'Email'], ['Dana', 'd@x.example'], ['Ray', 'r@x.example'], ['Ida', 'i@x.example'], ['Walk-ins', null], ['Name', 'Phone']], [] as number[]],
    ['the header again after a blank line', [['Name', 'Email'], ['Dana', 'd@x.example'], ['NAME', 'email']], [2]],
    ['a later row of data after a break', [['Name', 'Email'], ['Dana', 'd@x.example'], ['Total', null], ['Ray', 'r@x.example']], []],
    ['no row names the people', [['Topic', 'ID'], ['x', '1'], ['Host', null], ['Joined', 'Left']], []],
  ] as const)('leaves alone %s', (_, rows, blanks) => {
    expect(laterSection(rows as unknown as string[][], b(rows.length, blanks as unknown as number[]), names)).toBe(-1);
  });

  const zoom = [
    'Attendee Report,',
    'Report Generated:,"11/20/2026 10:02 AM"',
    'Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registered',
    'Iowa TAT Law Enforcement Training,812 3456 7890,"11/19/2026 09:00 AM",92,45',
    'Host Details,',
    'Attended,User Name (Original Name),Email,Join Time,Leave Time',
    'Yes,Iowa AG Office,host@ag.iowa.example,"11/19/2026 08:51 AM","11/19/2026 10:33 AM"',
    'Attendee Details,',
    'Attended,First Name,Last Name,Email,Organization,Join Time',
    "Yes,Dana,Whitfield,dwhitfield@story.example,Story County Sheriff's Office,\"11/19/2026 08:59 AM\"",
    'No,Ray,Olsen,rolsen@story.example,Ames Police Department,--',
    '',
  ].join('\r\n');

  it('reads a Zoom webinar attendee report from its attendee section, in pieces, with the real line numbers', async () => {
    const headerTest = await headerTestFor({ kind: 'attendees' });
    const { t, rows } = await readAll(zoom, { headerTest });
    expect(t.header).toEqual(['Attended', 'First Name', 'Last Name', 'Email', 'Organization', 'Join Time']);
    expect(t.headerLine).toBe(9);
    expect(rows.map((r) => [r.line, r.cells[1]])).toEqual([[10, 'Dana'], [11, 'Ray']]);
    expect(t.warnings).toEqual([{ line: 9, field: '', message: expect.stringContaining('the rows above line 9 are') }]);
    // Without the test (as before), the summary's second row was read as the header, and the rows
    // under it did not fit.
    expect((await failure(zoom)).message).toMatch(/line 3: this row has 5 fields where the header has 2/);
  });

  it('reads a Webex report (UTF-16, tab-separated) from the list under its labels, past the blank line between them', async () => {
    const lines = [
      'Webinar Name\tIowa TAT Truck Stop Training',
      'Webinar Number\t2634 123 4567',
      'Start Date & Time\t11/19/2026 9:00 AM',
      '',
      'Name\tEmail\tRole\tAttended\tCompany Name',
      "Rosa Delgado\trdelgado@loves.example\tAttendee\tYes\tLove's Travel Stop #784",
      'Curtis Mahoney\tcmahoney@ta-petro.example\tAttendee\tNo\tIowa 80 Truckstop',
    ];
    const text = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf16le')]);
    const { t, rows } = await readAll(text, { headerTest: await headerTestFor({ kind: 'attendees' }) });
    expect(t.headerLine).toBe(5);
    expect(rows.map((r) => r.cells[0])).toEqual(['Rosa Delgado', 'Curtis Mahoney']);
  });

  it('reads the same report saved as a workbook', async () => {
    const book = workbook([{ name: 'Report', rows: zoom.split('\r\n').filter(Boolean).map((l) => l.split(',').map((c) => (c === '' ? null : c.replace(/"/g, '')))) }]);
    const headerTest = await headerTestFor({ kind: 'attendees' });
    const { t, rows } = await readAll(book, { headerTest }, 1000);
    expect(t.headerLine).toBe(9);
    expect(rows.map((r) => r.cells[2])).toEqual(['Whitfield', 'Olsen']);
    expect(t.warnings?.map((w) => w.line)).toEqual([9]);
  });

  it('reads a plain list as before, reading no further than three rows ahead to know it', async () => {
    const headerTest = await headerTestFor({ kind: 'contacts' });
    const text = 'Agency,Name,Email\nAmes PD,Dana,d@x.example\nAmes PD,Ray,r@x.example\nAmes PD,Ida,i@x.example\nAmes PD,Jo,j@x.example\n';
    const { t, rows } = await readAll(text, { headerTest });
    expect(t.headerLine).toBe(1);
    expect(t.warnings).toEqual([]);
    expect(rows).toHaveLength(4);
  });
});
