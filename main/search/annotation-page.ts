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
  const filter = prefilters(query, 'anns', context.codebook, { tagsPerRow: true });
  const columns = scopes.map((scope) => (scope === 'quotes' ? 'quote' : 'note'));
  const match = ftsMatch(query, columns);
  const fts = match?.index === 'words' ? 'anns_words' : 'anns_fts';
  const rank = match !== undefined && sort === 'relevance';
  const from =
    match === undefined
      ? `FROM anns a JOIN docs d ON d.rowid = a.doc WHERE ${filter.where}`
      : `FROM ${fts} JOIN anns a ON a.rowid = ${fts}.rowid JOIN docs d ON d.rowid = a.doc WHERE ${fts} MATCH ? AND ${filter.where}`;
  const params = [...(match === undefined ? [] : [match.expression]), ...filter.params];
  // In the order of the results. With no text to rank, that is by document id then annotation:
  // read so (documents by their id's index, each one's annotations by theirs), the first rows come
  // without sorting every candidate, and the page is found after a few hundred of them.
  const ordered =
    match === undefined && sort === 'relevance'
      ? `SELECT a.rowid AS rowid, a.doc AS doc, 0 AS score FROM docs d CROSS JOIN anns a ON a.doc = d.rowid WHERE ${filter.where} ORDER BY d.id, a.rowid`
      : rank && filter.where === '1'
        ? // By score alone (see the loop for ties), without going through the documents' table.
          `SELECT a.rowid AS rowid, a.doc AS doc, -bm25(${fts}) AS score FROM ${fts} JOIN anns a ON a.rowid = ${fts}.rowid WHERE ${fts} MATCH ? ORDER BY score DESC`
        : `SELECT rowid, doc, score FROM (SELECT a.rowid AS rowid, a.doc AS doc, ${
            rank ? `-bm25(${fts})` : '0'
          } AS score, coalesce(d.published, '') AS published, d.id AS id ${from}) ORDER BY ${sort === 'date' ? 'published DESC, id' : rank ? 'score DESC' : 'score DESC, id'}, rowid`;
  // The candidates of the page's documents: read from those documents when no text narrows;
  // otherwise matched once and kept if theirs (`+`: the list is not one query of FTS5 per rowid).
  const ofPage = `SELECT a.rowid FROM json_each(?) p CROSS JOIN anns a ON a.doc = p.value CROSS JOIN docs d ON d.rowid = a.doc WHERE ${filter.where}`;
  const inPage =
    match === undefined
      ? `${ofPage.replace('SELECT a.rowid', 'SELECT a.rowid AS rowid, 0 AS score')} ORDER BY a.rowid`
      : `SELECT rowid, ${rank ? `-bm25(${fts})` : '0'} AS score FROM ${fts} WHERE ${fts} MATCH ? AND +${fts}.rowid IN (${ofPage})`;
  const inPageParams = (docs: string) => (match === undefined ? [docs, ...filter.params] : [match.expression, docs, ...filter.params]);
  // With no other condition, every annotation the index matches is a candidate (each has its row and
  // document). Otherwise every row is met once: tags are listed first, and the documents' table is
  // joined only for a condition on documents.
  const everyRow = prefilters(query, 'anns', context.codebook);
  const joined = everyRow.where.includes('d.') ? 'JOIN docs d ON d.rowid = a.doc' : '';
  const counted =
    match !== undefined && filter.where === '1'
      ? { from: `FROM ${fts} WHERE ${fts} MATCH ?`, params }
      : match === undefined
        ? { from: `FROM anns a ${joined} WHERE ${everyRow.where}`, params: everyRow.params }
        : {
            from: `FROM ${fts} JOIN anns a ON a.rowid = ${fts}.rowid ${joined} WHERE ${fts} MATCH ? AND ${everyRow.where}`,
            params: [match.expression, ...everyRow.params],
          };
  const annotation = db.prepare(
    'SELECT rowid, id, start, end, quote, note, tags, status, speaker, outlet, creator, doc FROM anns WHERE rowid = ?',
  );
  const found: { row: AnnRow; doc: DocRow }[] = [];
  const tested = new Set<number>();
  const pageDocs = new Set<number>();
  // The score at which the page's last document was first met: a document first met at the same
  // score may still sort before it (by id), since ranked candidates come by score alone.
  let boundary: number | undefined;
  const test = (candidate: { rowid: number; score: number }) => {
    tested.add(candidate.rowid);
    const row = { ...(annotation.get(candidate.rowid) as unknown as AnnRow), score: candidate.score };
    const doc = docOf(row.doc);
    const texts = columns.map((column) => (column === 'quote' ? row.quote : row.note));
    if (!holds(annotationSearchable(row, doc, texts))) return;
    found.push({ row, doc });
    if (!pageDocs.has(row.doc)) boundary = candidate.score;
    pageDocs.add(row.doc);
  };
  let remaining = 0;
  let unchecked = 0;
  for (const candidate of db.prepare(ordered).iterate(...params) as Iterable<{ rowid: number; doc: number; score: number }>) {
    // A document first met now comes after every document of the page (its best annotation is no better).
    if (pageDocs.size >= wanted && !pageDocs.has(candidate.doc) && !(rank && candidate.score === boundary)) {
      // Each candidate not tested may be in a document of its own, but there are only so many
      // documents: the candidates are counted only up to that many more than were tested.
      const { documents } = db.prepare('SELECT count(*) AS documents FROM docs').get() as { documents: number };
      unchecked = documents - pageDocs.size;
      const { n } = db
        .prepare(`SELECT count(*) AS n FROM (SELECT 1 ${counted.from} LIMIT ?)`)
        .get(...counted.params, tested.size + unchecked) as {
        n: number;
      };
      remaining = n - tested.size;
      break;
    }
    test(candidate);
  }
  if (remaining <= 0) return { found, unchecked: 0 };
  for (const candidate of db.prepare(inPage).iterate(...inPageParams(JSON.stringify([...pageDocs]))) as Iterable<{
    rowid: number;
    score: number;
  }>)
    if (!tested.has(candidate.rowid)) test(candidate);
  return { found, unchecked: Math.min(remaining, unchecked) };
}
