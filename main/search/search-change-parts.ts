// What the search index is told of a batch of the store's changes (workspace-search.ts): each
// document's part, and the parts merged into the one change the index applies in one transaction.
import type { DocumentFile } from '../../core/model/stored-files.ts';
import type { SearchChange, SearchDocument } from '../../core/search/search-types.ts';

export function searchDocumentOf(file: DocumentFile): SearchDocument {
  return { meta: file.meta, text: file.text, annotations: file.annotations };
}

/** What the index is told of document `documentId`, now `file` (undefined: removed): all of it, or the annotations named. */
export function documentChange(documentId: string, file: DocumentFile | undefined, annotationIds?: readonly string[]): SearchChange {
  if (file === undefined) return { deleteDocuments: [documentId] };
  if (annotationIds === undefined) return { upsertDocuments: [searchDocumentOf(file)] };
  const byId = new Map(file.annotations.map((annotation) => [annotation.id, annotation]));
  return {
    upsertAnnotations: annotationIds.flatMap((id) => {
      const annotation = byId.get(id);
      return annotation === undefined ? [] : [{ documentId, annotation }];
    }),
    deleteAnnotations: annotationIds.filter((id) => !byId.has(id)).map((annotationId) => ({ documentId, annotationId })),
  };
}

/** One change doing what `parts` do, in the order SearchIndex.applyChange applies them. */
export function mergeChanges(parts: readonly SearchChange[]): SearchChange {
  const merged: { -readonly [K in keyof SearchChange]: SearchChange[K] } = {};
  const lists = ['upsertDocuments', 'deleteDocuments', 'upsertAnnotations', 'deleteAnnotations', 'upsertClaims', 'deleteClaims'] as const;
  for (const part of parts) {
    if (part.codebook !== undefined) merged.codebook = part.codebook;
    if (part.replaceClaims === true) merged.replaceClaims = true;
    for (const list of lists) {
      const items = part[list] as readonly unknown[] | undefined;
      if (items !== undefined && items.length > 0)
        (merged[list] as unknown[] | undefined) = [...((merged[list] as unknown[] | undefined) ?? []), ...items];
    }
  }
  return merged;
}
