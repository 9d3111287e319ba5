// The curated version of a disagreement region: the annotations its curator has there, whether
// the region is settled, and what a decision changes (the curated annotations it writes, and the
// earlier curated ones it replaces), so deciding again, or undoing, never stacks two versions.
import type { Annotation } from '../model/annotation.ts';
import type { Disagreement } from './disagreements.ts';

/** The creator of the curated version unless the analyst curates under their own name. */
export const CURATOR = 'curator';

/** The fields compared to tell whether a decision changes the curated version. */
type Curated = Pick<Annotation, 'target' | 'tags' | 'status' | 'speaker' | 'outlet' | 'note'> & {
  readonly anchor?: { readonly state: string };
};

/**
 * `curator`'s annotations inside the region of `disagreement` (from its start to its end), not
 * orphaned, and carrying one of `tagIds` when given (a tag with its descendants, as the
 * disagreements were listed): the curated version of that region.
 *
 * @example curatedIn(item, documentAnnotations, 'curator') // [] until a decision is written
 */
export function curatedIn<A extends Curated & Pick<Annotation, 'creator'>>(
  disagreement: Pick<Disagreement, 'start' | 'end'>,
  annotations: readonly A[],
  curator: string,
  tagIds?: ReadonlySet<string>,
): A[] {
  return annotations.filter(
    (annotation) =>
      annotation.creator === curator &&
      annotation.anchor?.state !== 'orphaned' &&
      annotation.target.start >= disagreement.start &&
      annotation.target.end <= disagreement.end &&
      (tagIds === undefined || annotation.tags.some((tag) => tagIds.has(tag))),
  );
}

/** What writing a decision does to a document: annotations to add, curated ones to remove. */
export interface CurationEdit {
  readonly put: readonly Annotation[];
  readonly remove: readonly Annotation[];
}

/**
 * The edit that makes `written` the curated version of the region: the curated annotations
 * already there (`curatedIn`) go, `written` comes. Nothing, when the region's curated version is
 * already what `written` says (the same spans, tags, status, speaker, outlet and note), so the
 * same decision twice is one undo step, not two.
 */
export function curationEdit(existing: readonly Annotation[], written: readonly Annotation[]): CurationEdit {
  if (sameVersion(existing, written)) return { put: [], remove: [] };
  return { put: written, remove: existing };
}

function sameVersion(a: readonly Curated[], b: readonly Curated[]): boolean {
  const key = (annotation: Curated) =>
    JSON.stringify([
      annotation.target.start,
      annotation.target.end,
      [...annotation.tags].sort(),
      annotation.status,
      annotation.speaker,
      annotation.outlet,
      annotation.note,
    ]);
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((one, index) => one === right[index]);
}
