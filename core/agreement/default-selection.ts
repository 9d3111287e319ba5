// What the agreement report compares when the analyst has not chosen: every coder with
// annotations in the chosen documents, and every codebook tag those coders used.
import type { Codebook } from '../model/codebook.ts';
import type { AnnotationsByCoder } from './coded-annotations.ts';

/**
 * The coders of `annotationsByCoder` (grouped from the chosen documents), sorted: a coder is a
 * creator with at least one annotation there.
 */
export function codersOf(annotationsByCoder: AnnotationsByCoder): string[] {
  return [...annotationsByCoder]
    .filter(([, byDocument]) => [...byDocument.values()].some((annotations) => annotations.length > 0))
    .map(([coder]) => coder)
    .sort();
}

/**
 * The codebook's tags, in codebook order, that any of `coders` put on an annotation the figures
 * read (orphaned ones are left out, as the figures leave them out). Tags no longer in the
 * codebook are not reported: the report counts a tag with the tags below it in the codebook.
 *
 * @example tagsUsed(groupByCoder(documents), ['Ana', 'Ben'], codebook) // ['statistic', 'quote']
 */
export function tagsUsed(annotationsByCoder: AnnotationsByCoder, coders: readonly string[], codebook: Codebook): string[] {
  const used = new Set<string>();
  for (const coder of coders) {
    for (const annotations of annotationsByCoder.get(coder)?.values() ?? []) {
      for (const annotation of annotations) {
        if (annotation.anchor?.state !== 'orphaned') for (const tag of annotation.tags) used.add(tag);
      }
    }
  }
  return codebook.tags.filter((tag) => used.has(tag.id)).map((tag) => tag.id);
}
