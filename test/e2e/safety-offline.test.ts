/** "No data leaves the machine": nothing in the program can open a network connection. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/e2e.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

const NETWORK = [
  /from\s+['"](node:)?(http|https|http2|net|tls|dgram|dns)['"]/,
  /import\(\s*['"](node:)?(http|https|http2|net|tls|dgram|dns)['"]\s*\)/,
  /require\(\s*['"](node:)?(http|https|http2|net|tls|dgram|dns)['"]\s*\)/,
  /\bfetch\s*\(/,
  /\bXMLHttpRequest\b/,
  /\bWebSocket\b/,
  /['"](axios|node-fetch|got|undici|request|superagent|ky)['"]/,
];

describe('no data leaves the machine', () => {
  const files = sources(path.join(ROOT, 'src'));

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('no source file uses a network module or fetch', () => {
    const offenders: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const re of NETWORK) if (re.test(text)) offenders.push(`${path.relative(ROOT, f)}: ${re}`);
    }
    expect(offenders).toEqual([]);
  });

  it('no dependency is an HTTP client or telemetry package', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const banned = ['axios', 'node-fetch', 'got', 'undici', 'request', 'superagent', 'ky', '@sentry/node', 'posthog-node', 'analytics-node', 'mixpanel'];
    expect(Object.keys(pkg.dependencies).filter((d) => banned.includes(d))).toEqual([]);
  });
});
