// The disagreements between coders in one document, for curation: regions where their
// annotations differ, each naming the annotations on every side, so the analyst can settle them
// one by one (curate.ts writes the result).
import type { Annotation } from '../model/annotation.ts';

/**
 * What differs in a region:
 *  - `marked-by-some`: some chosen coder has no annotation there (with two coders: only one marked it)
 *  - `boundaries`: coders marked it with different spans (overlapping, not the same)
 *  - `tags`, `status`, `speaker`: the coders' annotations there differ in it (span by span when
 *    their spans are the same; as a whole otherwise)
 */
export type DisagreementKind = 'marked-by-some' | 'boundaries' | 'tags' | 'status' | 'speaker';

/** One coder's annotations in a region; none when the coder did not mark it. */
export interface DisagreementSide {
  readonly coder: string;
  readonly annotationIds: readonly string[];
}

/** A region of overlapping annotations, with every chosen coder's annotations in it. */
export interface Region {
  readonly documentId: string;
  /** From the first annotation's start to the last one's end. */
  readonly start: number;
  readonly end: number;
  /** Every chosen coder, in the order chosen. */
  readonly sides: readonly DisagreementSide[];
}

/** A region where the coders' annotations differ, and how. */
export interface Disagreement extends Region {
  readonly kinds: readonly DisagreementKind[];
}

/** The fields compared; a whole `Annotation` fits. */
export type ComparedAnnotation = Pick<Annotation, 'id' | 'tags' | 'status' | 'speaker'> & {
  readonly target: { readonly start: number; readonly end: number };
  readonly anchor?: { readonly state: string };
};

/**
 * Every disagreement among `coders` in one document, in text order. Annotations that overlap,
 * directly or through a chain, form one region; a region where every coder has the same spans
 * with the same tags, status and speaker is agreement and is not listed. With `tagIds` (a tag
 * with its descendants, as the analyst chose), only annotations carrying one of them count.
 * Orphaned annotations are left out (their offsets refer to an older text).
 */
export function listDisagreements(
  documentId: string,
  annotationsByCoder: ReadonlyMap<string, readonly ComparedAnnotation[]>,
  coders: readonly string[],
  tagIds?: ReadonlySet<string>,
): Disagreement[] {
  return regionsOf(documentId, annotationsByCoder, coders, tagIds).flatMap(({ region, kinds }) =>
    kinds.length === 0 ? [] : [{ ...region, kinds }],
  );
}

/**
 * The regions of one document where the coders agree (the complement of `listDisagreements` among
 * the regions: every coder has the same spans with the same tags, status and speaker), in text
 * order: what a curated version takes over as it is.
 */
export function listAgreements(
  documentId: string,
  annotationsByCoder: ReadonlyMap<string, readonly ComparedAnnotation[]>,
  coders: readonly string[],
  tagIds?: ReadonlySet<string>,
): Region[] {
  return regionsOf(documentId, annotationsByCoder, coders, tagIds).flatMap(({ region, kinds }) => (kinds.length === 0 ? [region] : []));
}

/** Every region of overlapping annotations among `coders`, with what differs in it (nothing: they agree). */
function regionsOf(
  documentId: string,
  annotationsByCoder: ReadonlyMap<string, readonly ComparedAnnotation[]>,
  coders: readonly string[],
  tagIds: ReadonlySet<string> | undefined,
): { region: Region; kinds: DisagreementKind[] }[] {
  const chosen = [...new Set(coders)];
  const entries: { coder: number; annotation: ComparedAnnotation }[] = [];
  chosen.forEach((coder, index) => {
    for (const annotation of annotationsByCoder.get(coder) ?? []) {
      if (annotation.anchor?.state === 'orphaned') continue;
      if (tagIds !== undefined && !annotation.tags.some((tag) => tagIds.has(tag))) continue;
      entries.push({ coder: index, annotation });
    }
  });
  entries.sort(
    (a, b) =>
      a.annotation.target.start - b.annotation.target.start || a.annotation.target.end - b.annotation.target.end || a.coder - b.coder,
  );
  const regions: { region: Region; kinds: DisagreementKind[] }[] = [];
  let region: typeof entries = [];
  let regionEnd = -Infinity;
  const close = () => {
    if (region.length > 0) regions.push(describeRegion(documentId, chosen, region));
  };
  for (const entry of entries) {
    // Sorted by start, an annotation joins the region when it starts before the region ends.
    if (entry.annotation.target.start >= regionEnd) {
      close();
      region = [];
      regionEnd = -Infinity;
    }
    region.push(entry);
    regionEnd = Math.max(regionEnd, entry.annotation.target.end);
  }
  close();
  return regions;
}

function describeRegion(
  documentId: string,
  coders: readonly string[],
  region: readonly { coder: number; annotation: ComparedAnnotation }[],
): { region: Region; kinds: DisagreementKind[] } {
  const byCoder = coders.map((_, index) => region.filter((entry) => entry.coder === index).map((entry) => entry.annotation));
  const marking = byCoder.filter((annotations) => annotations.length > 0);
  const kinds: DisagreementKind[] = [];
  if (marking.length < coders.length) kinds.push('marked-by-some');
  if (marking.length >= 2) {
    const spans = marking.map((annotations) => signature(annotations, () => ''));
    const sameSpans = spans.every((one) => one === spans[0]);
    if (!sameSpans) kinds.push('boundaries');
    // Span by span when the spans are the same; otherwise what each coder said about the region.
    const compare = (kind: DisagreementKind, field: (annotation: ComparedAnnotation) => string) => {
      const said = marking.map((annotations) =>
        sameSpans ? signature(annotations, field) : [...new Set(annotations.map(field))].sort().join('\n'),
      );
      if (said.some((one) => one !== said[0])) kinds.push(kind);
    };
    compare('tags', (annotation) => [...new Set(annotation.tags)].sort().join(' '));
    compare('status', (annotation) => annotation.status);
    compare('speaker', (annotation) => annotation.speaker.trim());
  }
  return {
    region: {
      documentId,
      start: Math.min(...region.map((entry) => entry.annotation.target.start)),
      end: Math.max(...region.map((entry) => entry.annotation.target.end)),
      sides: coders.map((coder, index) => ({ coder, annotationIds: byCoder[index]!.map((annotation) => annotation.id) })),
    },
    kinds,
  };
}

/** A coder's annotations in a region as one comparable string: spans with a field, sorted. */
function signature(annotations: readonly ComparedAnnotation[], field: (annotation: ComparedAnnotation) => string): string {
  return annotations
    .map((annotation) => `${annotation.target.start}:${annotation.target.end}|${field(annotation)}`)
    .sort()
    .join('\n');
}
