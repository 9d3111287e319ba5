// The search index's SQLite schema. The index is derived data (rebuilt from the workspace's JSON
// files whenever it is missing, stale or of another format), so it is written for speed, not
// durability: no journal fsyncs, and a change of FORMAT_VERSION simply means a rebuild.
//
// Text is indexed twice. FTS5's trigram tokenizer finds any substring of three characters or more,
// which is what a phrase needs at worst (it may start or end inside a word; CJK has no spaces).
// A word index (unicode61, words being runs of letters, digits and marks as find-text.ts says,
// given the texts through word-text.ts so that it splits words where find-text.ts does) answers words, prefixes and most phrases (by their whole words) far faster, and ranks them:
// a trigram's position list is long, and bm25 over a phrase of trigrams reads many of them (see
// fts-expression.ts for which index a query uses). Both fold case as fold-case.ts does where the
// two agree. The index only proposes candidates; core/search/find-text.ts decides every hit and
// its offsets. Document texts live in a table of their own, so that the rows a query orders
// (docs: ids, dates) are small and close together. \`folded\` holds a row's
// fields case-folded, one per line, so that a field filter can narrow in SQL (instr) before the
// exact test in JS.
import { DatabaseSync } from 'node:sqlite';
import { wordText } from './word-text.ts';

/** Bumped whenever the schema or what is stored in it changes. */
export const FORMAT_VERSION = 3;

/** The word index's tokenizer: words are runs of letters, numbers and marks (find-text.ts's WORD). */
export const WORD_TOKENIZER = `unicode61 remove_diacritics 0 categories 'L* N* M*'`;

const TABLES = `
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs(
  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, role TEXT NOT NULL,
  outlet TEXT NOT NULL, author TEXT NOT NULL, published TEXT, url TEXT NOT NULL, tags TEXT NOT NULL,
  folded TEXT NOT NULL, text_hash TEXT NOT NULL);
CREATE TABLE doc_texts(rowid INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE VIRTUAL TABLE docs_fts USING fts5(text, content='doc_texts', content_rowid='rowid', tokenize='trigram case_sensitive 0');
CREATE VIRTUAL TABLE docs_words USING fts5(text, content='doc_texts', content_rowid='rowid', tokenize="${WORD_TOKENIZER}");
CREATE TABLE anns(
  rowid INTEGER PRIMARY KEY, doc INTEGER NOT NULL, id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  quote TEXT NOT NULL, note TEXT NOT NULL, tags TEXT NOT NULL, status TEXT NOT NULL, speaker TEXT NOT NULL,
  outlet TEXT NOT NULL, creator TEXT NOT NULL, folded TEXT NOT NULL, UNIQUE(doc, id));
CREATE TABLE ann_tags(ann INTEGER NOT NULL, tag TEXT NOT NULL);
CREATE VIRTUAL TABLE anns_fts USING fts5(quote, note, content='anns', content_rowid='rowid', tokenize='trigram case_sensitive 0');
CREATE VIRTUAL TABLE anns_words USING fts5(quote, note, content='anns', content_rowid='rowid', tokenize="${WORD_TOKENIZER}");
CREATE TABLE claims(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, json TEXT NOT NULL);
`;

/**
 * What keeps the full-text tables in step with the rows they index. A bulk load leaves them out
 * and writes the full-text rows itself (write-rows.ts): an insert made by a trigger is a statement
 * of its own, at whose savepoint FTS5 writes out the rows it has buffered, to merge them again
 * later. 5,000 short rows took 401 ms through a trigger and 52 ms inserted directly; through the
 * triggers a build took twice the engine's own load of the same rows.
 */
const TRIGGERS = `
CREATE TRIGGER doc_texts_ai AFTER INSERT ON doc_texts BEGIN
  INSERT INTO docs_fts(rowid, text) VALUES (new.rowid, new.text);
  INSERT INTO docs_words(rowid, text) VALUES (new.rowid, word_text(new.text));
END;
CREATE TRIGGER doc_texts_ad AFTER DELETE ON doc_texts BEGIN
  INSERT INTO docs_fts(docs_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
  INSERT INTO docs_words(docs_words, rowid, text) VALUES ('delete', old.rowid, word_text(old.text));
END;
CREATE TRIGGER doc_texts_au AFTER UPDATE OF text ON doc_texts BEGIN
  INSERT INTO docs_fts(docs_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
  INSERT INTO docs_words(docs_words, rowid, text) VALUES ('delete', old.rowid, word_text(old.text));
  INSERT INTO docs_fts(rowid, text) VALUES (new.rowid, new.text);
  INSERT INTO docs_words(rowid, text) VALUES (new.rowid, word_text(new.text));
END;
CREATE TRIGGER anns_ai AFTER INSERT ON anns BEGIN
  INSERT INTO anns_fts(rowid, quote, note) VALUES (new.rowid, new.quote, new.note);
  INSERT INTO anns_words(rowid, quote, note) VALUES (new.rowid, word_text(new.quote), word_text(new.note));
  INSERT INTO ann_tags(ann, tag) SELECT new.rowid, value FROM json_each(new.tags);
END;
CREATE TRIGGER anns_ad AFTER DELETE ON anns BEGIN
  INSERT INTO anns_fts(anns_fts, rowid, quote, note) VALUES ('delete', old.rowid, old.quote, old.note);
  INSERT INTO anns_words(anns_words, rowid, quote, note) VALUES ('delete', old.rowid, word_text(old.quote), word_text(old.note));
  DELETE FROM ann_tags WHERE ann = old.rowid;
END;
`;

/**
 * Indexes of the plain tables, which a bulk load creates at its end (one sort each, not an insert
 * per row). `anns_fields` holds what an annotation field's filter reads (format 3): a query that
 * must look at every annotation (how many candidates `speaker:x` has) scans it instead of the
 * rows with their quotes and notes, 31 → 13 ms for 100,000 annotations; and `ann_tags_tag` lists a
 * tag's annotations without reading the rows that say so (10–20 → 5–12 ms to count them).
 */
const INDEXES = `
CREATE INDEX anns_status ON anns(status);
CREATE INDEX anns_fields ON anns(doc, status, folded);
CREATE INDEX ann_tags_tag ON ann_tags(tag, ann);
CREATE INDEX ann_tags_ann ON ann_tags(ann);
`;

/**
 * Settings for a file nobody needs to survive a crash: it is rebuilt instead. A `scratch` file
 * (an index being built, not yet in use) keeps no journal at all: nothing reads it meanwhile, and
 * a write-ahead log would have to be copied into it at the end, in one long step.
 */
export function tuneForDerivedData(db: DatabaseSync, { scratch = false }: { readonly scratch?: boolean } = {}): void {
  db.exec(
    `PRAGMA journal_mode = ${scratch ? 'OFF' : 'WAL'}; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;`,
  );
}

/** Opens (or creates) an index file with the settings above. */
export function openIndexFile(file: string, options: { readonly scratch?: boolean } = {}): DatabaseSync {
  const db = new DatabaseSync(file);
  tuneForDerivedData(db, options);
  // The word index is given texts through this (its triggers call it), so every connection that writes needs it.
  db.function('word_text', { deterministic: true }, (text) => wordText(String(text)));
  return db;
}

/**
 * Creates the tables in an empty database and records the format; with `bulk` (a bulk load) the
 * plain tables' indexes and the triggers are left to `finishBulkLoad`, which must run before the
 * file is used, and the rows must be written by a bulk `RowWriter`.
 */
export function createSchema(db: DatabaseSync, { bulk = false }: { readonly bulk?: boolean } = {}): void {
  db.exec('BEGIN');
  db.exec(TABLES);
  if (!bulk) db.exec(INDEXES + TRIGGERS);
  db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)').run('format', String(FORMAT_VERSION));
  db.exec('COMMIT');
}

/** The indexes and triggers `createSchema` left out for a bulk load. */
export function finishBulkLoad(db: DatabaseSync): void {
  db.exec(INDEXES + TRIGGERS);
}

/** The format an existing database says it has, or undefined when it has none (not ours, or empty). */
export function storedFormat(db: DatabaseSync): number | undefined {
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'format'").get() as { value: string } | undefined;
    return row === undefined ? undefined : Number(row.value);
  } catch {
    return undefined;
  }
}
