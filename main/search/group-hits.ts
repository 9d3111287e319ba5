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
  return list.sort(compareGroups(sort, published));
}

/**
 * The order of the results: by relevance (best score first), or by date (newest first, undated
 * last); ties by document id, in code point order (SQLite's, which text-matches.ts sorts by
 * too). The date order does not look at the score, so that documents can be
 * put in order before their hits are counted (text-matches.ts).
 */
export function compareGroups(
  sort: 'relevance' | 'date',
  published: (docRowid: number) => string | undefined,
): (a: Pick<Group, 'documentId' | 'docRowid' | 'score'>, b: Pick<Group, 'documentId' | 'docRowid' | 'score'>) => number {
  const byId = (a: { documentId: string }, b: { documentId: string }) => byCodePoint(a.documentId, b.documentId);
  if (sort === 'relevance') return (a, b) => b.score - a.score || byId(a, b);
  return (a, b) => {
    const dateA = published(a.docRowid) ?? '';
    const dateB = published(b.docRowid) ?? '';
    return dateA === dateB ? byId(a, b) : dateA < dateB ? 1 : -1;
  };
}

/** Strings in code point order (UTF-8's byte order, SQLite's BINARY), not UTF-16 units'. */
export function byCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    // Surrogates (astral code points) sort after U+E000–U+FFFF.
    if (x !== y) return unitRank(x) - unitRank(y);
  }
  return a.length - b.length;
}

function unitRank(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit;
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
