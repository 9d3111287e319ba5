// fold-case.ts folds two characters alike only where SQLite FTS5 does too, for every code point:
// otherwise a case-insensitive phrase could match in JS yet never be proposed by the index.
import { DatabaseSync } from 'node:sqlite';
import { expect, it } from 'vitest';
import { foldCase } from '../../core/search/fold-case.ts';

it('folds no letter that SQLite folds otherwise', () => {
  const db = new DatabaseSync(':memory:');
  db.exec(
    "CREATE VIRTUAL TABLE t USING fts5(a, tokenize='unicode61 remove_diacritics 0'); CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');",
  );
  const insert = db.prepare('INSERT INTO t(rowid, a) VALUES (?, ?)');
  db.exec('BEGIN');
  for (let unit = 0x41; unit < 0x10000; unit++) {
    if (/[\p{L}\p{N}]/u.test(String.fromCharCode(unit))) insert.run(unit, String.fromCharCode(unit));
  }
  db.exec('COMMIT');
  const disagreements: string[] = [];
  for (const { term, doc } of db.prepare('SELECT term, doc FROM v').iterate() as Iterable<{ term: string; doc: number }>) {
    const folded = foldCase(String.fromCharCode(doc));
    // Where we fold, SQLite must fold to the same letter (where we do not, it may: a superset).
    if (folded !== String.fromCharCode(doc) && folded !== term) disagreements.push(`U+${doc.toString(16)}`);
  }
  expect(disagreements).toEqual([]);
  db.close();
});
