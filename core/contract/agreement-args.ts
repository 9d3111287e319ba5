// The argument schemas of the agreement half of the contract (agreement-api.ts): what to compare
// (coders, documents, tags, the span F1 rule) and a curation decision. workbench-args.ts takes them
// into the one table every call is parsed with.
import { z } from 'zod';
import { AnnotationInput } from '../annotations/annotation-operations.ts';
import { MAX_CODERS } from '../agreement/character-tally.ts';
import { TagId } from '../model/codebook.ts';
import { DocumentId } from '../model/document.ts';

/** A coder: an annotation's creator as stored ('' for annotations made before an analyst name was set). */
const CoderName = z.string().max(200);
/** The creator the curated version is written under: "curator" or the analyst's name. */
const CuratorName = z.string().trim().min(1).max(200);

/**
 * What to compare. Absent: every coder with annotations in the chosen documents (but the curator),
 * every document, every codebook tag those coders used, exact boundaries for span F1.
 * `overlap`: span F1 counts two spans as one when their intersection over union is at least this (0–1; 0: any overlap).
 */
export const AgreementRequest = z.strictObject({
  coders: z.array(CoderName).max(MAX_CODERS).optional(),
  documentIds: z.array(DocumentId).max(100_000).optional(),
  tagIds: z.array(TagId).max(1000).optional(),
  overlap: z.number().min(0).max(1).optional(),
  curator: CuratorName.optional(),
});
export type AgreementRequest = z.infer<typeof AgreementRequest>;

/** Whose disagreements, on which tags (with the tags inside them; every tag when absent), curated under which name. */
export const DisagreementsRequest = z.strictObject({
  coders: z.array(CoderName).min(2).max(MAX_CODERS),
  tagIds: z.array(TagId).max(1000).optional(),
  curator: CuratorName,
});
export type DisagreementsRequest = z.infer<typeof DisagreementsRequest>;

/**
 * The analyst's decision on a disagreement: `accept` one coder's side as it is, `merge` (the first
 * coder's spans, status and speaker with every coder's tags), or `edit` (one annotation as the
 * analyst wrote it, inside the region).
 */
export const CurationDecision = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('accept'), coder: CoderName }),
  z.strictObject({ kind: z.literal('merge') }),
  z.strictObject({ kind: z.literal('edit'), annotation: AnnotationInput.omit({ id: true }) }),
]);
export type CurationDecision = z.infer<typeof CurationDecision>;

/** A decision on the disagreement whose region is `[start, end)`, among `coders` on `tagIds`. */
export const CurationRequest = DisagreementsRequest.extend({
  region: z.strictObject({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }),
  decision: CurationDecision,
});
export type CurationRequest = z.infer<typeof CurationRequest>;
