// The library half of the PostgreSQL store (DocumentLibrary's reads, docs/design/on-demand-store.md
// §2.2, §2.3), answered by the database (pg-store-reads.ts) instead of the loops over memory, so
// that they need no document in memory. One rule says which documents memory answers for: those
// held or with staged saves (`answeredFromMemory`). A staged, pipelined save is in memory before it
// commits, and a held document is read from memory by its holder, so a whole-workspace read agrees
// with what the holder sees. Every other document is read as the database has it when the query
// runs. Each answer is in library order: the heads' order (byImport), which is JavaScript's string
// order and so is sorted here, never by SQL.
import type { DocumentMeta } from '../../core/model/document.ts';
import { refKey, type AnnotationRef } from '../../core/model/evidence.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { DocumentLibrary } from '../store/document-library.ts';
import {
  findAnnotationsIn,
  readAnnotationsIn,
  tallyOf,
  type AnnotationQuery,
  type EachDocumentOptions,
  type FoundAnnotation,
  type FoundRef,
  type TallyKey,
} from '../store/tally.ts';
import type { DocumentHead, FindField } from '../store/workspace-store.ts';
import type { TeamDb } from './db.ts';
import { readDocuments } from './pg-store-load.ts';
import { findAnnotationRows, findDocumentIds, readAnnotationRows, readMetas, tallyRows } from './pg-store-reads.ts';

/** Documents `eachDocument` reads from the database at a time (as the search index's rebuild batches). */
export const EACH_DOCUMENT_BATCH = 200;

export abstract class PgDocumentLibrary extends DocumentLibrary {
  /** The database handle; the search index lives in its search tables (main/search/pg/pg-search-index.ts). */
  readonly teamDb: TeamDb;

  protected constructor(db: TeamDb, documents: Iterable<DocumentFile>) {
    super(documents);
    this.teamDb = db;
  }

  /** The documents whose reads memory answers: held, or with staged saves not yet committed. */
  protected abstract answeredFromMemory(): ReadonlySet<string>;

  /** The files memory has of the documents it answers for (a copy: the map is the caller's). */
  private fromMemory(): Map<string, DocumentFile> {
    const files = new Map<string, DocumentFile>();
    for (const id of this.answeredFromMemory()) {
      const file = this.resident(id);
      if (file !== undefined) files.set(id, file);
    }
    return files;
  }

  /** Each document's place in library order. */
  private order(): Map<string, number> {
    return new Map(this.heads.map(({ id }, index) => [id, index]));
  }

  /** The metadata of the documents named that are in the library, as the database has them now (one query). */
  override metas(ids: readonly string[]): Promise<ReadonlyMap<string, DocumentMeta>> {
    return readMetas(
      this.teamDb,
      ids.filter((id) => this.head(id) !== undefined),
    );
  }

  /** The first document of the library, in its order, whose meta has `value` in `field` (an indexed query). */
  override async findDocument(field: FindField, value: string): Promise<DocumentHead | undefined> {
    const heads = (await findDocumentIds(this.teamDb, field, value)).flatMap((id) => this.head(id) ?? []);
    if (heads.length <= 1) return heads[0];
    const order = this.order();
    return heads.sort((a, b) => order.get(a.id)! - order.get(b.id)!)[0];
  }

  /**
   * Every document of the library (or those named), in library order, EACH_DOCUMENT_BATCH at a time,
   * each batch read in one snapshot of its own; those memory answers for come from memory, as it had
   * them when their batch was read.
   */
  override async *eachDocument({ ids, signal }: EachDocumentOptions = {}): AsyncGenerator<DocumentFile> {
    const wanted = ids === undefined ? undefined : new Set(ids);
    const order = this.heads.flatMap(({ id }) => (wanted === undefined || wanted.has(id) ? [id] : []));
    for (let start = 0; start < order.length; start += EACH_DOCUMENT_BATCH) {
      signal?.throwIfAborted();
      const batch = order.slice(start, start + EACH_DOCUMENT_BATCH);
      const memory = this.fromMemory();
      const read = await readDocuments(
        this.teamDb,
        batch.filter((id) => !memory.has(id)),
      );
      for (const id of batch) {
        signal?.throwIfAborted();
        const held = memory.get(id);
        if (held !== undefined) {
          yield held;
          continue;
        }
        // Not there: removed since the heads were read. Not valid: opening reported it as a problem.
        const found = read.get(id);
        if (found !== undefined && !('code' in found)) yield found.file;
      }
    }
  }

  /**
   * Every annotation counted by `key`: one GROUP BY over the database's rows of the documents memory
   * does not answer for, and the loop over memory for those it does. An annotation of a document the
   * database holds but opening found not valid is counted (it is not in the library); the loops
   * over memory never saw it.
   */
  override async tally(key: TallyKey): Promise<ReadonlyMap<string, number>> {
    const memory = this.fromMemory();
    const counts = await tallyRows(this.teamDb, key, [...memory.keys()]);
    for (const [value, n] of tallyOf(memory.values(), key)) counts.set(value, (counts.get(value) ?? 0) + n);
    return counts;
  }

  /** The annotations of the library's documents that `query` finds, in library order and each document's own. */
  override async findAnnotations(query: AnnotationQuery): Promise<readonly FoundRef[]> {
    const memory = this.fromMemory();
    const rows = await findAnnotationRows(this.teamDb, query, [...memory.keys()]);
    const byDocument = new Map<string, FoundRef[]>();
    for (const row of rows.sort((a, b) => a.position - b.position)) {
      const list = byDocument.get(row.documentId);
      const found = { documentId: row.documentId, annotation: row.annotation };
      if (list === undefined) byDocument.set(row.documentId, [found]);
      else list.push(found);
    }
    for (const found of findAnnotationsIn(memory.values(), query)) {
      const list = byDocument.get(found.documentId);
      if (list === undefined) byDocument.set(found.documentId, [found]);
      else list.push(found);
    }
    return this.heads.flatMap(({ id }) => byDocument.get(id) ?? []);
  }

  /** The annotations `refs` names that exist in the library's documents, by `refKey`, with their documents' metadata. */
  override async readAnnotations(refs: readonly AnnotationRef[]): Promise<ReadonlyMap<string, FoundAnnotation>> {
    const memory = this.fromMemory();
    const found = readAnnotationsIn(
      (id) => memory.get(id),
      refs.filter((ref) => memory.has(ref.documentId)),
    );
    const rows = await readAnnotationRows(
      this.teamDb,
      refs.filter((ref) => !memory.has(ref.documentId) && this.head(ref.documentId) !== undefined),
    );
    for (const { documentId, annotation } of rows.annotations) {
      const document = rows.documents.get(documentId);
      if (document === undefined) continue;
      const { meta, firstImportedAt } = document;
      found.set(refKey({ documentId, annotationId: annotation.id }), {
        documentId,
        annotation,
        meta,
        firstImportedAt: firstImportedAt ?? meta.importedAt,
      });
    }
    // In the order of `refs`, as the loop over memory answers.
    const ordered = new Map<string, FoundAnnotation>();
    for (const key of refs.map(refKey)) {
      const one = found.get(key);
      if (one !== undefined) ordered.set(key, one);
    }
    return ordered;
  }
}
