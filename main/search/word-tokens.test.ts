// The word index may only split text where find-text.ts sees a word boundary, and must split it
// there: SQLite's tokenizer keeps inside a word every character its (older) Unicode tables do
// not know, so texts reach it through word-text.ts, which makes every non-ASCII character that
// is not a word character a space. Otherwise a word find-text.ts finds ("100" in "100₽") would be
// missing from the index, and word-literal.ts's queries would miss it.
import { DatabaseSync } from 'node:sqlite';
import { expect, it } from 'vitest';
import { WORD_TOKENIZER } from './schema.ts';
import { wordText } from './word-text.ts';

const WORD = /[\p{L}\p{N}\p{M}]/u;

/** The words SQLite's word tokenizer finds in `text`. */
function sqliteWords(texts: readonly string[]): string[][] {
  const db = new DatabaseSync(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(a, tokenize="${WORD_TOKENIZER}"); CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`);
  const insert = db.prepare('INSERT INTO t(rowid, a) VALUES (?, ?)');
  texts.forEach((text, index) => insert.run(index + 1, text));
  const words = texts.map((): string[] => []);
  for (const { term, doc } of db.prepare('SELECT term, doc FROM v ORDER BY doc, offset').iterate() as Iterable<{
    term: string;
    doc: number;
  }>)
    words[doc - 1]!.push(term);
  db.close();
  return words;
}

it('splits ASCII exactly where JavaScript sees a word boundary', () => {
  const characters = Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(code));
  const words = sqliteWords(characters.map((character) => `a${character}a`));
  characters.forEach((character, index) =>
    expect(words[index], `U+${index.toString(16)}`).toEqual(WORD.test(character) ? [`a${character.toLowerCase()}a`] : ['a', 'a']),
  );
});

it('makes every other character that is not a word character a space, and keeps the rest', () => {
  const wrong: string[] = [];
  for (let code = 0x80; code <= 0x10ffff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const character = String.fromCodePoint(code);
    const expected = WORD.test(character) ? character : ' ';
    if (wordText(`a${character}a`) !== `a${expected}a`) wrong.push(`U+${code.toString(16)}`);
  }
  expect(wrong).toEqual([]);
  expect(wordText('a\ud800a')).toBe('a a');
});

it('is needed: SQLite keeps unknown characters inside words, and splits there once they are spaces', () => {
  // A currency sign and an emoji newer than SQLite's tables, a private use character, an unassigned one.
  const texts = ['100₽', 'great🥺', 'a\ue001b', 'a\u0378b'];
  expect(sqliteWords(texts).map((words) => words.length)).toEqual([1, 1, 1, 1]);
  expect(sqliteWords(texts.map(wordText))).toEqual([['100'], ['great'], ['a', 'b'], ['a', 'b']]);
});
