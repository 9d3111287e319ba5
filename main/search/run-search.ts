// Runs a parsed query against the index: the engine proposes candidates (FTS5 and SQL filters
// that every match must pass), then each candidate is tested exactly (term-test.ts) and its hits
// placed in the stored text. Results are grouped by document, with snippets for the page shown.
// Documents are checked only until the page is full (text-matches.ts): the counts are then
// bounds (`exact` false: at most so many documents, at least so many hits).
import type { DatabaseSync } from 'node:sqlite';
import type { Codebook } from '../../core/model/codebook.ts';
import type { Span } from '../../core/search/find-text.ts';
import { clausesOf, scopesOf, type SearchQuery } from '../../core/search/query-ast.ts';
import type { SearchOptions, SearchResults } from '../../core/search/search-types.ts';
import { snippet } from '../../core/search/snippet.ts';
import { countFacets } from './facets.ts';
import { groupByDocument, type Match } from './group-hits.ts';
import { annotationPage } from './annotation-page.ts';
import { documentRows, queryHolds } from './match-annotations.ts';
import { annotationMatch, cachedTexts, claimMatches } from './searchables.ts';
import { textSpans, type Searchable, type TermContext } from './term-test.ts';
import { textMatches, type TextMatches } from './text-matches.ts';

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
  // Checked only until the page is full where one kind of unit answers (the text, or annotations):
  // a page mixing kinds could owe its order to a unit not checked yet.
  const oneKind = scopes.every((scope) => scope === 'text') || scopes.every((scope) => scope === 'quotes' || scope === 'notes');
  const wanted = oneKind ? offset + limit : Infinity;
  const docOf = documentRows(db).get;
  const textOf = cachedTexts(db);
  const matches: Match[] = [];
  let text: TextMatches | undefined;
  if (scopes.includes('text')) {
    text = textMatches(db, query, context, sort, wanted, docOf, textOf, holds, spansOf);
    matches.push(...text.matches);
  }
  let uncheckedAnnotationDocuments = 0;
  const annotationScopes = scopes.filter((scope): scope is 'quotes' | 'notes' => scope === 'quotes' || scope === 'notes');
  if (annotationScopes.length > 0) {
    const annotations = annotationPage(db, query, context, annotationScopes, docOf, sort, wanted);
    uncheckedAnnotationDocuments = annotations.unchecked;
    for (const { row, doc } of annotations.found) matches.push(annotationMatch(row, doc));
  }
  if (scopes.includes('claims')) matches.push(...claimMatches(db, context, holds, docOf));

  const groups = groupByDocument(matches, (rowid) => docOf(rowid).published ?? undefined, sort);
  const pageGroups = groups.slice(offset, offset + limit);
  const page = pageGroups.map((group) => {
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
  // Unchecked candidates may match (documents: an upper bound) and may hold more hits (hits: a lower bound).
  const unchecked = (text?.unchecked ?? 0) + uncheckedAnnotationDocuments;
  return {
    counts: { documents: groups.length + unchecked, hits: hitCount, exact: unchecked === 0 },
    groups: page,
    ...(options.facets ? { facets: countFacets(db, matches, scopes.includes('text')) } : {}),
  };
}
