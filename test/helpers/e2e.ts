/** Runs the built binary (bin/coalition → dist/) with execa, as a user would. `npm test` builds
 * first. */
import { execa, type Options } from 'execa';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './context.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'coalition');
export const FIXTURES = path.join(ROOT, 'fixtures');

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A clean environment: no COALITION / COALITION_DB from the developer's shell, no colour, a private
 * HOME so the default database never touches the real one, and a private TMPDIR (the demo leaves
 * its database there for the coordinator to look around) removed with the test's folders. */
export function cleanEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: home, XDG_DATA_HOME: path.join(home, '.local', 'share'), TMPDIR: home, LANG: 'C.UTF-8', ...extra };
  return env;
}

export async function coalition(args: string[], opts: Options & { env?: Record<string, string> } = {}): Promise<CliResult> {
  const home = (opts.env?.HOME as string | undefined) ?? tempDir('coalition-home-');
  const r = await execa('node', [BIN, ...args], {
    reject: false,
    extendEnv: false,
    stripFinalNewline: false,
    ...opts,
    env: cleanEnv(home, opts.env as Record<string, string> | undefined),
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** Copies the named fixtures (or all of them) into a fresh folder, so tests never write into fixtures/. */
export function copyFixtures(names?: string[]): string {
  const dir = tempDir('coalition-fixtures-');
  for (const n of names ?? readdirSync(FIXTURES)) {
    mkdirSync(path.dirname(path.join(dir, n)), { recursive: true });
    copyFileSync(path.join(FIXTURES, n), path.join(dir, n));
  }
  return dir;
}
