/**
 * HTML documents from templates: the contact lists, the goal-progress report and the training
 * certificates all go through `renderHtml`.
 *
 * The engine is Eta (https://eta.js.org) with auto-escaping on: `<%= it.name %>` prints
 * `<script>alert(1)</script>` as text; `<%~ … %>` prints raw HTML and is only for partials and for
 * HTML the code built itself. `null` and `undefined` print as nothing.
 *
 * Templates live in `templates/` at the package root: `templates/<name>.html`. Shared pieces are
 * `templates/_*.html` / `templates/_*.css`, included with `<%~ include('_print.css') %>` or
 * `<%~ include('_hotline.html', it.hotline) %>`. A coordinator's own template (`--template FILE`) is
 * rendered with the same data; its includes are looked up beside it first, then in `templates/`, so a
 * custom template can reuse the shared CSS.
 *
 * Helpers available to every template as `it.$`: `it.$.phone(e164, ext)` (US numbers as
 * `(515) 555-0123 ext. 12`), `it.$.date(iso)` (`March 12, 2026`), `it.$.miles(n)` (`23 mi`).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Eta, EtaError } from 'eta';
import { InvalidDataError, NotFoundError } from '../../io/errors.js';

/** The package's `templates/` folder (the same from `src/` under vitest and from `dist/`). */
export const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'templates');

export interface RenderHtmlOptions {
  /** A template file of the user's own (`--template FILE`), used instead of the named template. */
  templateFile?: string;
  /** Where the named templates live (tests); default TEMPLATES_DIR. */
  templatesDir?: string;
}

/** Formatting helpers handed to templates as `it.$`. */
export const templateHelpers = {
  phone: formatPhoneForPrint,
  date: formatLongDate,
  miles: (n: number | null | undefined) => (n === null || n === undefined ? '' : `${Math.round(n)} mi`),
};

/**
 * Renders `templates/<template>.html` (or `opts.templateFile`) with `data` as `it`. Errors in a
 * template become an InvalidDataError naming the file, so a coordinator can fix their own template.
 */
export async function renderHtml(template: string, data: object, opts: RenderHtmlOptions = {}): Promise<string> {
  const builtin = opts.templatesDir ?? TEMPLATES_DIR;
  const file = opts.templateFile ? path.resolve(opts.templateFile) : path.join(builtin, withExt(template));
  if (!existsSync(file)) {
    throw new NotFoundError(`template not found: ${opts.templateFile ?? file}`, {
      hint: opts.templateFile ? 'check the path given to --template' : 'reinstall coalition: its templates/ folder is incomplete',
    });
  }
  const searchDirs = [path.dirname(file), builtin].filter((d, i, a) => a.indexOf(d) === i);
  const eta = new Eta({
    views: builtin,
    autoEscape: true,
    autoFilter: true,
    filterFunction: (v: unknown) => (v === null || v === undefined ? '' : String(v)),
    defaultExtension: '.html',
    cache: false,
    useWith: false,
  });
  // Includes resolve beside the template first, then among the built-in templates; never outside
  // those folders (a name with `..` or an absolute path is refused).
  eta.resolvePath = (name: string) => {
    const rel = withExt(name.replace(/^[/\\]+/, ''));
    if (rel.split(/[/\\]/).includes('..') || path.isAbsolute(rel)) throw new EtaError(`include "${name}" must be a plain file name`);
    for (const dir of searchDirs) {
      const candidate = path.join(dir, rel);
      if (existsSync(candidate)) return candidate;
    }
    throw new EtaError(`include "${name}" was not found beside the template or in ${builtin}`);
  };
  eta.readFile = (p: string) => readFileSync(p, 'utf8');
  try {
    const source = readFileSync(file, 'utf8');
    const fn = eta.compile(source, { filepath: file });
    return fn.call(eta, { ...data, $: templateHelpers }, { filepath: file });
  } catch (err) {
    if (err instanceof NotFoundError) throw err;
    const message = (err as Error).message.split('\n')[0];
    throw new InvalidDataError(`the template cannot be rendered: ${message}`, { file: opts.templateFile ?? file }, {
      hint: opts.templateFile ? 'fix the template (Eta syntax: <%= it.field %>), or leave out --template to use the built-in one' : undefined,
      cause: err,
    });
  }
}

function withExt(name: string): string {
  return path.extname(name) ? name : `${name}.html`;
}

/** `+15155550123` → `(515) 555-0123`; other countries and non-E.164 text are printed as given. */
export function formatPhoneForPrint(e164: string | null | undefined, ext?: string | null): string {
  if (!e164) return '';
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  const base = m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
  return ext ? `${base} ext. ${ext}` : base;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-03-12` → `March 12, 2026`; anything else is returned unchanged. */
export function formatLongDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${MONTHS[Number(m[2]) - 1]} ${Number(m[3])}, ${m[1]}`;
}
