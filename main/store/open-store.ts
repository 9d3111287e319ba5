// Opening a workspace: every JSON record read, migrated to the current format (written back only
// once all are read and valid) and validated; a damaged record set aside and its newest good backup
// restored (recover.ts); each document's journal replayed; temp files of dead writers removed.
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { MIGRATIONS, type Migration, type StoredFileKind } from '../../core/model/migrations.ts';
import {
  ArchiveFile,
  type DocumentFile,
  EvidenceFile,
  parseDocumentFile,
  WORKSPACE_SCHEMA_VERSION,
  WorkspaceFile,
} from '../../core/model/stored-files.ts';
import { fail, type Failure, type Result } from '../../core/result.ts';
import { journalPath, removeJournal, replayJournal } from './document-journal.ts';
import type { JournalState } from './document-journals.ts';
import { TEMP_FILE } from './durable-file.ts';
import { recover } from './recover.ts';
import { migrateAndValidate, type Reading, type Schema } from './validate-record.ts';
import { describe, storedFile, type StoredFile } from './stored-file.ts';
import { isRunning } from './workspace-lock.ts';
import { ARCHIVE_FILE, DOCUMENTS_DIR, EVIDENCE_FILE, ORIGINALS_DIR, TEXTS_DIR, WORKSPACE_FILE } from './workspace-layout.ts';
import { legacyTagGuid } from './name-based-uuid.ts';
import { withTagGuids } from '../../core/codebook/tag-guids.ts';

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

export interface OpenOptions {
  /** Read-only (the export's worker, beside the store that owns the workspace): nothing is set aside, restored, cleaned or migrated on disk; a damaged file is only reported. */
  readonly readOnly?: boolean;
  readonly migrations?: readonly Migration[];
}

/** A record a workspace may lack (evidence.json, archive.json), and why it may not be written when it could not be read. */
export interface OptionalRecord<T> {
  readonly file: StoredFile<T>;
  readonly refusal?: WriteFailure;
}

/** Everything `FolderStore.open` reads from a workspace folder. */
export interface OpenedRecords {
  readonly dir: string;
  readonly workspaceFile: StoredFile<WorkspaceFile>;
  readonly evidence: OptionalRecord<EvidenceFile>;
  readonly archive: OptionalRecord<ArchiveFile>;
  readonly documentFiles: Map<string, StoredFile<DocumentFile>>;
  readonly unreadable: Failure[];
  readonly journals: ReadonlyMap<string, JournalState>;
  readonly migrated: readonly { readonly file: string; readonly from: number }[];
}

/**
 * Reads the workspace in `dir`. Documents that fail to parse are left on disk untouched and listed
 * in `unreadable`; a missing or invalid workspace.json is a `WorkspaceOpenError`. A missing
 * evidence.json is no evidence yet (written on the first change); one that fails to parse is
 * listed, left untouched, and read as empty, and writes to it are refused (`evidence.refusal`)
 * until the analyst repairs or removes it and opens the workspace again. archive.json likewise.
 */
export async function readWorkspace(dir: string, options: OpenOptions = {}): Promise<OpenedRecords> {
  const absolute = path.resolve(dir);
  const repair = options.readOnly !== true;
  const reading: Reading = { repair, migrations: options.migrations ?? MIGRATIONS, migrated: [] };
  const workspaceFile = storedFile<WorkspaceFile>(absolute, WORKSPACE_FILE);
  const workspace = await readValidated(workspaceFile, WorkspaceFile, 'workspace', reading);
  if (!workspace.ok) {
    if (workspace.error.code === 'migration-failed') throw migrationFailed(absolute, workspace.error.message);
    if (workspace.error.code === 'missing')
      throw new WorkspaceOpenError('not-a-workspace', `${absolute} is not a Claimbench workspace (${workspace.error.message})`);
    throw new WorkspaceOpenError(
      'invalid-workspace-file',
      `${path.join(absolute, WORKSPACE_FILE)} cannot be read: ${workspace.error.message.replace(`${WORKSPACE_FILE}: `, '')}. Put a good copy of it in place, or open another folder.`,
    );
  }
  // Tags from before tags stored a GUID get the one their exports had (the same on every opening),
  // written with the workspace's next change: opening itself writes nothing for it, so that a
  // workspace.json's backup stays the version before its last change.
  const withGuids = withStoredGuids(workspace.value);
  workspaceFile.db.data = withGuids;
  noteMigrated(reading, workspaceFile, { ...workspace, value: withGuids });
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
      const damage: Failure<'invalid'> = {
        code: 'invalid',
        message: `${stored.relative}: holds document "${file.value.meta.id}", not "${name.slice(0, -5)}"`,
      };
      file = repair
        ? await recover(stored, DOCUMENT_FILE, damage, 'document', reading, (value) => `${value.meta.id}.json` === name)
        : fail(damage.code, damage.message);
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
      journals.set(file.value.meta.id, {
        on: journal?.present ? (journal.torn ? 'unknown' : 'ready') : 'absent',
        name: file.value.journal,
        records: journal?.records ?? 0,
        bytes: journal?.bytes ?? 0,
      });
    }
  }
  const evidence = await openOptional(
    storedFile<EvidenceFile>(absolute, EVIDENCE_FILE),
    EvidenceFile,
    'evidence',
    { schemaVersion: WORKSPACE_SCHEMA_VERSION, links: [], claims: [] },
    'links and claims',
    unreadable,
    reading,
  );
  const archive = await openOptional(
    storedFile<ArchiveFile>(absolute, ARCHIVE_FILE),
    ArchiveFile,
    'archive',
    { schemaVersion: WORKSPACE_SCHEMA_VERSION, entries: [] },
    'archive entries',
    unreadable,
    reading,
  );
  if (repair) await writeMigrated(absolute, reading.migrated);
  return {
    dir: absolute,
    workspaceFile,
    evidence,
    archive,
    documentFiles,
    unreadable,
    journals,
    migrated: reading.migrated.map(({ stored, from }) => ({ file: stored.relative, from })),
  };
}

/**
 * Reads an optional record (evidence.json, archive.json) for `open`: missing is `empty`; unreadable
 * is a problem, read as `empty`, and its writes are refused (so what it held, `holds`, is not lost).
 */
async function openOptional<T>(
  file: StoredFile<T>,
  schema: Schema<T>,
  kind: StoredFileKind,
  empty: T,
  holds: string,
  problems: Failure[],
  reading: Reading,
): Promise<OptionalRecord<T>> {
  const read = await readValidated(file, schema, kind, reading);
  if (!read.ok && read.error.code === 'migration-failed') throw migrationFailed(file.dir, read.error.message);
  if (read.restored) problems.push(read.restored);
  if (read.ok) {
    noteMigrated(reading, file, read);
    file.db.data = read.value;
    return { file };
  }
  file.db.data = empty;
  if (read.error.code === 'missing') return { file };
  problems.push(read.error);
  const message =
    `${file.relative} could not be read when the workspace was opened (${read.error.message.replace(`${file.relative}: `, '')}), ` +
    `so ${holds} cannot be changed: the ${holds} it held would be lost. Put a good copy of it in place, then open the workspace again.`;
  return { file, refusal: { code: 'write-failed', message } };
}

/**
 * Reads and validates a file. One that cannot be read or fails its schema is set aside (renamed
 * `<name>.corrupt-<time>`, never overwritten) and the newest backup that reads and validates is
 * put in its place; `restored` then says which file and which backup. Without such a backup the
 * failure stands, and says where the damaged file was put.
 */
export async function readValidated<T>(
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
    return fail(
      'invalid',
      `${stored.relative}: written by a newer version of Claimbench (format ${version}; this one reads ${WORKSPACE_SCHEMA_VERSION}); it was left as it is`,
    );
  }
  return reading.repair ? recover(stored, schema, { code, message }, kind, reading) : read;
}

async function readOnce<T>(
  stored: StoredFile<T>,
  schema: Schema<T>,
  kind: StoredFileKind,
  reading: Reading,
): Promise<Result<T, 'missing' | 'unreadable' | 'invalid' | 'migration-failed'> & { from?: number }> {
  const { db, relative } = stored;
  try {
    await db.read();
  } catch (error) {
    return fail('unreadable', `${relative}: ${describe(error)}`);
  }
  if (db.data === null || db.data === undefined) return fail('missing', `${relative} is missing`);
  return migrateAndValidate(stored, db.data, schema, kind, reading);
}

/** Notes that `stored` was read in an older format, so that `open` writes `value` to it in the current one. */
function noteMigrated<T>(reading: Reading, stored: StoredFile<T>, read: Result<T, string> & { from?: number }): void {
  if (read.ok && read.from !== undefined)
    reading.migrated.push({ stored: stored as StoredFile<unknown>, value: read.value, from: read.from });
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
      // The file as read, in the new format: not the data in memory, which has its journal replayed.
      await stored.db.adapter.write(value);
    } catch (error) {
      throw migrationFailed(
        dir,
        `${stored.relative} could not be written in the new format: ${describe(error)}. The files written before it are in the new format, the rest as they were`,
      );
    }
  }
}

function migrationFailed(dir: string, message: string): WorkspaceOpenError {
  return new WorkspaceOpenError(
    'migration-failed',
    `${dir} could not be brought to this version's format (${WORKSPACE_SCHEMA_VERSION}): ${message}. Nothing was changed by this attempt; open it with the version of Claimbench that wrote it, or report this.`,
  );
}

/**
 * A document with its journal replayed. A stale journal (left by a crash after the file was written
 * whole) is removed; a damaged one is set aside as `<name>.jsonl.corrupt-<time>` and reported: the
 * document is then as its file was last written whole.
 */
async function openJournal(
  stored: StoredFile<DocumentFile>,
  document: DocumentFile,
  repair: boolean,
): Promise<{ document: DocumentFile; records: number; bytes: number; present: boolean; torn?: boolean; problem?: Failure }> {
  const file = path.join(stored.dir, stored.relative);
  const replayed = await replayJournal(file, document);
  if (replayed.ok) {
    if (replayed.value.stale && repair) await removeJournal(file).catch(() => undefined);
    return replayed.value;
  }
  const journal = `${stored.relative.replace(/\.json$/, '.jsonl')}`;
  if (!repair)
    return {
      document,
      records: 0,
      bytes: 0,
      present: false,
      problem: { code: replayed.error.code, message: `${journal}: ${replayed.error.message}` },
    };
  const aside = `${journal}.corrupt-${new Date().toISOString().replace(/[-:.]/g, '')}`;
  await rename(journalPath(file), path.join(stored.dir, aside)).catch(() => undefined);
  return {
    document,
    records: 0,
    bytes: 0,
    present: false,
    problem: {
      code: replayed.error.code,
      message: `${journal}: ${replayed.error.message}. It was set aside as ${aside}; ${stored.relative} is as it was last written whole, without the claim changes the journal held (they are in the file set aside)`,
    },
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

/** `file` with a GUID on every tag (the one exports gave a tag without one), or `file` itself when all have one. */
function withStoredGuids(file: WorkspaceFile): WorkspaceFile {
  const codebook = withTagGuids(file.codebook, (tag) => legacyTagGuid(file.createdAt, tag.id));
  return codebook === file.codebook ? file : { ...file, codebook };
}
