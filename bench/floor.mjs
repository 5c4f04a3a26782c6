// The floor of a Node import, a second reference beside `sqlite3 .import` (not a test).
//
// Usage: node bench/floor.mjs FILE.csv DB [people]
//
// Reads FILE with papaparse (the parser `coalition` uses) as a stream, and writes every row as it
// stands into one table of TEXT columns with one prepared better-sqlite3 statement, in one
// transaction, on a connection set up as `coalition` sets up its own (WAL, foreign keys,
// synchronous=FULL). No cleaning, no identity, no second thread, no undo records: whatever Node
// and these two libraries cost for the bare job. What `coalition` spends above this figure is the
// cleaning; what this figure spends above `sqlite3 .import` no cleaning can win back.
//
// With `people`, DB is a coalition database (`coalition db migrate`), and each row is written as it
// stands into its `people` table instead (26 columns: the raw name, e-mail, phone, address, city,
// state, ZIP and county cells where the cleaned ones would go, made unique where the schema says),
// with people's five indexes dropped first and built again at the end, as a big import does: the
// least that writing the contract's people costs, still with no cleaning, no organizations and no
// identity.
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Papa = require('papaparse');
const Database = require('better-sqlite3');

const [file, dbPath, mode] = process.argv.slice(2);
if (!file || !dbPath || (mode !== undefined && mode !== 'people')) {
  console.error('usage: node bench/floor.mjs FILE.csv DB [people]');
  process.exit(2);
}
const intoPeople = mode === 'people';
const PEOPLE_COLUMNS = ['first_name', 'last_name', 'name_key', 'prefix', 'suffix', 'title', 'email', 'phone', 'phone_ext', 'organization_id', 'sector', 'agency_type', 'address', 'address2', 'city', 'state', 'zip', 'county_fips', 'county_source', 'lat', 'lon', 'share_contact', 'notes', 'created_batch', 'created_at', 'updated_at'];
const PEOPLE_INDEXES = ['people_email', 'people_name_org', 'people_org', 'people_phone', 'people_county'];
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('foreign_keys = ON');
db.pragma('synchronous = FULL');

let insert;
let width = 0;
let rows = 0;
let rebuild = [];
db.exec('BEGIN');
if (intoPeople) {
  rebuild = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name IN (${PEOPLE_INDEXES.map(() => '?').join(', ')})`).pluck().all(...PEOPLE_INDEXES);
  for (const name of PEOPLE_INDEXES) db.exec(`DROP INDEX IF EXISTS ${name}`);
}
const now = new Date().toISOString();
await new Promise((resolve, reject) => {
  Papa.parse(createReadStream(file, 'utf8'), {
    skipEmptyLines: true,
    step(result) {
      const cells = result.data;
      if (!insert) {
        width = cells.length;
        if (intoPeople) {
          insert = db.prepare(`INSERT INTO people (${PEOPLE_COLUMNS.join(', ')}) VALUES (${PEOPLE_COLUMNS.map(() => '?').join(', ')})`);
          return;
        }
        // Column names are c0…cN, never the file's header text.
        db.exec(`CREATE TABLE floor (${cells.map((_, i) => `c${i} TEXT`).join(', ')})`);
        insert = db.prepare(`INSERT INTO floor VALUES (${cells.map(() => '?').join(', ')})`);
        return;
      }
      // Ragged rows are padded or cut to the header, as sqlite3 .import does.
      if (cells.length !== width) cells.length = width;
      for (let i = 0; i < width; i++) if (cells[i] === undefined) cells[i] = null;
      rows++;
      if (intoPeople) {
        // The cells of bench/import.mjs's file (Agency, Officer, Rank, E-mail, Phone, Address, City,
        // State, ZIP, County, OK to list) where cleaning would put them; the e-mail made unique.
        const [, name, rank, email, phone, address, city, state, zip, county] = cells;
        insert.run(name, name, `${name}\u0000${rows}`, null, null, rank, `${email}#${rows}`, phone, null, null, null, null, address, null, city, state, zip, county, null, null, null, 1, null, null, now, now);
      } else insert.run(...cells);
    },
    complete: resolve,
    error: reject,
  });
});
for (const sql of rebuild) db.exec(sql);
db.exec('COMMIT');
db.close();
console.log(JSON.stringify({ rows }));
