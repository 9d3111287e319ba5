// The coders' annotations as the agreement measures read them: grouped by coder (the annotation's
// creator) and document, and, per chosen tag, each coder's spans carrying that tag or one below it.
import type { Annotation } from '../model/annotation.ts';
import { clampedSpans, type Span } from './spans.ts';

/** The fields of an annotation the figures need; a whole `Annotation` fits. */
export interface CodedAnnotation {
  readonly id: string;
  readonly target: { readonly start: number; readonly end: number };
  readonly tags: readonly string[];
  readonly anchor?: { readonly state: string };
}

/** coder (creator) → document id → that coder's annotations in the document. */
export type AnnotationsByCoder<A = CodedAnnotation> = ReadonlyMap<string, ReadonlyMap<string, readonly A[]>>;

/**
 * Groups documents' annotations by creator, then document: the input `agreementReport` takes.
 *
 * @example groupByCoder(store.documents.map((d) => ({ id: d.meta.id, annotations: d.annotations })))
 */
export function groupByCoder<A extends Pick<Annotation, 'creator'>>(
  documents: readonly { readonly id: string; readonly annotations: readonly A[] }[],
): Map<string, Map<string, A[]>> {
  const byCoder = new Map<string, Map<string, A[]>>();
  for (const document of documents) {
    for (const annotation of document.annotations) {
      let byDocument = byCoder.get(annotation.creator);
      if (byDocument === undefined) byCoder.set(annotation.creator, (byDocument = new Map()));
      let list = byDocument.get(document.id);
      if (list === undefined) byDocument.set(document.id, (list = []));
      list.push(annotation);
    }
  }
  return byCoder;
}

/**
 * For each chosen tag (by index), the chosen tags each tag id counts towards: itself and its
 * ancestors among the chosen ones. `within(tag)` is the tag with its descendants.
 */
export function tagLookup(tagIds: readonly string[], within: (tagId: string) => ReadonlySet<string>): Map<string, number[]> {
  const lookup = new Map<string, number[]>();
  tagIds.forEach((chosen, index) => {
    for (const id of within(chosen)) {
      const list = lookup.get(id);
      if (list === undefined) lookup.set(id, [index]);
      else if (!list.includes(index)) list.push(index);
    }
  });
  return lookup;
}

/**
 * `spans[tag][coder]`: each coder's spans in one document carrying the chosen tag or a tag below
 * it, each annotation once per chosen tag, cut to the text and sorted. Orphaned annotations are
 * left out: their offsets refer to a text the document no longer has.
 */
export function spansByTagAndCoder(
  annotationsPerCoder: readonly (readonly CodedAnnotation[])[],
  lookup: ReadonlyMap<string, readonly number[]>,
  tagCount: number,
  textLength: number,
): (readonly Span[])[][] {
  const spans: Span[][][] = Array.from({ length: tagCount }, () => annotationsPerCoder.map(() => []));
  const seen = new Uint32Array(tagCount);
  let stamp = 0;
  annotationsPerCoder.forEach((annotations, coder) => {
    // Sorted once here, each tag's list comes out sorted and clampedSpans need not copy it.
    const sorted = [...annotations].sort((a, b) => a.target.start - b.target.start || a.target.end - b.target.end);
    for (const annotation of sorted) {
      if (annotation.anchor?.state === 'orphaned') continue;
      stamp++;
      for (const tag of annotation.tags) {
        for (const index of lookup.get(tag) ?? []) {
          // A parent and its child on one annotation count it once for the parent.
          if (seen[index] === stamp) continue;
          seen[index] = stamp;
          // The target is a span already: no copy for each of 300,000 annotations.
          spans[index]![coder]!.push(annotation.target);
        }
      }
    }
  });
  return spans.map((byCoder) => byCoder.map((list) => clampedSpans(list, textLength)));
}
