// The curated version of a disagreement region: the annotations its curator has there, whether
// the region is settled, and what a decision changes (the curated annotations it writes, and the
// earlier curated ones it replaces), so deciding again, or undoing, never stacks two versions; and
// the regions settled as "nothing here", which have no annotation and are kept with the document.
import type { Annotation } from '../model/annotation.ts';
import type { DocumentMeta, KeptNothing } from '../model/document.ts';
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

/** Where a document keeps its "nothing here" decisions, and the text they were made on. */
type KeptNothingHolder = Pick<DocumentMeta, 'keptNothing' | 'textHash'>;

/**
 * Whether `curator` settled exactly this region of the document's current text as "nothing here"
 * (accepted the side of a coder who marked nothing). A region is named by its bounds: when the
 * coders' annotations change so that the region does, the decision no longer applies to it.
 */
export function keptNothingIn(region: Pick<Disagreement, 'start' | 'end'>, meta: KeptNothingHolder, curator: string): boolean {
  return (meta.keptNothing ?? []).some(
    (kept) => kept.curator === curator && kept.textHash === meta.textHash && kept.start === region.start && kept.end === region.end,
  );
}

/**
 * The document's "nothing here" decisions once `curator` has decided on `region`: with it when the
 * decision keeps nothing there (`nothing`), without it otherwise (annotations are the curated
 * version now). Undefined when that is what the document holds already.
 *
 * @example keptNothingAfter(file.meta, item, 'curator', true) // [..., { curator, textHash, start, end }]
 */
export function keptNothingAfter(
  meta: KeptNothingHolder,
  region: Pick<Disagreement, 'start' | 'end'>,
  curator: string,
  nothing: boolean,
): KeptNothing[] | undefined {
  if (keptNothingIn(region, meta, curator) === nothing) return undefined;
  const others = (meta.keptNothing ?? []).filter(
    (kept) => !(kept.curator === curator && kept.textHash === meta.textHash && kept.start === region.start && kept.end === region.end),
  );
  return nothing ? [...others, { curator, textHash: meta.textHash, start: region.start, end: region.end }] : others;
}
