/**
 * What `coalition lint` checks when no file is named: the coalition's free-text fields in the
 * database and the templates the tool prints with. Also the record of a check (`--record`), which
 * the report's goal P1.7 reads with `latestLintRun`.
 *
 * Privacy: a database finding names its record by table, id and field (`db:people/42/notes`),
 * never by the person's name; what is stored for the report is the finding, not the text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { isoTimestamp } from '../dates.js';
import { formatForFile, type TextFormat } from './extract.js';
import { lintText, type CompiledTerms, type Finding } from './match.js';
import { packageRoot } from './terms.js';

export interface TextSource {
  /** A file path as the user gave it, `-` for stdin, `db:<table>/<id>/<field>`, or `templates/x.html`. */
  source: string;
  text: string;
  format: TextFormat;
  /** Set when the source is a file that --fix may rewrite. */
  file?: string;
  /** The file started with a UTF-8 byte order mark (kept when --fix rewrites it). */
  bom?: boolean;
  /** 'windows-1252' when the file was not valid UTF-8 (--fix writes it back the same way). */
  encoding?: 'utf-8' | 'windows-1252';
}

export interface SourcedFinding extends Finding {
  source: string;
}

export function lintSources(sources: readonly TextSource[], terms: CompiledTerms): SourcedFinding[] {
  const out: SourcedFinding[] = [];
  for (const s of sources) for (const f of lintText(s.text, terms, s.format)) out.push({ source: s.source, ...f });
  return out;
}

/** The HTML templates shipped in templates/ (and those other areas add there), sorted. */
export function templateSources(dir = path.join(packageRoot(), 'templates')): TextSource[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => /\.(html?|md|txt|eta)$/i.test(n) && statSync(path.join(dir, n)).isFile())
    .sort()
    .map((n) => {
      const file = path.join(dir, n);
      return { source: `templates/${n}`, text: readFileSync(file, 'utf8'), format: formatForFile(n), file };
    });
}

interface FieldRow {
  id: number;
  value: string | null;
}

function fields(db: DB, table: string, field: string, sql: string, params: unknown[]): TextSource[] {
  const rows = stmt(db, sql).all(...params) as FieldRow[];
  return rows.filter((r) => r.value && r.value.trim()).map((r) => ({ source: `db:${table}/${r.id}/${field}`, text: r.value!, format: 'text' as const }));
}

/**
 * The coalition's free text: its name and description; notes on the people registered for it or
 * listed in its states and on their organizations (and those its activities name); its activities'
 * notes and free-text details (task force names, materials); the training modules' names and
 * descriptions.
 */
export function coalitionTextSources(db: DB, coalitionId: number): TextSource[] {
  const out: TextSource[] = [];
  out.push(...fields(db, 'coalitions', 'name', 'SELECT id, name AS value FROM coalitions WHERE id = ?', [coalitionId]));
  out.push(...fields(db, 'coalitions', 'description', 'SELECT id, description AS value FROM coalitions WHERE id = ?', [coalitionId]));
  out.push(
    ...fields(
      db,
      'people',
      'notes',
      `SELECT p.id, p.notes AS value FROM people p LEFT JOIN organizations o ON o.id = p.organization_id
        WHERE p.notes IS NOT NULL AND (
          EXISTS (SELECT 1 FROM attendance a WHERE a.person_id = p.id AND a.coalition_id = @c)
          OR coalesce(p.state, o.state) IN (SELECT state FROM coalition_states WHERE coalition_id = @c))
        ORDER BY p.id`,
      [{ c: coalitionId }],
    ),
  );
  out.push(
    ...fields(
      db,
      'organizations',
      'notes',
      `SELECT o.id, o.notes AS value FROM organizations o
        WHERE o.notes IS NOT NULL AND (
          o.state IN (SELECT state FROM coalition_states WHERE coalition_id = @c)
          OR EXISTS (SELECT 1 FROM people p JOIN attendance a ON a.person_id = p.id WHERE p.organization_id = o.id AND a.coalition_id = @c)
          OR EXISTS (SELECT 1 FROM activities ac WHERE ac.organization_id = o.id AND ac.coalition_id = @c))
        ORDER BY o.id`,
      [{ c: coalitionId }],
    ),
  );
  out.push(...fields(db, 'activities', 'note', 'SELECT id, note AS value FROM activities WHERE coalition_id = ? ORDER BY id', [coalitionId]));
  const details = stmt(db, "SELECT id, details_json FROM activities WHERE coalition_id = ? AND details_json <> '{}' ORDER BY id").all(coalitionId) as Array<{ id: number; details_json: string }>;
  for (const d of details) {
    let obj: unknown;
    try {
      obj = JSON.parse(d.details_json);
    } catch {
      continue;
    }
    if (!obj || typeof obj !== 'object') continue;
    for (const [key, value] of Object.entries(obj as Record<string, unknown>)) {
      const texts = Array.isArray(value) ? value.filter((v) => typeof v === 'string') : typeof value === 'string' ? [value] : [];
      texts.forEach((t, i) => out.push({ source: `db:activities/${d.id}/details.${key}${texts.length > 1 ? `[${i}]` : ''}`, text: t, format: 'text' }));
    }
  }
  const modules = stmt(db, 'SELECT id, name, description FROM training_modules ORDER BY id').all() as Array<{ id: string; name: string; description: string | null }>;
  for (const m of modules) {
    out.push({ source: `db:training_modules/${m.id}/name`, text: m.name, format: 'text' });
    if (m.description) out.push({ source: `db:training_modules/${m.id}/description`, text: m.description, format: 'text' });
  }
  return out;
}

/** One finding as stored for the report: where, what and the suggestion; never the text around it. */
export interface RecordedFinding {
  source: string;
  line: number;
  column: number;
  term: string;
  match: string;
  suggestion: string;
}

export interface LintRun {
  id: number;
  coalition_id: number;
  checked_at: string;
  findings: number;
  details: RecordedFinding[];
}

export function recordLintRun(db: DB, coalitionId: number, now: Date, findings: readonly SourcedFinding[]): LintRun {
  const details: RecordedFinding[] = findings.map((f) => ({ source: f.source, line: f.line, column: f.column, term: f.term, match: f.match, suggestion: f.suggestion }));
  const checkedAt = isoTimestamp(now);
  const { lastInsertRowid } = db.transaction(() =>
    stmt(db, 'INSERT INTO lint_runs (coalition_id, checked_at, findings, details_json) VALUES (?, ?, ?, ?)').run(coalitionId, checkedAt, details.length, JSON.stringify(details)),
  )();
  return { id: Number(lastInsertRowid), coalition_id: coalitionId, checked_at: checkedAt, findings: details.length, details };
}

/** The latest recorded check of a coalition (for the report's P1.7), or undefined if never checked. */
export function latestLintRun(db: DB, coalitionId: number): LintRun | undefined {
  const row = stmt(db, 'SELECT id, coalition_id, checked_at, findings, details_json FROM lint_runs WHERE coalition_id = ? ORDER BY checked_at DESC, id DESC LIMIT 1').get(coalitionId) as
    | { id: number; coalition_id: number; checked_at: string; findings: number; details_json: string }
    | undefined;
  if (!row) return undefined;
  let details: RecordedFinding[] = [];
  try {
    details = JSON.parse(row.details_json) as RecordedFinding[];
  } catch {
    details = [];
  }
  return { id: row.id, coalition_id: row.coalition_id, checked_at: row.checked_at, findings: row.findings, details };
}

/**
 * The whole check of a coalition, as `coalition lint -c SLUG [--record]` runs it: its free-text
 * fields and the templates, with the built-in terms unless others are given. For the demo and for
 * callers that want P1.7 without the command.
 */
export function lintCoalition(db: DB, coalitionId: number, opts: { terms: CompiledTerms; now: Date; record?: boolean; templatesDir?: string }): { findings: SourcedFinding[]; sources: number; run?: LintRun } {
  const sources = [...coalitionTextSources(db, coalitionId), ...templateSources(opts.templatesDir)];
  const findings = lintSources(sources, opts.terms);
  const run = opts.record ? recordLintRun(db, coalitionId, opts.now, findings) : undefined;
  return { findings, sources: sources.length, run };
}
