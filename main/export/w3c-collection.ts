// The workspace's annotations and evidence links as one W3C Web Annotation AnnotationCollection
// (JSON-LD; positions in Unicode code points): what `exportAnnotations` offers, and the bundle's
// annotations.jsonld.
import { claimbenchIris } from '../../core/interchange/w3c/w3c-iris.ts';
import type { W3CAnnotation } from '../../core/interchange/w3c/w3c-types.ts';
import { annotationCollection, annotationToW3C, linkToW3C, w3cDocument, type W3CDocument } from '../../core/interchange/w3c/w3c-write.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { workspaceUuid } from './export-names.ts';

/**
 * Every annotation and evidence link of `source` (the store, or a selection of it) as one W3C
 * AnnotationCollection. `versions`: each annotation with its `claimbench:version` (a bundle's
 * annotations.jsonld, our own format); the W3C export leaves it out.
 */
export function w3cCollection(source: Pick<WorkspaceStore, 'workspace' | 'documents' | 'evidence'>, { versions = false } = {}) {
  const { name, createdAt, codebook, settings } = source.workspace;
  const workspaceId = workspaceUuid(createdAt);
  const iris = claimbenchIris(workspaceId);
  const tagsById = new Map(codebook.tags.map((tag) => [tag.id, tag]));
  const statusLabels = new Map(settings.statuses.map((status) => [status.id, status.label]));
  const documents = new Map<string, { document: W3CDocument; annotations: Map<string, Annotation> }>();
  const items: W3CAnnotation[] = [];
  for (const file of source.documents) {
    const document = w3cDocument(file.meta, file.text);
    documents.set(file.meta.id, { document, annotations: new Map(file.annotations.map((annotation) => [annotation.id, annotation])) });
    for (const annotation of file.annotations)
      items.push(annotationToW3C(annotation, { document, tagsById, statusLabel: (id) => statusLabels.get(id), iris, versions }));
  }
  const end = (documentId: string, annotationId: string) => {
    const entry = documents.get(documentId);
    const annotation = entry?.annotations.get(annotationId);
    return entry && annotation && { annotation, document: entry.document };
  };
  for (const link of source.evidence.links) {
    const from = end(link.from.documentId, link.from.annotationId);
    const to = end(link.to.documentId, link.to.annotationId);
    // Referential integrity keeps both ends; a file repaired by hand might not.
    if (from && to) items.push(linkToW3C(link, { from, to, iris }));
  }
  return annotationCollection(items, { id: `urn:uuid:${workspaceId}`, label: name });
}
