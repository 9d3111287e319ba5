// Settling a disagreement: the curated annotations to write for a region, as new annotations
// under the curator's name. The coders' own annotations are left as they are, so the figures
// can still be computed on them and the curation can be undone by deleting what it wrote.
import type { Annotation } from '../model/annotation.ts';
import type { Region } from './disagreements.ts';

/**
 * `accept`: one coder's side as it is (nothing, when that coder marked nothing there).
 * `merge`: the first coder with annotations in the region (in the disagreement's order) gives the
 * spans, status, speaker and note; the tags are the union of every coder's tags in the region.
 */
export type CurationChoice = { readonly kind: 'accept'; readonly coder: string } | { readonly kind: 'merge' };

export interface CurationOptions {
  /** The curated version's creator: "curator" or the analyst's name. */
  readonly creator: string;
  /** ISO date-time for created and modified. */
  readonly now: string;
  /** A new annotation id (the caller's id scheme; curation stays pure). */
  readonly newId: () => string;
}

/**
 * The annotations to write as the curated version of `disagreement` (or of a region where the
 * coders agree: accepting the first coder's side copies what they agreed on). `annotations` holds (at
 * least) every annotation the disagreement names; a missing one is a bug and throws.
 *
 * @example curate(item, documentAnnotations, { kind: 'accept', coder: 'bob' }, { creator: 'curator', now, newId })
 */
export function curate(
  disagreement: Region,
  annotations: readonly Annotation[],
  choice: CurationChoice,
  options: CurationOptions,
): Annotation[] {
  const byId = new Map(annotations.map((annotation) => [annotation.id, annotation]));
  const side = (ids: readonly string[]) =>
    ids.map((id) => {
      const annotation = byId.get(id);
      if (annotation === undefined) throw new Error(`annotation ${id} named by the disagreement is missing`);
      return annotation;
    });
  const copy = (annotation: Annotation, tags: readonly string[]): Annotation => ({
    ...annotation,
    id: options.newId(),
    tags: [...tags],
    creator: options.creator,
    created: options.now,
    modified: options.now,
  });
  if (choice.kind === 'accept') {
    const chosen = disagreement.sides.find((one) => one.coder === choice.coder);
    if (chosen === undefined) throw new Error(`${choice.coder} is not a coder of this disagreement`);
    return side(chosen.annotationIds).map((annotation) => copy(annotation, annotation.tags));
  }
  const first = disagreement.sides.find((one) => one.annotationIds.length > 0);
  if (first === undefined) return [];
  // The first coder's tags first, in their order, then the others' as they come.
  const everyTag = disagreement.sides.flatMap((one) => side(one.annotationIds).flatMap((annotation) => annotation.tags));
  return side(first.annotationIds).map((annotation) => copy(annotation, [...new Set([...annotation.tags, ...everyTag])]));
}
