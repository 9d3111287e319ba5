// Which rows of the annotations panel are selected, by annotation id (the list renders only the
// rows in view, so the DOM cannot say). By default the selection is the row at the cursor (the
// annotation chosen, shown in the reader), as a plain click or j/k leaves it; Ctrl/Cmd+click,
// Shift (a range), Ctrl+A (every row the filter shows) and x pick a set of rows instead, which Esc
// gives up. Functions of the rows shown, in their order: a row the filter hides is not selected.

export interface RowSelection {
  /** The rows picked; undefined: the row at the cursor alone. */
  readonly picked?: ReadonlySet<string>;
  /** Where a Shift range starts (undefined: at the cursor). */
  readonly anchor?: string;
  /** The cursor when the rows were picked: if the cursor moves elsewhere, not by the panel, the picks end. */
  readonly at?: string;
}

/** The row at the cursor alone. */
export const SINGLE: RowSelection = {};

/** The cursor's row when it is shown, for a selection that starts from it. */
function cursorRow(cursor: string | undefined, shown: readonly string[]): string[] {
  return cursor !== undefined && shown.includes(cursor) ? [cursor] : [];
}

/**
 * The selected rows of `shown`, in its order.
 * @example selectedIds(SINGLE, 'b', ['a', 'b', 'c']) // ['b']
 */
export function selectedIds(selection: RowSelection, cursor: string | undefined, shown: readonly string[]): string[] {
  const { picked } = selection;
  return picked === undefined ? cursorRow(cursor, shown) : shown.filter((id) => picked.has(id));
}

/** Ctrl/Cmd+click on `id` (or x at it): it joins the selection, or leaves it; the cursor moves there. */
export function toggleRow(selection: RowSelection, cursor: string | undefined, shown: readonly string[], id: string): RowSelection {
  const picked = new Set(selection.picked ?? cursorRow(cursor, shown));
  if (picked.has(id)) picked.delete(id);
  else picked.add(id);
  return { picked, anchor: id, at: id };
}

/**
 * Shift+click on `id`, or Shift+↓/↑ to it: the rows from the anchor (the last row toggled, else the
 * cursor) to `id` are the selection, and the cursor moves to `id`.
 */
export function extendTo(selection: RowSelection, cursor: string | undefined, shown: readonly string[], id: string): RowSelection {
  const to = shown.indexOf(id);
  if (to < 0) return selection;
  const anchor = [selection.anchor, cursor].find((candidate) => candidate !== undefined && shown.includes(candidate)) ?? id;
  const from = shown.indexOf(anchor);
  return { picked: new Set(shown.slice(Math.min(from, to), Math.max(from, to) + 1)), anchor, at: id };
}

/** Ctrl+↓/↑: the cursor moves to `id` and the selection stays as it is (with the cursor's row, if it was that alone). */
export function moveKeeping(selection: RowSelection, cursor: string | undefined, shown: readonly string[], id: string): RowSelection {
  return { picked: selection.picked ?? new Set(cursorRow(cursor, shown)), anchor: selection.anchor ?? cursor, at: id };
}

/** Ctrl/Cmd+A: every row shown (after the filter); the cursor stays. */
export function selectAll(selection: RowSelection, cursor: string | undefined, shown: readonly string[]): RowSelection {
  return { picked: new Set(shown), anchor: selection.anchor, at: cursor };
}
