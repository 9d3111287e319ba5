// Saved searches (issue 19): a query of the workspace search under a name, with its case and the
// facet values chosen with it. Kept in the workspace settings (listed in the library with live
// counts) and carried by bundles, where they merge by name: a bundle's saved search is added when
// the workspace has none of that name, and one of the same name stays as the workspace has it.
import { z } from 'zod';
import type { ValueField } from './query-ast.ts';

/** The facets a view may narrow by: each adds `field:"value"` to the query. */
export const FACET_FIELDS = ['tag', 'status', 'outlet', 'role', 'speaker'] as const satisfies readonly ValueField[];
export type FacetField = (typeof FACET_FIELDS)[number];

/** The most saved searches a workspace keeps. */
export const MAX_SAVED_SEARCHES = 200;

export const SavedSearch = z.object({
  name: z.string().trim().min(1, 'a saved search needs a name').max(100),
  query: z.string().trim().min(1, 'a saved search needs a query').max(10_000),
  matchCase: z.boolean().optional(),
  /** Facet values chosen with the query (each must hold, as if `field:"value"` were typed). */
  filters: z
    .array(z.object({ field: z.enum(FACET_FIELDS), value: z.string().min(1).max(500) }))
    .max(50)
    .optional(),
});
export type SavedSearch = z.infer<typeof SavedSearch>;

/** Names compare without case or surrounding spaces: "Zelensky claims" and "zelensky claims " are one. */
export function savedSearchKey(name: string): string {
  return name.normalize('NFC').trim().toLocaleLowerCase('en');
}

/** Why a list of saved searches cannot be kept (two with one name), or undefined. */
export function savedSearchesProblem(searches: readonly SavedSearch[]): string | undefined {
  const seen = new Set<string>();
  for (const search of searches) {
    const key = savedSearchKey(search.name);
    if (seen.has(key)) return `Two saved searches are called "${search.name.trim()}": give each its own name.`;
    seen.add(key);
  }
  return undefined;
}

/**
 * Ours with theirs added where ours lack the name (in their order, after ours); one of the same
 * name stays ours. The same array when nothing is added.
 * @example mergeSavedSearches([{ name: 'A', query: 'x' }], [{ name: 'a', query: 'y' }, { name: 'B', query: 'z' }])
 * // [{ name: 'A', query: 'x' }, { name: 'B', query: 'z' }]
 */
export function mergeSavedSearches(mine: readonly SavedSearch[], theirs: readonly SavedSearch[]): readonly SavedSearch[] {
  const names = new Set(mine.map((search) => savedSearchKey(search.name)));
  const added = theirs.filter((search) => {
    const key = savedSearchKey(search.name);
    if (names.has(key)) return false;
    names.add(key);
    return true;
  });
  return added.length === 0 ? mine : [...mine, ...added];
}
