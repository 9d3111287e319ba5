// Filtering the annotations panel (pure, so it is tested without a browser).
import type { Annotation } from '../../../core/model/annotation.ts';

export interface AnnotationFilter {
  /** A tag id; a parent tag also matches its children. '' for any. */
  readonly tag: string;
  readonly status: string;
  readonly query: string;
}

export const NO_FILTER: AnnotationFilter = { tag: '', status: '', query: '' };

export function filterAnnotations(
  annotations: readonly Annotation[],
  { tag, status, query }: AnnotationFilter,
  parentOf: ReadonlyMap<string, string | undefined>,
  /** Every spelling of a speaker (its codebook entity's name and aliases), so that "Zelensky" finds "Zelenskyy". */
  spellingsOf: (speaker: string) => readonly string[] = (speaker) => [speaker],
): readonly Annotation[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const underTag = (tagId: string): boolean => {
    for (let current: string | undefined = tagId; current !== undefined; current = parentOf.get(current)) if (current === tag) return true;
    return false;
  };
  // No filter (the usual case): the same annotations, without looking at 10,000 of them.
  if (tag === '' && status === '' && words.length === 0) return annotations;
  return annotations.filter((annotation) => {
    if (status !== '' && annotation.status !== status) return false;
    if (tag !== '' && !annotation.tags.some(underTag)) return false;
    if (words.length === 0) return true;
    const haystack = [annotation.target.exact, ...spellingsOf(annotation.speaker), annotation.outlet, annotation.note]
      .join('\n')
      .toLocaleLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
