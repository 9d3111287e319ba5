// Every tag keeps one GUID (REFI-QDA `Code guid`) for good: given when the tag is made, or when a
// workspace from before stored GUIDs is opened, and carried by bundles and codebook merges, so
// that QDA tools see the same code in every export of every workspace that has the tag.
import type { Codebook } from '../model/codebook.ts';
import { codebookFromQdc } from './refi-qdc.ts';

/**
 * `codebook` with a GUID on every tag: a tag without one gets `guidFor(tag)`. The same object when
 * every tag has one already (callers use that to know whether anything changed).
 * @example withTagGuids(codebook, () => crypto.randomUUID())
 */
export function withTagGuids(codebook: Codebook, guidFor: (tag: Codebook['tags'][number]) => string): Codebook {
  if (codebook.tags.every((tag) => tag.guid !== undefined)) return codebook;
  // The rest of the codebook (its speakers) as it is.
  return { ...codebook, tags: codebook.tags.map((tag) => (tag.guid !== undefined ? tag : { ...tag, guid: guidFor(tag) })) };
}

/**
 * `codebook` (a bundle's codebook.json) with the GUIDs its `.qdc` twin gives tags that have none:
 * a bundle from before tags stored GUIDs has them in codebook.qdc only. Tags are matched by their
 * names from the root down; a `.qdc` that cannot be read gives nothing.
 */
export function withQdcGuids(codebook: Codebook, qdc: string | undefined): Codebook {
  if (qdc === undefined || codebook.tags.every((tag) => tag.guid !== undefined)) return codebook;
  const read = codebookFromQdc(qdc);
  if (!read.ok) return codebook;
  const guids = new Map(
    read.value.tags.flatMap((tag) => (tag.guid === undefined ? [] : [[namePath(read.value, tag.id), tag.guid] as const])),
  );
  const taken = new Set(codebook.tags.flatMap((tag) => (tag.guid === undefined ? [] : [tag.guid.toLowerCase()])));
  const tags = codebook.tags.map((tag) => {
    const guid = tag.guid === undefined ? guids.get(namePath(codebook, tag.id)) : undefined;
    if (guid === undefined || taken.has(guid.toLowerCase())) return tag;
    taken.add(guid.toLowerCase());
    return { ...tag, guid };
  });
  return { ...codebook, tags };
}

/** The names of the tag and its ancestors, root first, as one key. */
function namePath(codebook: Codebook, tagId: string): string {
  const byId = new Map(codebook.tags.map((tag) => [tag.id, tag]));
  const names: string[] = [];
  const seen = new Set<string>();
  for (let id: string | undefined = tagId; id !== undefined && !seen.has(id); id = byId.get(id)?.parentId) {
    seen.add(id);
    names.unshift(byId.get(id)?.name ?? '');
  }
  return names.join('\u0000');
}
