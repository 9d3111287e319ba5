// The library half of a workspace store, shared by both stores: every document's head
// (workspace-store.ts's DocumentHead), in library order, and the counts and look-ups made from them.
// The library, its pages, the counts and an import's checks read these rather than every document,
// so that a store that keeps only some documents in memory (docs/design/on-demand-store.md) can
// answer them. A store keeps the heads current by calling `noteDocument` wherever it installs or
// drops a document in memory, or learns of one it does not keep (`noteHead`); `documents` follows the
// heads' order. The whole-workspace reads of annotations (tally.ts) are answered here from memory,
// for the folder store; the PostgreSQL store overrides them to ask its database for the documents it
// does not have in memory (main/team/pg-store-library.ts).
import type { DocumentMeta } from '../../core/model/document.ts';
import type { AnnotationRef } from '../../core/model/evidence.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import {
  findAnnotationsIn,
  readAnnotationsIn,
  tallyOf,
  type AnnotationQuery,
  type EachDocumentOptions,
  type FoundAnnotation,
  type FoundRef,
  type TallyKey,
} from './tally.ts';
import { byImport, type DocumentHead, type FindField } from './workspace-store.ts';

export abstract class DocumentLibrary {
  private readonly headsById = new Map<string, DocumentHead>();
  private orderedHeads: DocumentHead[] | undefined;
  private orderedDocuments: DocumentFile[] | undefined;
  private annotationTotal = 0;

  /** `heads`: those of documents not in memory (the PostgreSQL store reads documents when held). */
  protected constructor(documents: Iterable<DocumentFile>, heads: Iterable<DocumentHead> = []) {
    for (const head of heads) this.noteHead(head.id, head);
    for (const document of documents) this.noteDocument(document.meta.id, document);
  }

  abstract document(id: string): DocumentFile | undefined;
  /** The document memory has for `id`, held or not: for the store's own reads, which need no hold. */
  protected abstract resident(id: string): DocumentFile | undefined;

  /** Every document's head in library order (byImport). Do not mutate. */
  get heads(): readonly DocumentHead[] {
    this.orderedHeads ??= [...this.headsById.values()].sort(byImport);
    return this.orderedHeads;
  }

  head(id: string): DocumentHead | undefined {
    return this.headsById.get(id);
  }

  /** Documents in library order (byImport). Do not mutate. */
  get documents(): readonly DocumentFile[] {
    this.orderedDocuments ??= this.heads.map(({ id }) => this.resident(id)!);
    return this.orderedDocuments;
  }

  /** The sum of the heads' annotationCount. */
  get annotationCount(): number {
    return this.annotationTotal;
  }

  /** The metadata of the documents named that exist, read now (no document can change before the answer). */
  metas(ids: readonly string[]): Promise<ReadonlyMap<string, DocumentMeta>> {
    const found = new Map<string, DocumentMeta>();
    for (const id of ids) {
      const meta = this.resident(id)?.meta;
      if (meta !== undefined) found.set(id, meta);
    }
    return Promise.resolve(found);
  }

  /** The first document, in library order, whose meta has `value` in `field`, looked for now. */
  findDocument(field: FindField, value: string): Promise<DocumentHead | undefined> {
    const found = this.documents.find((document) => document.meta[field] === value);
    return Promise.resolve(found && this.headsById.get(found.meta.id));
  }

  /** Every document (or those named), in library order, each as memory has it when its turn comes. */
  async *eachDocument({ ids, signal }: EachDocumentOptions = {}): AsyncGenerator<DocumentFile> {
    const wanted = ids === undefined ? undefined : new Set(ids);
    const order = this.heads.flatMap(({ id }) => (wanted === undefined || wanted.has(id) ? [id] : []));
    for (const id of order) {
      signal?.throwIfAborted();
      const file = this.resident(id);
      if (file !== undefined) yield file;
    }
  }

  /** Every annotation counted by `key`, counted now. */
  tally(key: TallyKey): Promise<ReadonlyMap<string, number>> {
    return Promise.resolve(tallyOf(this.documents, key));
  }

  /** The annotations `query` finds, looked for now, in library order. */
  findAnnotations(query: AnnotationQuery): Promise<readonly FoundRef[]> {
    return Promise.resolve(findAnnotationsIn(this.documents, query));
  }

  /** The annotations `refs` name that exist, read now. */
  readAnnotations(refs: readonly AnnotationRef[]): Promise<ReadonlyMap<string, FoundAnnotation>> {
    return Promise.resolve(readAnnotationsIn((id) => this.resident(id), refs));
  }

  /** Memory now holds `document` for `id` (undefined: none): its head follows. */
  protected noteDocument(id: string, document: DocumentFile | undefined): void {
    if (document === undefined) this.noteHead(id, undefined);
    else {
      const { title, importedAt } = document.meta;
      this.noteHead(id, { id, title, importedAt, annotationCount: document.annotations.length });
    }
  }

  /** Document `id`'s head is now `head` (undefined: there is no such document), whether memory has the document or not. */
  protected noteHead(id: string, head: DocumentHead | undefined): void {
    this.annotationTotal -= this.headsById.get(id)?.annotationCount ?? 0;
    if (head === undefined) this.headsById.delete(id);
    else {
      this.headsById.set(id, head);
      this.annotationTotal += head.annotationCount;
    }
    this.orderedHeads = undefined;
    this.orderedDocuments = undefined;
  }
}
