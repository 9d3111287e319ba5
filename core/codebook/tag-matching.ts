// "Is this incoming tag one of mine?": the three answers Claimbench gives, side by side. They
// differ on purpose, because what the incoming tag is differs.
//
// | policy                     | applies when                                | matches by                             |
// |----------------------------|---------------------------------------------|----------------------------------------|
// | `tagMatcherByGuidIdOrName` | a codebook is imported (.qdc, CSV):         | GUID (any case), else id, else name    |
// |                            | ./codebook-merge.ts                         | (any case) under the same parent       |
// | `tagMatcherById`           | a bundle is merged: core/bundle/            | id only                                |
// | `tagMatcherByName`         | an annotation file is imported:             | name (any case); an id only picks      |
// |                            | ./label-resolvers.ts                        | among tags of that name                |
//
// - A codebook file is a list of tag definitions, from Claimbench or another QDA tool. Every
//   handle it may carry is tried: the GUID that REFI-QDA tools keep across exports, the id, and
//   the name a person sees; a name only under the same parent, since a tree may use it twice.
// - A bundle is another Claimbench workspace's record: its annotations name their tags by id and
//   the merge does not rename them, so only the same id can be the same tag (one that both
//   define differently keeps the workspace's definition).
// - An annotation file names tags as text (a Hypothesis tag is a name; Claimbench's W3C export
//   adds the id as `claimbench:tag`), so the name decides; the id only picks among tags with that
//   name, since another workspace's id may name another tag here.
import type { Tag } from '../model/codebook.ts';

/** A name as compared: NFC, lower case. Tag names and status labels are matched "any case". */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/**
 * Importing a codebook: finds the tag of `tags` that an incoming tag is, by GUID (any case), else
 * by id, else by name (any case) among the tags under `parentId`. `isFree` says which tags may
 * still be matched (each at most once). Returns the tag object itself, for the caller to update.
 * @example const match = tagMatcherByGuidIdOrName(tags); match(incoming, parentId, (id) => !taken.has(id))
 */
export function tagMatcherByGuidIdOrName<T extends Tag>(
  tags: readonly T[],
): (incoming: Tag, parentId: string | undefined, isFree: (id: string) => boolean) => T | undefined {
  const byGuid = new Map(tags.flatMap((tag) => (tag.guid === undefined ? [] : [[tag.guid.toLowerCase(), tag] as const])));
  const byId = new Map(tags.map((tag) => [tag.id, tag]));
  const byName = Map.groupBy(tags, (tag) => nameKey(tag.name));
  return (incoming, parentId, isFree) => {
    const byGuidMatch = incoming.guid === undefined ? undefined : byGuid.get(incoming.guid.toLowerCase());
    return (
      (byGuidMatch !== undefined && isFree(byGuidMatch.id) ? byGuidMatch : undefined) ??
      (isFree(incoming.id) ? byId.get(incoming.id) : undefined) ??
      byName.get(nameKey(incoming.name))?.find((tag) => isFree(tag.id) && tag.parentId === parentId)
    );
  };
}

/**
 * Merging a bundle: the tag of `tags` with the incoming tag's id, if any.
 * @example tagMatcherById(workspace.codebook.tags)(incoming) // the workspace's tag, or undefined: a new one
 */
export function tagMatcherById<T extends Tag>(tags: readonly T[]): (incoming: Pick<Tag, 'id'>) => T | undefined {
  const byId = new Map(tags.map((tag) => [tag.id, tag]));
  return (incoming) => byId.get(incoming.id);
}

/**
 * Importing an annotation file: the id of the tag an incoming tag name is. The tag with the
 * incoming id when it has the same name (any case), else the first tag with that name (any case).
 * `add` makes a tag planned during the import match by its name from then on.
 * @example const tags = tagMatcherByName(codebook.tags); tags.match({ name: 'statistic', id: 'stat' })
 */
export function tagMatcherByName(tags: readonly Tag[]): {
  match(incoming: { readonly name: string; readonly id?: string }): string | undefined;
  add(tag: Tag): void;
} {
  const byId = new Map(tags.map((tag) => [tag.id, tag]));
  const byName = new Map<string, string>();
  for (const tag of tags) if (!byName.has(nameKey(tag.name))) byName.set(nameKey(tag.name), tag.id);
  return {
    match(incoming) {
      const key = nameKey(incoming.name);
      const withId = incoming.id !== undefined ? byId.get(incoming.id) : undefined;
      return withId !== undefined && nameKey(withId.name) === key ? withId.id : byName.get(key);
    },
    add(tag) {
      byName.set(nameKey(tag.name), tag.id);
    },
  };
}
