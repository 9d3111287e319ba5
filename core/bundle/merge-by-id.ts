// One walk for every kind of record a bundle brings (a document's annotations, evidence links,
// claims): their records against mine by id. A new id is added, unless this workspace has the
// record under another id (then it is skipped); an id this workspace has is skipped when nothing
// differs, else it is a conflict, settled by a choice: keep mine, take theirs (in mine's place),
// or keep both (theirs under a new id, at the end). planMerge walks without changing anything, to
// count and list the conflicts; resolveMerge walks again with the analyst's choices.
import type { MergeTally, Resolution } from './merge-types.ts';

/** A record of a bundle merge: an annotation, an evidence link or a claim, each named by its `id`. */
export interface Identified {
  readonly id: string;
}

export interface MergeById<T extends Identified> {
  /** This workspace's records. */
  readonly mine: readonly T[];
  /** The bundle's records, in order. */
  readonly theirs: Iterable<T>;
  /** A record whose id is new here: whether this workspace has it under another id (then it is skipped). */
  readonly isHere?: (theirs: T) => boolean;
  /** A record whose id is here: undefined when the two are the same (skipped), else the choice for the conflict. */
  readonly choiceOf: (mine: T, theirs: T) => Resolution | undefined;
  /** Makes the id of a copy kept both ways (called again while it gives an id in use). */
  readonly newId: () => string;
  /** Told of every record put into the result (added, theirs taken, a copy kept), and of the one it replaced. */
  readonly onPut?: (record: T, replaced: T | undefined) => void;
  /**
   * Only count and ask: nothing is put into the result (it is `mine`), so each of their records is
   * compared with mine alone, never with another of theirs. For planning.
   */
  readonly dryRun?: boolean;
}

export interface MergedById<T extends Identified> {
  /** Mine, with theirs added, replacing mine or copied. */
  readonly records: T[];
  readonly tally: MergeTally;
  /** For each record kept both ways: its id → the id of the copy. */
  readonly copies: ReadonlyMap<string, string>;
}

/**
 * Merges `theirs` into `mine` by id (see the module comment).
 * @example
 * const { records, tally } = mergeById({ mine: claims, theirs: incoming, newId,
 *   choiceOf: (mine, theirs) => (claimDifferences(mine, theirs).length === 0 ? undefined : 'theirs') });
 */
export function mergeById<T extends Identified>(merge: MergeById<T>): MergedById<T> {
  const records = [...merge.mine];
  const indexOf = new Map(records.map((record, index) => [record.id, index]));
  const tally = { added: 0, skipped: 0, replaced: 0, kept: 0, duplicated: 0 };
  const copies = new Map<string, string>();
  const put = (record: T, at?: number) => {
    const replaced = at === undefined ? undefined : records[at];
    if (at === undefined) indexOf.set(record.id, records.push(record) - 1);
    else records[at] = record;
    merge.onPut?.(record, replaced);
  };
  for (const theirs of merge.theirs) {
    const at = indexOf.get(theirs.id);
    if (at === undefined) {
      if (merge.isHere?.(theirs) === true) tally.skipped++;
      else {
        tally.added++;
        if (merge.dryRun !== true) put(theirs);
      }
      continue;
    }
    const choice = merge.choiceOf(records[at]!, theirs);
    if (choice === undefined) tally.skipped++;
    else if (choice === 'mine') tally.kept++;
    else if (choice === 'theirs') {
      tally.replaced++;
      if (merge.dryRun !== true) put(theirs, at);
    } else {
      tally.duplicated++;
      if (merge.dryRun === true) continue;
      const id = freshId(merge.newId, indexOf);
      copies.set(theirs.id, id);
      put({ ...theirs, id });
    }
  }
  return { records, tally, copies };
}

function freshId(newId: () => string, taken: ReadonlyMap<string, number>): string {
  let id = newId();
  while (taken.has(id)) id = newId();
  return id;
}
