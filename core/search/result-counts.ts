// How a search's counts are said, in the search view and by `claimbench search`: exactly, or as
// the bounds they are when the search stopped checking once its page was full (search-types.ts).
import type { SearchResults } from './search-types.ts';

/**
 * "3 hits in 2 documents"; when not exact, "40+ hits in at most 1,102 documents": the hits found
 * so far (there may be more) and the documents that may match (some may not).
 * @example resultCountsText({ documents: 1102, hits: 40, exact: false }) // '40+ hits in at most 1,102 documents'
 */
export function resultCountsText(counts: SearchResults['counts']): string {
  const number = (n: number) => n.toLocaleString('en');
  const hits = counts.exact ? `${number(counts.hits)} ${counts.hits === 1 ? 'hit' : 'hits'}` : `${number(counts.hits)}+ hits`;
  const documents = `${number(counts.documents)} ${counts.documents === 1 ? 'document' : 'documents'}`;
  return `${hits} in ${counts.exact ? '' : 'at most '}${documents}`;
}

/** A hit count alone, as a badge: "12", or "12+" when there may be more. */
export function hitCountText(counts: Pick<SearchResults['counts'], 'hits' | 'exact'>): string {
  return `${counts.hits.toLocaleString('en')}${counts.exact ? '' : '+'}`;
}
