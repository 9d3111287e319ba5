// The annotations a query finds: the index's candidates (FTS5 over quotes and notes, SQL filters)
// tested exactly. Shared by the search (run-search.ts, which groups them with document hits) and
// the annotations table (every annotation a query lets through, with no paging).
import type { DatabaseSync } from 'node:sqlite';
import type { Codebook } from '../../core/model/codebook.ts';
import { scopesOf, type SearchQuery } from '../../core/search/query-ast.ts';
import { ftsMatch } from './fts-expression.ts';
import { prefilters } from './prefilters.ts';
import { annotationSearchable, claimMatches, type AnnRow, type DocRow } from './searchables.ts';
import { termHolds, type Searchable, type TermContext } from './term-test.ts';

/** Whether a unit satisfies the whole query: every group, by one of its clauses. */
export function queryHolds(query: SearchQuery, context: TermContext): (unit: Searchable) => boolean {
  return (unit) => query.groups.every((group) => group.some((clause) => termHolds(clause.term, unit, context) !== clause.negated));
}

/** The document rows of the index by rowid, each read once (`keep` adds one read otherwise). */
export function documentRows(db: DatabaseSync): { readonly get: (rowid: number) => DocRow; readonly keep: (row: DocRow) => void } {
  const docs = new Map<number, DocRow>();
  const docRow = db.prepare('SELECT rowid, id, title, role, outlet, author, published, url, tags, 0 AS score FROM docs WHERE rowid = ?');
  return {
    get: (rowid) => {
      let row = docs.get(rowid);
      if (row === undefined) docs.set(rowid, (row = docRow.get(rowid) as unknown as DocRow));
      return row;
    },
    keep: (row) => void docs.set(row.rowid, row),
  };
}

/**
 * The annotations whose quote or note (as `scopes` say) and fields satisfy the query, with their
 * documents, in the index's order; `score` is FTS5's relevance (0 when the query has no text term).
 */
export function* annotationMatches(
  db: DatabaseSync,
  query: SearchQuery,
  context: TermContext,
  scopes: readonly ('quotes' | 'notes')[],
  docOf: (rowid: number) => DocRow,
): Generator<{ readonly row: AnnRow; readonly doc: DocRow }> {
  const holds = queryHolds(query, context);
  const filter = prefilters(query, 'anns', context.codebook);
  const columns = scopes.map((scope) => (scope === 'quotes' ? 'quote' : 'note'));
  const match = ftsMatch(query, columns);
  const fts = match?.index === 'words' ? 'anns_words' : 'anns_fts';
  const select = 'a.rowid, a.id, a.start, a.end, a.quote, a.note, a.tags, a.status, a.speaker, a.outlet, a.creator, a.doc';
  const sql =
    match === undefined
      ? `SELECT ${select}, 0 AS score FROM anns a JOIN docs d ON d.rowid = a.doc WHERE ${filter.where}`
      : `SELECT ${select}, -bm25(${fts}) AS score FROM ${fts} JOIN anns a ON a.rowid = ${fts}.rowid JOIN docs d ON d.rowid = a.doc WHERE ${fts} MATCH ? AND ${filter.where}`;
  for (const row of db.prepare(sql).iterate(...(match === undefined ? [] : [match.expression]), ...filter.params) as Iterable<AnnRow>) {
    const doc = docOf(row.doc);
    const texts = columns.map((column) => (column === 'quote' ? row.quote : row.note));
    if (holds(annotationSearchable(row, doc, texts))) yield { row, doc };
  }
}

/**
 * Every annotation the query lets through, as the annotations table reads a query: its words are
 * looked for in each annotation's quote (`in:text` too: an annotation's text is its quote), in its
 * note with `in:notes`, and `in:claims` finds the mentions of the claims it matches.
 * @example matchAnnotations(db, parseQuery('speaker:zelensky "ten times"').value, codebook, { matchCase: false })
 */
export function matchAnnotations(
  db: DatabaseSync,
  query: SearchQuery,
  codebook: Codebook,
  options: { readonly matchCase: boolean },
): { documentId: string; annotationId: string }[] {
  const context: TermContext = { matchCase: options.matchCase, codebook };
  const scopes = new Set(scopesOf(query).map((scope) => (scope === 'text' ? 'quotes' : scope)));
  const docOf = documentRows(db).get;
  const found = new Map<string, { documentId: string; annotationId: string }>();
  const add = (documentId: string, annotationId: string) => found.set(`${documentId} ${annotationId}`, { documentId, annotationId });
  const annotationScopes = (['quotes', 'notes'] as const).filter((scope) => scopes.has(scope));
  if (annotationScopes.length > 0)
    for (const { row, doc } of annotationMatches(db, query, context, annotationScopes, docOf)) add(doc.id, row.id);
  if (scopes.has('claims'))
    for (const match of claimMatches(db, context, queryHolds(query, context), docOf))
      for (const hit of match.hits) if (hit.annotationId !== undefined) add(match.documentId, hit.annotationId);
  return [...found.values()];
}
