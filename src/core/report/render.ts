/**
 * The report as text: terminal table with progress bars, Markdown, CSV (one row per goal) and the
 * `--all` comparison; and the SVG charts the HTML/PDF report embeds. Pure functions of a Report.
 */
import { renderCsv, renderMarkdownTable, type Column } from '../../io/output.js';
import type { GoalResult, MetricValue, Report } from './compute.js';
import { GOALS } from './goals.js';

export const STATUS_WORDS: Record<GoalResult['status'], string> = { met: 'met', in_progress: 'in progress', not_started: 'not started', no_data: 'no data' };

export function bar(progress: number, width = 10): string {
  const full = Math.round(Math.max(0, Math.min(1, progress)) * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}

export const pctText = (p: number) => `${Math.round(p * 100)}%`;

/** A metric or target value in words: shares as %, stages by name. */
export function valueText(goal: string, key: string, v: MetricValue | undefined): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') {
    const def = GOALS.find((g) => g.id === goal)?.targets.find((t) => t.key === key);
    if (def?.unit === 'share' || key.endsWith('_share')) return pctText(v);
    if (def?.unit === 'percent' || key.endsWith('_pct')) return `${v > 0 ? '+' : ''}${v}%`;
    if (def?.unit === 'stage') return ['none', 'proposed', 'introduced', 'passed', 'implemented'][v] ?? String(v);
    return String(v);
  }
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'object') return Object.entries(v).map(([k, n]) => `${k} ${n}`).join(', ');
  return String(v);
}

export const TARGET_LABELS: Record<string, string> = {
  state_patrol: 'state patrol/DPS', dot_mve: 'DOT/MVE', sheriff_counties: "sheriff's offices (counties)", carriers: 'carriers', truck_stops: 'truck stops',
  trained_share: 'trained', local_share: 'stops with a local officer', introduced_share: 'attending stops introduced',
  carriers_engaged: 'carriers engaged', drivers_trained: 'drivers trained', stops_training: 'stops training employees', distribution_points: 'distribution points',
  agenda_items: 'agenda items', le_trained_share: 'LE trained (victim-centered)', flagged_terms: 'flagged terms', vetted_providers_invited: 'vetted providers invited',
  local_resources: 'local resources', training_events: 'training events', people_trained: 'people trained', change_pct: 'hotline change',
  task_forces_with_industry: 'task forces with industry', investigations: 'investigations assisted', components_adopted: 'components adopted', stage: 'CDL mandate',
};

/** "state patrol 2 / 1, DOT/MVE 0 / 1, …": each target's metric against the target. */
export function targetLine(g: GoalResult): string {
  return Object.entries(g.target)
    .map(([k, t]) => `${TARGET_LABELS[k] ?? k.replace(/_/g, ' ')} ${valueText(g.id, k, g.metrics[k] ?? (k === 'stage' ? g.metrics.stage : null))} / ${valueText(g.id, k, t)}`)
    .join('; ');
}

const LABELS: Record<string, string> = { state_patrol: 'state patrol/DPS', dot_mve: 'DOT/MVE', dot: 'DOT', ngo: 'NGO', attorney_general: 'attorney general' };

/** A sector or agency type in words ("DOT/MVE", "truck stop"). */
export function sectorLabel(s: string): string {
  return LABELS[s] ?? s.replace(/_/g, ' ');
}

export interface GoalRow {
  coalition: string;
  as_of: string;
  goal: string;
  phase: number;
  title: string;
  status: string;
  progress: number;
  metrics: string;
  target: string;
  missing: string;
}

export function goalRows(r: Report): GoalRow[] {
  return r.goals.map((g) => ({
    coalition: r.coalition.slug,
    as_of: r.as_of,
    goal: g.id,
    phase: g.phase,
    title: g.title,
    status: g.status,
    progress: g.progress,
    metrics: Object.entries(g.metrics).map(([k, v]) => `${k}=${valueText(g.id, k, v)}`).join('; '),
    target: Object.entries(g.target).map(([k, v]) => `${k}=${v}`).join('; '),
    missing: g.missing.join('; '),
  }));
}

const csvColumns: Column<GoalRow>[] = [
  { header: 'coalition', key: 'coalition' }, { header: 'as_of', key: 'as_of' }, { header: 'goal', key: 'goal' }, { header: 'phase', key: 'phase', kind: 'number' },
  { header: 'title', key: 'title' }, { header: 'status', key: 'status' }, { header: 'progress', key: 'progress', kind: 'number' },
  { header: 'metrics', key: 'metrics' }, { header: 'target', key: 'target' }, { header: 'missing', key: 'missing' },
];

export function reportCsv(reports: Report[]): string {
  return renderCsv(reports.flatMap(goalRows), csvColumns);
}

function header(r: Report): string {
  return `${r.coalition.name} (${r.coalition.slug}) · ${r.coalition.states.join(', ')} · build ${r.coalition.build_date} · as of ${r.as_of}`;
}

function agencyText(r: Report, sector: string): string {
  const m = r.participants.by_agency_type[sector];
  if (!m) return '';
  const parts = Object.entries(m).filter(([k]) => k !== 'unspecified').sort((a, b) => b[1] - a[1]).map(([k, n]) => `${sectorLabel(k)} ${n}`);
  return parts.join(', ');
}

function hotlineLine(r: Report): string | undefined {
  const h = r.hotline;
  if (!h) return undefined;
  const c = h.comparison;
  const u = h.granularity;
  if (c.before.mean === null && c.after.mean === null) return undefined;
  return `Hotline contacts per ${u}: ${c.before.mean ?? '–'} before the build (${c.before.periods} ${u}s) → ${c.after.mean ?? '–'} after (${c.after.periods} ${u}s)${c.change_pct !== null ? `, ${c.change_pct > 0 ? '+' : ''}${c.change_pct}%` : ''}`;
}

/** The terminal document: header, participants with bars, goals with progress bars and what is missing. */
export function reportText(r: Report, opts: { width?: number; chalk?: { bold(s: string): string; green(s: string): string; yellow(s: string): string; red(s: string): string; dim(s: string): string } } = {}): string {
  const c = opts.chalk ?? { bold: (s: string) => s, green: (s: string) => s, yellow: (s: string) => s, red: (s: string) => s, dim: (s: string) => s };
  const width = opts.width ?? 100;
  const out: string[] = [];
  out.push(c.bold(header(r)), '');
  out.push(c.bold(`Participants: ${r.participants.attended} attended (checked in) of ${r.participants.registered} registered`));
  const max = Math.max(1, ...Object.values(r.participants.by_sector));
  const w0 = Math.max(8, ...Object.keys(r.participants.by_sector).map((s) => sectorLabel(s).length));
  for (const [s, n] of Object.entries(r.participants.by_sector)) {
    const b = '█'.repeat(Math.max(1, Math.round((n / max) * 20)));
    const detail = agencyText(r, s);
    out.push(`  ${sectorLabel(s).padEnd(w0)} ${String(n).padStart(5)}  ${b}${detail ? c.dim(`  ${detail}`) : ''}`);
  }
  if (r.participants.attended === 0) out.push(c.dim('  no checked-in attendees yet'));
  out.push('');
  let phase = 0;
  const colour = (status: string, s: string) => (status === 'met' ? c.green(s) : status === 'in_progress' ? c.yellow(s) : status === 'not_started' ? c.red(s) : c.dim(s));
  for (const g of r.goals) {
    if (g.phase !== phase) {
      phase = g.phase;
      out.push(c.bold(phase === 1 ? 'Phase 1: the build' : 'Phase 2: the lasting coalition'));
    }
    out.push(`  ${c.bold(g.id.padEnd(5))} ${colour(g.status, bar(g.progress))} ${pctText(g.progress).padStart(4)}  ${colour(g.status, STATUS_WORDS[g.status].padEnd(11))}  ${g.title}`);
    out.push(wrap(targetLine(g), width - 8, '        '));
    for (const m of g.missing) out.push(wrap(`– ${m}`, width - 8, '        '));
  }
  const h = hotlineLine(r);
  if (h) out.push('', h);
  const met = r.goals.filter((g) => g.status === 'met').length;
  out.push('', `${met} of ${r.goals.length} goals met.`);
  return out.join('\n') + '\n';
}

function wrap(text: string, width: number, indent: string): string {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i ? indent + '  ' : indent) + l).join('\n');
}

const mdEsc = (s: string) => s.replace(/([\\`*_[\]|<>#])/g, '\\$1');

export function reportMarkdown(r: Report): string {
  const out: string[] = [];
  out.push(`# ${mdEsc(r.coalition.name)}`, '', `${mdEsc(r.coalition.slug)} · ${r.coalition.states.join(', ')} · build ${r.coalition.build_date} · as of ${r.as_of}`, '');
  out.push(`## Participants`, '', `${r.participants.attended} attended (checked in) of ${r.participants.registered} registered.`, '');
  const sectors = Object.entries(r.participants.by_sector).map(([s, n]) => ({ sector: sectorLabel(s), attended: n, detail: agencyText(r, s) }));
  if (sectors.length) out.push(renderMarkdownTable(sectors, [{ header: 'sector', key: 'sector' }, { header: 'attended', key: 'attended', kind: 'number' }, { header: 'by agency type', key: 'detail' }]));
  out.push('## Goals', '');
  out.push(renderMarkdownTable(r.goals, [
    { header: 'goal', key: 'id' },
    { header: 'status', get: (g) => STATUS_WORDS[g.status] },
    { header: 'progress', get: (g) => `${bar(g.progress)} ${pctText(g.progress)}` },
    { header: 'measured / target', get: (g) => targetLine(g) },
  ]));
  for (const g of r.goals) {
    out.push(`### ${g.id} ${mdEsc(g.title)}`, '', `**${STATUS_WORDS[g.status]}**, ${pctText(g.progress)}. ${mdEsc(targetLine(g))}`, '');
    for (const m of g.missing) out.push(`- ${mdEsc(m)}`);
    if (g.missing.length) out.push('');
  }
  const h = hotlineLine(r);
  if (h) out.push('## Hotline', '', h, '');
  out.push('National Human Trafficking Hotline: 1-888-373-7888, text 233733. In an emergency: 911.', '');
  return out.join('\n');
}

// --- --all ------------------------------------------------------------------------------------

export interface CompareRow {
  goal: string;
  title: string;
  [slug: string]: string;
}

export function compareRows(reports: Report[], cell: (g: GoalResult) => string): CompareRow[] {
  return GOALS.map((def) => {
    const row: CompareRow = { goal: def.id, title: def.title };
    for (const r of reports) {
      const g = r.goals.find((x) => x.id === def.id)!;
      row[r.coalition.slug] = cell(g);
    }
    return row;
  });
}

export function compareColumns(reports: Report[], withTitle: boolean): Column<CompareRow>[] {
  return [
    { header: 'goal', key: 'goal' },
    ...(withTitle ? [{ header: 'title', key: 'title' } as Column<CompareRow>] : []),
    ...reports.map((r) => ({ header: r.coalition.slug, get: (row: CompareRow) => row[r.coalition.slug] }) as Column<CompareRow>),
  ];
}

export function compareMarkdown(reports: Report[], asOf: string): string {
  const rows = compareRows(reports, (g) => `${STATUS_WORDS[g.status]} ${pctText(g.progress)}`);
  const head = reports.map((r) => `${r.coalition.slug}: ${mdEsc(r.coalition.name)}, build ${r.coalition.build_date}, ${r.participants.attended} attended`).map((s) => `- ${s}`);
  return `# Coalitions compared, as of ${asOf}\n\n${head.join('\n')}\n\n${renderMarkdownTable(rows, compareColumns(reports, true))}`;
}

// --- SVG charts -------------------------------------------------------------------------------

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const STATUS_COLOURS: Record<string, string> = { met: '#2e7d32', in_progress: '#f9a825', not_started: '#c62828', no_data: '#9e9e9e' };

export function participantsSvg(r: Report): string {
  const entries = Object.entries(r.participants.by_sector);
  if (!entries.length) return '';
  const max = Math.max(...entries.map((e) => e[1]));
  const rowH = 24;
  const h = entries.length * rowH + 10;
  const bars = entries.map(([s, n], i) => {
    const w = Math.max(2, (n / max) * 380);
    const y = i * rowH + 5;
    return `<text x="150" y="${y + 15}" text-anchor="end" font-size="12">${xml(sectorLabel(s))}</text><rect x="158" y="${y + 3}" width="${w.toFixed(1)}" height="16" fill="#1565c0"/><text x="${(164 + w).toFixed(1)}" y="${y + 15}" font-size="12">${n}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 ${h}" width="600" height="${h}" role="img" aria-label="Participants by sector">${bars.join('')}</svg>`;
}

export function goalsSvg(r: Report): string {
  const rowH = 22;
  const h = r.goals.length * rowH + 10;
  const rows = r.goals.map((g, i) => {
    const y = i * rowH + 5;
    const w = g.progress * 380;
    return `<text x="50" y="${y + 14}" text-anchor="end" font-size="12">${xml(g.id)}</text><rect x="58" y="${y + 2}" width="380" height="15" fill="#eeeeee"/><rect x="58" y="${y + 2}" width="${w.toFixed(1)}" height="15" fill="${STATUS_COLOURS[g.status]}"/><text x="446" y="${y + 14}" font-size="12">${pctText(g.progress)} ${xml(STATUS_WORDS[g.status])}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 ${h}" width="600" height="${h}" role="img" aria-label="Goal progress">${rows.join('')}</svg>`;
}

export function hotlineSvg(r: Report): string {
  const h = r.hotline;
  if (!h) return '';
  const pts = h.series.filter((p) => p.contacts !== null) as Array<{ period: string; contacts: number }>;
  if (pts.length < 2) return '';
  const W = 600;
  const H = 220;
  const left = 50;
  const right = 15;
  const top = 15;
  const bottom = 40;
  const max = Math.max(...pts.map((p) => p.contacts));
  const min = Math.min(0, ...pts.map((p) => p.contacts));
  const x = (i: number) => left + (i / (pts.length - 1)) * (W - left - right);
  const y = (v: number) => top + (1 - (v - min) / (max - min || 1)) * (H - top - bottom);
  const line = pts.map((p, i) => `${x(i).toFixed(1)},${y(p.contacts).toFixed(1)}`).join(' ');
  const bp = h.granularity === 'year' ? r.coalition.build_date.slice(0, 4) : r.coalition.build_date.slice(0, 7);
  const bi = pts.findIndex((p) => p.period >= bp);
  const mark = bi >= 0 && pts[0].period <= bp
    ? `<line x1="${x(bi).toFixed(1)}" y1="${top}" x2="${x(bi).toFixed(1)}" y2="${H - bottom}" stroke="#c62828" stroke-dasharray="4 3"/><text x="${(x(bi) + 4).toFixed(1)}" y="${top + 10}" font-size="11" fill="#c62828">build ${xml(r.coalition.build_date)}</text>`
    : '';
  const c = h.comparison;
  const means = [c.before, c.after].map((side, k) => {
    if (side.mean === null || !side.from || !side.to) return '';
    const i0 = pts.findIndex((p) => p.period === side.from);
    const i1 = pts.findIndex((p) => p.period === side.to);
    if (i0 < 0 || i1 < 0) return '';
    return `<line x1="${x(i0).toFixed(1)}" y1="${y(side.mean).toFixed(1)}" x2="${x(i1).toFixed(1)}" y2="${y(side.mean).toFixed(1)}" stroke="${k ? '#2e7d32' : '#757575'}" stroke-width="2"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Hotline contacts per ${h.granularity}">`
    + `<line x1="${left}" y1="${H - bottom}" x2="${W - right}" y2="${H - bottom}" stroke="#999"/><line x1="${left}" y1="${top}" x2="${left}" y2="${H - bottom}" stroke="#999"/>`
    + `<text x="${left - 5}" y="${top + 4}" text-anchor="end" font-size="11">${max}</text><text x="${left - 5}" y="${H - bottom}" text-anchor="end" font-size="11">${min}</text>`
    + `<polyline fill="none" stroke="#1565c0" stroke-width="2" points="${line}"/>${mark}${means.join('')}`
    + `<text x="${left}" y="${H - bottom + 16}" font-size="11">${xml(pts[0].period)}</text><text x="${W - right}" y="${H - bottom + 16}" text-anchor="end" font-size="11">${xml(pts.at(-1)!.period)}</text>`
    + `<text x="${left}" y="${H - 6}" font-size="11" fill="#555">contacts per ${h.granularity} (calls, texts, chats, emails, online tips); grey: mean of the 12 months before, green: mean after</text></svg>`;
}
