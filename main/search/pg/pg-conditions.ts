// SQL conditions that narrow a query's candidates, for the search tables (main/team/migrations/0005-search.ts):
// the PostgreSQL counterpart of main/search/fts-expression.ts and prefilters.ts. Each condition
// holds for every unit the exact test (main/search/term-test.ts) lets through, and possibly more:
// - a text group (its clauses joined by OR) gives one when every clause is a positive text term:
//   a word asks the tsvector for its words (lexemes.ts), a phrase asks it for its whole words and
//   LIKE for its folded text (the pg_trgm index answers that, the exact substring included);
// - a group of one positive field clause gives a filter on the row's fields.
// Excluded terms, OR's mixing fields and terms, give none: the exact test sees them.
import { sql, type RawBuilder } from 'kysely';
import type { Codebook } from '../../../core/model/codebook.ts';
import { foldCase } from '../../../core/search/fold-case.ts';
import type { SearchQuery, Term } from '../../../core/search/query-ast.ts';
import { tagsMatching } from '../term-test.ts';
import { likeOf, tsqueryOf } from './lexemes.ts';

export type Condition = RawBuilder<unknown>;

/** Where text terms are looked for: the documents' text (alias `d`), or annotations' quotes and/or notes (alias `a`). */
export type TextTarget = 'text' | { readonly quotes: boolean; readonly notes: boolean };

/** The condition of one positive text term, or undefined when it has none. */
function termCondition(term: Term, target: TextTarget): Condition | undefined {
  if (term.kind !== 'word' && term.kind !== 'phrase') return undefined;
  const like = likeOf(term.value);
  if (target === 'text') {
    const words = tsqueryOf(term);
    const textLike = sql`d.text_folded LIKE ${like}`;
    if (words === undefined) return textLike;
    return term.kind === 'word' ? sql`d.words @@ ${words}::tsquery` : sql`(d.words @@ ${words}::tsquery AND ${textLike})`;
  }
  const weight = target.quotes && target.notes ? undefined : target.quotes ? 'A' : 'B';
  const words = tsqueryOf(term, weight);
  const likes = [...(target.quotes ? [sql`a.quote_folded LIKE ${like}`] : []), ...(target.notes ? [sql`a.note_folded LIKE ${like}`] : [])];
  const anyLike = likes.length === 1 ? likes[0]! : sql`(${sql.join(likes, sql` OR `)})`;
  if (words === undefined) return anyLike;
  return term.kind === 'word' ? sql`a.words @@ ${words}::tsquery` : sql`(a.words @@ ${words}::tsquery AND ${anyLike})`;
}

/** The text conditions of the query's groups (AND), or undefined when no group gives one. */
export function textCondition(query: SearchQuery, target: TextTarget): Condition | undefined {
  const groups: Condition[] = [];
  for (const group of query.groups) {
    const alternatives: Condition[] = [];
    for (const clause of group) {
      const condition = clause.negated ? undefined : termCondition(clause.term, target);
      if (condition === undefined) break;
      alternatives.push(condition);
    }
    if (alternatives.length !== group.length) continue;
    groups.push(alternatives.length === 1 ? alternatives[0]! : sql`(${sql.join(alternatives, sql` OR `)})`);
  }
  return groups.length === 0 ? undefined : sql.join(groups, sql` AND `);
}

/**
 * Field filters for the documents (alias `d`) or the annotations (alias `a`, joined to `d`); the
 * annotation fields narrow annotations only. `true` when there is none.
 */
export function fieldCondition(query: SearchQuery, table: 'docs' | 'anns', codebook: Codebook): Condition {
  const where: Condition[] = [sql`true`];
  for (const group of query.groups) {
    const clause = group.length === 1 ? group[0]! : undefined;
    if (clause === undefined || clause.negated) continue;
    const { term } = clause;
    if (term.kind === 'date')
      where.push(
        term.field === 'before' ? sql`substr(d.published, 1, 10) < ${term.bound}` : sql`substr(d.published, 1, 10) > ${term.bound}`,
      );
    if (term.kind !== 'field') continue;
    const folded = foldCase(term.value);
    switch (term.field) {
      case 'author':
      case 'doc':
        where.push(sql`strpos(d.folded, ${folded}) > 0`);
        break;
      case 'role':
        where.push(sql`d.role = ${term.value}`);
        break;
      case 'outlet':
        where.push(
          table === 'anns'
            ? sql`(strpos(a.folded, ${folded}) > 0 OR strpos(d.folded, ${folded}) > 0)`
            : sql`strpos(d.folded, ${folded}) > 0`,
        );
        break;
      case 'speaker':
      case 'creator':
        if (table === 'anns') where.push(sql`strpos(a.folded, ${folded}) > 0`);
        break;
      case 'tag':
        if (table === 'anns') where.push(sql`a.tags && ${[...tagsMatching(codebook, term.value, term.prefix)]}::text[]`);
        break;
      case 'status':
        if (table === 'anns' && !term.prefix) where.push(sql`a.status IN (${term.value}, ${folded})`);
        break;
    }
  }
  return sql.join(where, sql` AND `);
}
