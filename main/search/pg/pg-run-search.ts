// Runs a parsed query against the search tables, as main/search/run-search.ts does against the
// SQLite index: PostgreSQL proposes candidates (pg-conditions.ts: the tsvector's GIN index, LIKE
// with pg_trgm, field filters) in the order of the results, ranked by ts_rank or by date; each
// is tested exactly in JavaScript (main/search/term-test.ts, core/search/find-text.ts) against
// the stored text, only until the page is full; results are grouped by document with snippets.
import { sql } from 'kysely';
import type { Codebook } from '../../../core/model/codebook.ts';
import type { Span } from '../../../core/search/find-text.ts';
import { clausesOf, scopesOf, type SearchQuery } from '../../../core/search/query-ast.ts';
import type { SearchOptions, SearchResults } from '../../../core/search/search-types.ts';
import { snippet } from '../../../core/search/snippet.ts';
import { groupByDocument, mergeSpans, type Match } from '../group-hits.ts';
import { queryHolds } from '../match-annotations.ts';
import { annotationMatch, annotationSearchable, docSearchable, type AnnRow, type DocRow } from '../searchables.ts';
import { textSpans, type Searchable, type TermContext } from '../term-test.ts';
import { fieldCondition, textCondition, type Condition } from './pg-conditions.ts';
import { tsqueryOf } from './lexemes.ts';
import {
  ANN_COLUMNS,
  annotationFieldDocs,
  annRowOf,
  claimMatches,
  countFacets,
  DOC_COLUMNS,
  DocReader,
  docRowOf,
  type Db,
  type RawRow,
} from './pg-units.ts';

/** Candidates read per round trip while a page is being filled, after the first batch (firstBatch). */
const BATCH = 200;

/** The first batch for a page of `wanted` documents: most candidates pass the exact test, so a few more than it needs. */
export function firstBatch(wanted: number): number {
  return Math.min(BATCH, Math.max(25, wanted + 10));
}

export async function pgRunSearch(db: Db, query: SearchQuery, codebook: Codebook, options: SearchOptions = {}): Promise<SearchResults> {
  const context: TermContext = { matchCase: options.matchCase ?? false, codebook };
  const limit = options.limit ?? 50;
  const offset = options.offset ?? 0;
  const sort = options.sort ?? 'relevance';
  const scopes = scopesOf(query);
  const holds = queryHolds(query, context);
  const spansOf = (unit: Searchable): Span[][] => {
    const found: Span[][] = unit.texts().map(() => []);
    for (const clause of clausesOf(query)) {
      if (clause.negated) continue;
      textSpans(clause.term, unit, context).forEach((spans, index) => found[index]!.push(...spans));
    }
    return found;
  };
  const oneKind = scopes.every((scope) => scope === 'text') || scopes.every((scope) => scope === 'quotes' || scope === 'notes');
  const wanted = oneKind ? offset + limit : Infinity;
  const docs = new DocReader(db);
  const matches: Match[] = [];
  let unchecked = 0;
  if (scopes.includes('text')) {
    const text = await textMatches(db, query, context, sort, wanted, docs, holds, spansOf);
    matches.push(...text.matches);
    unchecked += text.unchecked;
  }
  const annotationScopes = scopes.filter((scope): scope is 'quotes' | 'notes' => scope === 'quotes' || scope === 'notes');
  if (annotationScopes.length > 0) {
    const page = await annotationPage(db, query, context, annotationScopes, docs, sort, wanted);
    unchecked += page.unchecked;
    for (const { row, doc } of page.found) matches.push(annotationMatch(row, doc));
  }
  if (scopes.includes('claims')) matches.push(...(await claimMatches(db, context, holds, docs)));

  const groups = groupByDocument(matches, (rowid) => docs.row(rowid).published ?? undefined, sort);
  const pageGroups = groups.slice(offset, offset + limit);
  await docs.load(
    pageGroups.map((group) => group.docRowid),
    true,
  );
  const page = pageGroups.map((group) => {
    const text = docs.text(group.docRowid);
    const doc = docs.row(group.docRowid);
    return {
      documentId: group.documentId,
      title: doc.title,
      ...(doc.published === null ? {} : { publishedAt: doc.published }),
      score: group.score,
      hitCount: group.hits.length,
      hits: group.hits.slice(0, options.hitsPerDocument ?? 20).map((hit) => ({
        documentId: group.documentId,
        start: hit.start,
        end: hit.end,
        snippet: snippet(text, hit.start, hit.end),
        score: group.score,
        ...(hit.annotationId === undefined ? {} : { annotationId: hit.annotationId }),
        ...(hit.claimId === undefined ? {} : { claimId: hit.claimId }),
      })),
    };
  });
  return {
    counts: {
      documents: groups.length + unchecked,
      hits: groups.reduce((sum, group) => sum + group.hits.length, 0),
      exact: unchecked === 0,
    },
    groups: page,
    ...(options.facets ? { facets: await countFacets(db, matches, scopes.includes('text')) } : {}),
  };
}

/** What ts_rank ranks by: the positive text terms' words, any of them; undefined when there are none. */
function rankQuery(query: SearchQuery, weight?: 'A' | 'B'): string | undefined {
  const words = clausesOf(query).flatMap((clause) => {
    const words = clause.negated ? undefined : tsqueryOf(clause.term, weight);
    return words === undefined ? [] : [`(${words})`];
  });
  return words.length === 0 ? undefined : words.join(' | ');
}

/** A candidates' statement, for all of them or for a batch (`size` from `from`, in result order). */
type Candidates = (batch?: { readonly size: number; readonly from: number }) => Condition;

/** Candidate rows in result order, read a batch at a time (all at once when `lazy` is false), with their total. */
async function* inBatches(db: Db, select: Candidates, lazy: boolean, first: number): AsyncGenerator<RawRow & { total: string }> {
  for (let from = 0, size = first; ; from += size, size = BATCH) {
    const { rows } = await sql<RawRow & { total: string }>`${select(lazy ? { size, from } : undefined)}`.execute(db);
    yield* rows;
    if (!lazy || rows.length < size) return;
  }
}

/**
 * The documents' candidates for the text, in result order, each with its text, score and how many
 * there are (`total`); read in batches when `lazy` (the page can be filled before the last). The
 * candidates are ordered and cut without their texts, which are read for the batch only (sorting
 * thousands of rows with their texts spilled to disk).
 */
export function textCandidates(query: SearchQuery, codebook: Codebook, sort: 'relevance' | 'date') {
  const text = textCondition(query, 'text');
  const ranked = sort === 'relevance' && text !== undefined ? rankQuery(query) : undefined;
  const positiveText = clausesOf(query).some((clause) => !clause.negated && (clause.term.kind === 'word' || clause.term.kind === 'phrase'));
  const lazy = sort === 'date' || ranked !== undefined || !positiveText;
  const score = ranked === undefined ? sql`0` : sql`ts_rank(d.words, ${ranked}::tsquery)`;
  const order = sort === 'date' ? sql`c.published DESC` : sql`c.score DESC`;
  const select: Candidates = (batch) => sql`SELECT ${DOC_COLUMNS}, d.text, c.score, c.total
    FROM (SELECT d.rowid, ${score} AS score, coalesce(d.published, '') AS published, d.id, count(*) OVER () AS total FROM search_docs d
          WHERE ${text ?? sql`true`} AND ${fieldCondition(query, 'docs', codebook)}
          ORDER BY ${sort === 'date' ? sql`published DESC` : sql`score DESC`}, d.id COLLATE "C"
          ${batch === undefined ? sql`` : sql`LIMIT ${batch.size} OFFSET ${batch.from}`}) AS c
    JOIN search_docs d ON d.rowid = c.rowid ORDER BY ${order}, c.id COLLATE "C"`;
  return { select, ranked, lazy };
}

async function textMatches(
  db: Db,
  query: SearchQuery,
  context: TermContext,
  sort: 'relevance' | 'date',
  wanted: number,
  docs: DocReader,
  holds: (unit: Searchable) => boolean,
  spansOf: (unit: Searchable) => Span[][],
): Promise<{ matches: Match[]; unchecked: number }> {
  const annotationDocs = await annotationFieldDocs(db, query, context, docs);
  const { select, ranked, lazy } = textCandidates(query, context.codebook, sort);
  const matches: Match[] = [];
  let checked = 0;
  for await (const raw of inBatches(db, select, lazy, firstBatch(wanted))) {
    if (lazy && matches.length >= wanted) return { matches, unchecked: Number(raw.total) - checked };
    checked++;
    const row = docs.keep(docRowOf(raw), raw.text as string);
    const unit = docSearchable(row, () => raw.text as string, annotationDocs);
    if (!holds(unit)) continue;
    const spans = spansOf(unit)[0]!;
    matches.push({
      documentId: row.id,
      docRowid: row.rowid,
      score: ranked !== undefined ? Number(raw.score) : spans.length,
      hits: spans.length > 0 ? mergeSpans(spans) : [{ start: 0, end: 0 }],
      facets: { role: [row.role], outlet: [row.outlet] },
    });
  }
  return { matches, unchecked: 0 };
}

/** The annotations' candidates (alias `a`, joined to `d`) for `scopes`, and what ranks them. */
function annotationCandidates(query: SearchQuery, codebook: Codebook, scopes: readonly ('quotes' | 'notes')[]) {
  const target = { quotes: scopes.includes('quotes'), notes: scopes.includes('notes') };
  const weight = target.quotes && target.notes ? undefined : target.quotes ? 'A' : 'B';
  const text = textCondition(query, target);
  return {
    where: sql`${text ?? sql`true`} AND ${fieldCondition(query, 'anns', codebook)}`,
    ranked: text === undefined ? undefined : rankQuery(query, weight),
  };
}

function tested(raw: RawRow, docs: DocReader, scopes: readonly ('quotes' | 'notes')[], holds: (unit: Searchable) => boolean, score = 0) {
  const row = annRowOf(raw, score);
  const doc = docs.keep(docRowOf(raw));
  const texts = scopes.map((scope) => (scope === 'quotes' ? row.quote : row.note));
  return holds(annotationSearchable(row, doc, texts)) ? { row, doc } : undefined;
}

/** The annotations a search shows, checked lazily as main/search/annotation-page.ts does. */
async function annotationPage(
  db: Db,
  query: SearchQuery,
  context: TermContext,
  scopes: readonly ('quotes' | 'notes')[],
  docs: DocReader,
  sort: 'relevance' | 'date',
  wanted: number,
): Promise<{ found: { row: AnnRow; doc: DocRow }[]; unchecked: number }> {
  const holds = queryHolds(query, context);
  const { where, ranked } = annotationCandidates(query, context.codebook, scopes);
  const score = ranked === undefined || sort !== 'relevance' ? sql`0` : sql`ts_rank(a.words, ${ranked}::tsquery)`;
  const from = sql`FROM search_anns a JOIN search_docs d ON d.rowid = a.doc WHERE ${where}`;
  const order = sort === 'date' ? sql`coalesce(d.published, '') DESC` : sql`score DESC`;
  const select: Candidates = (batch) => sql`SELECT ${ANN_COLUMNS}, ${DOC_COLUMNS}, ${score} AS score, count(*) OVER () AS total ${from}
    ORDER BY ${order}, d.id COLLATE "C", a.rowid ${batch === undefined ? sql`` : sql`LIMIT ${batch.size} OFFSET ${batch.from}`}`;
  const found: { row: AnnRow; doc: DocRow }[] = [];
  const seen = new Set<number>();
  const pageDocs = new Set<number>();
  let remaining = 0;
  for await (const raw of inBatches(db, select, true, firstBatch(wanted))) {
    // A document first met now comes after every document of the page (its best annotation is no better).
    if (pageDocs.size >= wanted && !pageDocs.has(Number(raw.doc))) {
      remaining = Number(raw.total) - seen.size;
      break;
    }
    seen.add(Number(raw.rowid));
    const match = tested(raw, docs, scopes, holds, Number(raw.score));
    if (match !== undefined) {
      found.push(match);
      pageDocs.add(match.row.doc);
    }
  }
  if (remaining === 0) return { found, unchecked: 0 };
  const { rows } =
    await sql<RawRow>`SELECT ${ANN_COLUMNS}, ${DOC_COLUMNS}, ${score} AS score ${from} AND a.doc = ANY(${[...pageDocs]}::bigint[])`.execute(
      db,
    );
  for (const raw of rows) {
    if (seen.has(Number(raw.rowid))) continue;
    const match = tested(raw, docs, scopes, holds, Number(raw.score));
    if (match !== undefined) found.push(match);
  }
  const { rows: count } = await sql<{ n: string }>`SELECT count(*) AS n FROM search_docs`.execute(db);
  return { found, unchecked: Math.min(remaining, Number(count[0]!.n) - pageDocs.size) };
}

/** Every annotation the query lets through, as the annotations table reads it (main/search/match-annotations.ts). */
export async function pgMatchAnnotations(
  db: Db,
  query: SearchQuery,
  codebook: Codebook,
  options: { readonly matchCase: boolean },
): Promise<{ documentId: string; annotationId: string }[]> {
  const context: TermContext = { matchCase: options.matchCase, codebook };
  const holds = queryHolds(query, context);
  const scopes = new Set(scopesOf(query).map((scope) => (scope === 'text' ? 'quotes' : scope)));
  const docs = new DocReader(db);
  const found = new Map<string, { documentId: string; annotationId: string }>();
  const add = (documentId: string, annotationId: string) => found.set(`${documentId} ${annotationId}`, { documentId, annotationId });
  const annotationScopes = (['quotes', 'notes'] as const).filter((scope) => scopes.has(scope));
  if (annotationScopes.length > 0) {
    const { where } = annotationCandidates(query, codebook, annotationScopes);
    const { rows } = await sql<RawRow>`SELECT ${ANN_COLUMNS}, ${DOC_COLUMNS} FROM search_anns a JOIN search_docs d ON d.rowid = a.doc
      WHERE ${where}`.execute(db);
    for (const raw of rows) {
      const match = tested(raw, docs, annotationScopes, holds);
      if (match !== undefined) add(match.doc.id, match.row.id);
    }
  }
  if (scopes.has('claims'))
    for (const match of await claimMatches(db, context, holds, docs))
      for (const hit of match.hits) if (hit.annotationId !== undefined) add(match.documentId, hit.annotationId);
  return [...found.values()];
}
