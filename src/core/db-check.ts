/** `coalition db check`: SQLite's integrity and foreign-key checks, the schema version and the file's
 * permissions, as one result. */
import type { DB } from '../db/connection.js';
import { permissionProblems } from '../db/connection.js';
import { LATEST_VERSION, schemaVersion } from '../db/migrations/index.js';

export interface CheckResult {
  ok: boolean;
  path: string;
  schema_version: number;
  latest_version: number;
  integrity: string[];
  foreign_keys: Array<{ table: string; rowid: number; parent: string }>;
  permissions: string[];
}

export function checkDatabase(db: DB, file: string): CheckResult {
  const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  const foreign_keys = (db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>).map((r) => ({ table: r.table, rowid: r.rowid, parent: r.parent }));
  const permissions = permissionProblems(file);
  const version = schemaVersion(db);
  const integrityOk = integrity.length === 1 && integrity[0] === 'ok';
  return {
    ok: integrityOk && foreign_keys.length === 0 && permissions.length === 0 && version === LATEST_VERSION,
    path: file,
    schema_version: version,
    latest_version: LATEST_VERSION,
    integrity: integrityOk ? [] : integrity,
    foreign_keys,
    permissions,
  };
}
