// Importing a codebook into a workspace that already has one: the incoming tags update the tags
// they match and the rest are added. Nothing is ever deleted, because annotations use the tags.
// Which existing tag an incoming one is: tagMatcherByGuidIdOrName (./tag-matching.ts).
import { Codebook, type Tag } from '../model/codebook.ts';
import { tagIdMaker } from './codebook-csv.ts';
import { joinSpeakers } from './speakers.ts';
import { tagMatcherByGuidIdOrName } from './tag-matching.ts';

export interface CodebookMerge {
  readonly codebook: Codebook;
  /** Ids (in the merged codebook) of the incoming tags that were new. */
  readonly added: string[];
  /** Ids of existing tags that an incoming tag matched and changed. */
  readonly updated: string[];
  /** Ids of existing tags that an incoming tag matched and left as they were. */
  readonly unchanged: string[];
}

/** What the incoming file says of its tags beyond their names: by default, everything. */
export interface IncomingFields {
  /**
   * Whether the file gives this incoming tag (by its id in `incoming`) a description: a .qdc code
   * without `<Description>`, or a CSV without a description column, gives none, and a matched tag
   * then keeps its own.
   */
  readonly describes?: (incomingId: string) => boolean;
  /** Whether the file says which tags are codable (.qdc's isCodable does; CSV does not). */
  readonly codability?: boolean;
}

/**
 * Merges `incoming` into `current`. Incoming tags are taken parents first; each matches an
 * existing tag by GUID (any case), else by id, else by name (case-insensitive) under the same
 * parent (the existing tag's parent is the one the incoming parent matched). An existing tag is
 * matched at most once.
 * - A matched tag keeps its id and takes the incoming name, colour, description (when the file
 *   gives one: see `fields`), codability and parent, unless that parent would put the tag inside
 *   itself (then it keeps its parent). It takes the incoming
 *   GUID if it has none, and the incoming shortcut if no other tag has that key (an incoming tag
 *   without a shortcut leaves the tag's own: .qdc files carry none).
 * - An unmatched tag is added under its (merged) parent, with its id, or `-2`, `-3` … when taken,
 *   and its shortcut and GUID when no other tag has them.
 * - Existing tags that nothing matched stay as they are: an import never deletes a tag.
 * The lists name the tags by their ids in the result, in the result's order.
 */
export function mergeCodebook(current: Codebook, incoming: Codebook, fields: IncomingFields = {}): CodebookMerge {
  const describes = fields.describes ?? (() => true);
  const codability = fields.codability ?? true;
  const tags: Tag[] = current.tags.map((tag) => ({ ...tag }));
  const byId = new Map(tags.map((tag) => [tag.id, tag]));
  const existingIds = new Set(byId.keys());
  const taken = new Set(byId.keys());
  const newId = tagIdMaker(taken);
  const matchOf = tagMatcherByGuidIdOrName(tags);
  // GUIDs in use, so that no two tags get the same one.
  const byGuid = new Map(tags.flatMap((tag) => (tag.guid === undefined ? [] : [[tag.guid.toLowerCase(), tag] as const])));
  const keyHolder = new Map(tags.flatMap((tag) => (tag.shortcut === undefined ? [] : [[tag.shortcut, tag.id] as const])));
  const matched = new Map<string, Tag>(); // existing id → the tag as it was
  const resultIdOf = new Map<string, string>(); // incoming id → id in the result
  const added = new Set<string>();

  const isFree = (id: string): boolean => existingIds.has(id) && !matched.has(id);
  for (const incomingTag of parentsFirst(incoming.tags)) {
    const parentId = incomingTag.parentId === undefined ? undefined : resultIdOf.get(incomingTag.parentId);
    const match = matchOf(incomingTag, parentId, isFree);

    if (match !== undefined) {
      matched.set(match.id, { ...match });
      resultIdOf.set(incomingTag.id, match.id);
      match.name = incomingTag.name;
      match.color = incomingTag.color;
      if (describes(incomingTag.id)) match.description = incomingTag.description;
      if (codability && incomingTag.codable === false) match.codable = false;
      else if (codability) delete match.codable;
      if (incomingTag.parentId === undefined) delete match.parentId;
      else if (parentId !== undefined && !isInside(parentId, match.id, byId)) match.parentId = parentId;
      if (match.guid === undefined && incomingTag.guid !== undefined && !byGuid.has(incomingTag.guid.toLowerCase())) {
        match.guid = incomingTag.guid;
        byGuid.set(incomingTag.guid.toLowerCase(), match);
      }
      if (incomingTag.shortcut !== undefined && !keyHolder.has(incomingTag.shortcut)) {
        if (match.shortcut !== undefined) keyHolder.delete(match.shortcut);
        match.shortcut = incomingTag.shortcut;
        keyHolder.set(incomingTag.shortcut, match.id);
      }
      continue;
    }

    const id = taken.has(incomingTag.id) ? newId(incomingTag.id) : incomingTag.id;
    taken.add(id);
    const tag: Tag = { id, name: incomingTag.name, color: incomingTag.color, description: incomingTag.description };
    if (incomingTag.codable === false) tag.codable = false;
    if (parentId !== undefined) tag.parentId = parentId;
    if (incomingTag.guid !== undefined && !byGuid.has(incomingTag.guid.toLowerCase())) {
      tag.guid = incomingTag.guid;
      byGuid.set(incomingTag.guid.toLowerCase(), tag);
    }
    if (incomingTag.shortcut !== undefined && !keyHolder.has(incomingTag.shortcut)) {
      tag.shortcut = incomingTag.shortcut;
      keyHolder.set(incomingTag.shortcut, id);
    }
    tags.push(tag);
    byId.set(id, tag);
    resultIdOf.set(incomingTag.id, id);
    added.add(id);
  }

  // Parse, not cast: a merge that broke the codebook's rules would be a bug here, so it throws.
  const speakers = joinSpeakers(current.speakers, incoming.speakers);
  const codebook = Codebook.parse(speakers === undefined ? { tags } : { tags, speakers });
  const matchedIds = tags.map((tag) => tag.id).filter((id) => matched.has(id));
  return {
    codebook,
    added: tags.map((tag) => tag.id).filter((id) => added.has(id)),
    updated: matchedIds.filter((id) => !sameTag(matched.get(id)!, byId.get(id)!)),
    unchanged: matchedIds.filter((id) => sameTag(matched.get(id)!, byId.get(id)!)),
  };
}

/** The tags ordered so that a parent comes before its children; tags in a loop of parents come last, as listed. */
function parentsFirst(tags: readonly Tag[]): Tag[] {
  const ids = new Set(tags.map((tag) => tag.id));
  const children = Map.groupBy(tags, (tag) => (tag.parentId !== undefined && ids.has(tag.parentId) ? tag.parentId : undefined));
  const ordered: Tag[] = [];
  const seen = new Set<string>();
  const stack = (children.get(undefined) ?? []).toReversed();
  while (stack.length > 0) {
    const tag = stack.pop()!;
    if (seen.has(tag.id)) continue;
    seen.add(tag.id);
    ordered.push(tag);
    for (const child of (children.get(tag.id) ?? []).toReversed()) stack.push(child);
  }
  return [...ordered, ...tags.filter((tag) => !seen.has(tag.id))];
}

/** Whether `id` is `tagId` or below it (following parents up from `id`). */
function isInside(id: string, tagId: string, byId: ReadonlyMap<string, Tag>): boolean {
  const seen = new Set<string>();
  for (let at: string | undefined = id; at !== undefined && !seen.has(at); at = byId.get(at)?.parentId) {
    if (at === tagId) return true;
    seen.add(at);
  }
  return false;
}

function sameTag(a: Tag, b: Tag): boolean {
  return (
    a.name === b.name &&
    a.color === b.color &&
    a.description === b.description &&
    a.codable === b.codable &&
    a.parentId === b.parentId &&
    a.shortcut === b.shortcut &&
    a.guid === b.guid
  );
}
