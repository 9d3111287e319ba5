// The settings dialog's editable lists (span statuses, verdict scale): entries added in the dialog
// get their id when saved, from their name, unique in the list and never the reserved "none".
import { NO_VERDICT } from '../../../core/model/evidence.ts';

export interface ScaleEntry {
  readonly id: string;
  readonly label: string;
  readonly color: string;
}

/** The id an entry added in the dialog has until it is saved (not a valid id, so never confused with one). */
export const NEW_ENTRY = '+new';

/** A new entry's id from its name: "Needs context" → "needs-context" ("needs-context-2" if taken). */
export function idFor(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'entry';
  let id = base === NO_VERDICT ? `${base}-1` : base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The entries as they are saved: names trimmed, new ones given ids. */
export function withIds(entries: readonly ScaleEntry[]): ScaleEntry[] {
  const taken = new Set(entries.filter((entry) => !entry.id.startsWith(NEW_ENTRY)).map((entry) => entry.id));
  return entries.map((entry) => {
    const label = entry.label.trim();
    if (!entry.id.startsWith(NEW_ENTRY)) return { ...entry, label };
    const id = idFor(label, taken);
    taken.add(id);
    return { ...entry, id, label };
  });
}
