// The workspace store: the only module that talks to lowdb. One lowdb file for workspace.json and
// one per document (and evidence.json for the links and claims between documents), so saving a
// document rewrites that document alone. Every change goes through `commit`, which validates,
// writes, and reports the save state.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { Emitter } from '../../core/events.ts';
import type { EvidenceData } from '../../core/model/evidence.ts';
import { DocumentFile, EvidenceFile, WORKSPACE_SCHEMA_VERSION, WorkspaceFile } from '../../core/model/stored-files.ts';
import type { SaveState } from '../../core/model/workspace.ts';
import { fail, ok, type Failure, type Result } from '../../core/result.ts';
import { Annotation } from '../../core/model/annotation.ts';
import { appendRecord, applyRecord, journalPath, journalRecord, JOURNAL_MAX_BYTES, JOURNAL_MAX_RECORDS, removeJournal, replayJournal } from './document-journal.ts';
import { backupTime, DurableJsonFile, listBackups, TEMP_FILE, writeDurably } from './durable-file.ts';

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
  readonly code: 'not-a-workspace' | 'invalid-workspace-file' | 'locked';
  constructor(code: WorkspaceOpenError['code'], message: string) {
    super(message);
    this.name = 'WorkspaceOpenError';
    this.code = code;
  }
}

type WriteFailure = Failure<'write-failed'>;

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
  private readonly journals = new Map<string, { records: number; bytes: number }>();

  readonly onDidChangeSaveState = this.saveStateEmitter.event;

  private constructor(
    dir: string,
    workspaceFile: StoredFile<WorkspaceFile>,
    evidence: { readonly file: StoredFile<EvidenceFile>; readonly refusal?: WriteFailure },
    documentFiles: Map<string, StoredFile<DocumentFile>>,
    unreadable: Failure[],
    journals: ReadonlyMap<string, { records: number; bytes: number }> = new Map(),
  ) {
    this.dir = dir;
    this.workspaceFile = workspaceFile;
    this.evidenceFile = evidence.file;
    this.evidenceRefusal = evidence.refusal;
    this.documentFiles = documentFiles;
    this.unreadable = unreadable;
    for (const [id, stats] of journals) this.journals.set(id, { ...stats });
  }

  /**
   * Opens the workspace in `dir`. Documents that fail to parse are left on disk untouched and
   * listed in `problems`; a missing or invalid workspace.json is a `WorkspaceOpenError`. A missing
   * evidence.json is no evidence yet (written on the first change); one that fails to parse is
   * listed in `problems`, left untouched, and read as empty, and `putEvidence` refuses to write
   * over it until the analyst repairs or removes it and opens the workspace again.
   */
  static async open(dir: string, options: { readonly readOnly?: boolean } = {}): Promise<WorkspaceStore> {
    const absolute = path.resolve(dir);
    // Read-only (the export's worker, beside the store that owns the workspace): nothing is set
    // aside, restored or cleaned; a damaged file is only reported.
    const repair = options.readOnly !== true;
    const workspaceFile = storedFile<WorkspaceFile>(absolute, WORKSPACE_FILE);
    const workspace = await readValidated(workspaceFile, WorkspaceFile, repair);
    if (!workspace.ok) {
      if (workspace.error.code === 'missing') throw new WorkspaceOpenError('not-a-workspace', `${absolute} is not a Claimbench workspace (${workspace.error.message})`);
      throw new WorkspaceOpenError(
        'invalid-workspace-file',
        `${path.join(absolute, WORKSPACE_FILE)} cannot be read: ${workspace.error.message.replace(`${WORKSPACE_FILE}: `, '')}. Put a good copy of it in place, or open another folder.`,
      );
    }
    workspaceFile.db.data = workspace.value;
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
      let file = await readValidated(stored, DocumentFile, repair);
      // A file that holds another document than its name says is damaged too (a flipped byte in the id).
      if (file.ok && `${file.value.meta.id}.json` !== name) {
        const damage: Failure<'invalid'> = { code: 'invalid', message: `${stored.relative}: holds document "${file.value.meta.id}", not "${name.slice(0, -5)}"` };
        file = repair ? await recover(stored, DocumentFile, damage, (value) => `${value.meta.id}.json` === name) : fail(damage.code, damage.message);
      }
      return { name, stored, file, journal: file.ok && journaled.has(name) ? await openJournal(stored, file.value, repair) : undefined };
    });
    const journals = new Map<string, { records: number; bytes: number }>();
    for (const { stored, file, journal } of read) {
      if (file.restored) unreadable.push(file.restored);
      if (journal?.problem) unreadable.push(journal.problem);
      if (!file.ok) {
        unreadable.push(file.error);
      } else {
        stored.db.data = journal?.document ?? file.value;
        documentFiles.set(file.value.meta.id, stored);
        if (journal && journal.records > 0) journals.set(file.value.meta.id, { records: journal.records, bytes: journal.bytes });
      }
    }
    const evidence = await openEvidence(absolute, unreadable, repair);
    return new WorkspaceStore(absolute, workspaceFile, evidence, documentFiles, unreadable, journals);
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
      // have dropped the file it would otherwise have reused.
      const stored = this.documentFiles.get(id);
      if (planned !== undefined && stored?.db.data === planned.current) {
        try {
          const bytes = await appendRecord(path.join(this.dir, documentPath(id)), planned.current.journal!, planned.record);
          const stats = this.journals.get(id) ?? { records: 0, bytes: 0 };
          this.journals.set(id, { records: stats.records + 1, bytes: stats.bytes + bytes });
        } catch (error) {
          return fail('write-failed', `Could not save ${documentPath(id)}: ${describe(error)}`);
        }
        stored.db.data = planned.document;
        this.ordered = undefined;
        return ok(planned.document);
      }
      // The document changed since the call (rare): written whole, as it is asked for now.
      const file = whole ?? DocumentFile.parse({ ...next, journal: randomUUID() });
      const target = stored ?? storedFile<DocumentFile>(this.dir, documentPath(id));
      const written = await this.write(target, file);
      if (written.ok) {
        this.documentFiles.set(id, target);
        this.ordered = undefined;
        this.journals.delete(id);
        // The file names a new journal now: the old one is stale whether or not this succeeds.
        await removeJournal(path.join(this.dir, documentPath(id))).catch(() => undefined);
      }
      return written;
    });
  }

  /** The journal record that saves `next`, when only its annotations changed and the journal is short; throws on invalid annotations. */
  private journalFor(id: string, next: DocumentFile) {
    const current = this.documentFiles.get(id)?.db.data;
    const stats = this.journals.get(id) ?? { records: 0, bytes: 0 };
    if (current === undefined || stats.records >= JOURNAL_MAX_RECORDS || stats.bytes >= JOURNAL_MAX_BYTES) return undefined;
    const record = journalRecord(current, next);
    if (record === undefined) return undefined;
    const checked = { ids: record.ids, put: record.put.map((annotation) => Annotation.parse(annotation)) };
    const applied = applyRecord(current, checked);
    if (!applied.ok) throw new Error(`${documentPath(id)}: ${applied.error.message}`);
    return { current, record: checked, document: applied.value };
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
    await Promise.allSettled([...this.queues.values()]);
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
  private enqueue<T>(key: string, work: () => Promise<Result<T, 'write-failed'>>): Promise<Result<T, 'write-failed'>> {
    this.setSaveState({ ...this.saveState, pending: this.saveState.pending + 1 });
    const previous = this.queues.get(key) ?? Promise.resolve();
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
async function openEvidence(dir: string, problems: Failure[], repair: boolean): Promise<{ file: StoredFile<EvidenceFile>; refusal?: WriteFailure }> {
  const file = storedFile<EvidenceFile>(dir, EVIDENCE_FILE);
  const read = await readValidated(file, EvidenceFile, repair);
  if (read.restored) problems.push(read.restored);
  if (read.ok) {
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
  schema: z.ZodType<T>,
  repair: boolean,
): Promise<Result<T, 'missing' | 'unreadable' | 'invalid'> & { restored?: Failure<'restored'> }> {
  const read = await readOnce(stored, schema);
  if (read.ok) return read;
  const { code, message } = read.error;
  if (code === 'missing') return read;
  // A newer Claimbench's file is not damaged: it stays where it is, for that version to open.
  const version = (stored.db.data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > WORKSPACE_SCHEMA_VERSION) {
    return fail('invalid', `${stored.relative}: written by a newer version of Claimbench (format ${version}; this one reads ${WORKSPACE_SCHEMA_VERSION}); it was left as it is`);
  }
  return repair ? recover(stored, schema, { code, message }) : read;
}

async function readOnce<T>({ db, relative }: StoredFile<T>, schema: z.ZodType<T>): Promise<Result<T, 'missing' | 'unreadable' | 'invalid'>> {
  try {
    await db.read();
  } catch (error) {
    return fail('unreadable', `${relative}: ${describe(error)}`);
  }
  if (db.data === null || db.data === undefined) return fail('missing', `${relative} is missing`);
  return validate(db.data, schema, relative);
}

function validate<T>(data: unknown, schema: z.ZodType<T>, relative: string): Result<T, 'invalid'> {
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
  schema: z.ZodType<T>,
  damage: Failure<'unreadable' | 'invalid'>,
  fits: (value: T) => boolean = () => true,
): Promise<Result<T, 'unreadable' | 'invalid'> & { restored?: Failure<'restored'> }> {
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
    const valid = validate(data, schema, stored.relative);
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
async function openJournal(stored: StoredFile<DocumentFile>, document: DocumentFile, repair: boolean): Promise<{ document: DocumentFile; records: number; bytes: number; problem?: Failure }> {
  const file = path.join(stored.dir, stored.relative);
  const replayed = await replayJournal(file, document);
  if (replayed.ok) {
    if (replayed.value.stale && repair) await removeJournal(file).catch(() => undefined);
    return replayed.value;
  }
  const journal = `${stored.relative.replace(/\.json$/, '.jsonl')}`;
  if (!repair) return { document, records: 0, bytes: 0, problem: { code: replayed.error.code, message: `${journal}: ${replayed.error.message}` } };
  const aside = `${journal}.corrupt-${new Date().toISOString().replace(/[-:.]/g, '')}`;
  await rename(journalPath(file), path.join(stored.dir, aside)).catch(() => undefined);
  return {
    document,
    records: 0,
    bytes: 0,
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
      if (isAlive(pid)) continue;
      await rm(path.join(dir, folder, name), { force: true });
      removed++;
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
