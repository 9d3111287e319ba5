// Gathers matched units (documents, annotations, claim mentions) into one group per document,
// ordered by relevance or date.
import type { Span } from '../../core/search/find-text.ts';
import type { FacetRow } from './facets.ts';

/** A matched unit on its way to a group. */
export interface Match {
  readonly documentId: string;
  readonly docRowid: number;
  readonly score: number;
  readonly hits: readonly { readonly start: number; readonly end: number; readonly annotationId?: string; readonly claimId?: string }[];
  readonly facets: FacetRow;
}

export interface Group {
  readonly documentId: string;
  readonly docRowid: number;
  score: number;
  hits: Match['hits'][number][];
}

/** Groups by document: score is the best of its units, hits are in text order. */
export function groupByDocument(
  matches: readonly Match[],
  published: (docRowid: number) => string | undefined,
  sort: 'relevance' | 'date',
): Group[] {
  const groups = new Map<number, Group>();
  for (const match of matches) {
    const group = groups.get(match.docRowid);
    if (group === undefined)
      groups.set(match.docRowid, { documentId: match.documentId, docRowid: match.docRowid, score: match.score, hits: [...match.hits] });
    else {
      group.score = Math.max(group.score, match.score);
      group.hits.push(...match.hits);
    }
  }
  const list = [...groups.values()];
  for (const group of list) group.hits.sort((a, b) => a.start - b.start || a.end - b.end);
  const byScore = (a: Group, b: Group) => b.score - a.score || (a.documentId < b.documentId ? -1 : 1);
  if (sort === 'relevance') return list.sort(byScore);
  const dateOf = (group: Group) => published(group.docRowid) ?? '';
  return list.sort((a, b) => (dateOf(a) === dateOf(b) ? byScore(a, b) : dateOf(a) < dateOf(b) ? 1 : -1));
}

/** Spans sorted, with overlapping ones (two terms on the same words) merged into one. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.start < last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    else merged.push(span);
  }
  return merged;
}
