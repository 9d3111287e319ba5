// The documents whose text (and fields) satisfy a query, checked lazily: the index proposes the
// candidates, they are put in the order the results are shown (group-hits.ts's), and each is
// tested exactly (term-test.ts) only until the page asked for is full. The candidates left
// unchecked can only come after the page (testing a candidate can only drop it), so the page is
// what a full check would give; the counts are then bounds (run-search.ts says which).
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { Span } from '../../core/search/find-text.ts';
import { clausesOf, type SearchQuery } from '../../core/search/query-ast.ts';
import { ftsMatch } from './fts-expression.ts';
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
  const match = ftsMatch(query);
  const fts = match?.index === 'words' ? 'docs_words' : 'docs_fts';
  // bm25 only where it orders the results: not when sorting by date.
  const rank = match !== undefined && sort === 'relevance';
  const from = (expression: string | undefined) =>
    expression === undefined
      ? `FROM docs d WHERE ${filter.where}`
      : `FROM ${fts} JOIN docs d ON d.rowid = ${fts}.rowid WHERE ${fts} MATCH ? AND ${filter.where}`;
  // Without bm25 a relevance order is the number of hits, known only once checked: check them all.
  const positiveText = clausesOf(query).some((clause) => !clause.negated && (clause.term.kind === 'word' || clause.term.kind === 'phrase'));
  const lazy = sort === 'date' || rank || !positiveText;
  // The candidates: ranked by bm25 of the strict expression where there is one (fts-expression.ts),
  // then those only the full expression finds, with no score (so after every ranked one, by id:
  // bm25's scores here are all above 0). Each part is asked only when the one before it ran out,
  // so a page the strict part fills never matches the full expression but to count it.
  const strict = rank ? match.strict : undefined;
  const columns = (score: string, expression: string | undefined) =>
    `SELECT d.rowid AS rowid, ${score} AS score, coalesce(d.published, '') AS published, d.id AS id ${from(expression)}`;
  // In the order of compareGroups (group-hits.ts), in SQL, so that candidates stream in it. Ranked
  // candidates come by score alone, their ties in any order (the loop below checks every candidate
  // tied with the last one it checked, and group-hits.ts orders them by id): ordering 10,000
  // candidates by id too, through the documents' table, cost a quarter of such a query.
  const ordered = (score: string, expression: string | undefined) =>
    score.startsWith('-bm25') && filter.where === '1'
      ? `SELECT rowid, ${score} AS score FROM ${fts} WHERE ${fts} MATCH ? ORDER BY score DESC`
      : `SELECT rowid, score FROM (${columns(score, expression)}) ORDER BY ${sort === 'date' ? 'published DESC, id' : score.startsWith('-bm25') ? 'score DESC' : 'score DESC, id'}`;
  const withMatch = (expression: string | undefined) => [...(expression === undefined ? [] : [expression]), ...filter.params];
  const parts =
    strict === undefined
      ? [{ sql: ordered(rank ? `-bm25(${fts})` : '0', match?.expression), params: withMatch(match?.expression) }]
      : [
          { sql: ordered(`-bm25(${fts})`, strict), params: withMatch(strict) },
          { sql: ordered('0', `(${match!.expression}) NOT (${strict})`), params: withMatch(`(${match!.expression}) NOT (${strict})`) },
        ];
  // How many candidates, asked only when the checking stops early: those of the full expression
  // (the strict one finds a subset of them: each of its phrases holds one of the full one's).
  // With no other condition, every document the index matches is one (each has its row).
  const counted = match !== undefined && filter.where === '1' ? `FROM ${fts} WHERE ${fts} MATCH ?` : from(match?.expression);
  const total = () => (db.prepare(`SELECT count(*) AS n ${counted}`).get(...withMatch(match?.expression)) as { n: number }).n;
  const check = (rowid: number, score: number): Match | undefined => {
    const row = docOf(rowid);
    const unit = docSearchable(row, () => textOf(rowid), docAnnotationSets);
    if (!holds(unit)) return undefined;
    const spans = spansOf(unit)[0]!;
    return {
      documentId: row.id,
      docRowid: rowid,
      // Ranked candidates keep their bm25 (0 for those after the ranked ones); the rest: their hits.
      score: rank ? score : spans.length,
      hits: spans.length > 0 ? mergeSpans(spans) : [{ start: 0, end: 0 }],
      facets: { role: [row.role], outlet: [row.outlet] },
    };
  };
  const matches: Match[] = [];
  let checked = 0;
  let unchecked = 0;
  let lastScore: number | undefined;
  for (const part of parts) {
    const candidates =
      lazy && Number.isFinite(wanted) ? inBatches(db, part.sql, part.params, wanted + 64) : db.prepare(part.sql).iterate(...part.params);
    for (const candidate of candidates as Iterable<{ rowid: number; score: number }>) {
      // A ranked candidate tied with the last one checked may still sort before it (by id).
      if (lazy && matches.length >= wanted && !(rank && candidate.score === lastScore)) {
        unchecked = total() - checked;
        return { matches, unchecked };
      }
      checked++;
      lastScore = candidate.score;
      const found = check(candidate.rowid, candidate.score);
      if (found !== undefined) matches.push(found);
    }
  }
  return { matches, unchecked };
}

/**
 * The rows of an ordered query, asked for `first` at a time and four times as many whenever more
 * are wanted: SQLite then keeps only so many of the best while it sorts, instead of sorting every
 * candidate (a tenth of a ranked query over 10,000 documents). Rows tied at a batch's end may come
 * in any order, so each is given once, by rowid; the order stays the query's (every row better than
 * the last one given was in the batch before).
 */
function* inBatches(
  db: DatabaseSync,
  sql: string,
  params: readonly SQLInputValue[],
  first: number,
): Generator<{ rowid: number; score: number }> {
  const given = new Set<number>();
  for (let limit = first; ; limit *= 4) {
    let rows = 0;
    for (const row of db.prepare(`${sql} LIMIT ?`).iterate(...params, limit) as Iterable<{ rowid: number; score: number }>) {
      rows++;
      if (given.has(row.rowid)) continue;
      given.add(row.rowid);
      yield row;
    }
    if (rows < limit) return;
  }
}
