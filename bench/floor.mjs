// The floor of a Node import, a second reference beside `sqlite3 .import` (not a test).
//
// Usage: node bench/floor.mjs FILE.csv DB
//
// Reads FILE with papaparse (the parser `coalition` uses) as a stream, and writes every row as it
// stands into one table of TEXT columns with one prepared better-sqlite3 statement, in one
// transaction, on a connection set up as `coalition` sets up its own (WAL, foreign keys,
// synchronous=FULL). No cleaning, no identity, no second thread, no undo records: whatever Node
// and these two libraries cost for the bare job. What `coalition` spends above this figure is the
// cleaning; what this figure spends above `sqlite3 .import` no cleaning can win back.
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Papa = require('papaparse');
const Database = require('better-sqlite3');

const [file, dbPath] = process.argv.slice(2);
if (!file || !dbPath) {
  console.error('usage: node bench/floor.mjs FILE.csv DB');
  process.exit(2);
}
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('foreign_keys = ON');
db.pragma('synchronous = FULL');

let insert;
let width = 0;
let rows = 0;
db.exec('BEGIN');
await new Promise((resolve, reject) => {
  Papa.parse(createReadStream(file, 'utf8'), {
    skipEmptyLines: true,
    step(result) {
      const cells = result.data;
      if (!insert) {
        // Column names are c0…cN, never the file's header text.
        db.exec(`CREATE TABLE floor (${cells.map((_, i) => `c${i} TEXT`).join(', ')})`);
        insert = db.prepare(`INSERT INTO floor VALUES (${cells.map(() => '?').join(', ')})`);
        width = cells.length;
        return;
      }
      // Ragged rows are padded or cut to the header, as sqlite3 .import does.
      if (cells.length !== width) cells.length = width;
      for (let i = 0; i < width; i++) if (cells[i] === undefined) cells[i] = null;
      insert.run(...cells);
      rows++;
    },
    complete: resolve,
    error: reject,
  });
});
db.exec('COMMIT');
db.close();
console.log(JSON.stringify({ rows }));
