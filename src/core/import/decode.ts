/**
 * Bytes → text for spreadsheets saved as text. The encoding is decided from the bytes, not guessed
 * from the name: a BOM says UTF-8 or UTF-16; otherwise text is UTF-8 when it is valid UTF-8 and
 * Windows-1252 (what Excel on Windows writes) when it is not. `--encoding` overrides all of this.
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
    ansi: 'windows-1252', latin1: 'windows-1252', 'iso-8859-1': 'iso-8859-1', utf16: 'utf-16le', 'utf-16': 'utf-16le', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be',
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
        state.encoding = 'windows-1252';
        conv = iconv.getDecoder('windows-1252');
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
