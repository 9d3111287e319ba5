// Turns the text terms of a query into an FTS5 MATCH expression that finds a superset of the
// documents (or annotations) the query can match: only the parts every match must satisfy.
// Anything else (excluded terms, terms mixed with fields in an OR, terms shorter than a
// trigram) is left to the exact test in JS, which sees every candidate.
import type { SearchQuery, Term } from '../../core/search/query-ast.ts';

/** The MATCH string, or undefined when the text terms cannot narrow the search. */
export function ftsExpression(query: SearchQuery, columns?: readonly string[]): string | undefined {
  const parts: string[] = [];
  for (const group of query.groups) {
    const alternatives: string[] = [];
    for (const clause of group) {
      const literal = clause.negated ? undefined : literalOf(clause.term);
      if (literal === undefined) {
        alternatives.length = 0;
        break;
      }
      alternatives.push(literal);
    }
    if (alternatives.length > 0) parts.push(alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`);
  }
  if (parts.length === 0) return undefined;
  const expression = parts.join(' AND ');
  return columns === undefined ? expression : `{${columns.join(' ')}} : (${expression})`;
}

/** A text term as an FTS5 string (a trigram substring query), if it is long enough to use the index. */
function literalOf(term: Term): string | undefined {
  if (term.kind !== 'word' && term.kind !== 'phrase') return undefined;
  if ([...term.value].length < 3) return undefined;
  return `"${term.value.replaceAll('"', '""')}"`;
}
