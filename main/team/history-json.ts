// An undo step (core/history/history.ts `Change`) as the jsonb of a history_steps row
// (migrations/0004-history-steps.ts). JSON has no `undefined`: a change's sides say "absent" by
// leaving a value out (an annotation, a document, a claim that is not there), which JSON keeps, but
// a details edit says "this field was absent" by a field present as `undefined`, which JSON would
// drop (and undo would then leave the field as it is). Details sides are kept as entries: `[name,
// value]`, or `[name]` for a field absent on that side.
import type { Change, DetailFields, DetailsEdit } from '../../core/history/history.ts';

type Entries = readonly (readonly [string, unknown] | readonly [string])[];

interface StoredDetails {
  readonly documentId: string;
  readonly before: Entries;
  readonly after: Entries;
}

type StoredChange = Omit<Change, 'details'> & { readonly details?: readonly StoredDetails[] };

function entries(fields: DetailFields): Entries {
  return Object.entries(fields).map(([name, value]) => (value === undefined ? [name] : [name, value]));
}

function fields(stored: Entries): DetailFields {
  return Object.fromEntries(stored.map((entry) => [entry[0], entry.length === 2 ? entry[1] : undefined])) as DetailFields;
}

/** `change` as JSON text. */
export function changeToJson(change: Change): string {
  const { details, ...rest } = change;
  const stored: StoredChange =
    details === undefined
      ? rest
      : {
          ...rest,
          details: details.map((edit) => ({ documentId: edit.documentId, before: entries(edit.before), after: entries(edit.after) })),
        };
  return JSON.stringify(stored);
}

/** The change kept as `stored` (the row's jsonb, as pg parses it). Trusted: only changeToJson writes it. */
export function changeFromJson(stored: unknown): Change {
  const { details, ...rest } = stored as StoredChange;
  if (details === undefined) return rest;
  return {
    ...rest,
    details: details.map((edit): DetailsEdit => ({ documentId: edit.documentId, before: fields(edit.before), after: fields(edit.after) })),
  };
}
