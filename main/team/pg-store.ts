// The workspace store on PostgreSQL (the team server's): the WorkspaceStore contract with the folder store's semantics. Opening reads the
// singletons and every document's head; `hold` reads documents (in their write-queue turns) and `document(id)` answers synchronously for
// those held. Released documents stay in a cache limited by bytes (resident-documents.ts), never one with a write queued or staged; the
// library's and whole-workspace reads answer what is resident from memory and ask the database for the rest (pg-store-library.ts).
// In strict mode a read without a hold throws (document-holds.ts). Each write is one transaction that compares and sets the
// versions of its rows (pg-store-writes.ts), appends a change-log row naming its member, and the undo step it ends (history-steps.ts). A
// pipelined save (`stageAnnotations`) is held in memory at once, taken back if it fails.
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { ArchiveEntry } from '../../core/archive/entry.ts';
import { Emitter } from '../../core/events.ts';
import type { EvidenceData } from '../../core/model/evidence.ts';
import { ArchiveFile, DocumentFile, EvidenceFile, WORKSPACE_SCHEMA_VERSION, WorkspaceFile } from '../../core/model/stored-files.ts';
import type { SaveState } from '../../core/model/workspace.ts';
import { fail, ok, type Failure, type Result } from '../../core/result.ts';
import { NotHeld } from '../store/document-holds.ts';
import { planPuts, type PlannedPuts } from '../store/plan-puts.ts';
import type { AnnotationPut, CommittedChange, SavedDocument, StoreChange, WorkspaceStore } from '../store/workspace-store.ts';
import { currentActor } from './actor.ts';
import { ChangeFollower } from './change-follower.ts';
import { notifyChange } from './change-listener.ts';
import type { TeamDb } from './db.ts';
import { PgHistory, withHistoryWrite } from './history-steps.ts';
import { PgDocumentLibrary } from './pg-store-library.ts';
import { loadWorkspace, reloadDocument, reloadSingleton, type LoadedWorkspace } from './pg-store-load.ts';
import { hasBlob, readBlob, readVersionText, saveBlob } from './pg-store-blobs.ts';
import {
  annotationWrites,
  deleteDocument,
  documentKey,
  knownAfter,
  logChange,
  writeAnnotations,
  writeFailure,
  writeDocument,
  writeSingleton,
  type ChangeEntry,
  type TeamTransaction,
} from './pg-store-writes.ts';

export interface PgStoreOptions {
  /** A local folder for this store's working files; created when missing (the search index is in the database). */
  readonly workDir: string;
  /** Close the database handle with the store (the store was given a handle of its own). */
  readonly ownsDb?: boolean;
  /** The database's URL, for a worker thread's own copy (`databaseUrl`); given it, the store follows other processes' changes (`changeFeed`). */
  readonly url?: string;
  /** How often the change log is read without a notification (ChangeFollower's safety net). */
  readonly pollMs?: number;
  /** Undo steps kept per member (core/history/history.ts HISTORY_LIMIT). */
  readonly historyLimit?: number;
  /** Throw NotHeld from `document(id)` for a document nobody holds (the team suite's check that every read holds). */
  readonly strictHolds?: boolean;
  /** Estimated bytes of documents kept in memory when nobody holds them (0: each is dropped when released). */
  readonly residentBytes?: number;
}

export class PgWorkspaceStore extends PgDocumentLibrary implements WorkspaceStore {
  readonly dir: string;
  readonly databaseUrl: string | undefined;
  readonly migratedFiles: WorkspaceStore['migratedFiles'] = [];
  readonly evidenceWriteRefusal = undefined;
  readonly archiveWriteRefusal = undefined;
  readonly openJournalCount = 0;
  private readonly ownsDb: boolean;
  private workspaceFile: WorkspaceFile;
  private workspaceVersion: number;
  private evidenceFile: EvidenceFile;
  private evidenceVersion: number | undefined;
  private archiveFile: ArchiveFile;
  private archiveVersion: number | undefined;
  /** Documents with pipelined saves not yet committed: what is committed, and which saves were made from a failed one. */
  private readonly staged = new Map<string, { committed: DocumentFile; count: number; generation: number }>();
  /** Written in this store's change-log rows, so that it knows them from other processes' rows. */
  readonly origin = randomUUID();
  readonly changeFeed: ChangeFollower | undefined;
  readonly undoHistory: PgHistory;
  /** NOTIFYs sent and not yet answered (close waits for them). */
  private readonly notifying = new Set<Promise<void>>();
  readonly onDidChangeSaveState = this.queue.onDidChangeSaveState;
  private readonly changed = new Emitter<StoreChange>();
  readonly onDidChangeRecords = this.changed.event;

  private constructor(db: TeamDb, loaded: LoadedWorkspace, options: PgStoreOptions) {
    super(db, loaded.heads, options);
    this.ownsDb = options.ownsDb === true;
    this.dir = options.workDir;
    this.databaseUrl = options.url;
    this.workspaceFile = loaded.workspace.file;
    this.workspaceVersion = loaded.workspace.version;
    this.evidenceFile = loaded.evidence.file;
    this.evidenceVersion = loaded.evidence.version;
    this.archiveFile = loaded.archive.file;
    this.archiveVersion = loaded.archive.version;
    this.undoHistory = new PgHistory(db, options.historyLimit);
    this.changeFeed =
      options.url === undefined
        ? undefined
        : new ChangeFollower(db, {
            origin: this.origin,
            start: loaded.position,
            url: options.url,
            apply: (change) => this.applyRemote(change),
            ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
          });
  }

  /** Reads the workspace in the team database `db` (migrated, holding a workspace: see import-workspace.ts). */
  static async open(db: TeamDb, options: PgStoreOptions): Promise<PgWorkspaceStore> {
    await mkdir(options.workDir, { recursive: true });
    return new PgWorkspaceStore(db, await loadWorkspace(db), options);
  }

  get workspace(): WorkspaceFile {
    return this.workspaceFile;
  }

  protected hasStaged(id: string): boolean {
    return this.staged.has(id);
  }

  get evidence(): EvidenceData {
    const { links, claims } = this.evidenceFile;
    return { links, claims };
  }

  get archive(): readonly ArchiveEntry[] {
    return this.archiveFile.entries;
  }

  get problems(): readonly Failure[] {
    return this.unreadable;
  }

  get currentSaveState(): SaveState {
    return this.queue.currentSaveState;
  }

  /** Runs `work`, the change log's row and the undo step it ends (if any) in one transaction; a stale write or a database error is 'write-failed'. */
  private async transact<T>(what: string, entry: Omit<ChangeEntry, 'actor'>, work: (trx: TeamTransaction, actor: string) => Promise<T>) {
    const actor = currentActor()?.name ?? 'local'; // outside a team request: this machine's user
    try {
      const { done, seq } = await withHistoryWrite(this.teamDb, async (trx) => {
        const done = await work(trx, actor);
        return { done, seq: await logChange(trx, { ...entry, actor, origin: this.origin }) };
      });
      // After COMMIT, never inside the transaction (design: team-server.md §5), and not awaited: the save is done.
      const notified = notifyChange(this.teamDb, seq);
      this.notifying.add(notified);
      void notified.finally(() => this.notifying.delete(notified));
      return ok(done);
    } catch (error) {
      return writeFailure(what, error);
    }
  }

  updateWorkspace(next: WorkspaceFile): Promise<Result<WorkspaceFile, 'write-failed'>> {
    const file = WorkspaceFile.parse(next);
    return this.queue.enqueue('workspace', async () => {
      const written = await this.transact('the workspace', { kind: 'workspace', payload: file }, (trx) =>
        writeSingleton(trx, 'workspace', file, this.workspaceVersion),
      );
      if (!written.ok) return written;
      this.workspaceVersion = written.value;
      this.workspaceFile = file;
      this.changed.fire({ kind: 'workspace' });
      return ok(file);
    });
  }

  putEvidence(next: EvidenceData): Promise<Result<EvidenceData, 'write-failed'>> {
    const file = EvidenceFile.parse({ schemaVersion: WORKSPACE_SCHEMA_VERSION, links: next.links, claims: next.claims });
    return this.queue.enqueue('evidence', async () => {
      const written = await this.transact('links and claims', { kind: 'evidence' }, (trx) =>
        writeSingleton(trx, 'evidence', file, this.evidenceVersion),
      );
      if (!written.ok) return written;
      this.evidenceVersion = written.value;
      this.evidenceFile = file;
      this.changed.fire({ kind: 'evidence' });
      return ok(this.evidence);
    });
  }

  putArchive(entries: readonly ArchiveEntry[]): Promise<Result<readonly ArchiveEntry[], 'write-failed'>> {
    const file = ArchiveFile.parse({ schemaVersion: WORKSPACE_SCHEMA_VERSION, entries });
    return this.queue.enqueue('archive', async () => {
      const written = await this.transact('the archive', { kind: 'archive' }, (trx) =>
        writeSingleton(trx, 'archive', file, this.archiveVersion),
      );
      if (!written.ok) return written;
      this.archiveVersion = written.value;
      this.archiveFile = file;
      return ok(this.archive);
    });
  }

  putDocument(next: DocumentFile): SavedDocument {
    const { journal: _journal, ...file } = DocumentFile.parse(next);
    const id = file.meta.id;
    return this.queue.enqueue(documentKey(id), async () => {
      const read = await this.residentInTurn(id);
      if (!read.ok) return read;
      const { annotations, ...data } = file;
      const written = await this.transact(
        `document "${id}"`,
        { kind: 'document', documentId: id, payload: { title: file.meta.title } },
        (trx, actor) => writeDocument(trx, id, data, annotations, this.residents.known(id), actor),
      );
      if (!written.ok) return written;
      const before = this.residents.file(id);
      this.residents.put(id, file, written.value);
      this.noteDocument(id, file);
      this.changed.fire({ kind: 'document', documentId: id, before, after: file });
      return ok(file);
    });
  }

  putAnnotations(id: string, puts: readonly AnnotationPut[]): Promise<Result<DocumentFile, 'write-failed' | 'not-found'>> {
    const planned = this.plan(id, puts);
    if (planned === undefined && this.head(id) === undefined)
      return Promise.resolve(fail('not-found', `There is no document "${id}" in this workspace.`));
    return this.queue.enqueue(documentKey(id), async () => {
      const read = await this.residentInTurn(id);
      if (!read.ok) return read;
      const current = this.residents.file(id);
      if (current === undefined) return fail('write-failed', `Could not save document "${id}": the document was deleted meanwhile`);
      // Made from what is in memory now, in this document's turn (an earlier write may have changed it).
      const now = current === planned?.current ? planned : this.plan(id, puts)!;
      const saved = await this.save(id, now);
      if (saved.ok) this.holdDocument(id, now.document, now.changed);
      return saved;
    });
  }

  /** Throws NotHeld for a document in the library that is not in memory: a pipelined save is made in memory, from a held document. */
  stageAnnotations(id: string, puts: readonly AnnotationPut[]): SavedDocument | undefined {
    const planned = this.plan(id, puts);
    if (planned === undefined && this.head(id) !== undefined) throw new NotHeld(id);
    if (planned === undefined) return undefined;
    const staging = this.staged.get(id) ?? { committed: planned.current, count: 0, generation: 0 };
    this.staged.set(id, staging);
    staging.count++;
    const generation = staging.generation;
    this.holdDocument(id, planned.document, planned.changed);
    return this.queue.enqueue(documentKey(id), async (): SavedDocument => {
      let result: Result<DocumentFile, 'write-failed'>;
      if (staging.generation !== generation) {
        result = fail('write-failed', `Could not save document "${id}": an earlier save of it failed, and this change was made after it`);
      } else {
        result = await this.save(id, planned);
        if (result.ok) staging.committed = planned.document;
        else {
          staging.generation++;
          if (this.residents.has(id)) this.holdDocument(id, staging.committed);
        }
      }
      if (--staging.count === 0) this.staged.delete(id);
      return result;
    });
  }

  private plan(id: string, puts: readonly AnnotationPut[]): PlannedPuts | undefined {
    const current = this.residents.file(id);
    return current === undefined ? undefined : planPuts(current, puts);
  }

  /** Commits one planned change of annotations: the rows it puts and removes, each checked against its version. */
  private async save(id: string, planned: PlannedPuts): SavedDocument {
    const known = this.residents.known(id);
    if (known === undefined) return fail('write-failed', `Could not save document "${id}": the document was deleted meanwhile`);
    const writes = annotationWrites(known, planned.changed, planned.record.put);
    const written = await this.transact(
      `document "${id}"`,
      { kind: 'annotations', documentId: id, annotationIds: planned.changed, payload: { put: planned.record.put } },
      (trx, actor) => writeAnnotations(trx, id, writes, actor),
    );
    if (!written.ok) return written;
    this.residents.setKnown(id, knownAfter(known, writes));
    return ok(planned.document);
  }

  removeDocument(id: string): Promise<Result<DocumentFile | undefined, 'write-failed'>> {
    return this.queue.enqueue(documentKey(id), async (): Promise<Result<DocumentFile | undefined, 'write-failed'>> => {
      const read = await this.residentInTurn(id);
      if (!read.ok) return read;
      const current = this.residents.file(id);
      const known = this.residents.known(id);
      if (current === undefined || known === undefined) return ok(undefined);
      const removed = await this.transact(`the deletion of document "${id}"`, { kind: 'document-removed', documentId: id }, (trx) =>
        deleteDocument(trx, id, known),
      );
      if (!removed.ok) return removed;
      this.holdDocument(id, undefined);
      return ok(current);
    });
  }

  saveOriginal(sha256: string, bytes: Uint8Array): Promise<Result<string, 'write-failed'>> {
    return saveBlob(this.teamDb, 'original', sha256, bytes);
  }

  hasOriginal(sha256: string): Promise<boolean> {
    return hasBlob(this.teamDb, 'original', sha256);
  }

  readOriginal(sha256: string): Promise<Uint8Array | undefined> {
    return readBlob(this.teamDb, 'original', sha256);
  }

  saveVersionText(sha256: string, text: string): Promise<Result<string, 'write-failed'>> {
    return saveBlob(this.teamDb, 'text', sha256, new TextEncoder().encode(text));
  }

  readVersionText(sha256: string): Promise<string | undefined> {
    return readVersionText(this.teamDb, sha256);
  }

  /** Makes `document` what memory holds for `id`, which is resident (undefined: none, with its versions), and says so (unless it held it already). */
  private holdDocument(id: string, document: DocumentFile | undefined, annotationIds?: readonly string[]): void {
    const before = this.residents.file(id);
    if (before === document) return;
    if (document === undefined) this.residents.drop(id);
    else this.residents.setFile(id, document);
    this.noteDocument(id, document);
    const change: StoreChange = { kind: 'document', documentId: id, before, after: document };
    this.changed.fire(annotationIds === undefined ? change : { ...change, annotationIds });
  }

  /**
   * Follows a record another process changed (in the record's turn, after this store's own writes of it). A
   * document in memory, or held, is read again and kept. One that is not is read for the change's `after`
   * (the search follows it) and its head, and not kept: memory holds no more than before (§3.3).
   */
  private async applyRemote(change: CommittedChange): Promise<void> {
    if (change.kind === 'workspace' || change.kind === 'evidence' || change.kind === 'archive') {
      const kind = change.kind;
      await this.queue.enqueue(kind, async () => this.reloadSingleton(kind), { quiet: true });
      return;
    }
    const id = change.documentId!;
    for (;;) {
      const reloaded = await this.queue.enqueue(
        documentKey(id),
        async () => {
          // Pipelined saves of it are under way, held in memory before they commit: read it after them.
          if (this.staged.has(id)) return ok(false);
          const now = await reloadDocument(this.teamDb, id);
          if (now !== undefined && 'code' in now) this.unreadable.push(now);
          else if (now === undefined) {
            if (this.residents.has(id)) this.holdDocument(id, undefined);
            else if (this.head(id) !== undefined) this.tellNotResident(id, undefined);
          } else if (this.residents.has(id)) {
            this.residents.setKnown(id, now.known);
            this.holdDocument(id, now.file);
          } else {
            // Held and not read yet: its read, queued after this turn, finds it in memory.
            if (this.holds.has(id)) this.residents.put(id, now.file, now.known);
            this.tellNotResident(id, now.file);
          }
          return ok(true);
        },
        { quiet: true },
      );
      if (!reloaded.ok || reloaded.value) return;
    }
  }

  /** Document `id`, not in memory before, is now `after` (undefined: gone): its head follows, and the change is told without a `before`. */
  private tellNotResident(id: string, after: DocumentFile | undefined): void {
    this.noteDocument(id, after);
    this.changed.fire({ kind: 'document', documentId: id, before: undefined, after });
  }

  private async reloadSingleton(kind: 'workspace' | 'evidence' | 'archive'): Promise<Result<void, 'write-failed'>> {
    const now = await reloadSingleton(this.teamDb, kind);
    if (now === undefined) return ok(undefined);
    if (kind === 'workspace') [this.workspaceFile, this.workspaceVersion] = [now.file as WorkspaceFile, now.version];
    else if (kind === 'evidence') [this.evidenceFile, this.evidenceVersion] = [now.file as EvidenceFile, now.version];
    else [this.archiveFile, this.archiveVersion] = [now.file as ArchiveFile, now.version];
    if (kind !== 'archive') this.changed.fire({ kind });
    return ok(undefined);
  }

  flush(): Promise<void> {
    return this.queue.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    await this.changeFeed?.close();
    while (this.notifying.size > 0) await Promise.allSettled([...this.notifying]);
    this.changed.dispose();
    if (this.ownsDb) await this.teamDb.destroy();
  }
}
