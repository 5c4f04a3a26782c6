/**
 * PDF documents: the same HTML as `--format html`, printed by a real headless Chromium through
 * playwright-core (imported only here, only when a PDF is asked for).
 *
 * Usage (report, certificates, contact lists):
 *
 *   const html = await renderHtml('report', data, { templateFile: opts.template });
 *   await htmlToPdf(html, path.resolve(ctx.cwd, opts.output), ctx.env);
 *
 * The browser is the first that exists of: `CHROME_PATH`, then /usr/bin/chromium,
 * /usr/bin/chromium-browser, /usr/bin/google-chrome(-stable), the macOS Chrome/Chromium/Edge apps
 * and the Windows Chrome/Edge installs. Nothing is downloaded; the page may not reach the network
 * (every http/https request is refused), so a document prints the same offline. Page size is US
 * Letter unless the HTML's `@page` CSS says otherwise; backgrounds are printed. The file is
 * written owner-only (0600), through a temporary file, so a failed print never leaves half a PDF.
 *
 * Without a browser it throws a RefusedError whose hint says how to install one or to use
 * `--format html`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RefusedError } from '../../io/errors.js';

type Env = Readonly<Record<string, string | undefined>>;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The usual install locations, in the order they are tried after CHROME_PATH. */
export function browserCandidates(env: Env, platform: NodeJS.Platform = process.platform): string[] {
  const list: string[] = [];
  if (env.CHROME_PATH) list.push(env.CHROME_PATH);
  if (platform === 'darwin') {
    list.push(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    );
  } else if (platform === 'win32') {
    for (const base of [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean) as string[]) {
      list.push(path.join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'), path.join(base, 'Microsoft', 'Edge', 'Application', 'msedge.exe'));
    }
  } else {
    list.push('/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium', '/usr/bin/microsoft-edge');
  }
  return list;
}

/** The browser to print with, or a RefusedError saying how to get one. */
export function findBrowser(env: Env, exists: (p: string) => boolean = existsSync, platform: NodeJS.Platform = process.platform): string {
  if (env.CHROME_PATH && !exists(env.CHROME_PATH)) {
    throw new RefusedError(`CHROME_PATH points to ${env.CHROME_PATH}, which does not exist`, { hint: 'set CHROME_PATH to the Chrome, Chromium or Edge program, or unset it' });
  }
  const found = browserCandidates(env, platform).find((p) => exists(p));
  if (found) return found;
  throw new RefusedError('printing a PDF needs Chrome, Chromium or Edge, and none was found', {
    hint: 'install one (Debian/Ubuntu: sudo apt-get install chromium; macOS: install Google Chrome) or set CHROME_PATH to it; or use --format html and print from a browser',
  });
}

export interface PdfOptions {
  /** Paper size when the HTML does not set `@page { size }` (default Letter). */
  format?: 'Letter' | 'Legal' | 'A4';
  /** Milliseconds before giving up on the browser (default 60 s). */
  timeout?: number;
}

/** Prints `html` to `outFile` (an absolute path) with headless Chromium. */
export async function htmlToPdf(html: string, outFile: string, env: Env, opts: PdfOptions = {}): Promise<void> {
  const executablePath = findBrowser(env);
  const timeout = opts.timeout ?? 60_000;
  const { chromium } = await import('playwright-core');
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, timeout, env: { ...env, HOME: env.HOME ?? '' } as Record<string, string> });
  } catch (err) {
    throw new RefusedError(`the browser at ${executablePath} could not be started: ${firstLine(err)}`, {
      hint: 'check that it runs (e.g. chromium --version), set CHROME_PATH to another browser, or use --format html',
      cause: err,
    });
  }
  const tmp = path.join(path.dirname(outFile), `.${path.basename(outFile)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(timeout);
    await page.route(/^https?:/, (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: opts.format ?? 'Letter', printBackground: true, preferCSSPageSize: true });
    writeFileSync(tmp, pdf, { mode: 0o600 });
    renameSync(tmp, outFile);
  } finally {
    rmSync(tmp, { force: true });
    await browser.close();
  }
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0];
}
