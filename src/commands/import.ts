/**
 * `coalition import <kind> <file|->`: the command translates flags, prompts and the progress bar;
 * src/core/import/pipeline.ts does the work and returns the summary printed here.
 */
import { resolveCoalition, type CoalitionRow } from '../core/coalitions.js';
import { loadKind } from '../core/import/kinds/index.js';
import { runImport, type ImportSummary } from '../core/import/pipeline.js';
import { checkDate } from '../core/training/signoffs.js';
import { resolveModule } from '../core/training/modules.js';
import { openDb, type DB } from '../db/connection.js';
import type { Context } from '../io/context.js';
import { ExitCode, UsageError } from '../io/errors.js';
import { renderJson } from '../io/output.js';
import { chalkFor, info, success, warn } from '../io/style.js';
import { noun } from './record-nouns.js';

export interface ImportCommandOptions {
  map?: string;
  preset?: string;
  saveMap?: string;
  useMap?: string;
  sheet?: string;
  encoding?: string;
  delimiter?: string;
  shareContact?: string;
  dayFirst?: boolean;
  dryRun?: boolean;
  strict?: boolean;
  rejects?: string;
  force?: boolean;
  json?: boolean;
  module?: string;
  date?: string;
  by?: string;
}

/**
 * `--module`, `--date` and `--by` of `import trainings`: what a sign-in sheet of one training does
 * not say on each row. Checked before the file is read; a column of the file wins where it is filled.
 */
function givenTrainingFields(db: DB, kind: string, opts: ImportCommandOptions): Record<string, string> | undefined {
  const flags = (['module', 'date', 'by'] as const).filter((f) => opts[f] !== undefined);
  if (!flags.length) return undefined;
  if (kind !== 'trainings') throw new UsageError(`${flags.map((f) => `--${f}`).join(', ')} ${flags.length === 1 ? 'is' : 'are'} only for import trainings`, { hint: 'leave it out, or import the file as trainings' });
  const given: Record<string, string> = {};
  if (opts.module !== undefined) given.module = resolveModule(db, opts.module).id;
  if (opts.date !== undefined) given.completed_on = checkDate(opts.date);
  if (opts.by !== undefined && opts.by.trim()) given.verified_by = opts.by.trim();
  return given;
}

export async function execute(ctx: Context, args: string[], raw: Record<string, unknown>): Promise<number> {
  const opts = raw as ImportCommandOptions;
  const [kind, file] = args;
  if (file === '-' && ctx.stdinIsTTY) throw new UsageError('- reads the file from standard input, but nothing is piped in', { hint: 'pipe a file in (cat reg.csv | coalition import …) or name the file' });
  const handler = await loadKind(kind);
  const db = await openDb(ctx);
  let coalition: CoalitionRow | undefined;
  if (handler.needsCoalition === 'yes') coalition = resolveCoalition(db, ctx.globals.coalition, ctx.env);
  else if (handler.needsCoalition === 'optional' && (ctx.globals.coalition || ctx.env.COALITION)) coalition = resolveCoalition(db, ctx.globals.coalition, ctx.env);
  else if (handler.needsCoalition === 'no' && ctx.globals.coalition) {
    // Accepted and ignored: contacts and hotline figures belong to no one coalition.
  }
  const given = givenTrainingFields(db, handler.kind, opts);
  const progress = progressBar(ctx);
  let summary: ImportSummary;
  try {
    summary = await runImport(db, {
      kind,
      file,
      cwd: ctx.cwd,
      stdin: ctx.stdin,
      coalition,
      now: ctx.now(),
      map: opts.map,
      preset: opts.preset,
      saveMap: opts.saveMap,
      useMap: opts.useMap,
      sheet: opts.sheet,
      encoding: opts.encoding,
      delimiter: opts.delimiter,
      dryRun: opts.dryRun,
      strict: opts.strict,
      rejects: opts.rejects,
      force: opts.force,
      shareContact: opts.shareContact === undefined ? undefined : opts.shareContact === 'yes',
      dayFirst: opts.dayFirst,
      given,
      askColumn: ctx.canPrompt
        ? (fields, columns) =>
            ctx.prompts.select<number | null>({
              message: `No column matched ${fields.join(' / ')}. Which column holds it?`,
              choices: [...columns.map((c) => ({ name: c.field ? `${c.header} (now read as ${c.field})` : c.header, value: c.index })), { name: '(none of these: stop)', value: null }],
            })
        : undefined,
      onProgress: progress.update,
      threadBytes: ctx.env.COALITION_READER_THREAD_BYTES ? Number(ctx.env.COALITION_READER_THREAD_BYTES) : undefined,
    });
  } finally {
    progress.stop();
  }
  if (opts.json) ctx.stdout.write(renderJson(ctx, summary));
  else printSummary(ctx, summary);
  return summary.rejected > 0 ? ExitCode.partial : ExitCode.ok;
}

/** A progress bar on stderr, only on a terminal and only once the import has run for a moment. */
function progressBar(ctx: Context) {
  let bar: { update(n: number): void; stop(): void } | undefined;
  let started = 0;
  let loading = false;
  return {
    update: (p: { done: number; total?: number; rows: number }) => {
      if (!ctx.stderrIsTTY || !p.total) return;
      started ||= Date.now();
      if (!bar && !loading && Date.now() - started > 700 && p.done < p.total * 0.8) {
        loading = true;
        void import('cli-progress').then(({ default: cliProgress }) => {
          const b = new cliProgress.SingleBar({ format: 'importing [{bar}] {percentage}% | {rows} rows', stream: ctx.stderr as NodeJS.WritableStream, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
          b.start(p.total!, p.done, { rows: p.rows });
          bar = { update: (n) => b.update(n), stop: () => b.stop() };
        });
      }
      bar?.update(p.done);
    },
    stop: () => bar?.stop(),
  };
}

const PRESET_LABELS: Record<ImportSummary['preset'], string> = { eventbrite: 'Eventbrite', 'google-forms': 'Google Forms', 'microsoft-forms': 'Microsoft Forms', generic: 'generic' };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function printSummary(ctx: Context, s: ImportSummary): void {
  const c = chalkFor(ctx, 'stderr');
  const how = [s.format === 'xlsx' ? `XLSX, sheet "${s.sheet}"` : `${s.encoding ?? 'utf-8'}, ${s.delimiter === '\t' ? 'tab' : s.delimiter === ';' ? 'semicolon' : s.delimiter === '|' ? 'pipe' : 'comma'}-separated`];
  if (s.preset !== 'generic') how.push(`${PRESET_LABELS[s.preset]} export`);
  const head = s.dry_run ? `Dry run of ${s.file} as ${s.kind} (${how.join(', ')}): nothing was written.` : `Imported ${s.file} as ${s.kind} (batch ${s.batch}; ${how.join(', ')}).`;
  if (s.dry_run) info(ctx, head);
  else success(ctx, head);
  const parts = Object.entries(s.inserted).filter(([, n]) => n).map(([t, n]) => noun(t, n));
  const upd = Object.entries(s.updated).filter(([, n]) => n).map(([t, n]) => noun(t, n));
  info(ctx, `  ${plural(s.rows, 'row')}: ${parts.length ? `added ${parts.join(', ')}` : 'nothing new added'}${upd.length ? `; updated ${upd.join(', ')}` : ''}${s.duplicates ? `; ${plural(s.duplicates, 'row')} matched records already known` : ''}.`);
  if (s.skipped.not_completed) info(ctx, `  not signed off: ${plural(s.skipped.not_completed, 'row')} whose training is not completed (status such as In Progress or Not Started); they stay on train missing.`);
  info(ctx, `  columns: ${s.columns.map((m) => `${m.column} → ${m.field}`).join(', ')}`);
  if (s.ignored_columns.length) info(ctx, `  ignored columns: ${s.ignored_columns.map((m) => m.column).join(', ')}`);
  if (s.share_contact_default === 'yes' && s.kind === 'contacts') {
    info(ctx, '  consent: no consent column, so people are marked as sharing their work phone and e-mail on contact lists (a directory is compiled to be shared); pass --share-contact no to change that.');
  } else if (s.share_contact_default === 'not consented') {
    info(ctx, '  consent: no consent column, so phone and e-mail are not printed on contact lists for new people; pass --share-contact yes if they agreed.');
  }
  if (s.warnings_total) {
    warn(ctx, `${plural(s.warnings_total, 'warning')} (not reasons to reject a row; a row skipped as a note says so):`);
    for (const w of s.warnings.slice(0, 10)) info(ctx, `  line ${w.row}${w.field ? `, ${w.field}` : ''}: ${w.message}`);
    if (s.warnings_total > 10) info(ctx, `  … and ${s.warnings_total - 10} more (see --json)`);
  }
  if (s.rejected) {
    ctx.stderr.write(`${c.red('rejected:')} ${plural(s.rejected, 'row')}${s.rejects_file ? `, written with a reason column to ${s.rejects_file}` : ''}:\n`);
    for (const r of s.rejects.slice(0, 10)) info(ctx, `  line ${r.row}${r.field ? `, ${r.field}` : ''}: ${r.reason}`);
    if (s.rejected > 10) info(ctx, `  … and ${s.rejected - 10} more`);
    if (!s.rejects_file && !s.dry_run) info(ctx, '  hint: pass --rejects FILE to keep the rejected rows');
  }
}
