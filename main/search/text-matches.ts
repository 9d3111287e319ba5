// The documents whose text (and fields) satisfy a query, checked lazily: the index proposes the
// candidates, they are put in the order the results are shown (group-hits.ts's), and each is
// tested exactly (term-test.ts) only until the page asked for is full. The candidates left
// unchecked can only come after the page (testing a candidate can only drop it), so the page is
// what a full check would give; the counts are then bounds (run-search.ts says which).
import type { DatabaseSync } from 'node:sqlite';
import type { Span } from '../../core/search/find-text.ts';
import { clausesOf, type SearchQuery } from '../../core/search/query-ast.ts';
import { ftsExpression } from './fts-expression.ts';
import { mergeSpans, type Match } from './group-hits.ts';
import { prefilters } from './prefilters.ts';
import { annotationFieldDocs, docSearchable, type DocRow } from './searchables.ts';
import type { Searchable, TermContext } from './term-test.ts';

export interface TextMatches {
  /** The candidates that passed, in result order. */
  readonly matches: Match[];
  /** How many candidates were not checked (they all come after every match above). */
  readonly unchecked: number;
}

/**
 * @param wanted how many matching documents the page needs (offset + limit; Infinity: check all)
 * @param spansOf the hits of the query's positive text terms in a unit's texts
 */
export function textMatches(
  db: DatabaseSync,
  query: SearchQuery,
  context: TermContext,
  sort: 'relevance' | 'date',
  wanted: number,
  docOf: (rowid: number) => DocRow,
  textOf: (rowid: number) => string,
  holds: (unit: Searchable) => boolean,
  spansOf: (unit: Searchable) => Span[][],
): TextMatches {
  const docAnnotationSets = annotationFieldDocs(db, query, context, docOf);
  const filter = prefilters(query, 'docs', context.codebook);
  const match = ftsExpression(query);
  // bm25 only where it orders the results: not when sorting by date.
  const rank = match !== undefined && sort === 'relevance';
  const from =
    match === undefined
      ? `FROM docs d WHERE ${filter.where}`
      : `FROM docs_fts JOIN docs d ON d.rowid = docs_fts.rowid WHERE docs_fts MATCH ? AND ${filter.where}`;
  const params = [...(match === undefined ? [] : [match]), ...filter.params];
  // Without bm25 a relevance order is the number of hits, known only once checked: check them all.
  const positiveText = clausesOf(query).some((clause) => !clause.negated && (clause.term.kind === 'word' || clause.term.kind === 'phrase'));
  const lazy = sort === 'date' || rank || !positiveText;
  // The order of compareGroups (group-hits.ts), in SQL, so that candidates stream in it.
  // count(*) OVER (): how many candidates, from the sort SQLite does anyway (not a second match);
  // in an outer query, as FTS5's bm25 cannot sit beside a window function.
  const sql = `SELECT rowid, score, count(*) OVER () AS total FROM (SELECT d.rowid AS rowid, ${
    rank ? '-bm25(docs_fts)' : '0'
  } AS score, coalesce(d.published, '') AS published, d.id AS id ${from}) ORDER BY ${sort === 'date' ? 'published DESC' : 'score DESC'}, id`;
  const check = (rowid: number, score: number): Match | undefined => {
    const row = docOf(rowid);
    const unit = docSearchable(row, () => textOf(rowid), docAnnotationSets);
    if (!holds(unit)) return undefined;
    const spans = spansOf(unit)[0]!;
    return {
      documentId: row.id,
      docRowid: rowid,
      score: score || spans.length,
      hits: spans.length > 0 ? mergeSpans(spans) : [{ start: 0, end: 0 }],
      facets: { role: [row.role], outlet: [row.outlet] },
    };
  };
  const matches: Match[] = [];
  let checked = 0;
  let unchecked = 0;
  for (const candidate of db.prepare(sql).iterate(...params) as Iterable<{ rowid: number; score: number; total: number }>) {
    if (lazy && matches.length >= wanted) {
      unchecked = candidate.total - checked;
      break;
    }
    checked++;
    const found = check(candidate.rowid, candidate.score);
    if (found !== undefined) matches.push(found);
  }
  return { matches, unchecked };
}
