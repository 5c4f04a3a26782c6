/**
 * The report as HTML through the shared pipeline (`renderHtml('report', …)`, templates/report.html,
 * auto-escaped; PDF is the same HTML printed by `htmlToPdf`). Charts are inline SVG built in
 * render.ts from escaped text, so the template inserts them raw.
 */
import { renderHtml } from '../render/html.js';
import { HOTLINE } from '../pairing/document.js';
import type { Report } from './compute.js';
import { compareRows, goalsSvg, hotlineSvg, participantsSvg, pctText, sectorLabel, STATUS_WORDS, targetLine } from './render.js';

async function render(data: object, templateFile?: string): Promise<string> {
  return renderHtml('report', { ...data, hotlineNumbers: HOTLINE }, { templateFile });
}

function hotlineLine(r: Report): string {
  const h = r.hotline;
  if (!h) return '';
  const c = h.comparison;
  const u = h.granularity;
  return `Mean contacts per ${u}: ${c.before.mean ?? '–'} in the ${c.before.periods} ${u}s before the build, ${c.after.mean ?? '–'} in the ${c.after.periods} ${u}s after it${c.change_pct !== null ? ` (${c.change_pct > 0 ? '+' : ''}${c.change_pct}%)` : ''}.`;
}

export async function reportHtml(r: Report, opts: { generated: string; templateFile?: string }): Promise<string> {
  return render({
    compare: false,
    title: `${r.coalition.name}: goal progress as of ${r.as_of}`,
    report: r,
    generated: opts.generated,
    sectors: Object.entries(r.participants.by_sector).map(([s, n]) => ({
      sector: sectorLabel(s),
      attended: n,
      detail: Object.entries(r.participants.by_agency_type[s] ?? {}).filter(([k]) => k !== 'unspecified').map(([k, v]) => `${sectorLabel(k)} ${v}`).join(', '),
    })),
    goals: r.goals.map((g) => ({ ...g, statusText: STATUS_WORDS[g.status], pct: pctText(g.progress), width: Math.round(g.progress * 100), targetLine: targetLine(g) })),
    svg: { participants: participantsSvg(r), goals: goalsSvg(r), hotline: hotlineSvg(r) },
    hotlineLine: hotlineLine(r),
  }, opts.templateFile);
}

export async function compareHtml(reports: Report[], opts: { asOf: string; generated: string; templateFile?: string }): Promise<string> {
  const rows = compareRows(reports, () => '').map((row) => ({
    goal: row.goal,
    title: row.title,
    cells: reports.map((r) => {
      const g = r.goals.find((x) => x.id === row.goal)!;
      return { status: g.status, statusText: STATUS_WORDS[g.status], pct: pctText(g.progress), width: Math.round(g.progress * 100) };
    }),
  }));
  return render({ compare: true, title: `Coalitions compared as of ${opts.asOf}`, reports, compareRows: rows, asOf: opts.asOf, generated: opts.generated }, opts.templateFile);
}
