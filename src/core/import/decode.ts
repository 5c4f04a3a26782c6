/**
 * Bytes → text for spreadsheets saved as text. The encoding is decided from the bytes, not guessed
 * from the name: a BOM says UTF-8 or UTF-16; otherwise text is UTF-8 when it is valid UTF-8, and
 * when it is not, Windows-1252 (what Excel on Windows writes) or Mac Roman (Excel for Mac's
 * "CSV (Macintosh)"), whichever reads as text (`singleByteEncoding`). `--encoding` overrides all of
 * this.
 *
 * One pass, constant memory: the text is ASCII (the same in both encodings) until the first byte
 * above 0x7F; that chunk decides. A file that turns out to mix both (valid UTF-8 first, then a lone
 * Windows-1252 byte) is refused with the line and the flag that fixes it.
 */
import iconv from 'iconv-lite';
import { isAscii } from 'node:buffer';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | string;

export class DecodeError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** `utf8`, `UTF-8`, `cp1252`, `latin1`, `windows-1252`, … → a name iconv-lite knows, or undefined. */
export function normalizeEncodingName(name: string): Encoding | undefined {
  const n = name.trim().toLowerCase().replace(/_/g, '-');
  const aliases: Record<string, string> = {
    utf8: 'utf-8', 'utf-8': 'utf-8', 'utf-8-bom': 'utf-8', cp1252: 'windows-1252', 'windows-1252': 'windows-1252', win1252: 'windows-1252',
    ansi: 'windows-1252', latin1: 'windows-1252', mac: 'macintosh', macroman: 'macintosh', 'mac-roman': 'macintosh', 'x-mac-roman': 'macintosh', 'iso-8859-1': 'iso-8859-1', utf16: 'utf-16le', 'utf-16': 'utf-16le', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be',
  };
  const e = aliases[n] ?? n;
  return iconv.encodingExists(e) ? e : undefined;
}

function countNewlines(buf: Buffer): number {
  let n = 0;
  let i = -1;
  while ((i = buf.indexOf(10, i + 1)) !== -1) n++;
  return n;
}

/** Index of the first byte that cannot start or continue a UTF-8 sequence; -1 when none (an
 * incomplete sequence at the very end is not counted: the next chunk may complete it). */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    if (i + n >= b.length) return -1;
    for (let k = 1; k <= n; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

/** Punctuation that single-byte spreadsheets hold: curly quotes and apostrophes, dashes, the
 * ellipsis, a bullet, ® ™ © °. */
const PUNCT = new Set('’‘“”–—…•®™©°'.split(''));
/** Accented letters of the names and places of US files (Spanish, French, German, Vietnamese-
 * without-diacritics…). Rarer letters score nothing either way. */
const LETTERS = new Set('éèêëáàâäãíìîïóòôöúùûüñçÉÈÊÁÀÂÄÍÓÔÖÚÜÑÇ'.split(''));

/** How much a decoding of non-UTF-8 bytes reads like text: +1 for each non-ASCII character that is
 * common punctuation or a common accented letter, -1 for a capital letter right after a small one
 * ("JosŽ", Mac Roman's é read as Windows-1252), for a dash inside a word and for a symbol no name
 * or address holds. */
function plausibility(text: string): number {
  let score = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c.charCodeAt(0) < 0x80) continue;
    const prev = text[i - 1] ?? '';
    const next = text[i + 1] ?? '';
    if (PUNCT.has(c)) {
      // Inside a word a dash is a misread letter ("Pe–a": Mac Roman's ñ), and so is an apostrophe
      // not followed by the end of a contraction or possessive ("Mar’a": its í).
      const inWord = /\p{L}/u.test(prev) && /\p{Ll}/u.test(next);
      if (inWord && (c === '–' || c === '—')) score--;
      else if (!(inWord && c === '’' && !/[stdmlrv]/.test(next))) score++;
    }
    else if (/\p{Lu}/u.test(c) && /\p{Ll}/u.test(prev)) score--;
    else if (LETTERS.has(c)) score++;
    else if (!/\p{L}/u.test(c)) score--;
  }
  return score;
}

/**
 * Windows-1252 or Mac Roman for bytes that are not UTF-8, from the first chunk that holds such a
 * byte. Both agree on ASCII and disagree on every byte above it: Excel for Mac's "CSV (Macintosh)"
 * writes é as 0x8E, which Windows-1252 reads as Ž, and ’ as 0xD5 (Õ). The decoding that reads more
 * like text wins; a tie is Windows-1252 (the far commoner file), unless the lines end in a bare CR
 * as classic Mac files do.
 */
export function singleByteEncoding(chunk: Uint8Array): 'windows-1252' | 'macintosh' {
  const b = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const win = plausibility(iconv.decode(b, 'windows-1252'));
  const mac = plausibility(iconv.decode(b, 'macintosh'));
  if (mac !== win) return mac > win ? 'macintosh' : 'windows-1252';
  return b.includes(13) && !b.includes(10) ? 'macintosh' : 'windows-1252';
}

export interface DecodeState {
  /** The encoding in use, once decided ('ascii' until the first non-ASCII byte). */
  encoding: string;
  bom: boolean;
}

/**
 * Decodes a stream of byte chunks to text. `forced` is the `--encoding` value, if any.
 */
export async function* decodeChunks(chunks: AsyncIterable<Buffer>, forced: Encoding | undefined, state: DecodeState): AsyncGenerator<string> {
  let first = true;
  let mode: 'detect' | 'utf8' | 'iconv' = 'detect';
  let utf8: InstanceType<typeof TextDecoder> | undefined;
  let conv: ReturnType<typeof iconv.getDecoder> | undefined;
  let line = 1;
  for await (let chunk of chunks) {
    if (first) {
      first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        state.bom = true;
        chunk = chunk.subarray(3);
        if (!forced) forced = 'utf-8';
      } else if (chunk[0] === 0xff && chunk[1] === 0xfe) {
        state.bom = true;
        chunk = chunk.subarray(2);
        if (!forced) forced = 'utf-16le';
      } else if (chunk[0] === 0xfe && chunk[1] === 0xff) {
        state.bom = true;
        chunk = chunk.subarray(2);
        if (!forced) forced = 'utf-16be';
      }
      if (forced) {
        state.encoding = forced;
        if (forced === 'utf-8') {
          mode = 'utf8';
          utf8 = new TextDecoder('utf-8', { fatal: true });
        } else {
          mode = 'iconv';
          conv = iconv.getDecoder(forced);
        }
      }
    }
    if (mode === 'detect') {
      if (isAscii(chunk)) {
        line += countNewlines(chunk);
        yield chunk.toString('latin1');
        continue;
      }
      // The first chunk with a byte above 0x7F decides.
      const probe = new TextDecoder('utf-8', { fatal: true });
      try {
        const text = probe.decode(chunk, { stream: true });
        utf8 = probe;
        mode = 'utf8';
        state.encoding = 'utf-8';
        line += countNewlines(chunk);
        yield text;
        continue;
      } catch {
        mode = 'iconv';
        state.encoding = singleByteEncoding(chunk);
        conv = iconv.getDecoder(state.encoding);
      }
    }
    if (mode === 'utf8') {
      try {
        const text = utf8!.decode(chunk, { stream: true });
        line += countNewlines(chunk);
        yield text;
      } catch {
        const at = firstInvalidUtf8(chunk);
        const bad = line + countNewlines(chunk.subarray(0, at < 0 ? chunk.length : at));
        throw new DecodeError('the file mixes UTF-8 with another encoding', bad);
      }
    } else {
      const text = conv!.write(chunk);
      if (text) yield text;
    }
  }
  if (mode === 'utf8') {
    try {
      const rest = utf8!.decode();
      if (rest) yield rest;
    } catch {
      throw new DecodeError('the file ends in the middle of a UTF-8 character', line);
    }
  } else if (mode === 'iconv') {
    const rest = conv!.end();
    if (rest) yield rest;
  }
  if (state.encoding === 'ascii' && !forced) state.encoding = 'utf-8';
}
