// A change of a document's annotations (puts and removals), checked and applied to the document as
// memory holds it: what both stores save (the folder store as one journal record, the PostgreSQL
// store as the rows it touches) and what memory then holds.
import { Annotation } from '../../core/model/annotation.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { applyRecord } from './document-journal.ts';
import { documentPath } from './workspace-layout.ts';
import type { AnnotationPut } from './workspace-store.ts';

export interface PlannedPuts {
  readonly current: DocumentFile;
  /** The journal record: the annotations' ids in list order, and the annotations put. */
  readonly record: { readonly ids: string[]; readonly put: Annotation[] };
  readonly document: DocumentFile;
  /** The annotations put or removed. */
  readonly changed: readonly string[];
}

/**
 * `puts` applied to `current`, each annotation parsed by its schema. An edited annotation keeps
 * its place in the list; a new one goes at the end. Throws on an annotation that breaks the
 * schema or whose quote is not at its place in the text (a bug at the caller).
 */
export function planPuts(current: DocumentFile, puts: readonly AnnotationPut[]): PlannedPuts {
  const byId = new Map(current.annotations.map((annotation) => [annotation.id, annotation]));
  const order = new Set(current.annotations.map((annotation) => annotation.id));
  const changed = new Set<string>();
  for (const { annotationId, annotation } of puts) {
    changed.add(annotationId);
    if (annotation === undefined) {
      byId.delete(annotationId);
      continue;
    }
    order.add(annotationId);
    byId.set(annotationId, Annotation.parse(annotation));
  }
  const record = {
    ids: [...order].filter((annotationId) => byId.has(annotationId)),
    put: [...changed].flatMap((annotationId) => (byId.has(annotationId) ? [byId.get(annotationId)!] : [])),
  };
  const applied = applyRecord(current, record);
  if (!applied.ok) throw new Error(`${documentPath(current.meta.id)}: ${applied.error.message}`);
  return { current, record, document: applied.value, changed: [...changed] };
}
