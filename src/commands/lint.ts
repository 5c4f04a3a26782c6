/**
 * `coalition lint [FILE…|-] [--json] [--terms FILE] [--fix] [-c SLUG --record]`: the language check
 * of goal P1.7. Reads the sources, runs the pure check in src/core/lint, prints the findings (a
 * readable list on a terminal, tab-separated when piped, JSON with --json), rewrites files with
 * --fix and records the result for the report with --record. Exit 1 when anything is flagged.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import {
  applyFixes,
  builtinTerms,
  coalitionTextSources,
  compileTerms,
  formatForFile,
  lineAt,
  lintSources,
  mergeTerms,
  readTermsFile,
  recordLintRun,
  sniffFormat,
  templateSources,
  type SourcedFinding,
  type TermList,
  type TextSource,
} from '../core/lint/index.js';
import { allSlugs, resolveCoalition, type CoalitionRow } from '../core/coalitions.js';
import { openDb } from '../db/connection.js';
import type { Context } from '../io/context.js';
import { InvalidDataError, UsageError } from '../io/errors.js';
import { renderJson, renderTsv, type Column } from '../io/output.js';
import { chalkFor, info, success, warn } from '../io/style.js';

export interface LintOptions {
  json?: boolean;
  terms?: string[];
  fix?: boolean;
  record?: boolean;
}

/** The JSON shape of one finding (the contract's minimum plus the other suggestions). */
export interface FindingJson {
  file: string;
  line: number;
  column: number;
  term: string;
  match: string;
  suggestion: string;
  suggestions: string[];
  note: string;
  fixable: boolean;
}

const TEXT_EXTENSIONS = /\.(md|markdown|mdown|mkd|html?|xhtml|txt|text)$/i;

export async function execute(ctx: Context, args: string[], raw: Record<string, unknown>): Promise<number> {
  const opts = raw as LintOptions;
  const stdinCount = args.filter((a) => a === '-').length;
  if (opts.fix && stdinCount) {
    throw new UsageError('--fix rewrites files in place and cannot rewrite standard input', { hint: 'save the text to a file and run: coalition lint --fix FILE' });
  }
  if (stdinCount > 1) throw new UsageError('"-" (standard input) can be given once');
  if (opts.fix && args.length === 0) {
    throw new UsageError('--fix rewrites files; it does not change the database or the templates', {
      hint: 'name the files to fix, e.g. coalition lint --fix invitation.md; correct notes with "coalition people set" or "coalition orgs set"',
    });
  }

  const terms = loadTerms(ctx, opts.terms ?? []);
  const compiled = compileTerms(terms);

  let sources: TextSource[];
  let coalition: CoalitionRow | undefined;
  if (args.length) {
    sources = await fileSources(ctx, args);
    if (opts.record) coalition = resolveCoalition(await openDb(ctx), ctx.globals.coalition, ctx.env);
  } else {
    const db = await openDb(ctx);
    if (!ctx.globals.coalition && !ctx.env.COALITION && allSlugs(db).length === 0) {
      if (opts.record) coalition = resolveCoalition(db, undefined, ctx.env); // throws: no coalition yet
      info(ctx, 'No coalition yet: checking the templates only.');
      sources = templateSources();
    } else {
      coalition = resolveCoalition(db, ctx.globals.coalition, ctx.env);
      sources = [...coalitionTextSources(db, coalition.id), ...templateSources()];
    }
  }

  let findings = lintSources(sources, compiled);

  if (opts.fix) findings = fixFiles(ctx, sources, findings);

  if (opts.json) ctx.stdout.write(renderJson(ctx, findings.map(toJson)));
  else if (ctx.stdoutIsTTY) printReadable(ctx, sources, findings);
  else if (findings.length) ctx.stdout.write(renderTsv(findings, TSV_COLUMNS));

  const checked = `${sources.length} ${sources.length === 1 ? 'source' : 'sources'}`;
  if (findings.length === 0) success(ctx, `No stigmatizing terms found (${checked} checked).`);
  else {
    const files = new Set(findings.map((f) => f.source)).size;
    info(ctx, `${findings.length} ${findings.length === 1 ? 'term' : 'terms'} flagged in ${files} of ${checked}.`);
  }

  if (opts.record && coalition) {
    const run = recordLintRun(await openDb(ctx), coalition.id, ctx.now(), findings);
    success(ctx, `Recorded for ${coalition.slug} (goal P1.7): ${run.findings} ${run.findings === 1 ? 'finding' : 'findings'} on ${run.checked_at.slice(0, 10)}.`);
  }
  return findings.length ? 1 : 0;
}

/** The built-in list plus each --terms file. A list that cannot be used stops the check with exit
 * 2, like a missing file: exit 1 must mean "terms flagged" to a script. */
function loadTerms(ctx: Context, files: string[]): TermList {
  let list = builtinTerms();
  for (const f of files) {
    try {
      list = mergeTerms(list, readTermsFile(path.resolve(ctx.cwd, f), f));
    } catch (e) {
      if (e instanceof InvalidDataError) throw new UsageError(e.message, { hint: e.hint });
      throw e;
    }
  }
  return list;
}

async function readStdin(ctx: Context): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return decodeFile(Buffer.concat(chunks)).text;
}

/** UTF-8 (with or without BOM), else Windows-1252 (what Excel and Word on Windows often save). */
function decodeFile(buf: Buffer): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'win1252'), encoding: 'windows-1252' };
  }
}

function isBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8000).includes(0);
}

/** Files as given; a folder gives its text files (Markdown, HTML, plain text), skipping hidden
 * folders and node_modules. */
async function fileSources(ctx: Context, args: string[]): Promise<TextSource[]> {
  const out: TextSource[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    if (arg === '-') {
      const text = await readStdin(ctx);
      out.push({ source: '-', text, format: sniffFormat(text) });
      continue;
    }
    const abs = path.resolve(ctx.cwd, arg);
    if (!existsSync(abs)) throw new UsageError(`no such file: ${arg}`, { hint: 'name text, Markdown or HTML files, a folder, or - for standard input' });
    const files = statSync(abs).isDirectory() ? walk(abs).map((f) => ({ abs: f, shown: path.join(arg, path.relative(abs, f)) })) : [{ abs, shown: arg }];
    for (const f of files) {
      const buf = readFileSync(f.abs);
      if (isBinary(buf)) {
        warn(ctx, `${f.shown} is not a text file; skipped (save it as text, Markdown or HTML to check it)`);
        continue;
      }
      if (seen.has(f.abs)) continue;
      seen.add(f.abs);
      const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
      const { text, encoding } = decodeFile(buf);
      out.push({ source: f.shown, text, format: formatForFile(f.abs), file: f.abs, bom, encoding });
    }
  }
  return out;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else if (entry.isFile() && TEXT_EXTENSIONS.test(entry.name)) out.push(p);
  }
  return out;
}

/** Rewrites each file with its unambiguous fixes; returns the findings that remain. */
function fixFiles(ctx: Context, sources: TextSource[], findings: SourcedFinding[]): SourcedFinding[] {
  const remaining: SourcedFinding[] = [];
  const c = chalkFor(ctx, 'stderr');
  for (const s of sources) {
    const mine = findings.filter((f) => f.source === s.source);
    if (!s.file || mine.length === 0) {
      remaining.push(...mine);
      continue;
    }
    const { text, applied } = applyFixes(s.text, mine);
    if (applied.length) {
      const bom = s.bom ? '\uFEFF' : '';
      try {
        writeFileSync(s.file, s.encoding === 'windows-1252' ? iconv.encode(text, 'win1252') : bom + text);
      } catch (e) {
        throw new InvalidDataError(`cannot rewrite the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: s.source }, { hint: 'check that the file is writable' });
      }
      for (const f of applied) ctx.stderr.write(`${c.bold(`${s.source}:${f.line}:${f.column}`)} fixed: "${s.text.slice(f.fix!.offset, f.fix!.offset + f.fix!.length)}" → "${f.fix!.text}"\n`);
    }
    const done = new Set(applied);
    remaining.push(...mine.filter((f) => !done.has(f)));
  }
  const fixedCount = findings.length - remaining.length;
  if (fixedCount) success(ctx, `Fixed ${fixedCount} of ${findings.length}; the rest need a person to choose the words.`);
  return remaining;
}

function toJson(f: SourcedFinding): FindingJson {
  return { file: f.source, line: f.line, column: f.column, term: f.term, match: f.match, suggestion: f.suggestion, suggestions: f.suggestions, note: f.note, fixable: f.fix !== null };
}

const TSV_COLUMNS: Column<SourcedFinding>[] = [
  { header: 'file', key: 'source' },
  { header: 'line', key: 'line', kind: 'number' },
  { header: 'column', key: 'column', kind: 'number' },
  { header: 'term', key: 'term' },
  { header: 'suggestion', key: 'suggestion' },
];

/** On a terminal: findings grouped by file, each with line:column, the suggestion and the line
 * with the term highlighted (or underlined with ^ when there is no colour); the reason once per
 * term. */
function printReadable(ctx: Context, sources: TextSource[], findings: SourcedFinding[]): void {
  const c = chalkFor(ctx, 'stdout');
  const coloured = c.level > 0;
  const textOf = new Map(sources.map((s) => [s.source, s.text]));
  const explained = new Set<string>();
  const width = Math.max(40, ctx.columns - 8);
  let first = true;
  for (const [source, group] of groupBy(findings, (f) => f.source)) {
    if (!first) ctx.stdout.write('\n');
    first = false;
    ctx.stdout.write(c.bold.underline(source) + '\n');
    const text = textOf.get(source) ?? '';
    for (const f of group) {
      // the first suggestion is shown in the number and case of the match; the others as listed
      const others = f.suggestions.slice(1);
      const alt = others.length ? c.dim(` (or: ${others.join(', ')})`) : '';
      ctx.stdout.write(`  ${c.dim(`${f.line}:${f.column}`)}  ${c.red(`“${f.match}”`)} → ${c.green(f.suggestion)}${alt}\n`);
      const { line, start, end } = excerpt(lineAt(text, f.line), f.column, [...text.slice(f.offset, f.offset + f.length)].length, width);
      if (coloured) ctx.stdout.write(`      ${line.slice(0, start)}${c.bold.red.underline(line.slice(start, end))}${line.slice(end)}\n`);
      else ctx.stdout.write(`      ${line}\n      ${' '.repeat(start)}${'^'.repeat(Math.max(1, end - start))}\n`);
      if (!explained.has(f.term) && f.note) {
        explained.add(f.term);
        for (const l of wrap(`why: ${f.note}`, width)) ctx.stdout.write(c.dim(`      ${l}`) + '\n');
      }
    }
  }
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/)) {
    if (cur && cur.length + 1 + word.length > width) {
      lines.push(cur);
      cur = '    ' + word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) lines.push(cur);
  return lines;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push(i);
  }
  return m;
}

/** A window of a long line around the match; tabs shown as one space so the marker lines up. */
export function excerpt(rawLine: string, column: number, length: number, width: number): { line: string; start: number; end: number } {
  const chars = [...rawLine.replace(/\t/g, ' ')];
  let start = column - 1;
  let end = Math.min(chars.length, start + length);
  let from = 0;
  let to = chars.length;
  if (chars.length > width) {
    from = Math.max(0, Math.min(start - Math.floor((width - (end - start)) / 2), chars.length - width));
    to = Math.min(chars.length, from + width);
  }
  let line = chars.slice(from, to).join('');
  start -= from;
  end -= from;
  if (from > 0) {
    line = '…' + line;
    start++;
    end++;
  }
  if (to < chars.length) line += '…';
  return { line, start, end: Math.min(end, line.length) };
}
