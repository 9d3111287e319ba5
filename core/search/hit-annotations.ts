// Which existing annotations a search hit on the text lies in or overlaps, so the search view can
// label the hit with them ("in Statistic, in a claim"): the words found may already be annotated.
import type { Annotation } from '../model/annotation.ts';

/** An annotation a hit lies in or overlaps: which one, its tags, and whether it holds the whole hit. */
export interface HitAnnotation {
  readonly annotationId: string;
  readonly tags: readonly string[];
  /** The annotation holds the whole hit (else it overlaps part of it). */
  readonly inside: boolean;
}

/**
 * The placed annotations of a document (not orphaned: their span is in the current text) that
 * share at least one character with `[start, end)`, in text order; those holding the whole hit first.
 * An empty span (a document matched by its details) is in none.
 *
 * @example annotationsAt(file.annotations, 10, 20) // [{ annotationId: 'a1', tags: ['statistic'], inside: true }]
 */
export function annotationsAt(annotations: readonly Annotation[], start: number, end: number): HitAnnotation[] {
  if (end <= start) return [];
  return annotations
    .filter(({ target, anchor }) => anchor.state !== 'orphaned' && target.start < end && start < target.end)
    .map(({ id, tags, target }) => ({ annotationId: id, tags, inside: target.start <= start && end <= target.end, at: target.start }))
    .sort((a, b) => Number(b.inside) - Number(a.inside) || a.at - b.at)
    .map(({ annotationId, tags, inside }) => ({ annotationId, tags, inside }));
}
