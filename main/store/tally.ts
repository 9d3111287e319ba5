// Whole-workspace reads of annotations (docs/design/on-demand-store.md §2.3), as both stores answer
// them from memory: `eachDocument` (every document, or those named, in library order), `tally`
// (annotations counted by one key), `findAnnotations` (the annotations a change of every document
// would touch) and `readAnnotations` (annotations by reference, with their document's metadata).
// Callers that count or search every annotation go through these rather than `documents`, so that
// a store that keeps only some documents in memory (step 4) can answer them in SQL instead: the
// keys and queries below are the ones the design maps to a GROUP BY or a WHERE.
import type { Annotation } from '../../core/model/annotation.ts';
import type { DocumentMeta } from '../../core/model/document.ts';
import { refKey, type AnnotationRef } from '../../core/model/evidence.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';

/**
 * What `tally` counts annotations by. Single keys are the value itself; keys of two parts are a
 * JSON array (read them back with `tallyParts`):
 * - `tags`: the annotation's tags array, as JSON (`["a","b"]`, in the annotation's order);
 * - `document-tags`: `[documentId, tags]`, as JSON;
 * - `status`, `speaker`, `outlet`, `creator`: the annotation's own field, as stored (speakers are
 *   raw spellings: the caller resolves them with the codebook; outlets may be empty or blank);
 * - `shown-outlet`: the outlet the annotation table shows, its own (trimmed) or else its document's;
 * - `coder-documents`: `[creator, documentId]`, as JSON, for placed annotations only (not orphaned).
 */
export type TallyKey = 'tags' | 'document-tags' | 'status' | 'speaker' | 'outlet' | 'shown-outlet' | 'creator' | 'coder-documents';

/**
 * Which annotations `findAnnotations` finds: those carrying any of `tags`, or whose speaker is
 * exactly (as stored, not resolved) one of `speakers`.
 */
export type AnnotationQuery = { readonly tags: readonly string[] } | { readonly speakers: readonly string[] };

/** An annotation found by `findAnnotations`, with the document it is in. */
export interface FoundRef {
  readonly documentId: string;
  readonly annotation: Annotation;
}

/** An annotation read by reference (`readAnnotations`), with what its document's meta says. */
export interface FoundAnnotation {
  readonly documentId: string;
  readonly annotation: Annotation;
  readonly meta: DocumentMeta;
  /** When the document's first version was imported (its importedAt when it has one version). */
  readonly firstImportedAt: string;
}

/** Options of `eachDocument`. */
export interface EachDocumentOptions {
  /** Only these documents (those that exist), still in library order. */
  readonly ids?: readonly string[];
  /** Stops the reading between documents (the iteration throws the signal's reason). */
  readonly signal?: AbortSignal;
}

/**
 * Every document (or those named), in library order, in one array: for the readers that still need
 * the whole selection at once (the annotation table, exports: on-demand store steps 6 and 7). On the
 * PostgreSQL store that is every document in memory for as long as the caller keeps the array.
 */
export async function everyDocument(
  store: { eachDocument(options?: EachDocumentOptions): AsyncIterable<DocumentFile> },
  options: EachDocumentOptions = {},
): Promise<DocumentFile[]> {
  const documents: DocumentFile[] = [];
  for await (const file of store.eachDocument(options)) documents.push(file);
  return documents;
}

/** The key `annotation` of `file` is counted under (see TallyKey); undefined: not counted. */
function keyOf(key: TallyKey, file: DocumentFile, annotation: Annotation): string | undefined {
  switch (key) {
    case 'tags':
      return JSON.stringify(annotation.tags);
    case 'document-tags':
      return JSON.stringify([file.meta.id, annotation.tags]);
    case 'status':
      return annotation.status;
    case 'speaker':
      return annotation.speaker;
    case 'outlet':
      return annotation.outlet;
    case 'shown-outlet':
      // As core/annotations/annotation-table.ts's outletOf.
      return annotation.outlet.trim() || file.meta.outlet;
    case 'creator':
      return annotation.creator;
    case 'coder-documents':
      return annotation.anchor.state === 'orphaned' ? undefined : JSON.stringify([annotation.creator, file.meta.id]);
  }
}

/** The annotations of `documents` counted by `key`: the loop over memory both stores answer `tally` with. */
export function tallyOf(documents: Iterable<DocumentFile>, key: TallyKey): Map<string, number> {
  const counts = new Map<string, number>();
  for (const file of documents) {
    for (const annotation of file.annotations) {
      const value = keyOf(key, file, annotation);
      if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * The parts of a key of two parts (`document-tags`: documentId and tags; `coder-documents`:
 * creator and documentId), or of `tags` (the tags).
 * @example tallyParts<[string, string[]]>('["d1",["quote"]]') // ['d1', ['quote']]
 */
export function tallyParts<T>(key: string): T {
  return JSON.parse(key) as T;
}

/** The annotations of `documents` that `query` finds, in the documents' order and each's own. */
export function findAnnotationsIn(documents: Iterable<DocumentFile>, query: AnnotationQuery): FoundRef[] {
  const matches = matcherOf(query);
  const found: FoundRef[] = [];
  for (const file of documents)
    for (const annotation of file.annotations) if (matches(annotation)) found.push({ documentId: file.meta.id, annotation });
  return found;
}

function matcherOf(query: AnnotationQuery): (annotation: Annotation) => boolean {
  if ('tags' in query) {
    const wanted = new Set(query.tags);
    return (annotation) => annotation.tags.some((tag) => wanted.has(tag));
  }
  const wanted = new Set(query.speakers);
  return (annotation) => wanted.has(annotation.speaker);
}

/**
 * The annotations `refs` name that exist, by `refKey`, read from the documents `documentOf` gives
 * (each document's annotations indexed once, however many refs point into it).
 */
export function readAnnotationsIn(
  documentOf: (id: string) => DocumentFile | undefined,
  refs: Iterable<AnnotationRef>,
): Map<string, FoundAnnotation> {
  const indexes = new Map<string, { file: DocumentFile; byId: Map<string, Annotation> } | undefined>();
  const found = new Map<string, FoundAnnotation>();
  for (const ref of refs) {
    if (!indexes.has(ref.documentId)) {
      const file = documentOf(ref.documentId);
      indexes.set(ref.documentId, file && { file, byId: new Map(file.annotations.map((annotation) => [annotation.id, annotation])) });
    }
    const index = indexes.get(ref.documentId);
    const annotation = index?.byId.get(ref.annotationId);
    if (index === undefined || annotation === undefined) continue;
    const { meta, versions } = index.file;
    found.set(refKey(ref), {
      documentId: ref.documentId,
      annotation,
      meta,
      firstImportedAt: versions[0]?.importedAt ?? meta.importedAt,
    });
  }
  return found;
}
