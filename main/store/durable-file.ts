// The workspace's JSON files, written so that a crash, a kill or a power cut at any moment leaves
// either the old file or the new one, whole. lowdb's own writer (steno) renames a temp file too,
// but never fsyncs (a power cut can leave an empty or torn file) and uses one fixed temp name (two
// processes writing one file tear it). Here every write goes to a temp file named for this process
// and this write, which is fsynced, then renamed over the target, and the folder is fsynced: the
// write is acknowledged only after that (writes side by side in one folder share its fsyncs:
// folder-sync.ts). The version replaced is kept as a backup (a hard link: no
// copy), and backups rotate: the last few, and the last of each of the past days.
import { randomUUID } from 'node:crypto';
import { copyFile, link, mkdir, open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { syncFolder } from './folder-sync.ts';

export { syncFolder };

/** Which backups of a file are kept. */
export interface BackupPolicy {
  /** The most recent versions, whatever their age. */
  readonly recent: number;
  /** Besides those, the last version of each of this many past days (UTC). */
  readonly days: number;
}

export const DEFAULT_BACKUPS: BackupPolicy = { recent: 5, days: 7 };

/** Temp files of this module: `.<file name>.<pid>.<random>.tmp`. */
export const TEMP_FILE = /^\..+\.\d+\.[0-9a-f-]{36}\.tmp$/;

export interface DurableFileOptions {
  /** The folder this file's backups go to; none are kept without it. */
  readonly backupsDir?: string;
  readonly backups?: BackupPolicy;
  /** How the data becomes text; pretty JSON (and a final newline) by default. */
  readonly serialize?: (data: unknown) => string;
}

/** A lowdb adapter for one JSON file, written durably (see the module comment). */
export class DurableJsonFile<T> implements Adapter<T> {
  readonly file: string;
  private readonly options: DurableFileOptions;
  /** Writes since the backups were last pruned: pruning reads the backup folder, so not every time. */
  private sincePruned = Number.POSITIVE_INFINITY;

  constructor(file: string, options: DurableFileOptions = {}) {
    this.file = file;
    this.options = options;
  }

  /** The file's data; null when there is no file. Throws on unreadable or unparseable content, and on a file holding `null`. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const data = parseJson(text);
    // null is what lowdb calls "no file": a file that holds it is damaged, not absent.
    if (data === null) throw new Error('it holds null instead of data');
    return data as T;
  }

  /** Resolves once `data` is on disk for good; on failure the file is as it was. */
  async write(data: T): Promise<void> {
    const serialize = this.options.serialize;
    const text = serialize === undefined ? utf8Bytes(JSON.stringify(data, null, 2), '\n') : serialize(data);
    const backupsDir = this.options.backupsDir;
    let replaced = false;
    await writeDurably(this.file, text, async () => {
      if (backupsDir !== undefined) replaced = await this.keepBackup(backupsDir);
    });
    // A file's first version is backed up too: a document imported and from then on only appended
    // to (its journal) is never replaced, and would otherwise have no backup to be restored from.
    // A copy, not a link: damage done to the file in place must not reach its backup. Best effort:
    // the write itself has succeeded, and a torn copy fails validation and is never restored.
    if (!replaced && backupsDir !== undefined)
      await copyFile(this.file, path.join(backupsDir, backupName(new Date()))).catch(() => undefined);
  }

  /** The version about to be replaced, kept under the time it is replaced; false when there is none (the first write). */
  private async keepBackup(dir: string): Promise<boolean> {
    await mkdir(dir, { recursive: true });
    const name = backupName(new Date());
    try {
      await link(this.file, path.join(dir, name));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return false; // the first write: nothing to keep
      // A file system without hard links: a copy does.
      if (code === 'EPERM' || code === 'EXDEV' || code === 'ENOTSUP' || code === 'EOPNOTSUPP')
        await copyFile(this.file, path.join(dir, name));
      else throw error;
    }
    if (++this.sincePruned >= (this.options.backups ?? DEFAULT_BACKUPS).recent) {
      this.sincePruned = 0;
      await pruneBackups(dir, this.options.backups ?? DEFAULT_BACKUPS);
    }
    return true;
  }
}

/**
 * Writes `text` to `file` durably: a temp file of this process, fsynced, `beforeReplace` (which
 * may keep the old version), rename, folder fsync. On any failure the temp file is removed and the
 * target is untouched.
 */
export async function writeDurably(file: string, text: string | Uint8Array, beforeReplace?: () => Promise<void>): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomUUID()}.tmp`);
  let handle;
  try {
    handle = await open(temp, 'wx', 0o644);
    await handle.writeFile(typeof text === 'string' ? utf8Bytes(text) : text);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await beforeReplace?.();
    await rename(temp, file);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(dir);
}

/** The backups of one file in `dir`, newest first (their names sort by time). */
export async function listBackups(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return names
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .reverse();
}

/** When a backup was made, from its name. */
export function backupTime(name: string): Date | undefined {
  const match = BACKUP_NAME.exec(name);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, ms] = match;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms)));
}

/** Keeps the `recent` newest backups and the newest of each of the last `days` days; removes the rest. */
export async function pruneBackups(dir: string, policy: BackupPolicy, now = new Date()): Promise<void> {
  const names = await listBackups(dir);
  const keep = new Set(names.slice(0, policy.recent));
  const oldestDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (policy.days - 1) * 86_400_000;
  const days = new Set<string>();
  for (const name of names) {
    const time = backupTime(name);
    if (time === undefined || time.getTime() < oldestDay) continue;
    const day = time.toISOString().slice(0, 10);
    if (!days.has(day)) {
      days.add(day);
      keep.add(name);
    }
  }
  for (const name of names) if (!keep.has(name)) await unlink(path.join(dir, name)).catch(() => undefined);
}

const BACKUP_NAME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-[0-9a-f]{8}\.json$/;

function backupName(date: Date): string {
  return `${backupStamp(date)}-${randomUUID().slice(0, 8)}.json`;
}

function backupStamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

/**
 * The UTF-8 bytes of `text` followed by `suffix` (ASCII), as `Buffer.from(text + suffix)` gives
 * them (a lone surrogate becomes U+FFFD). Several times faster on a document file's
 * JSON (100 kB, two-byte because of its text): `text + suffix` made a cons string that had to be
 * copied flat, and `Buffer.from`'s path for a large string was slower than `byteLength` + `write`.
 */
export function utf8Bytes(text: string, suffix = ''): Buffer {
  const length = Buffer.byteLength(text, 'utf8');
  const bytes = Buffer.allocUnsafe(length + suffix.length);
  bytes.write(text, 0, 'utf8');
  bytes.write(suffix, length, 'latin1');
  return bytes;
}

/** JSON.parse, but a byte order mark at the start is not a reason to lose a file. */
function parseJson(text: string): unknown {
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}
