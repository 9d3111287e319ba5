// Changing a document's annotations: every change is "put this annotation (or nothing) under
// this id", so each one can be undone by putting back what was there before.
import { z } from 'zod';
import { AnnotationId, textTarget, type Annotation } from '../model/annotation.ts';
import { RecordVersion, versionOf } from '../model/record-version.ts';
import type { Codebook } from '../model/codebook.ts';
import type { WorkspaceSettings } from '../model/workspace.ts';
import { fail, ok, type Result } from '../result.ts';

// Tags and statuses are strings here: the service answers an unknown one with a message naming it.
const AnnotationFields = {
  tags: z.array(z.string().max(64)).max(50),
  status: z.string().max(64),
  speaker: z.string().max(500),
  outlet: z.string().max(500),
  note: z.string().max(100_000),
};

/**
 * What the analyst gives for a new annotation; the rest is filled in. `id` is chosen by the window
 * that makes it (a UUID), so it can show the highlight before the service has written it; the
 * service chooses one when absent.
 */
export const AnnotationInput = z.strictObject({
  id: AnnotationId.optional(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  tags: AnnotationFields.tags,
  status: AnnotationFields.status.optional(),
  speaker: AnnotationFields.speaker.optional(),
  outlet: AnnotationFields.outlet.optional(),
  note: AnnotationFields.note.optional(),
});
export type AnnotationInput = z.infer<typeof AnnotationInput>;

/**
 * Fields an edit may change; absent fields stay. `baseVersion`: the version of the annotation the
 * edit was made from; when the annotation has moved on since, the edit is refused as a conflict
 * (without it, the last write wins). The window always sends it.
 */
export const AnnotationPatch = z.strictObject({
  tags: AnnotationFields.tags.optional(),
  status: AnnotationFields.status.optional(),
  speaker: AnnotationFields.speaker.optional(),
  outlet: AnnotationFields.outlet.optional(),
  note: AnnotationFields.note.optional(),
  baseVersion: RecordVersion.optional(),
});
export type AnnotationPatch = z.infer<typeof AnnotationPatch>;

export interface Vocabulary {
  readonly tagIds: ReadonlySet<string>;
  readonly statusIds: ReadonlySet<string>;
  readonly defaultStatus: string;
}

/** What a workspace allows on an annotation: its codebook's tags and its statuses (the first is the default). */
export function vocabularyOf({ codebook, settings }: { readonly codebook: Codebook; readonly settings: WorkspaceSettings }): Vocabulary {
  return {
    tagIds: new Set(codebook.tags.map((tag) => tag.id)),
    statusIds: new Set(settings.statuses.map((status) => status.id)),
    defaultStatus: settings.statuses[0]!.id,
  };
}

/** Builds a new annotation on `text`, or says what is wrong with the input. */
export function newAnnotation(
  text: string,
  input: AnnotationInput,
  context: { id: string; creator: string; now: string; vocabulary: Vocabulary; textHash?: string },
): Result<Annotation, 'invalid'> {
  const { start, end } = input;
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= text.length)) {
    return fail('invalid', `the selection [${start}, ${end}) is not inside the text`);
  }
  if (text.slice(start, end).trim() === '') return fail('invalid', 'select some text, not only spaces');
  const checked = checkVocabulary(input, context.vocabulary);
  if (!checked.ok) return checked;
  return ok({
    id: context.id,
    target: textTarget(text, start, end),
    anchor: context.textHash === undefined ? { state: 'exact' } : { state: 'exact', textHash: context.textHash },
    tags: [...new Set(input.tags)],
    speaker: input.speaker ?? '',
    outlet: input.outlet ?? '',
    status: input.status ?? context.vocabulary.defaultStatus,
    note: input.note ?? '',
    creator: context.creator,
    created: context.now,
    modified: context.now,
    version: 1,
  });
}

/** The annotation with `patch` applied (its next version), or what is wrong with the patch. */
export function patchAnnotation(
  annotation: Annotation,
  { baseVersion: _base, ...patch }: AnnotationPatch,
  vocabulary: Vocabulary,
  now: string,
): Result<Annotation, 'invalid'> {
  const checked = checkVocabulary(patch, vocabulary);
  if (!checked.ok) return checked;
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as AnnotationPatch;
  return ok({
    ...annotation,
    ...defined,
    ...(defined.tags ? { tags: [...new Set(defined.tags)] } : {}),
    modified: now,
    version: versionOf(annotation) + 1,
  });
}

/** The analyst's decision on an annotation a new version left in doubt (see core/anchoring). */
export const AnchorDecision = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('accept') }),
  z.strictObject({ kind: z.literal('repin'), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }),
]);
export type AnchorDecision = z.infer<typeof AnchorDecision>;

/**
 * The annotation after the analyst's review: `accept` keeps the proposed span of an approximate
 * match; `repin` moves the annotation to `[start, end)` of `text` (the current version, hash
 * `textHash`). Either way it is `moved` with full confidence, and keeps its earlier quote.
 */
export function reviewAnchor(
  annotation: Annotation,
  decision: AnchorDecision,
  text: string,
  textHash: string,
  now: string,
): Result<Annotation, 'invalid'> {
  const previousQuote = annotation.anchor.previousQuote ?? annotation.target.exact;
  const anchor = { state: 'moved' as const, confidence: 1, previousQuote, textHash };
  if (decision.kind === 'accept') {
    if (annotation.anchor.state === 'orphaned')
      return fail(
        'invalid',
        'This annotation was not found in the new text, so there is no span to accept: re-pin it to the right text or delete it.',
      );
    return ok({ ...annotation, anchor, modified: now, version: versionOf(annotation) + 1 });
  }
  const { start, end } = decision;
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= text.length)) {
    return fail('invalid', `the selection [${start}, ${end}) is not inside the text`);
  }
  if (text.slice(start, end).trim() === '') return fail('invalid', 'select some text, not only spaces');
  return ok({ ...annotation, target: textTarget(text, start, end), anchor, modified: now, version: versionOf(annotation) + 1 });
}

function checkVocabulary(input: { tags?: readonly string[]; status?: string }, vocabulary: Vocabulary): Result<true, 'invalid'> {
  const unknownTag = input.tags?.find((tag) => !vocabulary.tagIds.has(tag));
  if (unknownTag !== undefined) return fail('invalid', `"${unknownTag}" is not a tag of the codebook`);
  if (input.status !== undefined && !vocabulary.statusIds.has(input.status))
    return fail('invalid', `"${input.status}" is not a verification status`);
  return ok(true);
}
