// Runs a parsed query against the index: the engine proposes candidates (FTS5 and SQL filters
// that every match must pass), then each candidate is tested exactly (term-test.ts) and its hits
// placed in the stored text. Results are grouped by document, with snippets for the page shown.
import type { DatabaseSync } from 'node:sqlite';
import type { Codebook } from '../../core/model/codebook.ts';
import type { Span } from '../../core/search/find-text.ts';
import { clausesOf, scopesOf, type SearchQuery } from '../../core/search/query-ast.ts';
import type { SearchOptions, SearchResults } from '../../core/search/search-types.ts';
import { snippet } from '../../core/search/snippet.ts';
import { ftsExpression } from './fts-expression.ts';
import { annotationMatches, documentRows, queryHolds } from './match-annotations.ts';
import { prefilters } from './prefilters.ts';
import { countFacets } from './facets.ts';
import { groupByDocument, mergeSpans, type Match } from './group-hits.ts';
import { annotationFieldDocs, cachedTexts, claimMatches, docSearchable, type DocRow } from './searchables.ts';
import { textSpans, type Searchable, type TermContext } from './term-test.ts';

/** Text checked exactly before a page may be answered with counts that are only bounds. */
const VERIFY_BUDGET_CHARS = 1_000_000;

export function runSearch(db: DatabaseSync, query: SearchQuery, codebook: Codebook, options: SearchOptions = {}): SearchResults {
  const context: TermContext = { matchCase: options.matchCase ?? false, codebook };
  const limit = options.limit ?? 50;
  const offset = options.offset ?? 0;
  const sort = options.sort ?? 'relevance';
  const clauses = clausesOf(query);
  const scopes = scopesOf(query);
  const holds = queryHolds(query, context);
  const spansOf = (unit: Searchable): Span[][] => {
    const found: Span[][] = unit.texts().map(() => []);
    for (const clause of clauses) {
      if (clause.negated) continue;
      textSpans(clause.term, unit, context).forEach((spans, index) => found[index]!.push(...spans));
    }
    return found;
  };
  const docRows = documentRows(db);
  const docOf = docRows.get;
  const textOf = cachedTexts(db);
  const matches: Match[] = [];
  let exact = true;
  let uncheckedCandidates = 0;

  if (scopes.includes('text')) {
    const docAnnotationSets = annotationFieldDocs(db, query, context, docOf);
    const filter = prefilters(query, 'docs', codebook);
    const match = ftsExpression(query);
    const order = sort === 'date' ? 'published IS NULL, published DESC, d.rowid' : 'score DESC, d.rowid';
    const sql =
      match === undefined
        ? `SELECT d.rowid, d.id, d.title, d.role, d.outlet, d.author, d.published, d.url, d.tags, 0 AS score FROM docs d WHERE ${filter.where} ORDER BY ${order}`
        : `SELECT d.rowid, d.id, d.title, d.role, d.outlet, d.author, d.published, d.url, d.tags, -bm25(docs_fts) AS score FROM docs_fts JOIN docs d ON d.rowid = docs_fts.rowid WHERE docs_fts MATCH ? AND ${filter.where} ORDER BY ${order}`;
    const rows = db.prepare(sql).all(...(match === undefined ? [] : [match]), ...filter.params) as unknown as DocRow[];
    let checked = 0;
    for (const [index, row] of rows.entries()) {
      if (checked > VERIFY_BUDGET_CHARS && matches.length >= offset + limit) {
        exact = false;
        uncheckedCandidates = rows.length - index;
        break;
      }
      docRows.keep(row);
      const unit = docSearchable(row, () => textOf(row.rowid), docAnnotationSets);
      if (!holds(unit)) continue;
      checked += unit.texts()[0]!.length;
      const spans = spansOf(unit)[0]!;
      matches.push({
        documentId: row.id,
        docRowid: row.rowid,
        score: row.score || spans.length,
        hits: spans.length > 0 ? mergeSpans(spans) : [{ start: 0, end: 0 }],
        facets: { role: [row.role], outlet: [row.outlet] },
      });
    }
  }
  const annotationScopes = scopes.filter((scope): scope is 'quotes' | 'notes' => scope === 'quotes' || scope === 'notes');
  if (annotationScopes.length > 0) {
    for (const { row, doc } of annotationMatches(db, query, context, annotationScopes, docOf)) {
      const tags = JSON.parse(row.tags) as string[];
      matches.push({
        documentId: doc.id,
        docRowid: doc.rowid,
        score: row.score || 1,
        hits: [{ start: row.start, end: row.end, annotationId: row.id }],
        facets: {
          role: [doc.role],
          outlet: [row.outlet || doc.outlet],
          tag: tags,
          status: [row.status],
          speaker: row.speaker === '' ? [] : [row.speaker],
        },
      });
    }
  }
  if (scopes.includes('claims')) matches.push(...claimMatches(db, context, holds, docOf));

  const groups = groupByDocument(matches, (rowid) => docOf(rowid).published ?? undefined, sort);
  const page = groups.slice(offset, offset + limit).map((group) => {
    const text = textOf(group.docRowid);
    const hits = group.hits.slice(0, options.hitsPerDocument ?? 20).map((hit) => ({
      documentId: group.documentId,
      start: hit.start,
      end: hit.end,
      snippet: snippet(text, hit.start, hit.end),
      score: group.score,
      ...(hit.annotationId === undefined ? {} : { annotationId: hit.annotationId }),
      ...(hit.claimId === undefined ? {} : { claimId: hit.claimId }),
    }));
    const doc = docOf(group.docRowid);
    return {
      documentId: group.documentId,
      title: doc.title,
      ...(doc.published === null ? {} : { publishedAt: doc.published }),
      score: group.score,
      hitCount: group.hits.length,
      hits,
    };
  });
  const hitCount = groups.reduce((sum, group) => sum + group.hits.length, 0);
  return {
    counts: { documents: groups.length + uncheckedCandidates, hits: hitCount + uncheckedCandidates, exact },
    groups: page,
    ...(options.facets ? { facets: countFacets(db, matches, scopes.includes('text')) } : {}),
  };
}
