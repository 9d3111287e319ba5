// Turns the text terms of a query into an FTS5 MATCH expression that finds a superset of the
// documents (or annotations) the query can match: only the parts every match must satisfy.
// Anything else (excluded terms, terms mixed with fields in an OR, terms too short to narrow)
// is left to the exact test in JS, which sees every candidate.
//
// Two indexes can answer (schema.ts). The word index is used when it narrows as well as the
// trigram one: it is an order of magnitude faster to match and to rank (one position list per
// word instead of one per three characters), and its bm25 is the relevance. A phrase is asked of
// it by its whole words (word-literal.ts); a phrase with no whole word of three letters or more
// ("東京都", "12.5%") is left to the trigram index, and the query with it.
//
// An excluded word can narrow the word index too (`reservoir -drought`: `"reservoir" NOT
// "drought"`), but only where the index finding the word means find-text.ts finds it: a NOT that
// drops a document the exact test would keep loses a result. The index splits words where
// find-text.ts does (word-text.ts), and folds a letter of [0-9a-z] only from that letter and its
// capital, except k (also from the Kelvin sign K) and s (also from ſ), which fold-case.ts leaves
// apart (exclusion-safety.test.ts checks this for every code point). So a word of those letters
// only, k and s aside, is excluded in the index; any other is left to the exact test.
import type { SearchQuery, Term } from '../../core/search/query-ast.ts';
import { wordLiteral } from './word-literal.ts';

/** Which index answers (`docs_words` or `docs_fts`, `anns_words` or `anns_fts`) and what it is asked. */
export interface FtsMatch {
  readonly index: 'words' | 'trigrams';
  /** Finds every match (and more). */
  readonly expression: string;
  /**
   * The word index only, when a phrase begins with a word: a narrower expression that finds the
   * likely matches (the phrase's first word whole; word-literal.ts), which ranks them; what only
   * `expression` finds comes after (text-matches.ts).
   */
  readonly strict?: string;
}

/** The MATCH to ask, or undefined when the text terms cannot narrow the search. */
export function ftsMatch(query: SearchQuery, columns?: readonly string[]): FtsMatch | undefined {
  const inColumns = (expression: string) => (columns === undefined ? expression : `{${columns.join(' ')}} : (${expression})`);
  const words = expressionOf(query, (term) => wordLiteral(term)?.loose);
  const trigrams = expressionOf(query, trigramLiteral);
  // The word index, unless the trigram one narrows a group that it cannot.
  const wordsNarrowEnough = words.groups.every((group, index) => group !== undefined || trigrams.groups[index] === undefined);
  if (wordsNarrowEnough && words.expression !== undefined) {
    const strict = expressionOf(query, (term) => wordLiteral(term)?.strict).expression!;
    const excluded = query.groups.map(exclusionLiteral).filter((literal) => literal !== undefined);
    const without = (expression: string) => (excluded.length === 0 ? expression : `(${expression}) NOT (${excluded.join(' OR ')})`);
    return {
      index: 'words',
      expression: inColumns(without(words.expression)),
      ...(strict === words.expression ? {} : { strict: inColumns(without(strict)) }),
    };
  }
  return trigrams.expression === undefined ? undefined : { index: 'trigrams', expression: inColumns(trigrams.expression) };
}

/** Words of these letters are found by the word index exactly where find-text.ts finds them (above). */
export const EXCLUDABLE_WORD = /^[0-9a-jl-rt-zA-JL-RT-Z]+$/;

/** A group that is one excluded word the word index can decide (above), as its FTS5 string; else undefined. */
function exclusionLiteral(group: SearchQuery['groups'][number]): string | undefined {
  const clause = group.length === 1 ? group[0]! : undefined;
  if (clause === undefined || !clause.negated || clause.term.kind !== 'word' || !EXCLUDABLE_WORD.test(clause.term.value)) return undefined;
  return wordLiteral(clause.term)?.loose;
}

/** Each group as an FTS5 expression (undefined where it cannot narrow), and their AND. */
function expressionOf(
  query: SearchQuery,
  literalOf: (term: Term) => string | undefined,
): { groups: (string | undefined)[]; expression: string | undefined } {
  const groups = query.groups.map((group) => {
    const alternatives: string[] = [];
    for (const clause of group) {
      const literal = clause.negated ? undefined : literalOf(clause.term);
      if (literal === undefined) return undefined;
      alternatives.push(literal);
    }
    return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
  });
  const parts = groups.filter((group) => group !== undefined);
  return { groups, expression: parts.length === 0 ? undefined : parts.join(' AND ') };
}

/** A text term as an FTS5 string for the trigram index (a substring query), if it is long enough to use it. */
function trigramLiteral(term: Term): string | undefined {
  if (term.kind !== 'word' && term.kind !== 'phrase') return undefined;
  if ([...term.value].length < 3) return undefined;
  return `"${term.value.replaceAll('"', '""')}"`;
}
