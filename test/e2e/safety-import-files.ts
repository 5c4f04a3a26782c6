/** Generated contacts files for the crash and concurrency tests (deterministic). */
import { writeFileSync } from 'node:fs';

const ZIPS = ['50309', '50010', '52240', '51501', '50701', '52001', '50401', '51101'];

export interface ContactsFileOptions {
  rows: number;
  /** Prefix that keeps people and organizations of different files apart. */
  tag: string;
  /** People (and their organization) that every file with the same `shared` count holds. */
  shared?: number;
  /** Characters of notes per row: makes each row heavier, so the database grows while importing. */
  noteLength?: number;
  orgsEvery?: number;
}

export function writeContactsFile(file: string, o: ContactsFileOptions): void {
  const lines = ['Organization,First Name,Last Name,Email,Phone,Address,City,State,ZIP,Notes'];
  const note = 'n'.repeat(o.noteLength ?? 0);
  for (let i = 0; i < (o.shared ?? 0); i++) {
    lines.push(`Shared Task Force,Shared${i},Person${i},shared${i}@taskforce.example,(515) 555-${String(i % 10000).padStart(4, '0')},1 Capitol Ave,Des Moines,IA,50309,`);
  }
  const every = o.orgsEvery ?? 10;
  for (let i = 0; i < o.rows; i++) {
    const org = Math.floor(i / every);
    lines.push(`${o.tag} Agency ${org} Police Department,First${i},${o.tag}Last${i},${o.tag.toLowerCase()}${i}@example.org,(515) 555-${String(i % 10000).padStart(4, '0')},${i} Main St,${o.tag}City${org},IA,${ZIPS[i % ZIPS.length]},${note}`);
  }
  writeFileSync(file, lines.join('\r\n') + '\r\n');
}
