// The library half of the PostgreSQL store (docs/design/on-demand-store.md §2, §3.1): which documents
// are in memory, and DocumentLibrary's reads. Opening knows every document's head; `hold` reads
// documents into memory in their write-queue turns, and released ones stay in a cache limited by
// bytes (resident-documents.ts) unless a hold, a staged save or a queued write pins them.
// One rule says which documents memory answers for in the library's and whole-workspace reads: those
// resident (held, staged, or still cached). A staged, pipelined save is in memory before it commits,
// and a held document is read from memory by its holder, so a whole-workspace read agrees with what
// the holder sees; memory also spares the database a read. Every other document is read as the
// database has it when the query runs (pg-store-reads.ts). Each answer is in library order: the
// heads' order (byImport), which is JavaScript's string order and so is sorted here, never by SQL.
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
import { ok, type Failure, type Result } from '../../core/result.ts';
import { HoldCounts, NotHeld } from '../store/document-holds.ts';
import type { DocumentHead, DocumentHold, FindField } from '../store/workspace-store.ts';
import { WriteQueue } from '../store/write-queue.ts';
import type { TeamDb } from './db.ts';
import { readDocuments } from './pg-store-load.ts';
import { documentKey, writeFailure } from './pg-store-writes.ts';
import { inTurns } from './queue-turns.ts';
import { DEFAULT_RESIDENT_BYTES, ResidentDocuments } from './resident-documents.ts';
import { findAnnotationRows, findDocumentIds, readAnnotationRows, readMetas, tallyRows } from './pg-store-reads.ts';

/** Documents `eachDocument` reads from the database at a time (as the search index's rebuild batches). */
export const EACH_DOCUMENT_BATCH = 200;
/** Documents a hold reads from the database per query. */
const HOLD_BATCH = 200;

export abstract class PgDocumentLibrary extends DocumentLibrary {
  /** The database handle; the search index lives in its search tables (main/search/pg/pg-search-index.ts). */
  readonly teamDb: TeamDb;
  /** Every write of a record goes through its key's queue (pg-store.ts); a hold's reads take their turns in it too. */
  protected readonly queue = new WriteQueue();
  protected readonly holds: HoldCounts;
  /** The documents in memory, each with its rows' versions as last written or read here (what the next write expects). */
  protected readonly residents: ResidentDocuments;
  /** What could not be read: documents (when held or changed) that are not valid. */
  protected readonly unreadable: Failure[] = [];

  protected constructor(
    db: TeamDb,
    heads: Iterable<DocumentHead>,
    options: { readonly strictHolds?: boolean; readonly residentBytes?: number },
  ) {
    super([], heads);
    this.teamDb = db;
    this.holds = new HoldCounts(options.strictHolds === true);
    this.residents = new ResidentDocuments(
      options.residentBytes ?? DEFAULT_RESIDENT_BYTES,
      (id) => this.holds.has(id) || this.hasStaged(id) || this.queue.has(documentKey(id)),
    );
    // A document whose last write has settled may go, if nobody holds it.
    this.queue.onDidIdle(() => this.residents.trim());
  }

  /** Whether document `id` has pipelined saves not yet committed (they exist only in memory: never evicted). */
  protected abstract hasStaged(id: string): boolean;

  /** The files of the documents in memory now (a copy: the map is the caller's). */
  private fromMemory(): Map<string, DocumentFile> {
    const files = new Map<string, DocumentFile>();
    for (const id of this.residents.ids()) files.set(id, this.residents.file(id)!);
    return files;
  }

  /** The PostgreSQL store cannot list every document synchronously: whole-workspace reads use eachDocument. */
  override get documents(): readonly DocumentFile[] {
    throw new Error('The team store reads documents on demand: use eachDocument, or hold them and read document(id).');
  }

  /** A held document; one in the library that is not in memory throws NotHeld (a forgotten hold), even outside strict mode. */
  document(id: string): DocumentFile | undefined {
    const file = this.residents.file(id);
    if (file !== undefined) this.holds.check(id);
    else if (this.head(id) !== undefined && !this.holds.has(id)) throw new NotHeld(id);
    return file;
  }

  protected resident(id: string): DocumentFile | undefined {
    return this.residents.file(id);
  }

  /** Estimated bytes of the documents in memory now, held or not. */
  get residentBytes(): number {
    return this.residents.bytes;
  }

  /**
   * Counts the hold at once (nothing named is evicted from then on), then reads the documents named
   * that are in the library and not in memory, HOLD_BATCH a query, each in its document's turn.
   */
  async hold(ids: Iterable<string>): Promise<DocumentHold> {
    const named = [...new Set(ids)];
    const counted = this.holds.add(named);
    let released = false;
    const hold: DocumentHold = {
      release: () => {
        if (released) return;
        released = true;
        counted.release();
        for (const id of named) this.residents.touch(id);
        this.residents.trim();
      },
    };
    try {
      const missing = named.filter((id) => !this.residents.has(id) && this.head(id) !== undefined);
      for (let start = 0; start < missing.length; start += HOLD_BATCH) {
        const batch = missing.slice(start, start + HOLD_BATCH);
        await inTurns(this.queue, batch.map(documentKey), () => this.install(batch));
      }
    } catch (error) {
      hold.release();
      throw error;
    }
    return hold;
  }

  /**
   * Reads into memory the documents of `ids` that are not there, in one snapshot (call it in their turns):
   * a file and its versions together. One that is gone is left to the change follower; one not valid is
   * reported as a problem and leaves the library, as opening left such documents out.
   */
  private async install(ids: readonly string[]): Promise<void> {
    const wanted = ids.filter((id) => !this.residents.has(id));
    const read = await readDocuments(this.teamDb, wanted);
    for (const id of wanted) {
      const found = read.get(id);
      if (found === undefined) continue;
      if ('code' in found) {
        this.unreadable.push(found);
        this.noteDocument(id, undefined);
        continue;
      }
      this.residents.put(id, found.file, found.known);
      this.noteDocument(id, found.file);
    }
  }

  /**
   * In document `id`'s turn: reads it into memory if it is in the library and not there (a write needs
   * its versions). A failed read is the write's failure, never a rejection of the queue's task.
   */
  protected async residentInTurn(id: string): Promise<Result<void, 'write-failed'>> {
    try {
      if (!this.residents.has(id) && this.head(id) !== undefined) await this.install([id]);
      return ok(undefined);
    } catch (error) {
      return writeFailure(`document "${id}"`, error);
    }
  }

  /** Each document's place in library order. */
  private order(): Map<string, number> {
    return new Map(this.heads.map(({ id }, index) => [id, index]));
  }

  /** The metadata of the documents named that are in the library: from memory for those resident, the rest as the database has them now (one query). */
  override async metas(ids: readonly string[]): Promise<ReadonlyMap<string, DocumentMeta>> {
    const read = await readMetas(
      this.teamDb,
      ids.filter((id) => this.head(id) !== undefined && !this.residents.has(id)),
    );
    const found = new Map<string, DocumentMeta>();
    for (const id of ids) {
      const meta = this.residents.file(id)?.meta ?? read.get(id);
      if (meta !== undefined) found.set(id, meta);
    }
    return found;
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
   * Every annotation counted by `key`: one GROUP BY over the database's rows of the documents not in
   * memory, and the loop over memory for those that are. An annotation of a document the
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
