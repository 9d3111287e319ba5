// Which rows of the annotations table are selected. The table may hold 100,000 rows and renders
// only those in view, so the selection keeps the annotations themselves (by reference), and rows
// by index only for where a Shift range starts. A plain click or arrow key selects one row;
// Ctrl/Cmd+click or Space adds or removes one; Shift+click or Shift+arrow selects the rows from
// the anchor; Ctrl/Cmd+A every row the filters show. Pure, so each rule is tested without a browser.
import { refKey, type AnnotationRef } from '../../../core/model/evidence.ts';

export interface TableSelection {
  /** The selected annotations, by `refKey`, in the order they were picked. */
  readonly picked: ReadonlyMap<string, AnnotationRef>;
  /** The row a Shift range starts from (the last row chosen alone or toggled). */
  readonly anchor?: number;
}

export const NO_SELECTION: TableSelection = { picked: new Map() };

/** The row at `index` alone. */
export function selectOnly(index: number, ref: AnnotationRef): TableSelection {
  return { picked: new Map([[refKey(ref), ref]]), anchor: index };
}

/** The row at `index` added to the selection, or taken out of it; the range starts there next. */
export function toggleRow(selection: TableSelection, index: number, ref: AnnotationRef): TableSelection {
  const picked = new Map(selection.picked);
  const key = refKey(ref);
  if (picked.has(key)) picked.delete(key);
  else picked.set(key, ref);
  return { picked, anchor: index };
}

/** The rows from the anchor to a row, both included: `refs` (asked of the table for that range). The anchor stays. */
export function selectRange(selection: TableSelection, refs: readonly AnnotationRef[]): TableSelection {
  return {
    picked: new Map(refs.map((ref) => [refKey(ref), ref])),
    ...(selection.anchor === undefined ? {} : { anchor: selection.anchor }),
  };
}

/** The rows between the anchor (or `cursor` without one) and `index`, as `[from, to]`. */
export function rangeTo(selection: TableSelection, cursor: number, index: number): readonly [number, number] {
  const anchor = selection.anchor ?? cursor;
  return [Math.min(anchor, index), Math.max(anchor, index)];
}

/** Every row the filters show. */
export function selectEvery(refs: readonly AnnotationRef[]): TableSelection {
  return { picked: new Map(refs.map((ref) => [refKey(ref), ref])) };
}

export function isSelected(selection: TableSelection, ref: AnnotationRef): boolean {
  return selection.picked.has(refKey(ref));
}
