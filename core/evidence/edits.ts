// The edits of a change to links and claims: "put this link or claim (or nothing) under this
// id", each with what was there before, so a change can be undone exactly (positions included).
import type { Claim, EvidenceData, EvidenceLink } from '../model/evidence.ts';

/**
 * One item of a change. `index` is where the item sits in its list when present, so that undoing
 * a removal puts it back where it was (without it, it would go to the end).
 */
export type EvidenceEdit =
  | { readonly kind: 'link'; readonly id: string; readonly index?: number; readonly before?: EvidenceLink; readonly after?: EvidenceLink }
  | { readonly kind: 'claim'; readonly id: string; readonly index?: number; readonly before?: Claim; readonly after?: Claim };

/**
 * The data with one side of `edits` written: `after` to do or redo them, `before` to undo them
 * (in reverse order, so an item edited twice ends as it was first). A put replaces an item in
 * place, brings an absent one back at its `index` (or the end), and `undefined` removes it.
 */
export function applyEvidenceEdits(data: EvidenceData, edits: readonly EvidenceEdit[], side: 'before' | 'after'): EvidenceData {
  let { links, claims } = data;
  for (const edit of side === 'after' ? edits : [...edits].reverse()) {
    if (edit.kind === 'link') links = putItem(links, edit.id, edit[side], edit.index);
    else claims = putItem(claims, edit.id, edit[side], edit.index);
  }
  return { ...data, links, claims };
}

/** Applies puts one at a time, recording each as an edit whose `index` fits the list at that step. */
export function recorder(data: EvidenceData) {
  let current = data;
  const edits: EvidenceEdit[] = [];
  const record = (edit: EvidenceEdit): void => {
    edits.push(edit);
    current = applyEvidenceEdits(current, [edit], 'after');
  };
  return {
    edits,
    get data(): EvidenceData {
      return current;
    },
    link(id: string, after: EvidenceLink | undefined): void {
      const { before, index } = locate(current.links, id, after);
      if (before || after) record({ kind: 'link', id, index, before, after });
    },
    claim(id: string, after: Claim | undefined): void {
      const { before, index } = locate(current.claims, id, after);
      if (before || after) record({ kind: 'claim', id, index, before, after });
    },
  };
}
export type Recorder = ReturnType<typeof recorder>;

/** The item under `id` and its position, or where a new one would go. */
function locate<T extends { readonly id: string }>(list: readonly T[], id: string, after: T | undefined): { before?: T; index?: number } {
  const index = list.findIndex((item) => item.id === id);
  if (index >= 0) return { before: list[index], index };
  return after ? { index: list.length } : {};
}

function putItem<T extends { readonly id: string }>(list: T[], id: string, item: T | undefined, index: number | undefined): T[] {
  const at = list.findIndex((candidate) => candidate.id === id);
  if (item === undefined) return at < 0 ? list : list.toSpliced(at, 1);
  if (at >= 0) return list.with(at, item);
  return list.toSpliced(Math.min(index ?? list.length, list.length), 0, item);
}
