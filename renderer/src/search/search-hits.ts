// The search view's pure parts: its hits in reading order (as the arrow keys walk them), a hit's
// stable key, a snippet cut around its highlight, what annotations a hit is in, and the query
// with a caret under a mistake.
import type { HitAnnotation } from '../../../core/contract/search-api.ts';
import { describeMembership, type ClaimMembership } from '../../../core/evidence/membership.ts';
import type { SearchGroup, SearchHit } from '../../../core/search/search-types.ts';
import type { Snippet } from '../../../core/search/snippet.ts';

/** Every hit shown, group after group, with the group it is in. */
export function flatHits(groups: readonly SearchGroup[]): { hit: SearchHit; group: SearchGroup }[] {
  return groups.flatMap((group) => group.hits.map((hit) => ({ hit, group })));
}

/** What names a hit across answers (the same span of the same document, annotation and claim). */
export function hitKey(hit: SearchHit): string {
  return `${hit.documentId}:${hit.start}-${hit.end}:${hit.annotationId ?? ''}:${hit.claimId ?? ''}`;
}

/**
 * The hit the arrow keys go to from `index`: one on (`delta` ±1), or to the first or the last
 * (Home, End: ±Infinity); stays inside the list, -1 when it is empty.
 */
export function moveIndex(index: number, delta: number, count: number): number {
  if (count === 0) return -1;
  if (delta === -Infinity) return 0;
  if (delta === Infinity) return count - 1;
  return Math.min(count - 1, Math.max(0, index + delta));
}

/** A snippet in three parts: before the hit, the hit (to highlight), after it. */
export function snippetParts({ text, highlightStart, highlightEnd }: Snippet): [string, string, string] {
  return [text.slice(0, highlightStart), text.slice(highlightStart, highlightEnd), text.slice(highlightEnd)];
}

/**
 * The line of the query where a mistake is, and a caret under the mistake, for a monospace font.
 * @example caretUnder('a "b', 2) // { line: 'a "b', caret: '  ^' }
 */
export function caretUnder(query: string, offset: number): { line: string; caret: string } {
  const lineStart = query.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = query.indexOf('\n', offset);
  const line = query.slice(lineStart, lineEnd < 0 ? query.length : lineEnd);
  return { line, caret: `${' '.repeat([...query.slice(lineStart, offset)].length)}^` };
}

/**
 * What the annotations a hit on the text lies in (or overlaps) are, in words: their tags, and the
 * claims they are mentions of with the verdict; '' when it is in none.
 * @example hitInLabel([{ annotationId: 'a', tags: ['statistic'], inside: true }], nameOf, () => []) // 'In Statistic'
 */
export function hitInLabel(
  annotations: readonly HitAnnotation[] | undefined,
  tagName: (tagId: string) => string,
  claimsOf: (annotationId: string) => readonly ClaimMembership[],
  shorten: (text: string) => string = (text) => text,
): string {
  if (annotations === undefined || annotations.length === 0) return '';
  const tagsOf = (inside: boolean) => {
    const chosen = annotations.filter((one) => one.inside === inside);
    const names = [...new Set(chosen.flatMap((one) => one.tags))].map(tagName);
    return chosen.length === 0 ? [] : [names.length > 0 ? names.join(', ') : 'an annotation'];
  };
  const claims = new Map(annotations.flatMap((one) => claimsOf(one.annotationId)).map((claim) => [claim.claimId, claim]));
  return [
    ...tagsOf(true).map((names) => `In ${names}`),
    ...tagsOf(false).map((names) => `Overlaps ${names}`),
    ...(claims.size > 0 ? [describeMembership([...claims.values()], shorten)] : []),
  ].join(' · ');
}
