/**
 * What of a document is checked. Each format is turned into a *masked* copy of the same length:
 * everything that is not visible prose (HTML tags and attributes, comments, scripts, styles,
 * template code; Markdown code spans and fences, link targets) becomes spaces, newlines are kept.
 * Offsets in the masked text are offsets in the original, so line and column (and --fix) refer to
 * the file as written.
 *
 * Quotations that must stay (documentation that explains the check) are excluded with markers,
 * in every format, typically inside a comment:
 *   lint-ignore-line           this line is not checked
 *   lint-ignore-next-line      the next line is not checked
 *   lint-ignore-start … lint-ignore-end   nothing in between is checked
 * and by putting the term in a Markdown code span or an HTML <code> element: quoted, not used.
 */

export type TextFormat = 'text' | 'markdown' | 'html';

export function formatForFile(file: string): TextFormat {
  const ext = file.toLowerCase().split('.').pop() ?? '';
  if (['html', 'htm', 'xhtml', 'eta', 'ejs'].includes(ext)) return 'html';
  if (['md', 'markdown', 'mdown', 'mkd'].includes(ext)) return 'markdown';
  return 'text';
}

/** Standard input has no name: HTML when it starts with a tag, Markdown otherwise (plain text is
 * Markdown without code spans). */
export function sniffFormat(text: string): TextFormat {
  return /^\s*(<!doctype\s|<html[\s>]|<!--|<[a-z][a-z0-9]*[\s>/])/i.test(text) ? 'html' : 'markdown';
}

const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/** Replaces the text of a regex's matches (all of it, or one group) with spaces. */
function maskAll(text: string, re: RegExp, keepGroup?: number): string {
  return text.replace(re, (...args) => {
    const m = args[0] as string;
    if (keepGroup === undefined) return blank(m);
    const g = (args[keepGroup] as string | undefined) ?? '';
    const i = m.indexOf(g);
    return blank(m.slice(0, i)) + g + blank(m.slice(i + g.length));
  });
}

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', ndash: '–', mdash: '—', hyphen: '-', dash: '-',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', shy: '', ensp: ' ', emsp: ' ', thinsp: ' ', sect: '§',
};

/** Entities become their character followed by spaces (the same length). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, body: string) => {
    let ch: string | undefined;
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      ch = code > 0 && code < 0x110000 ? String.fromCodePoint(code) : undefined;
      if (ch === '\u00ad') ch = '';
      if (ch === '\u00a0' || ch === '\u2011') ch = ch === '\u2011' ? '-' : ' ';
    } else ch = NAMED_ENTITIES[body.toLowerCase()];
    if (ch === undefined) return m;
    if (ch.length > m.length) return m;
    return ch + ' '.repeat(m.length - ch.length);
  });
}

export function maskHtml(text: string): string {
  let t = text;
  t = maskAll(t, /<!--[\s\S]*?(-->|$)/g);
  t = maskAll(t, /<%[\s\S]*?(%>|$)/g); // template code (eta/ejs)
  t = maskAll(t, /\{\{[\s\S]*?\}\}/g); // mustache-style placeholders
  t = maskAll(t, /<(script|style|template|noscript)\b[\s\S]*?<\/\1\s*>/gi);
  // <code> is a quotation, as a Markdown code span (which it becomes) is
  t = maskAll(t, /<code\b[^>]*>[\s\S]*?<\/code\s*>/gi);
  t = maskAll(t, /<!\[CDATA\[[\s\S]*?\]\]>/g);
  t = maskAll(t, /<[!?/]?[a-zA-Z][^>]*>/g); // tags with their attributes; doctype
  return decodeEntities(t);
}

export function maskMarkdown(text: string): string {
  let t = text;
  t = maskAll(t, /<!--[\s\S]*?(-->|$)/g);
  // fenced code blocks: ``` or ~~~ to the matching fence (or the end)
  t = maskAll(t, /^([ \t]*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?(^[ \t]*\2[`~]*[ \t]*$|(?![\s\S]))/gm);
  // code spans: `x` or ``x``
  t = maskAll(t, /(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g);
  // link and image targets: ](url "title"), reference definitions, autolinks, inline HTML tags
  t = maskAll(t, /\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)/g);
  t = maskAll(t, /^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$/gm);
  t = maskAll(t, /<(?:https?:|mailto:)[^>\s]*>/g);
  t = maskAll(t, /<[!?/]?[a-zA-Z][^>\n]*>/g);
  return decodeEntities(t);
}

/** Masks the lines that the lint-ignore markers exclude (before any format masking, so that the
 * markers work inside comments). */
export function maskIgnored(text: string): string {
  if (!text.includes('lint-ignore')) return text;
  const lines = text.split('\n');
  let inBlock = false;
  let skipNext = false;
  const out = lines.map((line) => {
    const hasStart = /lint-ignore-start\b/.test(line);
    const hasEnd = /lint-ignore-end\b/.test(line);
    let masked = inBlock || skipNext || /lint-ignore-line\b/.test(line) || hasStart || hasEnd;
    skipNext = /lint-ignore-next-line\b/.test(line);
    if (hasStart) inBlock = true;
    if (hasEnd) {
      inBlock = false;
      masked = true;
    }
    return masked ? blank(line) : line;
  });
  return out.join('\n');
}

/** The checked text: same length and line structure as the input. */
export function checkedText(text: string, format: TextFormat): string {
  let t = maskIgnored(text);
  if (format === 'html') t = maskHtml(t);
  else if (format === 'markdown') t = maskMarkdown(t);
  // addresses are not prose: https://hooker-county.example, jhooker@example.org
  t = maskAll(t, /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/gi);
  return maskAll(t, /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu);
}
