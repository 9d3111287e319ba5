// The workspace store: the only module that talks to lowdb. One lowdb file for workspace.json and
// one per document (and evidence.json for the links and claims between documents), so saving a
// document rewrites that document alone. Every change goes through `commit`, which validates,
// writes, and reports the save state.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { Emitter } from '../../core/events.ts';
import type { EvidenceData } from '../../core/model/evidence.ts';
import { migrate, MIGRATIONS, type Migration, type StoredFileKind } from '../../core/model/migrations.ts';
import { DocumentFile, EvidenceFile, parseDocumentFile, WORKSPACE_SCHEMA_VERSION, WorkspaceFile } from '../../core/model/stored-files.ts';
import type { SaveState } from '../../core/model/workspace.ts';
import { fail, ok, type Failure, type Result } from '../../core/result.ts';
import { Annotation } from '../../core/model/annotation.ts';
import { appendLine, applyRecord, createJournal, journalPath, journalRecord, JOURNAL_MAX_BYTES, JOURNAL_MAX_RECORDS, openJournalForAppend, prepareJournal, recordLine, removeJournal, replayJournal } from './document-journal.ts';
import { backupTime, DurableJsonFile, listBackups, TEMP_FILE, writeDurably } from './durable-file.ts';
import { isRunning } from './workspace-lock.ts';

export const WORKSPACE_FILE = 'workspace.json';
/** Links and claims: they join documents, so they live beside them, not in one of them. */
export const EVIDENCE_FILE = 'evidence.json';
export const DOCUMENTS_DIR = 'documents';
/** Imported files as they came, named by their SHA-256. */
export const ORIGINALS_DIR = 'originals';
/** Texts of earlier document versions, named by their SHA-256. */
export const TEXTS_DIR = 'texts';
/** Earlier versions of every JSON file (durable-file.ts), under the file's own path. */
export const BACKUPS_DIR = '.backups';

/** The workspace cannot be opened at all (as opposed to one unreadable document). */
export class WorkspaceOpenError extends Error {
  readonly code: 'not-a-workspace' | 'invalid-workspace-file' | 'locked' | 'migration-failed';
  constructor(code: WorkspaceOpenError['code'], message: string) {
    super(message);
    this.name = 'WorkspaceOpenError';
    this.code = code;
  }
}

type WriteFailure = Failure<'write-failed'>;

/**
 * A document's journal as this store knows it. `ready`: the file on disk is the journal the
 * document names, and a save appends to it; `absent`: there is none (or only a stale one), and a
 * save creates it; `preparing`: an empty one is being put in place after the file was written
 * whole; `unknown`: a write to it failed part-way, so the next save writes the document whole.
 */
interface JournalState {
  on: 'ready' | 'absent' | 'preparing' | 'unknown';
  /** The journal the document's file on disk names (document-journal.ts); none in files older than journals. */
  readonly name: string | undefined;
  records: number;
  bytes: number;
  /** Kept open while the document is being edited (at most MAX_OPEN_JOURNALS). */
  handle?: FileHandle;
}

/** Journals kept open at once: the documents edited most recently. */
const MAX_OPEN_JOURNALS = 32;

/** What a file read is validated with: a zod schema, or as good as one. */
type Schema<T> = { safeParse(data: unknown): z.ZodSafeParseResult<T> };

/** Document files are validated the quick way (the schema's answer, sooner: stored-files.ts). */
const DOCUMENT_FILE: Schema<DocumentFile> = { safeParse: parseDocumentFile };

/** Document files read at once when a workspace is opened. */
const OPEN_CONCURRENCY = 8;

/** `work` over `items`, at most `limit` at a time; the results in the items' order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

export class WorkspaceStore {
  readonly dir: string;
  private readonly workspaceFile: StoredFile<WorkspaceFile>;
  private readonly evidenceFile: StoredFile<EvidenceFile>;
  /** Why evidence.json may not be written: it could not be read, and overwriting it would lose it. */
  private readonly evidenceRefusal: WriteFailure | undefined;
  private readonly documentFiles: Map<string, StoredFile<DocumentFile>>;
  private readonly unreadable: Failure[];
  private readonly saveStateEmitter = new Emitter<SaveState>();
  private saveState: SaveState = { pending: 0 };
  /** Per file, the tail of its write queue: writes to one file land in the order they were made. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** `documents`, sorted; rebuilt after a document changes. */
  private ordered: DocumentFile[] | undefined;
  /** Each document's journal since its file was last written whole (document-journal.ts). */
  private readonly journals = new Map<string, JournalState>();
  /** Documents with pipelined saves not yet on disk (stageAnnotations): what is on disk, and which saves were made from a failed one. */
  private readonly staged = new Map<string, { onDisk: DocumentFile; count: number; generation: number }>();
  /** Documents whose journal is open, least recently used first. */
  private readonly openJournals = new Set<string>();

  readonly onDidChangeSaveState = this.saveStateEmitter.event;

  /** Files this opening took from an older format to the current one (core/model/migrations.ts). */
  migratedFiles: readonly { readonly file: string; readonly from: number }[] = [];

  private constructor(
    dir: string,
    workspaceFile: StoredFile<WorkspaceFile>,
    evidence: { readonly file: StoredFile<EvidenceFile>; readonly refusal?: WriteFailure },
    documentFiles: Map<string, StoredFile<DocumentFile>>,
    unreadable: Failure[],
    journals: ReadonlyMap<string, JournalState> = new Map(),
  ) {
    this.dir = dir;
    this.workspaceFile = workspaceFile;
    this.evidenceFile = evidence.file;
    this.evidenceRefusal = evidence.refusal;
    this.documentFiles = documentFiles;
    this.unreadable = unreadable;
    for (const [id, state] of journals) this.journals.set(id, { ...state });
  }

  /**
   * Opens the workspace in `dir`. Documents that fail to parse are left on disk untouched and
   * listed in `problems`; a missing or invalid workspace.json is a `WorkspaceOpenError`. A missing
   * evidence.json is no evidence yet (written on the first change); one that fails to parse is
   * listed in `problems`, left untouched, and read as empty, and `putEvidence` refuses to write
   * over it until the analyst repairs or removes it and opens the workspace again.
   */
  static async open(dir: string, options: { readonly readOnly?: boolean; readonly migrations?: readonly Migration[] } = {}): Promise<WorkspaceStore> {
    const absolute = path.resolve(dir);
    // Read-only (the export's worker, beside the store that owns the workspace): nothing is set
    // aside, restored, cleaned or migrated on disk; a damaged file is only reported.
    const repair = options.readOnly !== true;
    const reading: Reading = { repair, migrations: options.migrations ?? MIGRATIONS, migrated: [] };
    const workspaceFile = storedFile<WorkspaceFile>(absolute, WORKSPACE_FILE);
    const workspace = await readValidated(workspaceFile, WorkspaceFile, 'workspace', reading);
    if (!workspace.ok) {
      if (workspace.error.code === 'migration-failed') throw migrationFailed(absolute, workspace.error.message);
      if (workspace.error.code === 'missing') throw new WorkspaceOpenError('not-a-workspace', `${absolute} is not a Claimbench workspace (${workspace.error.message})`);
      throw new WorkspaceOpenError(
        'invalid-workspace-file',
        `${path.join(absolute, WORKSPACE_FILE)} cannot be read: ${workspace.error.message.replace(`${WORKSPACE_FILE}: `, '')}. Put a good copy of it in place, or open another folder.`,
      );
    }
    workspaceFile.db.data = workspace.value;
    noteMigrated(reading, workspaceFile, workspace);
    const unreadable: Failure[] = workspace.restored ? [workspace.restored] : [];
    if (repair) await removeStaleTemps(absolute);

    const documentsDir = path.join(absolute, DOCUMENTS_DIR);
    await mkdir(documentsDir, { recursive: true });
    const documentFiles = new Map<string, StoredFile<DocumentFile>>();
    const listing = await readdir(documentsDir);
    const names = listing.filter((name) => name.endsWith('.json')).sort();
    // Only documents with a journal on disk have one to replay (most have none: no read for those).
    const journaled = new Set(listing.filter((name) => name.endsWith('.jsonl')).map((name) => `${name.slice(0, -1)}`));
    // Read several at once (a workspace has thousands of small files), kept in name order.
    const read = await mapConcurrently(names, OPEN_CONCURRENCY, async (name) => {
      const stored = storedFile<DocumentFile>(absolute, `${DOCUMENTS_DIR}/${name}`);
      let file = await readValidated(stored, DOCUMENT_FILE, 'document', reading);
      // A file that holds another document than its name says is damaged too (a flipped byte in the id).
      if (file.ok && `${file.value.meta.id}.json` !== name) {
        const damage: Failure<'invalid'> = { code: 'invalid', message: `${stored.relative}: holds document "${file.value.meta.id}", not "${name.slice(0, -5)}"` };
        file = repair ? await recover(stored, DOCUMENT_FILE, damage, 'document', reading, (value) => `${value.meta.id}.json` === name) : fail(damage.code, damage.message);
      }
      return { name, stored, file, journal: file.ok && journaled.has(name) ? await openJournal(stored, file.value, repair) : undefined };
    });
    const journals = new Map<string, JournalState>();
    const failedMigration = read.find(({ file }) => !file.ok && file.error.code === 'migration-failed');
    if (failedMigration && !failedMigration.file.ok) throw migrationFailed(absolute, failedMigration.file.error.message);
    for (const { stored, file, journal } of read) {
      if (file.restored) unreadable.push(file.restored);
      if (journal?.problem) unreadable.push(journal.problem);
      if (!file.ok) {
        unreadable.push(file.error);
      } else {
        noteMigrated(reading, stored, file);
        stored.db.data = journal?.document ?? file.value;
        documentFiles.set(file.value.meta.id, stored);
        journals.set(file.value.meta.id, { on: journal?.present ? (journal.torn ? 'unknown' : 'ready') : 'absent', name: file.value.journal, records: journal?.records ?? 0, bytes: journal?.bytes ?? 0 });
      }
    }
    const evidence = await openEvidence(absolute, unreadable, reading);
    if (repair) await writeMigrated(absolute, reading.migrated);
    const store = new WorkspaceStore(absolute, workspaceFile, evidence, documentFiles, unreadable, journals);
    store.migratedFiles = reading.migrated.map(({ stored, from }) => ({ file: stored.relative, from }));
    return store;
  }

  get workspace(): WorkspaceFile {
    return this.workspaceFile.db.data;
  }

  /** Documents in import order (then by title, for documents imported together). Do not mutate. */
  get documents(): readonly DocumentFile[] {
    this.ordered ??= [...this.documentFiles.values()].map((file) => file.db.data).sort(byImport);
    return this.ordered;
  }

  document(id: string): DocumentFile | undefined {
    return this.documentFiles.get(id)?.db.data;
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

  get problems(): readonly Failure[] {
    return this.unreadable;
  }

  get currentSaveState(): SaveState {
    return this.saveState;
  }

  /** Replaces workspace.json's content; resolves once it is on disk. */
  updateWorkspace(next: WorkspaceFile): Promise<Result<WorkspaceFile, 'write-failed'>> {
    return this.commit(this.workspaceFile, WorkspaceFile.parse(next));
  }

  /** Replaces evidence.json's links and claims; resolves once they are on disk. */
  putEvidence(next: EvidenceData): Promise<Result<EvidenceData, 'write-failed'>> {
    if (this.evidenceRefusal) return Promise.resolve(fail(this.evidenceRefusal.code, this.evidenceRefusal.message));
    const file = EvidenceFile.parse({ schemaVersion: WORKSPACE_SCHEMA_VERSION, links: next.links, claims: next.claims });
    return this.commit(this.evidenceFile, file).then((result) => (result.ok ? ok(this.evidence) : result));
  }

  /**
   * Adds or replaces a document; resolves once it is on disk. A change of its annotations alone is
   * appended to its journal (one small durable append); anything else, or a long journal, writes
   * the whole file, which names a new journal (document-journal.ts).
   */
  putDocument(next: DocumentFile): Promise<Result<DocumentFile, 'write-failed'>> {
    const id = next.meta.id;
    // Checked now, so that data that breaks the schema (a bug) throws at the caller: the change
    // alone when it goes to the journal, the whole document when the file is written whole.
    const planned = this.journalFor(id, next);
    const whole = planned === undefined ? DocumentFile.parse({ ...next, journal: randomUUID() }) : undefined;
    return this.enqueue(documentPath(id), async () => {
      // Looked up when the write runs, not when it was asked for: a removal queued before it may
      // have dropped the file it would otherwise have reused, and the journal may have changed.
      const stored = this.documentFiles.get(id);
      const journal = this.journals.get(id);
      if (planned !== undefined && stored?.db.data === planned.current && (journal?.on === 'ready' || journal?.on === 'absent')) {
        try {
          await this.append(id, journal, recordLine(planned.record));
        } catch (error) {
          return fail('write-failed', `Could not save ${documentPath(id)}: ${describe(error)}`);
        }
        stored.db.data = planned.document;
        this.ordered = undefined;
        return ok(planned.document);
      }
      // Anything else (or a change the journal cannot take now): the file written whole, as it is asked for now.
      const file = whole ?? DocumentFile.parse({ ...next, journal: randomUUID() });
      const target = stored ?? storedFile<DocumentFile>(this.dir, documentPath(id));
      const written = await this.write(target, file);
      if (written.ok) {
        this.documentFiles.set(id, target);
        this.ordered = undefined;
        // The file names a new journal now: the old one is stale whether or not this succeeds.
        await this.startJournal(id, file.journal!, file.annotations.length > 0);
      }
      return written;
    });
  }

  /**
   * Saves `next`, a change of document `id`'s annotations alone, as a pipelined save: the store's
   * memory holds `next` at once (so the next change can be made from it before this one is on
   * disk), and the returned promise settles once it is on disk. Saves of different documents go
   * to disk side by side; saves of one document in order. Should one fail, the document goes back
   * to what is on disk, and the saves staged after it fail too without being written (each was
   * made from the one that failed). Undefined when `next` cannot be saved this way (anything but
   * its annotations changed, or its journal is due to be written whole): use `putDocument`.
   */
  stageAnnotations(next: DocumentFile): Promise<Result<DocumentFile, 'write-failed'>> | undefined {
    const id = next.meta.id;
    const stored = this.documentFiles.get(id);
    const planned = this.journalFor(id, next);
    if (stored === undefined || planned === undefined) return undefined;
    const staging = this.staged.get(id) ?? { onDisk: planned.current, count: 0, generation: 0 };
    this.staged.set(id, staging);
    staging.count++;
    const generation = staging.generation;
    stored.db.data = planned.document;
    this.ordered = undefined;
    return this.enqueue(documentPath(id), async (): Promise<Result<DocumentFile, 'write-failed'>> => {
      let result: Result<DocumentFile, 'write-failed'>;
      if (staging.generation !== generation) {
        result = fail('write-failed', `Could not save ${documentPath(id)}: an earlier save of it failed, and this change was made after it`);
      } else {
        result = await this.saveStaged(id, stored, planned);
        if (result.ok) staging.onDisk = planned.document;
        else {
          staging.generation++;
          stored.db.data = staging.onDisk;
          this.ordered = undefined;
        }
      }
      if (--staging.count === 0) this.staged.delete(id);
      return result;
    });
  }

  /** Puts one staged change on disk: appended to the journal, or (when it cannot take it now) the document written whole. */
  private async saveStaged(id: string, stored: StoredFile<DocumentFile>, planned: NonNullable<ReturnType<WorkspaceStore['journalFor']>>): Promise<Result<DocumentFile, 'write-failed'>> {
    const journal = this.journals.get(id);
    if (journal?.on === 'ready' || journal?.on === 'absent') {
      try {
        await this.append(id, journal, recordLine(planned.record));
        return ok(planned.document);
      } catch (error) {
        return fail('write-failed', `Could not save ${documentPath(id)}: ${describe(error)}`);
      }
    }
    const file = DocumentFile.parse({ ...planned.document, journal: randomUUID() });
    const written = await this.write(stored, file);
    if (written.ok) await this.startJournal(id, file.journal!, true);
    return written;
  }

  /**
   * The journal record that saves `next`, when only its annotations changed and the journal can
   * take it; throws on invalid annotations.
   */
  private journalFor(id: string, next: DocumentFile) {
    const current = this.documentFiles.get(id)?.db.data;
    const journal = this.journals.get(id);
    if (current === undefined || journal?.name === undefined || journal.on === 'unknown' || journal.records >= JOURNAL_MAX_RECORDS || journal.bytes >= JOURNAL_MAX_BYTES) return undefined;
    const record = journalRecord(current, next);
    if (record === undefined) return undefined;
    const checked = { ids: record.ids, put: record.put.map((annotation) => Annotation.parse(annotation)) };
    const applied = applyRecord(current, checked);
    if (!applied.ok) throw new Error(`${documentPath(id)}: ${applied.error.message}`);
    return { current, record: checked, document: applied.value };
  }

  /** Appends one record's `line` to document `id`'s journal, creating the journal when there is none. */
  private async append(id: string, journal: JournalState, line: Buffer): Promise<void> {
    const file = path.join(this.dir, documentPath(id));
    if (journal.name === undefined) throw new Error('its file names no journal');
    try {
      if (journal.on === 'absent') {
        const created = await createJournal(file, journal.name, line);
        Object.assign(journal, { on: 'ready', records: 1, bytes: created.bytes, handle: created.handle });
      } else {
        journal.handle ??= await openJournalForAppend(file);
        journal.bytes += await appendLine(journal.handle, line);
        journal.records++;
      }
    } catch (error) {
      // A line may be on disk in part: nothing more may follow it. The next save writes the
      // document whole, which starts a new journal.
      await this.closeJournal(id, journal);
      journal.on = 'unknown';
      throw error;
    }
    this.keepOpen(id);
  }

  /**
   * After document `id`'s file was written whole naming the journal `name`: the old journal is
   * closed (it is stale now). When the document has claims (someone is annotating it), an empty
   * new journal is put in place, after this write is acknowledged and in the document's turn, so
   * that the next save appends to it; otherwise (a new import) the first save creates it.
   */
  private async startJournal(id: string, name: string, prepare: boolean): Promise<void> {
    const previous = this.journals.get(id);
    if (previous !== undefined) await this.closeJournal(id, previous);
    const journal: JournalState = { on: prepare ? 'preparing' : 'absent', name, records: 0, bytes: 0 };
    this.journals.set(id, journal);
    if (!prepare) return;
    const file = path.join(this.dir, documentPath(id));
    void this.enqueue(documentPath(id), async () => {
      if (this.journals.get(id) !== journal) return ok(undefined);
      try {
        await prepareJournal(file, name);
        journal.on = 'ready';
      } catch {
        // The stale journal must not be appended to: gone, a save creates a new one; if even
        // that fails, the next save writes the document whole.
        journal.on = await removeJournal(file).then(() => 'absent' as const, () => 'unknown' as const);
      }
      return ok(undefined);
    }, { quiet: true });
  }

  /** Notes that document `id`'s journal is open, closing the least recently used beyond MAX_OPEN_JOURNALS. */
  private keepOpen(id: string): void {
    this.openJournals.delete(id);
    this.openJournals.add(id);
    for (const oldest of this.openJournals) {
      if (this.openJournals.size <= MAX_OPEN_JOURNALS) break;
      this.openJournals.delete(oldest);
      // In that document's turn: a save of it may be using the handle right now.
      void this.enqueue(documentPath(oldest), async () => {
        const journal = this.journals.get(oldest);
        if (journal !== undefined && !this.openJournals.has(oldest)) await this.closeJournal(oldest, journal);
        return ok(undefined);
      }, { quiet: true });
    }
  }

  private async closeJournal(id: string, journal: JournalState): Promise<void> {
    this.openJournals.delete(id);
    const handle = journal.handle;
    journal.handle = undefined;
    await handle?.close().catch(() => undefined);
  }

  /**
   * Deletes a document's file (documents/<id>.json); resolves once it is gone from disk, and only
   * then forgets the document. It takes its turn in that file's write queue, so a write asked for
   * before it cannot land after it and bring the document back. Resolves with what the document
   * held when it went (undefined when there was no such document: nothing to do). Its original in
   * originals/ stays: other documents may share it, and putting the document back needs it.
   */
  removeDocument(id: string): Promise<Result<DocumentFile | undefined, 'write-failed'>> {
    const relative = documentPath(id);
    return this.enqueue(relative, async (): Promise<Result<DocumentFile | undefined, 'write-failed'>> => {
      const stored = this.documentFiles.get(id);
      if (stored === undefined) return ok(undefined);
      try {
        // `force`: a file already gone from disk (deleted by hand) is as good as removed.
        await rm(path.join(this.dir, relative), { force: true });
        const journal = this.journals.get(id);
        if (journal !== undefined) await this.closeJournal(id, journal);
        await removeJournal(path.join(this.dir, relative));
      } catch (error) {
        return fail('write-failed', `Could not delete ${relative}: ${describe(error)}`);
      }
      this.documentFiles.delete(id);
      this.journals.delete(id);
      this.ordered = undefined;
      return ok(stored.db.data);
    });
  }

  /**
   * Keeps an imported file under originals/<sha256>. Content-addressed, so writing the same file
   * twice is a no-op; written to a temporary name and renamed, so it appears whole or not at all.
   */
  saveOriginal(sha256: string, bytes: Uint8Array): Promise<Result<string, 'write-failed'>> {
    return this.saveBlob(ORIGINALS_DIR, sha256, bytes);
  }

  /** Whether originals/<sha256> is on disk. */
  hasOriginal(sha256: string): Promise<boolean> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return Promise.resolve(false);
    return stat(path.join(this.dir, ORIGINALS_DIR, sha256)).then(() => true, () => false);
  }

  /** Keeps an earlier version's text under texts/<sha256>, as saveOriginal does. */
  saveVersionText(sha256: string, text: string): Promise<Result<string, 'write-failed'>> {
    return this.saveBlob(TEXTS_DIR, sha256, new TextEncoder().encode(text));
  }

  private async saveBlob(folder: string, sha256: string, bytes: Uint8Array): Promise<Result<string, 'write-failed'>> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError(`not a SHA-256: ${sha256}`);
    const dir = path.join(this.dir, folder);
    const target = path.join(dir, sha256);
    if (await stat(target).then(() => true, () => false)) return ok(target);
    try {
      await mkdir(dir, { recursive: true });
      await writeDurably(target, bytes);
      return ok(target);
    } catch (error) {
      return fail('write-failed', `Could not write ${folder}/${sha256}: ${describe(error)}`);
    }
  }

  /** Resolves when every write accepted so far has settled. */
  async flush(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  /** Settles every write, then closes the open journals. The store is not used after this. */
  async close(): Promise<void> {
    await this.flush();
    for (const [id, journal] of this.journals) await this.closeJournal(id, journal);
  }

  /** Writes `next` to `file` in that file's turn (see `enqueue`); memory changes once it is on disk. */
  private commit<T>(file: StoredFile<T>, next: T): Promise<Result<T, 'write-failed'>> {
    return this.enqueue(file.relative, () => this.write(file, next));
  }

  /** Writes `next` to `file` now, then makes it the data in memory (a failed write changes neither). */
  private async write<T>({ db, relative }: StoredFile<T>, next: T): Promise<Result<T, 'write-failed'>> {
    try {
      await db.adapter.write(next);
    } catch (error) {
      return fail('write-failed', `Could not save ${relative}: ${describe(error)}`);
    }
    db.data = next;
    return ok(next);
  }

  /**
   * The one write path: `work` runs after every write to the file `key` (relative to the
   * workspace) asked for before it, so writes to one file land in the order they were made, and
   * its outcome is reported as the save state.
   */
  private enqueue<T>(key: string, work: () => Promise<Result<T, 'write-failed'>>, { quiet = false } = {}): Promise<Result<T, 'write-failed'>> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    if (quiet) {
      // Housekeeping (preparing or closing a journal): in the file's turn, but not a save.
      const run = previous.then(work);
      this.queues.set(key, run);
      void run.finally(() => {
        if (this.queues.get(key) === run) this.queues.delete(key);
      });
      return run;
    }
    this.setSaveState({ ...this.saveState, pending: this.saveState.pending + 1 });
    const run = previous.then(async (): Promise<Result<T, 'write-failed'>> => {
      const result = await work();
      if (result.ok) this.setSaveState({ pending: this.saveState.pending - 1, lastSavedAt: new Date().toISOString() });
      else this.setSaveState({ pending: this.saveState.pending - 1, lastSavedAt: this.saveState.lastSavedAt, lastError: result.error });
      return result;
    });
    this.queues.set(key, run);
    void run.finally(() => {
      if (this.queues.get(key) === run) this.queues.delete(key);
    });
    return run;
  }

  private setSaveState(state: SaveState): void {
    this.saveState = state;
    this.saveStateEmitter.fire(state);
  }
}

/** A document's file, relative to the workspace: its key in the write queues, and its name in messages. */
function documentPath(id: string): string {
  return `${DOCUMENTS_DIR}/${id}.json`;
}

// ISO 8601 UTC timestamps sort as strings; plain comparison is many times faster than localeCompare.
function byImport(a: DocumentFile, b: DocumentFile): number {
  if (a.meta.importedAt !== b.meta.importedAt) return a.meta.importedAt < b.meta.importedAt ? -1 : 1;
  return a.meta.title < b.meta.title ? -1 : a.meta.title > b.meta.title ? 1 : 0;
}

/** A lowdb file and its path relative to the workspace (for messages and the write queue). */
interface StoredFile<T> {
  readonly db: Low<T>;
  readonly relative: string;
  /** The workspace folder. */
  readonly dir: string;
}

function storedFile<T>(dir: string, relative: string): StoredFile<T> {
  // null until read: a missing file stays null, so it is told apart from an empty one.
  const adapter = new DurableJsonFile<T>(path.join(dir, relative), { backupsDir: path.join(dir, BACKUPS_DIR, relative) });
  return { db: new Low<T>(adapter, null as T), relative, dir };
}

/** Reads evidence.json for `open`: missing is empty; unreadable is a problem, and refused writes. */
async function openEvidence(dir: string, problems: Failure[], reading: Reading): Promise<{ file: StoredFile<EvidenceFile>; refusal?: WriteFailure }> {
  const file = storedFile<EvidenceFile>(dir, EVIDENCE_FILE);
  const read = await readValidated(file, EvidenceFile, 'evidence', reading);
  if (!read.ok && read.error.code === 'migration-failed') throw migrationFailed(dir, read.error.message);
  if (read.restored) problems.push(read.restored);
  if (read.ok) {
    noteMigrated(reading, file, read);
    file.db.data = read.value;
    return { file };
  }
  file.db.data = { schemaVersion: WORKSPACE_SCHEMA_VERSION, links: [], claims: [] };
  if (read.error.code === 'missing') return { file };
  problems.push(read.error);
  const message =
    `${EVIDENCE_FILE} could not be read when the workspace was opened (${read.error.message.replace(`${EVIDENCE_FILE}: `, '')}), ` +
    'so links and claims cannot be changed: the links and claims it held would be lost. Put a good copy of it in place, then open the workspace again.';
  return { file, refusal: { code: 'write-failed', message } };
}

/**
 * Reads and validates a file. One that cannot be read or fails its schema is set aside (renamed
 * `<name>.corrupt-<time>`, never overwritten) and the newest backup that reads and validates is
 * put in its place; `restored` then says which file and which backup. Without such a backup the
 * failure stands, and says where the damaged file was put.
 */
async function readValidated<T>(
  stored: StoredFile<T>,
  schema: Schema<T>,
  kind: StoredFileKind,
  reading: Reading,
): Promise<Result<T, 'missing' | 'unreadable' | 'invalid' | 'migration-failed'> & { restored?: Failure<'restored'>; from?: number }> {
  const read = await readOnce(stored, schema, kind, reading);
  if (read.ok || read.error.code === 'migration-failed') return read;
  const { code, message } = read.error;
  if (code === 'missing') return read;
  // A newer Claimbench's file is not damaged: it stays where it is, for that version to open.
  const version = (stored.db.data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > WORKSPACE_SCHEMA_VERSION) {
    return fail('invalid', `${stored.relative}: written by a newer version of Claimbench (format ${version}; this one reads ${WORKSPACE_SCHEMA_VERSION}); it was left as it is`);
  }
  return reading.repair ? recover(stored, schema, { code, message }, kind, reading) : read;
}

/** How a workspace is being read by `open`: whether it may repair, the migrations, and the files migrated (to be written once all are read). */
interface Reading {
  readonly repair: boolean;
  readonly migrations: readonly Migration[];
  readonly migrated: { readonly stored: StoredFile<unknown>; readonly value: unknown; readonly from: number }[];
}

async function readOnce<T>(stored: StoredFile<T>, schema: Schema<T>, kind: StoredFileKind, reading: Reading): Promise<Result<T, 'missing' | 'unreadable' | 'invalid' | 'migration-failed'> & { from?: number }> {
  const { db, relative } = stored;
  try {
    await db.read();
  } catch (error) {
    return fail('unreadable', `${relative}: ${describe(error)}`);
  }
  if (db.data === null || db.data === undefined) return fail('missing', `${relative} is missing`);
  return migrateAndValidate(stored, db.data, schema, kind, reading);
}

/** `data` (read from `stored`) migrated to the current format and validated; `from`: the format it was in. */
function migrateAndValidate<T>(stored: StoredFile<T>, data: unknown, schema: Schema<T>, kind: StoredFileKind, reading: Reading): Result<T, 'invalid' | 'migration-failed'> & { from?: number } {
  const migrated = migrate(kind, data, reading.migrations);
  if (!migrated.ok) return fail('migration-failed', `${stored.relative}: ${migrated.error.message}`);
  const valid = validate(migrated.value.data, schema, stored.relative);
  return valid.ok && migrated.value.from < WORKSPACE_SCHEMA_VERSION ? { ...valid, from: migrated.value.from } : valid;
}

/** Notes that `stored` was read in an older format, so that `open` writes `value` to it in the current one. */
function noteMigrated<T>(reading: Reading, stored: StoredFile<T>, read: Result<T, string> & { from?: number }): void {
  if (read.ok && read.from !== undefined) reading.migrated.push({ stored: stored as StoredFile<unknown>, value: read.value, from: read.from });
}

/**
 * Writes the files `open` migrated, once every file was read, migrated and validated (so a failed
 * migration writes nothing). Documents first and workspace.json last; each keeps its old version
 * as a backup (durable-file.ts). A write that fails stops the opening: the files written by then
 * are in the new format and the rest in the old, each whole, and the next opening goes on from there.
 */
async function writeMigrated(dir: string, migrated: Reading['migrated']): Promise<void> {
  const order = (relative: string) => (relative === WORKSPACE_FILE ? 2 : relative === EVIDENCE_FILE ? 1 : 0);
  for (const { stored, value } of [...migrated].sort((a, b) => order(a.stored.relative) - order(b.stored.relative))) {
    try {
      await stored.db.adapter.write(value);
    } catch (error) {
      throw migrationFailed(dir, `${stored.relative} could not be written in the new format: ${describe(error)}. The files written before it are in the new format, the rest as they were`);
    }
  }
}

function migrationFailed(dir: string, message: string): WorkspaceOpenError {
  return new WorkspaceOpenError('migration-failed', `${dir} could not be brought to this version's format (${WORKSPACE_SCHEMA_VERSION}): ${message}. Nothing was changed by this attempt; open it with the version of Claimbench that wrote it, or report this.`);
}

function validate<T>(data: unknown, schema: Schema<T>, relative: string): Result<T, 'invalid'> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return fail('invalid', `${relative}: ${issue?.message ?? 'invalid'}${where}`);
  }
  return ok(parsed.data);
}

async function recover<T>(
  stored: StoredFile<T>,
  schema: Schema<T>,
  damage: Failure<'unreadable' | 'invalid'>,
  kind: StoredFileKind,
  reading: Reading,
  fits: (value: T) => boolean = () => true,
): Promise<Result<T, 'unreadable' | 'invalid'> & { restored?: Failure<'restored'>; from?: number }> {
  const file = path.join(stored.dir, stored.relative);
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[-:.]/g, '')}`;
  try {
    await rename(file, aside);
  } catch (error) {
    return fail(damage.code, `${damage.message} (it could not be set aside: ${describe(error)})`);
  }
  const asideName = `${stored.relative}.corrupt-${path.basename(aside).split('.corrupt-')[1]}`;
  const backupsDir = path.join(stored.dir, BACKUPS_DIR, stored.relative);
  for (const name of await listBackups(backupsDir).catch(() => [])) {
    const text = await readFile(path.join(backupsDir, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    let data: unknown;
    try {
      data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch {
      continue;
    }
    // A backup may be older than the format: migrated like the file (and written migrated after).
    const valid = migrateAndValidate(stored, data, schema, kind, reading);
    if (!valid.ok || !fits(valid.value)) continue;
    try {
      await writeDurably(file, text);
    } catch (error) {
      return fail(damage.code, `${damage.message}. It was set aside as ${asideName}, and its backup could not be put back: ${describe(error)}`);
    }
    stored.db.data = valid.value;
    const when = backupTime(name)?.toISOString() ?? name;
    return {
      ...ok(valid.value),
      ...(valid.from !== undefined ? { from: valid.from } : {}),
      restored: { code: 'restored', message: `${stored.relative} was damaged (${damage.message.replace(`${stored.relative}: `, '')}); it was set aside as ${asideName} and its backup of ${when} was restored` },
    };
  }
  return fail(damage.code, `${damage.message}. It was set aside as ${asideName}; there is no good backup of it to restore`);
}

/**
 * A document with its journal replayed. A stale journal (left by a crash after the file was written
 * whole) is removed; a damaged one is set aside as `<name>.jsonl.corrupt-<time>` and reported: the
 * document is then as its file was last written whole.
 */
async function openJournal(stored: StoredFile<DocumentFile>, document: DocumentFile, repair: boolean): Promise<{ document: DocumentFile; records: number; bytes: number; present: boolean; torn?: boolean; problem?: Failure }> {
  const file = path.join(stored.dir, stored.relative);
  const replayed = await replayJournal(file, document);
  if (replayed.ok) {
    if (replayed.value.stale && repair) await removeJournal(file).catch(() => undefined);
    return replayed.value;
  }
  const journal = `${stored.relative.replace(/\.json$/, '.jsonl')}`;
  if (!repair) return { document, records: 0, bytes: 0, present: false, problem: { code: replayed.error.code, message: `${journal}: ${replayed.error.message}` } };
  const aside = `${journal}.corrupt-${new Date().toISOString().replace(/[-:.]/g, '')}`;
  await rename(journalPath(file), path.join(stored.dir, aside)).catch(() => undefined);
  return {
    document,
    records: 0,
    bytes: 0,
    present: false,
    problem: { code: replayed.error.code, message: `${journal}: ${replayed.error.message}. It was set aside as ${aside}; ${stored.relative} is as it was last written whole, without the claim changes the journal held (they are in the file set aside)` },
  };
}

/**
 * Removes the temp files a crashed write left behind (durable-file.ts names them with the writing
 * process's id: a live process's are left alone). Says how many it removed.
 */
export async function removeStaleTemps(dir: string): Promise<number> {
  let removed = 0;
  for (const folder of ['', DOCUMENTS_DIR, ORIGINALS_DIR, TEXTS_DIR]) {
    const names = await readdir(path.join(dir, folder)).catch(() => [] as string[]);
    for (const name of names) {
      if (!TEMP_FILE.test(name)) continue;
      // Only a dead process's: a live one (this one included) may be writing it right now.
      const pid = Number(name.split('.').at(-3));
      if (isRunning(pid)) continue;
      await rm(path.join(dir, folder, name), { force: true });
      removed++;
    }
  }
  return removed;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
