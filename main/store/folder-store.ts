// The folder store: the WorkspaceStore contract (workspace-store.ts) on a JSON folder, the only
// module that writes a workspace folder. It holds the JSON records in memory (stored-file.ts: one lowdb record each for workspace.json, evidence.json and archive.json,
// one per document) and writes through one queue per file (write-queue.ts). Which write goes where:
// - workspace.json, evidence.json and archive.json: written whole (`updateWorkspace`, `putEvidence`, `putArchive`);
// - a document: written whole when it is new or anything but its annotations changes (`putDocument`);
//   a change of its annotations, given as the annotations put and removed (`putAnnotations`,
//   `stageAnnotations`), is appended to its journal (document-journals.ts), and the file is written
//   whole again (naming a new journal) every so many records;
// - imported files and earlier texts: content-addressed blobs (blob-folder.ts).
// Opening (read, migrate, recover, replay journals) is open-store.ts's.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveEntry } from '../../core/archive/entry.ts';
import type { EvidenceData } from '../../core/model/evidence.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { ArchiveFile, checkDocumentFile, EvidenceFile, WORKSPACE_SCHEMA_VERSION, WorkspaceFile } from '../../core/model/stored-files.ts';
import type { SaveState } from '../../core/model/workspace.ts';
import { fail, ok, type Failure, type Result } from '../../core/result.ts';
import { Emitter } from '../../core/events.ts';
import { hasBlob, readBlob, readBlobText, saveBlob } from './blob-folder.ts';
import { recordLine } from './document-journal.ts';
import { planPuts, type PlannedPuts } from './plan-puts.ts';
import { DocumentJournals } from './document-journals.ts';
import { readWorkspace, type OpenedRecords, type OpenOptions } from './open-store.ts';
import { describe, storedFile, writeStored, type StoredFile } from './stored-file.ts';
import { BACKUPS_DIR, documentPath, ORIGINALS_DIR, TEXTS_DIR } from './workspace-layout.ts';
import { WriteQueue } from './write-queue.ts';
import { NO_HOLD } from './document-holds.ts';
import { DocumentLibrary } from './document-library.ts';
import { type AnnotationPut, type DocumentHold, type SavedDocument, type StoreChange, type WorkspaceStore } from './workspace-store.ts';

type Saved = SavedDocument;

export class FolderStore extends DocumentLibrary implements WorkspaceStore {
  readonly dir: string;
  private readonly workspaceFile: StoredFile<WorkspaceFile>;
  private readonly evidenceFile: StoredFile<EvidenceFile>;
  /** Why evidence.json may not be written: it could not be read, and overwriting it would lose it. */
  private readonly evidenceRefusal: Failure<'write-failed'> | undefined;
  private readonly archiveFile: StoredFile<ArchiveFile>;
  /** Why archive.json may not be written (as for evidence.json). */
  private readonly archiveRefusal: Failure<'write-failed'> | undefined;
  private readonly documentFiles: Map<string, StoredFile<DocumentFile>>;
  private readonly unreadable: Failure[];
  private readonly queue = new WriteQueue();
  private readonly journals: DocumentJournals;
  /** Documents with pipelined saves not yet on disk (stageAnnotations): what is on disk, and which saves were made from a failed one. */
  private readonly staged = new Map<string, { onDisk: DocumentFile; count: number; generation: number }>();

  readonly onDidChangeSaveState = this.queue.onDidChangeSaveState;
  private readonly changed = new Emitter<StoreChange>();
  /** Every change of what the store holds (see StoreChange). */
  readonly onDidChangeRecords = this.changed.event;

  /** Files this opening took from an older format to the current one (core/model/migrations.ts). */
  readonly migratedFiles: OpenedRecords['migrated'];

  private constructor(records: OpenedRecords) {
    super([...records.documentFiles.values()].map((file) => file.db.data));
    this.dir = records.dir;
    this.workspaceFile = records.workspaceFile;
    this.evidenceFile = records.evidence.file;
    this.evidenceRefusal = records.evidence.refusal;
    this.archiveFile = records.archive.file;
    this.archiveRefusal = records.archive.refusal;
    this.documentFiles = records.documentFiles;
    this.unreadable = records.unreadable;
    this.journals = new DocumentJournals(records.dir, this.queue, records.journals);
    this.migratedFiles = records.migrated;
  }

  /** Opens the workspace in `dir` (open-store.ts says what is repaired, and what is refused). */
  static async open(dir: string, options: OpenOptions = {}): Promise<FolderStore> {
    return new FolderStore(await readWorkspace(dir, options));
  }

  get workspace(): WorkspaceFile {
    return this.workspaceFile.db.data;
  }

  document(id: string): DocumentFile | undefined {
    return this.documentFiles.get(id)?.db.data;
  }

  protected resident(id: string): DocumentFile | undefined {
    return this.document(id);
  }

  /** Every document is in memory from the opening on, so a hold has nothing to read or keep. */
  hold(_ids: Iterable<string>): Promise<DocumentHold> {
    return Promise.resolve(NO_HOLD);
  }

  /** The workspace's links and claims (empty when evidence.json is missing or unreadable). */
  get evidence(): EvidenceData {
    const { links, claims } = this.evidenceFile.db.data;
    return { links, claims };
  }

  /** Why evidence cannot be changed in this session (see `open`), or undefined when it can. */
  get evidenceWriteRefusal(): Failure<'write-failed'> | undefined {
    return this.evidenceRefusal;
  }

  /** The fact-check archive's entries, in import order (empty when archive.json is missing or unreadable). Do not mutate. */
  get archive(): readonly ArchiveEntry[] {
    return this.archiveFile.db.data.entries;
  }

  /** Why the archive cannot be changed in this session (see `open`), or undefined when it can. */
  get archiveWriteRefusal(): Failure<'write-failed'> | undefined {
    return this.archiveRefusal;
  }

  get problems(): readonly Failure[] {
    return this.unreadable;
  }

  get currentSaveState(): SaveState {
    return this.queue.currentSaveState;
  }

  /** Journal files held open (the most recently edited documents'); none after `close`. */
  get openJournalCount(): number {
    return this.journals.openCount;
  }

  /** Replaces workspace.json's content; resolves once it is on disk. */
  updateWorkspace(next: WorkspaceFile): Promise<Result<WorkspaceFile, 'write-failed'>> {
    const file = WorkspaceFile.parse(next);
    return this.queue
      .enqueue(this.workspaceFile.relative, () => writeStored(this.workspaceFile, file))
      .then((result) => (result.ok ? this.announced(result, { kind: 'workspace' }) : result));
  }

  /** Replaces evidence.json's links and claims; resolves once they are on disk. */
  putEvidence(next: EvidenceData): Promise<Result<EvidenceData, 'write-failed'>> {
    if (this.evidenceRefusal) return Promise.resolve(fail(this.evidenceRefusal.code, this.evidenceRefusal.message));
    const file = EvidenceFile.parse({ schemaVersion: WORKSPACE_SCHEMA_VERSION, links: next.links, claims: next.claims });
    return this.queue
      .enqueue(this.evidenceFile.relative, () => writeStored(this.evidenceFile, file))
      .then((result) => (result.ok ? this.announced(ok(this.evidence), { kind: 'evidence' }) : result));
  }

  /** Replaces archive.json's entries; resolves once they are on disk. Throws on entries that break its schema (a bug at the caller). */
  putArchive(entries: readonly ArchiveEntry[]): Promise<Result<readonly ArchiveEntry[], 'write-failed'>> {
    if (this.archiveRefusal) return Promise.resolve(fail(this.archiveRefusal.code, this.archiveRefusal.message));
    const file = ArchiveFile.parse({ schemaVersion: WORKSPACE_SCHEMA_VERSION, entries });
    return this.queue
      .enqueue(this.archiveFile.relative, () => writeStored(this.archiveFile, file))
      .then((result) => (result.ok ? ok(this.archive) : result));
  }

  /**
   * Adds or replaces a whole document (an import, new metadata, a new version, a document put back
   * by undo); resolves once it is on disk. The file names a new journal: any old one is stale.
   */
  putDocument(next: DocumentFile): Saved {
    // Checked now, so that data that breaks the schema (a bug) throws at the caller.
    const file = checkDocumentFile({ ...next, journal: randomUUID() });
    const id = file.meta.id;
    return this.queue.enqueue(documentPath(id), () => this.writeWhole(id, file));
  }

  /**
   * Puts and removes annotations of document `id`; resolves once on disk. Appended to the
   * document's journal when it can take it (one small durable append), else the file is written
   * whole. Throws on annotations that break the document's schema (a bug at the caller).
   */
  putAnnotations(id: string, puts: readonly AnnotationPut[]): Promise<Result<DocumentFile, 'write-failed' | 'not-found'>> {
    const planned = this.plan(id, puts);
    if (planned === undefined) return Promise.resolve(fail('not-found', `There is no document "${id}" in this workspace.`));
    return this.queue.enqueue(documentPath(id), async () => {
      // Looked up when the write runs: a removal queued before it may have dropped the document.
      const stored = this.documentFiles.get(id);
      if (stored === undefined) return fail('write-failed', `Could not save ${documentPath(id)}: the document was deleted meanwhile`);
      // Made from what is in memory now, in this file's turn (an earlier write may have changed it).
      const now = stored.db.data === planned.current ? planned : this.plan(id, puts)!;
      return this.save(id, stored, now);
    });
  }

  /**
   * Puts and removes annotations of document `id` as a pipelined save: the store's memory holds the
   * result at once (so the next change can be made from it before this one is on disk), and the
   * returned promise settles once it is on disk. Saves of different documents go to disk side by
   * side; saves of one document in order. Should one fail, the document goes back to what is on
   * disk, and the saves staged after it fail too without being written (each was made from the one
   * that failed). Undefined when there is no such document.
   */
  stageAnnotations(id: string, puts: readonly AnnotationPut[]): Saved | undefined {
    const stored = this.documentFiles.get(id);
    const planned = this.plan(id, puts);
    if (stored === undefined || planned === undefined) return undefined;
    const staging = this.staged.get(id) ?? { onDisk: planned.current, count: 0, generation: 0 };
    this.staged.set(id, staging);
    staging.count++;
    const generation = staging.generation;
    this.holdDocument(id, stored, planned.document, planned.changed);
    return this.queue.enqueue(documentPath(id), async (): Saved => {
      let result: Result<DocumentFile, 'write-failed'>;
      if (staging.generation !== generation) {
        result = fail(
          'write-failed',
          `Could not save ${documentPath(id)}: an earlier save of it failed, and this change was made after it`,
        );
      } else {
        result = await this.save(id, stored, planned);
        if (result.ok) staging.onDisk = planned.document;
        else {
          staging.generation++;
          this.holdDocument(id, stored, staging.onDisk);
        }
      }
      if (--staging.count === 0) this.staged.delete(id);
      return result;
    });
  }

  /** `puts` applied to document `id` as it is in memory, checked; undefined when there is no such document. */
  private plan(id: string, puts: readonly AnnotationPut[]): PlannedPuts | undefined {
    const current = this.documentFiles.get(id)?.db.data;
    return current === undefined ? undefined : planPuts(current, puts);
  }

  /** Puts one planned change on disk: appended to the journal, or (when it cannot take it now) the document written whole. */
  private async save(id: string, stored: StoredFile<DocumentFile>, planned: PlannedPuts): Saved {
    if (this.journals.canAppend(id) && this.journals.isWritable(id)) {
      try {
        await this.journals.append(id, recordLine(planned.record));
      } catch (error) {
        return fail('write-failed', `Could not save ${documentPath(id)}: ${describe(error)}`);
      }
      this.holdDocument(id, stored, planned.document, planned.changed);
      return ok(planned.document);
    }
    return this.writeWhole(id, checkDocumentFile({ ...planned.document, journal: randomUUID() }), true);
  }

  /**
   * Writes document `id` whole, in its turn; the file names a new journal, so the old one is stale
   * whether or not this succeeds. `annotating`: written because its journal was full, so someone is
   * annotating it and an empty journal is put in place for the next save; after a `putDocument`
   * (an import, undo, new details) the first save creates the journal instead, rather than every
   * document of an import getting one (a file and two fsyncs each) that few will use.
   */
  private async writeWhole(id: string, file: DocumentFile, annotating = false): Saved {
    const stored = this.documentFiles.get(id) ?? storedFile<DocumentFile>(this.dir, documentPath(id));
    const before = this.documentFiles.get(id)?.db.data;
    const written = await writeStored(stored, file);
    if (written.ok) {
      this.documentFiles.set(id, stored);
      this.noteDocument(id, file);
      this.changed.fire({ kind: 'document', documentId: id, before, after: file });
      await this.journals.start(id, file.journal!, annotating && file.annotations.length > 0);
    }
    return written;
  }

  /**
   * Deletes a document's file (documents/<id>.json) and its journal; resolves once they are gone
   * from disk, and only then forgets the document. It takes its turn in that file's write queue,
   * so a write asked for before it cannot land after it and bring the document back. Resolves with
   * what the document held when it went (undefined when there was no such document: nothing to
   * do). Its original in originals/ stays: other documents may share it, and undo needs it. Its
   * backups stay too, unless `neverExisted` (a change that added it is being rolled back).
   */
  removeDocument(id: string, { neverExisted = false } = {}): Promise<Result<DocumentFile | undefined, 'write-failed'>> {
    const relative = documentPath(id);
    return this.queue.enqueue(relative, async (): Promise<Result<DocumentFile | undefined, 'write-failed'>> => {
      const stored = this.documentFiles.get(id);
      if (stored === undefined) return ok(undefined);
      try {
        // `force`: a file already gone from disk (deleted by hand) is as good as removed.
        await rm(path.join(this.dir, relative), { force: true });
        await this.journals.remove(id);
        if (neverExisted) await rm(path.join(this.dir, BACKUPS_DIR, relative), { recursive: true, force: true });
      } catch (error) {
        return fail('write-failed', `Could not delete ${relative}: ${describe(error)}`);
      }
      this.documentFiles.delete(id);
      this.journals.forget(id);
      this.noteDocument(id, undefined);
      this.changed.fire({ kind: 'document', documentId: id, before: stored.db.data, after: undefined });
      return ok(stored.db.data);
    });
  }

  /** Keeps an imported file under originals/<sha256> (written once; the same file again is a no-op). */
  saveOriginal(sha256: string, bytes: Uint8Array): Promise<Result<string, 'write-failed'>> {
    return saveBlob(this.dir, ORIGINALS_DIR, sha256, bytes);
  }

  /** Whether originals/<sha256> is on disk. */
  hasOriginal(sha256: string): Promise<boolean> {
    return hasBlob(this.dir, ORIGINALS_DIR, sha256);
  }

  /** originals/<sha256>'s bytes; undefined when it is missing. */
  readOriginal(sha256: string): Promise<Uint8Array | undefined> {
    return readBlob(this.dir, ORIGINALS_DIR, sha256);
  }

  /** Keeps an earlier version's text under texts/<sha256>, as saveOriginal does. */
  saveVersionText(sha256: string, text: string): Promise<Result<string, 'write-failed'>> {
    return saveBlob(this.dir, TEXTS_DIR, sha256, new TextEncoder().encode(text));
  }

  /** An earlier version's text from texts/<sha256>; undefined when it is missing or not that text. */
  readVersionText(sha256: string): Promise<string | undefined> {
    return readBlobText(this.dir, TEXTS_DIR, sha256);
  }

  /** Makes `document` what memory holds for `id`, and says so (unless it held it already). */
  private holdDocument(id: string, stored: StoredFile<DocumentFile>, document: DocumentFile, annotationIds?: readonly string[]): void {
    const before = stored.db.data;
    if (before === document) return;
    stored.db.data = document;
    this.noteDocument(id, document);
    this.changed.fire({
      kind: 'document',
      documentId: id,
      before,
      after: document,
      ...(annotationIds === undefined ? {} : { annotationIds }),
    });
  }

  /** `result`, once every listener has heard of `change`. */
  private announced<T>(result: T, change: StoreChange): T {
    this.changed.fire(change);
    return result;
  }

  /** Resolves when every write accepted so far has settled. */
  flush(): Promise<void> {
    return this.queue.flush();
  }

  /** Settles every write, then closes the open journals. The store is not used after this. */
  async close(): Promise<void> {
    await this.flush();
    this.changed.dispose();
    await this.journals.closeAll();
  }
}
