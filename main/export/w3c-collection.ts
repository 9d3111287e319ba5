// The workspace's annotations and evidence links as one W3C Web Annotation AnnotationCollection
// (JSON-LD; positions in Unicode code points): what `exportAnnotations` offers, and the bundle's
// annotations.jsonld.
import { claimbenchIris } from '../../core/interchange/w3c/w3c-iris.ts';
import type { W3CAnnotation } from '../../core/interchange/w3c/w3c-types.ts';
import { annotationCollection, annotationToW3C, linkToW3C, w3cDocument, type W3CDocument } from '../../core/interchange/w3c/w3c-write.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { workspaceUuid } from './export-names.ts';

type CollectionSource = Pick<WorkspaceStore, 'workspace' | 'documents' | 'evidence'>;

/**
 * Every annotation and evidence link of `source` (the store, or a selection of it) as one W3C
 * AnnotationCollection. `versions`: each annotation with its `claimbench:version` (a bundle's
 * annotations.jsonld, our own format); the W3C export leaves it out.
 */
export function w3cCollection(source: CollectionSource, { versions = false } = {}) {
  const { items, id, label } = w3cCollectionItems(source, { versions });
  return annotationCollection([...items], { id, label });
}

/**
 * The collection of `w3cCollection` as it is written: its head (the collection and its page
 * without items, `total` counted) and its items (without their `@context`) made one at a time, so
 * that a large collection never has to be in memory whole.
 *
 * @example const { head, items } = w3cCollectionParts(store, { versions: true }); // head.first.items is []
 */
export function w3cCollectionParts(source: CollectionSource, { versions = false } = {}) {
  const { items, total, id, label } = w3cCollectionItems(source, { versions });
  const head = { ...annotationCollection([], { id, label }), total };
  function* pageItems() {
    for (const { '@context': _context, ...item } of items) yield item;
  }
  return { head, items: pageItems() };
}

function w3cCollectionItems(source: CollectionSource, { versions }: { versions: boolean }) {
  const { name, createdAt, codebook, settings } = source.workspace;
  const workspaceId = workspaceUuid(createdAt);
  const iris = claimbenchIris(workspaceId);
  const tagsById = new Map(codebook.tags.map((tag) => [tag.id, tag]));
  const statusLabels = new Map(settings.statuses.map((status) => [status.id, status.label]));
  const documents = new Map<string, { document: W3CDocument; annotations: Map<string, Annotation> }>();
  for (const file of source.documents)
    documents.set(file.meta.id, {
      document: w3cDocument(file.meta, file.text),
      annotations: new Map(file.annotations.map((annotation) => [annotation.id, annotation])),
    });
  const end = (documentId: string, annotationId: string) => {
    const entry = documents.get(documentId);
    const annotation = entry?.annotations.get(annotationId);
    return entry && annotation && { annotation, document: entry.document };
  };
  // Referential integrity keeps both ends of a link; a file repaired by hand might not.
  const links = source.evidence.links.filter(
    (link) => end(link.from.documentId, link.from.annotationId) && end(link.to.documentId, link.to.annotationId),
  );
  function* items(): Generator<W3CAnnotation> {
    for (const file of source.documents) {
      const { document } = documents.get(file.meta.id)!;
      for (const annotation of file.annotations)
        yield annotationToW3C(annotation, { document, tagsById, statusLabel: (id) => statusLabels.get(id), iris, versions });
    }
    for (const link of links)
      yield linkToW3C(link, {
        from: end(link.from.documentId, link.from.annotationId)!,
        to: end(link.to.documentId, link.to.annotationId)!,
        iris,
      });
  }
  const total = source.documents.reduce((sum, file) => sum + file.annotations.length, 0) + links.length;
  return { items: items(), total, id: `urn:uuid:${workspaceId}`, label: name };
}
