// Re-importing a feed into an archive: what is new is added, what changed is replaced, the rest
// stays, and the counts say so (issue 20: "adds what is new, updates what changed, and says so").

import type { ArchiveEntry } from './entry.ts';

export interface ArchiveMerge {
  /** The archive after the import: existing entries in their order (updated in place), then the new ones in file order. */
  readonly entries: ArchiveEntry[];
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
}

/**
 * Merges `incoming` into `existing` by id. An incoming entry replaces the one with its id when
 * any field differs; entries the feed no longer lists are kept (an archive only grows by import).
 * @example mergeArchive([a1], [a1changed, b]) // { added: 1, updated: 1, unchanged: 0, entries: [a1changed, b] }
 */
export function mergeArchive(existing: readonly ArchiveEntry[], incoming: readonly ArchiveEntry[]): ArchiveMerge {
  const byId = new Map(incoming.map((entry) => [entry.id, entry]));
  let updated = 0;
  let unchanged = 0;
  const entries = existing.map((entry) => {
    const next = byId.get(entry.id);
    if (next === undefined) return entry;
    byId.delete(entry.id);
    if (sameEntry(entry, next)) {
      unchanged++;
      return entry;
    }
    updated++;
    return next;
  });
  const added = [...byId.values()];
  return { entries: [...entries, ...added], added: added.length, updated, unchanged };
}

function sameEntry(a: ArchiveEntry, b: ArchiveEntry): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Keys in a fixed order, so key order in the file does not count as a change. */
function canonical(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, inner]) => [key, canonical(inner)]),
  );
}
