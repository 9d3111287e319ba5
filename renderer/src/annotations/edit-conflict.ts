// An edit of an annotation refused because someone else changed it first (a `conflict`): what the
// analyst meant to change (`mine`, made from `base`), what is there now (`theirs`), which fields
// differ, and the merge the conflict dialog offers: a field changed on one side only takes that
// side's value, tags take both sides' additions and removals, and a note changed on both sides
// holds both, for the analyst to edit.
import type { AnnotationPatch } from '../../../core/annotations/annotation-operations.ts';
import type { Annotation } from '../../../core/model/annotation.ts';

/** The fields an edit of an annotation sets. */
export type AnnotationFields = Required<Omit<AnnotationPatch, 'baseVersion'>>;

export interface EditConflict {
  readonly documentId: string;
  /** The annotation as the analyst's edit found it. */
  readonly base: Annotation;
  /** The fields the analyst's edit set. */
  readonly mine: Partial<AnnotationFields>;
  /** The annotation as it is now (someone else's change). */
  readonly theirs: Annotation;
}

const FIELDS = ['tags', 'status', 'speaker', 'outlet', 'note'] as const;
export type FieldName = (typeof FIELDS)[number];

export function fieldsOf({ tags, status, speaker, outlet, note }: Annotation): AnnotationFields {
  return { tags: [...tags], status, speaker, outlet, note };
}

/** The annotation's fields as the analyst's edit would have left them, had nobody changed it. */
export function myFields(conflict: EditConflict): AnnotationFields {
  return { ...fieldsOf(conflict.base), ...definedOf(conflict.mine) };
}

/** The annotation's fields if the analyst keeps theirs but for the fields the edit set: "keep mine". */
export function keptMine(conflict: EditConflict): AnnotationFields {
  return { ...fieldsOf(conflict.theirs), ...definedOf(conflict.mine) };
}

/** The fields in which keeping mine differs from theirs, in form order. */
export function differingFields(conflict: EditConflict): FieldName[] {
  const mine = keptMine(conflict);
  const theirs = fieldsOf(conflict.theirs);
  return FIELDS.filter((field) => !same(mine[field], theirs[field]));
}

/**
 * Both changes in one: each field from the side that changed it from `base` (theirs when both did,
 * except tags and the note); tags added or removed on either side; a note changed on both sides
 * as theirs, a blank line, then mine.
 */
export function mergedFields(conflict: EditConflict): AnnotationFields {
  const base = fieldsOf(conflict.base);
  const mine = myFields(conflict);
  const theirs = fieldsOf(conflict.theirs);
  const pick = <K extends FieldName>(field: K): AnnotationFields[K] =>
    same(mine[field], base[field]) || !same(theirs[field], base[field]) ? theirs[field] : mine[field];
  const removed = new Set(base.tags.filter((tag) => !mine.tags.includes(tag)));
  const tags = [...new Set([...theirs.tags, ...mine.tags.filter((tag) => !base.tags.includes(tag))])].filter((tag) => !removed.has(tag));
  const bothNotes = mine.note !== base.note && theirs.note !== base.note && mine.note !== theirs.note;
  return {
    tags,
    status: pick('status'),
    speaker: pick('speaker'),
    outlet: pick('outlet'),
    note: bothNotes ? [theirs.note, mine.note].filter((note) => note !== '').join('\n\n') : pick('note'),
  };
}

function definedOf(fields: Partial<AnnotationFields>): Partial<AnnotationFields> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => item === b[index]);
  return a === b;
}
