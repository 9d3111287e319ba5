// The annotations a search shows (run-search.ts), checked lazily as text-matches.ts does for
// documents: candidates stream from the index in the order of the results (group-hits.ts's
// compareGroups) and are tested exactly only until enough documents are found for the page; then
// every candidate of those documents is tested, so their groups are whole. The annotations table
// needs them all and uses match-annotations.ts instead.
import type { DatabaseSync } from 'node:sqlite';
import type { SearchQuery } from '../../core/search/query-ast.ts';
import { ftsMatch } from './fts-expression.ts';
import { queryHolds } from './match-annotations.ts';
import { prefilters } from './prefilters.ts';
import { annotationSearchable, type AnnRow, type DocRow } from './searchables.ts';
import type { TermContext } from './term-test.ts';

export interface AnnotationPage {
  readonly found: readonly { readonly row: AnnRow; readonly doc: DocRow }[];
  /** How many documents with candidates were not looked at (0 when every candidate was tested). */
  readonly unchecked: number;
}

/**
 * @param wanted how many documents the page needs (offset + limit)
 * @example annotationPage(db, parseQuery('tag:statistic').value, context, ['quotes'], docOf, 'relevance', 50)
 */
export function annotationPage(
  db: DatabaseSync,
  query: SearchQuery,
  context: TermContext,
  scopes: readonly ('quotes' | 'notes')[],
  docOf: (rowid: number) => DocRow,
  sort: 'relevance' | 'date',
  wanted: number,
): AnnotationPage {
  const holds = queryHolds(query, context);
  const filter = prefilters(query, 'anns', context.codebook);
  const columns = scopes.map((scope) => (scope === 'quotes' ? 'quote' : 'note'));
  const match = ftsMatch(query, columns);
  const fts = match?.index === 'words' ? 'anns_words' : 'anns_fts';
  const rank = match !== undefined && sort === 'relevance';
  const from =
    match === undefined
      ? `FROM anns a JOIN docs d ON d.rowid = a.doc WHERE ${filter.where}`
      : `FROM ${fts} JOIN anns a ON a.rowid = ${fts}.rowid JOIN docs d ON d.rowid = a.doc WHERE ${fts} MATCH ? AND ${filter.where}`;
  const params = [...(match === undefined ? [] : [match.expression]), ...filter.params];
  const order = sort === 'date' ? 'published DESC' : 'score DESC';
  const candidates = `SELECT a.rowid AS rowid, a.doc AS doc, ${rank ? `-bm25(${fts})` : '0'} AS score ${from}`;
  // count(*) OVER (): how many candidates, from the sort SQLite does anyway (not a second match);
  // in an outer query, as FTS5's bm25 cannot sit beside a window function.
  const ordered = `SELECT rowid, doc, score, count(*) OVER () AS total FROM (SELECT a.rowid AS rowid, a.doc AS doc, ${
    rank ? `-bm25(${fts})` : '0'
  } AS score, coalesce(d.published, '') AS published, d.id AS id ${from})`;
  const annotation = db.prepare(
    'SELECT rowid, id, start, end, quote, note, tags, status, speaker, outlet, creator, doc FROM anns WHERE rowid = ?',
  );
  const found: { row: AnnRow; doc: DocRow }[] = [];
  const tested = new Set<number>();
  const pageDocs = new Set<number>();
  const test = (candidate: { rowid: number; score: number }) => {
    tested.add(candidate.rowid);
    const row = { ...(annotation.get(candidate.rowid) as unknown as AnnRow), score: candidate.score };
    const doc = docOf(row.doc);
    const texts = columns.map((column) => (column === 'quote' ? row.quote : row.note));
    if (!holds(annotationSearchable(row, doc, texts))) return;
    found.push({ row, doc });
    pageDocs.add(row.doc);
  };
  let remaining = 0;
  for (const candidate of db.prepare(`${ordered} ORDER BY ${order}, id, rowid`).iterate(...params) as Iterable<{
    rowid: number;
    doc: number;
    score: number;
    total: number;
  }>) {
    // A document first met now comes after every document of the page (its best annotation is no better).
    if (pageDocs.size >= wanted && !pageDocs.has(candidate.doc)) {
      remaining = candidate.total - tested.size;
      break;
    }
    test(candidate);
  }
  const stopped = remaining > 0;
  if (!stopped) return { found, unchecked: 0 };
  const inPage = `${candidates} AND a.doc IN (SELECT value FROM json_each(?))`;
  for (const candidate of db.prepare(inPage).iterate(...params, JSON.stringify([...pageDocs])) as Iterable<{
    rowid: number;
    score: number;
  }>)
    if (!tested.has(candidate.rowid)) test(candidate);
  // Each candidate not tested may be in a document of its own, but there are only so many documents.
  const { documents } = db.prepare('SELECT count(*) AS documents FROM docs').get() as { documents: number };
  return { found, unchecked: Math.min(remaining, documents - pageDocs.size) };
}
