// What an imported annotation names, as this workspace's ids: its tag names (matched by
// tagMatcherByName, ./tag-matching.ts; a name no tag has becomes a planned new tag) and its
// status label. Used by core/interchange/plan-annotation-import.ts, shared by all of a file's
// annotations so that a new tag is planned once for every annotation naming it.
import { Tag, type Codebook } from '../model/codebook.ts';
import type { VerificationStatus } from '../model/workspace.ts';
import { paletteColor, tagIdMaker } from './codebook-csv.ts';
import { nameKey, tagMatcherByName } from './tag-matching.ts';

export interface TagResolver {
  /** The new tags planned so far (`create`), in order. */
  readonly created: Tag[];
  /** Existing (or already planned) tag ids, and the names that need a new tag; blank names are dropped. */
  resolve(tags: readonly { readonly name: string; readonly id?: string }[]): { ids: string[]; pending: string[] };
  /** Plans a new tag named `name` (id from the name, colour from the palette, no shortcut) and gives its id. */
  create(name: string): string;
}

/**
 * Resolves incoming tag names against `codebook`.
 * @example
 * const tags = tagResolver(codebook);
 * const { ids, pending } = tags.resolve([{ name: 'Statistic' }, { name: 'Rumour' }]);
 * const all = [...ids, ...pending.map((name) => tags.create(name))]; // tags.created: the new Rumour
 */
export function tagResolver(codebook: Codebook): TagResolver {
  const matcher = tagMatcherByName(codebook.tags);
  const idFor = tagIdMaker(new Set(codebook.tags.map((tag) => tag.id)));
  const created: Tag[] = [];
  return {
    created,
    resolve(tags) {
      const ids = new Set<string>();
      const pending = new Map<string, string>();
      for (const tag of tags) {
        const name = tag.name.trim();
        if (name === '') continue;
        const id = matcher.match({ name, ...(tag.id !== undefined ? { id: tag.id } : {}) });
        if (id !== undefined) ids.add(id);
        else if (!pending.has(nameKey(name))) pending.set(nameKey(name), name);
      }
      return { ids: [...ids], pending: [...pending.values()] };
    },
    create(name) {
      const tag = Tag.parse({ id: idFor(name), name, color: paletteColor(codebook.tags.length + created.length), description: '' });
      created.push(tag);
      matcher.add(tag);
      return tag.id;
    },
  };
}

/**
 * Resolves an incoming status against the workspace's: by id when it has that id, else by label
 * (any case, the first status with it), else `fallback`; no status at all is `fallback` too.
 * @example statusResolver(DEFAULT_STATUSES, 'unverified')({ label: 'SUPPORTED' }) // 'supported'
 */
export function statusResolver(
  statuses: readonly VerificationStatus[],
  fallback: string,
): (status?: { readonly label: string; readonly id?: string }) => string {
  const ids = new Set(statuses.map((status) => status.id));
  const byLabel = new Map<string, string>();
  for (const status of statuses) if (!byLabel.has(nameKey(status.label))) byLabel.set(nameKey(status.label), status.id);
  return (status) => {
    if (status === undefined) return fallback;
    if (status.id !== undefined && ids.has(status.id)) return status.id;
    return byLabel.get(nameKey(status.label.trim())) ?? fallback;
  };
}
