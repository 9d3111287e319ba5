// What PostgreSQL is given to find candidates, computed here so that it never depends on its text
// parser or its locale. A word is what core/search/find-text.ts calls one (a run of letters,
// numbers and marks), case-folded by core/search/fold-case.ts; a tsvector is written as a literal
// of those words with their positions (PostgreSQL's to_tsvector would split "example.com" or
// "1.5" otherwise, and stem), and a tsquery as a literal of the words a term must hold. Texts are
// stored folded too, for LIKE with the pg_trgm index. Every condition built here finds every
// match find-text.ts finds, and possibly more: the exact test decides (main/search/term-test.ts).
import { foldCase } from '../../../core/search/fold-case.ts';
import type { Term } from '../../../core/search/query-ast.ts';

const WORD_RUN = /[\p{L}\p{N}\p{M}]+/gu;
const WORD_AT_END = /[\p{L}\p{N}\p{M}]$/u;
/** Longer words are indexed by their first characters, and asked for as a prefix (a lexeme is at most 2 KB). */
const MAX_LEXEME = 200;
/** PostgreSQL keeps positions up to 16,383. */
const MAX_POSITION = 16_383;
/** Past this many characters of literal, the words are written without positions (a tsvector is at most 1 MB). */
const MAX_LITERAL = 400_000;

function quoted(lexeme: string): string {
  return `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** The folded words of `text`, each cut to MAX_LEXEME code units (at a code point). */
function wordsOf(text: string): string[] {
  return [...foldCase(text).matchAll(WORD_RUN)].map(([word]) => cut(word));
}

function cut(word: string): string {
  if (word.length <= MAX_LEXEME) return word;
  const end = /[\uD800-\uDBFF]/.test(word[MAX_LEXEME - 1]!) ? MAX_LEXEME - 1 : MAX_LEXEME;
  return word.slice(0, end);
}

/**
 * A tsvector literal of the words of `texts`, each text's words labelled with its weight (A, B …).
 * @example tsvectorOf([['Ten times, ten', 'A']]) // "'ten':1A,3A 'times':2A"
 */
export function tsvectorOf(texts: readonly (readonly [string, 'A' | 'B' | 'D'])[]): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const [text, weight] of texts) {
    for (const word of wordsOf(text)) {
      position = Math.min(position + 1, MAX_POSITION);
      let list = positions.get(word);
      if (list === undefined) positions.set(word, (list = []));
      // PostgreSQL keeps 256 positions of a lexeme; the first ones are enough for its rank.
      if (list.length < 256) list.push(`${position}${weight === 'D' ? '' : weight}`);
    }
  }
  const withPositions = [...positions].map(([word, list]) => `${quoted(word)}:${list.join(',')}`).join(' ');
  if (withPositions.length <= MAX_LITERAL) return withPositions;
  return [...positions.keys()].map(quoted).join(' ');
}

/**
 * The tsquery literal a text term asks of the words, or undefined when the words cannot narrow it.
 * - a word (`tax`, `u.s.`, `tax*`): each of its words, whole (the last a prefix for `tax*`);
 * - a phrase: a match may begin inside a word and end inside one, so the first word is left out
 *   when the phrase begins with it, and the last is a prefix when the phrase ends with it.
 * `weight` limits the words to a part (A: quotes, B: notes).
 */
export function tsqueryOf(term: Term, weight?: 'A' | 'B'): string | undefined {
  if (term.kind !== 'word' && term.kind !== 'phrase') return undefined;
  const value = foldCase(term.value);
  const runs = [...value.matchAll(WORD_RUN)];
  const openEnd = WORD_AT_END.test(value) && (term.kind === 'phrase' || term.prefix);
  const whole = term.kind === 'phrase' && runs[0]?.index === 0 ? runs.slice(1) : runs;
  if (whole.length === 0) return undefined;
  const parts = whole.map(([word], index) => {
    const prefix = (openEnd && index === whole.length - 1) || word.length > MAX_LEXEME;
    return `${quoted(cut(word))}${prefix || weight !== undefined ? `:${prefix ? '*' : ''}${weight ?? ''}` : ''}`;
  });
  return parts.join(' & ');
}

/** A LIKE pattern finding `text` (folded) anywhere in a folded column. */
export function likeOf(text: string): string {
  return `%${foldCase(text).replace(/[\\%_]/g, (special) => `\\${special}`)}%`;
}

/** A text stored for LIKE: folded, unit for unit (offsets are kept). */
export const foldedOf = foldCase;
