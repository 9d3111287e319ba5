// Reading a document's annotations in pages, in text order, so a window can paint the top of a
// long document before the rest of its annotations have arrived. Pages are keyed by the last
// annotation sent (not by index), so annotations added or removed meanwhile never make a page
// skip one.
import { z } from 'zod';
import { AnnotationId, type Annotation } from '../model/annotation.ts';

/** Where the next page starts: after this annotation, in text order. */
export const AnnotationCursor = z.strictObject({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  id: AnnotationId,
});
export type AnnotationCursor = z.infer<typeof AnnotationCursor>;

export interface AnnotationPage {
  readonly annotations: Annotation[];
  /** Absent on the last page. */
  readonly next?: AnnotationCursor;
}

/** Text order: by start, the enclosing (longer) span first, then by id so the order is total. */
export function compareTextOrder(a: Annotation | AnnotationCursor, b: Annotation | AnnotationCursor): number {
  const [startA, endA] = 'target' in a ? [a.target.start, a.target.end] : [a.start, a.end];
  const [startB, endB] = 'target' in b ? [b.target.start, b.target.end] : [b.start, b.end];
  return startA - startB || endB - endA || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const sortedCache = new WeakMap<readonly Annotation[], readonly Annotation[]>();

/** `annotations` in text order; remembered per array (stored documents replace theirs on change). */
export function sortedByText(annotations: readonly Annotation[]): readonly Annotation[] {
  let sorted = sortedCache.get(annotations);
  if (sorted === undefined) {
    sorted = [...annotations].sort(compareTextOrder);
    sortedCache.set(annotations, sorted);
  }
  return sorted;
}

/** Up to `limit` annotations after `cursor` (from the first without one), in text order. */
export function annotationPage(annotations: readonly Annotation[], cursor: AnnotationCursor | undefined, limit: number): AnnotationPage {
  const sorted = sortedByText(annotations);
  let from = 0;
  if (cursor !== undefined) {
    // The first annotation after the cursor: binary search, as the list may hold 10,000.
    let high = sorted.length;
    while (from < high) {
      const middle = (from + high) >>> 1;
      if (compareTextOrder(sorted[middle]!, cursor) <= 0) from = middle + 1;
      else high = middle;
    }
  }
  const page = sorted.slice(from, from + limit);
  const last = page.at(-1);
  return from + limit < sorted.length && last
    ? { annotations: page, next: { start: last.target.start, end: last.target.end, id: last.id } }
    : { annotations: page };
}
