// Placing the annotations of an annotation file (./read-annotation-file.ts turns the file into W3C
// annotation objects) on one document: each found again by its position or quote
// (annotationFromW3C, ./w3c/w3c-read.ts), its tags and status matched to the workspace's
// (core/codebook/label-resolvers.ts), what is already there or made on something else left out.
// Nothing is written: the plan is what the caller saves (main/workbench/annotation-file-import.ts).
import { statusResolver, tagResolver } from '../codebook/label-resolvers.ts';
import { Annotation, AnnotationId, type AnchorInfo } from '../model/annotation.ts';
import { Codebook, type Tag } from '../model/codebook.ts';
import type { VerificationStatus } from '../model/workspace.ts';
import { codePointIndex } from '../text/code-points.ts';
import { isObject, listOf, own } from './json-input.ts';
import { idFromIri } from './w3c/w3c-iris.ts';
import { annotationFromW3C } from './w3c/w3c-read.ts';

export interface AnnotationImportInput {
  /** The document's text (NFC, LF), which the annotations are placed on. */
  readonly text: string;
  readonly codebook: Codebook;
  /** The workspace's statuses; the first is given to annotations whose status is not among them. */
  readonly statuses: readonly VerificationStatus[];
  /** The document's annotations, to skip what is already there. */
  readonly existing: readonly Annotation[];
  /** W3C annotation objects (AnnotationFile.items), possibly hostile. */
  readonly items: readonly unknown[];
  /** ISO date-time for annotations whose file gives no dates. */
  readonly now: string;
  readonly newId: () => string;
  /** The creator of annotations whose file names none. */
  readonly analyst: string;
  /**
   * What the document is, to leave out annotations made on something else: the hashes of its
   * texts (current and earlier; a Claimbench export names the text of each annotation), and the
   * address it was published at (a Hypothesis row names the page it was made on).
   */
  readonly document?: { readonly textHashes: readonly string[]; readonly sourceUrl?: string };
}

/** An approximate match less alike than this is not the same passage: it is reported not found. */
export const MIN_IMPORT_CONFIDENCE = 0.75;

/** What an import would add; indices are positions in `items`. */
export interface AnnotationImportPlan {
  readonly annotations: Annotation[];
  /** Tags to add to the codebook, used by `annotations`. */
  readonly newTags: Tag[];
  readonly notFound: { index: number; quote: string }[];
  readonly invalid: { index: number; reason: string }[];
  /** Items skipped as the same span, note and tags as an existing annotation or an earlier item. */
  readonly duplicates: number;
  /** Annotations placed on a similar, not identical, quote (for review). */
  readonly fuzzy: number;
  /** Items made on another text or page (see `AnnotationImportInput.document`). */
  readonly elsewhere: number;
}

const AnnotationFields = Annotation.omit({ id: true, tags: true });

/**
 * Places W3C annotation objects on a document's text. Each is read with annotationFromW3C (its
 * position if the text there is the quote, else the quote found again: moved or fuzzy). Tags match
 * the codebook by id when that tag has the same name (any case), else by name (any case, the first
 * such tag), else a new tag is planned (id from the name, colour from the palette, no shortcut),
 * shared by every item naming it. The status matches by id, else by label (any case), else is the
 * first status. An item with the span, note and tags of an existing annotation or of an earlier
 * item is a duplicate. New annotations get `newId()`, never the file's ids; the creator and dates
 * come from the file, else `analyst` and `now` (a file with only one date gives it to both).
 * Nothing here throws on hostile items; a caller's bug does: a `newId` that repeats or gives an
 * invalid id, or a codebook that is not valid.
 * @example
 * const plan = planAnnotationImport({ text, codebook, statuses, existing, items, now: new Date().toISOString(), newId: () => crypto.randomUUID(), analyst: 'Ana' });
 * // plan.annotations to save, plan.newTags to add first; plan.notFound, plan.invalid to show
 */
export function planAnnotationImport(input: AnnotationImportInput): AnnotationImportPlan {
  const fallbackStatus = input.statuses[0];
  if (fallbackStatus === undefined) throw new RangeError('a workspace has at least one verification status');
  const codePoints = codePointIndex(input.text);
  const tags = tagResolver(input.codebook);
  const statusOf = statusResolver(input.statuses, fallbackStatus.id);
  const seen = new Set(input.existing.map((annotation) => sameness(annotation.target, annotation.note, annotation.tags)));
  const usedIds = new Set(input.existing.map((annotation) => annotation.id));
  const plan = {
    annotations: [] as Annotation[],
    newTags: tags.created,
    notFound: [] as { index: number; quote: string }[],
    invalid: [] as { index: number; reason: string }[],
    duplicates: 0,
    fuzzy: 0,
    elsewhere: 0,
  };

  input.items.forEach((item, index) => {
    if (input.document && madeElsewhere(item, input.document)) {
      plan.elsewhere++;
      return;
    }
    // An annotation this document already has (a Claimbench export read back): the same id.
    const itemId = isObject(item) ? own(item, 'id') : undefined;
    const ownId = typeof itemId === 'string' ? idFromIri(itemId, 'annotation') : undefined;
    if (ownId !== undefined && usedIds.has(ownId)) {
      plan.duplicates++;
      return;
    }
    const read = annotationFromW3C(item, input.text, codePoints);
    if (!read.ok) {
      if (read.error.code === 'not-found') plan.notFound.push({ index, quote: quoteOf(item) });
      else plan.invalid.push({ index, reason: read.error.message });
      return;
    }
    const found = { ...read.value, anchor: importedAnchor(read.value.anchor) };
    if (found.anchor.state === 'fuzzy' && (found.anchor.confidence ?? 0) < MIN_IMPORT_CONFIDENCE) {
      plan.notFound.push({ index, quote: quoteOf(item) });
      return;
    }
    const resolved = tags.resolve(found.tags);
    if (resolved.pending.length === 0 && seen.has(sameness(found.target, found.note, resolved.ids))) {
      plan.duplicates++;
      return;
    }
    const created = found.created ?? found.modified ?? input.now;
    const fields = AnnotationFields.safeParse({
      target: found.target,
      anchor: found.anchor,
      speaker: found.speaker,
      outlet: found.outlet,
      status: statusOf(found.status),
      note: found.note,
      creator: found.creator !== '' ? found.creator : input.analyst,
      created,
      modified: found.modified ?? created,
    });
    if (!fields.success) {
      plan.invalid.push({
        index,
        reason: `Claimbench cannot keep this annotation: ${fields.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
          .join('; ')}`,
      });
      return;
    }
    const id = input.newId();
    if (!AnnotationId.safeParse(id).success || usedIds.has(id))
      throw new RangeError(`newId() gave ${JSON.stringify(id)}, which is not a new annotation id`);
    usedIds.add(id);
    const tagIds = [...new Set([...resolved.ids, ...resolved.pending.map((name) => tags.create(name))])];
    const annotation = Annotation.parse({ ...fields.data, id, tags: tagIds });
    seen.add(sameness(annotation.target, annotation.note, annotation.tags));
    plan.annotations.push(annotation);
    if (annotation.anchor.state === 'fuzzy') plan.fuzzy++;
  });
  Codebook.parse({ tags: [...input.codebook.tags, ...plan.newTags] }); // new tags fit the codebook: a failure is a bug here
  return plan;
}

/**
 * How a new annotation was found: where the text is the quote, it is simply there (`exact`, not
 * `moved`: it was never anywhere else in this document); else the approximate match, for review.
 */
function importedAnchor(anchor: AnchorInfo): AnchorInfo {
  return anchor.previousQuote === undefined ? { state: 'exact' } : anchor;
}

/** Whether the item names a text, or a page, other than the document's. */
function madeElsewhere(item: unknown, document: NonNullable<AnnotationImportInput['document']>): boolean {
  const target = isObject(item) ? own(item, 'target') : undefined;
  for (const one of Array.isArray(target) ? target : [target]) {
    if (!isObject(one)) continue;
    const hash = own(one, 'claimbench:textHash');
    if (typeof hash === 'string' && !document.textHashes.includes(hash)) return true;
    const source = own(one, 'source');
    if (
      typeof source === 'string' &&
      document.sourceUrl !== undefined &&
      /^https?:/i.test(source) &&
      pageOf(source) !== pageOf(document.sourceUrl)
    )
      return true;
  }
  return false;
}

/** A web address as a page: no fragment, no trailing slash, scheme and host in lower case. */
function pageOf(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)([^#]*)/i.exec(url.trim());
  if (!match) return url;
  return `${match[1]!.toLowerCase()}${match[2]!.replace(/\/$/, '')}`;
}

/** What makes two annotations the same for an import (tag order does not count). */
function sameness(target: { readonly start: number; readonly end: number }, note: string, tagIds: readonly string[]): string {
  return `${target.start}:${target.end}:${[...new Set(tagIds)].sort().join(' ')}:${note}`;
}

/** The quote of an item that annotationFromW3C did not find, for the analyst to look for. */
function quoteOf(item: unknown): string {
  if (!isObject(item)) return '';
  for (const target of listOf(own(item, 'target'))) {
    if (!isObject(target)) continue;
    for (const selector of listOf(own(target, 'selector'))) {
      const exact = isObject(selector) && own(selector, 'type') === 'TextQuoteSelector' ? own(selector, 'exact') : undefined;
      if (typeof exact === 'string') return exact;
    }
  }
  return '';
}
