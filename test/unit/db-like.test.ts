import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { containsPattern, escapeLike } from '../../src/db/like.js';

describe('LIKE patterns from user text', () => {
  const db = new Database(':memory:');
  db.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('100% Freight'), ('100 Freight'), ('a_b'), ('axb'), ('c\\d'), ('Polk County')");
  const find = (text: string) => db.prepare(`SELECT v FROM t WHERE lower(v) LIKE ? ESCAPE '\\' ORDER BY v`).pluck().all(containsPattern(text));

  it('matches %, _ and \\ as themselves, not as wildcards', () => {
    expect(find('100%')).toEqual(['100% Freight']);
    expect(find('a_b')).toEqual(['a_b']);
    expect(find('c\\d')).toEqual(['c\\d']);
    expect(escapeLike('50%_\\')).toBe('50\\%\\_\\\\');
  });

  it('is a case-insensitive contains-match', () => {
    expect(find('COUNTY')).toEqual(['Polk County']);
    expect(find('freight')).toEqual(['100 Freight', '100% Freight']);
  });
});
