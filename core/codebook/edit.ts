// Editing the codebook: add, change and delete tags, keeping it a valid tree with unique
// shortcut keys. Deleting a tag that annotations use is two decisions: what happens to the tag's
// children (they move up to its parent) and to its annotations (the analyst chooses a plan).
import type { Annotation } from '../model/annotation.ts';
import { z } from 'zod';
import { Codebook, Tag, TagId } from '../model/codebook.ts';
import { fail, ok, type Result } from '../result.ts';

/** A new tag as the analyst describes it; its id is derived from the name. */
export const TagDraft = z.strictObject({
  name: z.string().max(120),
  color: z.string().max(16),
  parentId: z.string().max(64).optional(),
  shortcut: z.string().max(1).optional(),
  description: z.string().max(2000).optional(),
});
export type TagDraft = z.infer<typeof TagDraft>;

/** Changes to a tag; absent fields stay, `null` clears an optional one. */
export const TagPatch = z.strictObject({
  name: z.string().max(120).optional(),
  color: z.string().max(16).optional(),
  parentId: z.string().max(64).nullable().optional(),
  shortcut: z.string().max(1).nullable().optional(),
  description: z.string().max(2000).optional(),
});
export type TagPatch = z.infer<typeof TagPatch>;

/**
 * What happens to the annotations of a deleted tag: `untag`, they keep their other tags (and stay,
 * untagged, if it was their only one); `retag`, they get `into` instead (merging the two tags);
 * `delete`, they are deleted.
 */
export const TagDeletionPlan = z.discriminatedUnion('annotations', [
  z.strictObject({ annotations: z.literal('untag') }),
  z.strictObject({ annotations: z.literal('retag'), into: TagId }),
  z.strictObject({ annotations: z.literal('delete') }),
]);
export type TagDeletionPlan = z.infer<typeof TagDeletionPlan>;

/**
 * A tag id for `name`: lowercase ASCII letters, digits and dashes, unique among `taken`.
 * @example tagIdFor('Named official', new Set(['named-official'])) // 'named-official-2'
 */
export function tagIdFor(name: string, taken: ReadonlySet<string>): string {
  const slug =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'tag';
  if (!taken.has(slug)) return slug;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${slug}-${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function addTag(codebook: Codebook, draft: TagDraft): Result<{ codebook: Codebook; tag: Tag }, 'invalid'> {
  const id = tagIdFor(draft.name, new Set(codebook.tags.map((tag) => tag.id)));
  const parsed = Tag.safeParse({ ...draft, name: draft.name.trim(), id });
  if (!parsed.success) return fail('invalid', describeIssues(parsed.error.issues));
  const next = { ...codebook, tags: [...codebook.tags, parsed.data] };
  const checked = checkCodebook(next);
  return checked.ok ? ok({ codebook: checked.value, tag: parsed.data }) : checked;
}

export function updateTag(
  codebook: Codebook,
  tagId: string,
  patch: TagPatch,
): Result<{ codebook: Codebook; tag: Tag }, 'not-found' | 'invalid'> {
  const current = codebook.tags.find((tag) => tag.id === tagId);
  if (current === undefined) return fail('not-found', `There is no tag "${tagId}" in the codebook.`);
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = key === 'name' ? String(value).trim() : value;
  }
  const parsed = Tag.safeParse(merged);
  if (!parsed.success) return fail('invalid', describeIssues(parsed.error.issues));
  const next = { ...codebook, tags: codebook.tags.map((tag) => (tag.id === tagId ? parsed.data : tag)) };
  const checked = checkCodebook(next);
  return checked.ok ? ok({ codebook: checked.value, tag: parsed.data }) : checked;
}

/** The codebook without `tagId`; its children move up to its parent. */
export function removeTag(codebook: Codebook, tagId: string): Result<Codebook, 'not-found'> {
  const removed = codebook.tags.find((tag) => tag.id === tagId);
  if (removed === undefined) return fail('not-found', `There is no tag "${tagId}" in the codebook.`);
  const tags = codebook.tags
    .filter((tag) => tag.id !== tagId)
    .map((tag) => {
      if (tag.parentId !== tagId) return tag;
      const { parentId: _, ...rest } = tag;
      return removed.parentId === undefined ? rest : { ...rest, parentId: removed.parentId };
    });
  return ok({ ...codebook, tags });
}

/**
 * `annotation` after its tag `tagId` is deleted under `plan`: the same object when it does not
 * carry the tag, `undefined` when the plan deletes it.
 */
export function afterTagDeletion(annotation: Annotation, tagId: string, plan: TagDeletionPlan, now: string): Annotation | undefined {
  if (!annotation.tags.includes(tagId)) return annotation;
  if (plan.annotations === 'delete') return undefined;
  const tags = annotation.tags.flatMap((tag) => (tag !== tagId ? [tag] : plan.annotations === 'retag' ? [plan.into] : []));
  return { ...annotation, tags: [...new Set(tags)], modified: now };
}

/** Checks what the schema cannot say alone: shortcut keys are unique (one key, one tag). */
export function checkCodebook(candidate: Codebook): Result<Codebook, 'invalid'> {
  const parsed = Codebook.safeParse(candidate);
  if (!parsed.success) return fail('invalid', describeIssues(parsed.error.issues));
  const byShortcut = new Map<string, string>();
  for (const tag of parsed.data.tags) {
    if (tag.shortcut === undefined) continue;
    const holder = byShortcut.get(tag.shortcut);
    if (holder !== undefined) return fail('invalid', `The key "${tag.shortcut}" already tags as ${holder}; choose another key.`);
    byShortcut.set(tag.shortcut, tag.name);
  }
  return ok(parsed.data);
}

/** The ids of `tagId` and every tag below it. */
export function descendantsOf(codebook: Codebook, tagId: string): Set<string> {
  const ids = new Set([tagId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const tag of codebook.tags) {
      if (tag.parentId !== undefined && ids.has(tag.parentId) && !ids.has(tag.id)) {
        ids.add(tag.id);
        grew = true;
      }
    }
  }
  return ids;
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** The tags depth-first (each parent before its children, siblings in codebook order), with their depth. */
export function tagTree(codebook: Codebook): { tag: Tag; depth: number }[] {
  const children = new Map<string | undefined, Tag[]>();
  for (const tag of codebook.tags) {
    const siblings = children.get(tag.parentId);
    if (siblings) siblings.push(tag);
    else children.set(tag.parentId, [tag]);
  }
  const rows: { tag: Tag; depth: number }[] = [];
  // An explicit stack: a codebook imported from elsewhere may be deep.
  const stack = (children.get(undefined) ?? []).map((tag) => ({ tag, depth: 0 })).reverse();
  while (stack.length > 0) {
    const row = stack.pop()!;
    rows.push(row);
    for (const child of [...(children.get(row.tag.id) ?? [])].reverse()) stack.push({ tag: child, depth: row.depth + 1 });
  }
  return rows;
}
