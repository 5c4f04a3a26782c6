/**
 * HTML → PDF with headless Chromium (playwright-core; nothing is downloaded). The browser comes
 * from CHROME_PATH, else the usual install paths. Until the shared render pipeline
 * (src/core/render/, contacts) is merged, the report uses this small equivalent.
 */
import { existsSync } from 'node:fs';
import { RefusedError } from '../../io/errors.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'];

export function findChromium(env: Readonly<Record<string, string | undefined>>): string {
  const fromEnv = env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new RefusedError(`CHROME_PATH points at ${fromEnv}, which does not exist`, { hint: 'set CHROME_PATH to a Chrome or Chromium executable' });
  }
  const hit = CANDIDATES.find((p) => existsSync(p));
  if (!hit) throw new RefusedError('PDF output needs Chrome or Chromium, and none was found', { hint: 'install Chromium (apt install chromium, brew install --cask chromium) or set CHROME_PATH; or use --format html' });
  return hit;
}

export async function htmlToPdf(html: string, outFile: string, env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const executablePath = findChromium(env);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({ path: outFile, format: 'Letter', printBackground: true, margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' } });
  } finally {
    await browser.close();
  }
}
