// A text term as a query of the word index (schema.ts's WORD_TOKENIZER), finding every place
// find-text.ts finds it and possibly more. Words there are runs of letters, numbers and marks, as
// in find-text.ts: texts and these strings reach SQLite through word-text.ts, so a boundary
// JavaScript sees is one SQLite sees (word-tokens.test.ts). Case is folded by the index as
// fold-case.ts folds, or more.
//
// - a word (`tax`, `u.s.`): its words as a phrase, the last one a prefix for `tax*`;
// - a phrase (`"ten times bigger"`): a match may begin inside a word ("often times bigger") and
//   end inside one ("biggest"), so its first word is left out when the phrase begins with it, and
//   its last word is a prefix when the phrase ends with it: `"times bigger"*` (and, `strict`, the
//   likely form with the first word whole: `"ten times bigger"*`). A phrase with no
//   whole word of three letters or more left is not asked of the word index (undefined): a short
//   or partial word narrows little ("12.5%" would become `"5"`), and the trigram index does better.
import { DatabaseSync } from 'node:sqlite';
import type { Term } from '../../core/search/query-ast.ts';
import { WORD_TOKENIZER } from './schema.ts';
import { wordText } from './word-text.ts';

const WORD_RUN = /[\p{L}\p{N}\p{M}]+/gu;
const WORD_AT_END = /[\p{L}\p{N}\p{M}]$/u;
const HAS_WORD = /[\p{L}\p{N}\p{M}]/u;

/** How a term is asked of the word index: `loose` finds every match; `strict`, a subset, the likely ones. */
export interface WordLiteral {
  readonly loose: string;
  readonly strict: string;
}

/**
 * The FTS5 strings for the word index, or undefined when it cannot narrow the search for this
 * term. They differ for a phrase that begins with a word: `strict` keeps that word whole
 * (`"ten times bigger"*`), which is how a phrase usually occurs, and ranks well; `loose` leaves it
 * out (`"times bigger"*`), so that "often times bigger" is found too (text-matches.ts puts what
 * only `loose` finds after the rest).
 */
export function wordLiteral(term: Term): WordLiteral | undefined {
  if (term.kind === 'word') {
    const only = literal(term.value, term.prefix && WORD_AT_END.test(term.value));
    return only === undefined ? undefined : { loose: only, strict: only };
  }
  if (term.kind !== 'phrase') return undefined;
  const runs = [...term.value.matchAll(WORD_RUN)];
  // A first word at the very start may be the end of a longer word in the text.
  const whole = runs[0]?.index === 0 ? runs.slice(1) : runs;
  const openEnd = WORD_AT_END.test(term.value);
  // A last word at the very end is only the start of one; whole words are those before it.
  const complete = openEnd ? whole.slice(0, -1) : whole;
  const long = (run: RegExpMatchArray) => [...run[0]].length >= 3;
  if (!complete.some(long) && !(openEnd && whole.length > 0 && long(whole.at(-1)!))) return undefined;
  const loose = literal(term.value.slice(whole[0]!.index), openEnd);
  const strict = whole.length === runs.length ? loose : literal(term.value, openEnd);
  return loose === undefined || strict === undefined ? undefined : { loose, strict };
}

function literal(text: string, prefix: boolean): string | undefined {
  const words = wordText(text);
  if (!hasWords(words)) return undefined;
  return `"${words.replaceAll('"', '""')}"${prefix ? '*' : ''}`;
}

/** A tiny in-memory index with the word tokenizer: whether SQLite finds any word in a string. */
let probe: { db: DatabaseSync; known: Map<string, boolean> } | undefined;

/**
 * Whether the word index sees a word in `text`: an FTS5 phrase with none matches nothing, and a
 * character JavaScript counts as a letter may be one SQLite's older tables do not know.
 */
function hasWords(text: string): boolean {
  if (!HAS_WORD.test(text)) return false;
  if (probe === undefined) {
    const db = new DatabaseSync(':memory:');
    db.exec(
      `CREATE VIRTUAL TABLE probe USING fts5(text, tokenize="${WORD_TOKENIZER}"); CREATE VIRTUAL TABLE probe_words USING fts5vocab(probe, 'instance');`,
    );
    probe = { db, known: new Map() };
  }
  let known = probe.known.get(text);
  if (known === undefined) {
    const { db } = probe;
    db.prepare('INSERT INTO probe(rowid, text) VALUES (1, ?)').run(text);
    known = (db.prepare('SELECT count(*) AS n FROM probe_words').get() as { n: number }).n > 0;
    db.exec('DELETE FROM probe');
    if (probe.known.size > 1000) probe.known.clear();
    probe.known.set(text, known);
  }
  return known;
}
