/** Goal P1.7 applies to the tool itself: its templates, its README, every help text and the
 * explanations the check prints pass the check. A documented quotation is marked (a Markdown code
 * span or a lint-ignore marker), never silently allowed. */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { commandSpecs } from '../../src/commands/index.js';
import { builtinTerms, lintText, templateSources } from '../../src/core/lint/index.js';
import { run } from '../helpers/context.js';
import { ROOT } from '../helpers/e2e.js';

const terms = builtinTerms();
const findings = (text: string, format: 'text' | 'markdown' | 'html') => lintText(text, terms, format).map((f) => `${f.line}:${f.column} ${f.match}`);

describe('the tool passes its own check', () => {
  it('every template in templates/', () => {
    const dir = path.join(ROOT, 'templates');
    const sources = templateSources(dir);
    const expected = existsSync(dir) ? readdirSync(dir).filter((n) => /\.(html?|md|txt|eta)$/i.test(n)).length : 0;
    expect(sources).toHaveLength(expected);
    for (const s of sources) expect({ template: s.source, findings: findings(s.text, s.format) }).toEqual({ template: s.source, findings: [] });
  });

  it('README.md', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(findings(readme, 'markdown')).toEqual([]);
  });

  it('the README section on the check quotes terms only as marked quotations', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    // without the quotation marks (code spans, lint-ignore markers) the section would be flagged:
    // the test above passes because of the documented mechanism, not because the words are absent
    const section = readme.slice(readme.indexOf('### Language check'));
    expect(section.length).toBeGreaterThan(100);
    const unmarked = section.replace(/`/g, '').replace(/lint-ignore-(line|next-line|start|end)/g, '');
    expect(findings(unmarked, 'text').length).toBeGreaterThan(0);
  });

  it('the help text of every command', async () => {
    const helps = [await run(['--help'])];
    for (const spec of commandSpecs) helps.push(await run([...spec.name.split(' '), '--help']));
    expect(helps).toHaveLength(commandSpecs.length + 1);
    for (const h of helps) {
      expect(h.code).toBe(0);
      expect(h.stdout).toContain('Usage: coalition');
      expect(findings(h.stdout, 'text')).toEqual([]);
    }
  });

  it('the explanations and suggestions the check prints', () => {
    for (const t of terms.terms) {
      expect({ term: t.term, note: findings(t.note, 'text') }).toEqual({ term: t.term, note: [] });
      for (const s of [...t.suggestions, t.fix?.one ?? '', t.fix?.many ?? '']) expect(findings(s, 'text')).toEqual([]);
    }
  });
});
