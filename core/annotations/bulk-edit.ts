// One change to many annotations at once (the panel's multi-select, the annotations table): set
// their status, speaker or outlet, and add or remove tags, keeping each one's other tags. Applied
// per annotation through patchAnnotation, so the same vocabulary checks hold.
import { z } from 'zod';
import type { Annotation } from '../model/annotation.ts';
import { fail, type Result } from '../result.ts';
import { patchAnnotation, type Vocabulary } from './annotation-operations.ts';

const TagList = z.array(z.string().max(64)).max(50);

export const BulkAnnotationPatch = z
  .strictObject({
    status: z.string().max(64).optional(),
    speaker: z.string().max(500).optional(),
    outlet: z.string().max(500).optional(),
    addTags: TagList.optional(),
    removeTags: TagList.optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), { message: 'a bulk edit changes at least one field' });
export type BulkAnnotationPatch = z.infer<typeof BulkAnnotationPatch>;

/**
 * `annotation` with `patch` applied: its status, speaker and outlet set where given, `addTags`
 * added after its own tags and `removeTags` taken away (a tag in both is added). The same object
 * when nothing changes, so that callers can leave it out of the change.
 */
export function applyBulkPatch(
  annotation: Annotation,
  { addTags = [], removeTags = [], ...fields }: BulkAnnotationPatch,
  vocabulary: Vocabulary,
  now: string,
): Result<Annotation, 'invalid'> {
  const removed = new Set(removeTags.filter((tag) => !addTags.includes(tag)));
  const tags = [...new Set([...annotation.tags.filter((tag) => !removed.has(tag)), ...addTags])];
  for (const tag of removeTags)
    if (!vocabulary.tagIds.has(tag) && !annotation.tags.includes(tag)) return fail('invalid', `There is no tag "${tag}" in the codebook.`);
  const patched = patchAnnotation(annotation, { ...fields, ...(addTags.length > 0 ? { tags } : {}) }, vocabulary, now);
  if (!patched.ok) return patched;
  const next = removed.size > 0 ? { ...patched.value, tags: tags.filter((tag) => !removed.has(tag)) } : patched.value;
  const same =
    next.status === annotation.status &&
    next.speaker === annotation.speaker &&
    next.outlet === annotation.outlet &&
    next.tags.length === annotation.tags.length &&
    next.tags.every((tag, index) => tag === annotation.tags[index]);
  return same ? { ok: true, value: annotation } : { ok: true, value: next };
}
