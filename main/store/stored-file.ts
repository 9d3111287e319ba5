// A whole-file JSON record of the workspace (workspace.json, evidence.json, a document file) as a
// lowdb database: `Low` holds its data and reads and writes it through the project's own adapter,
// DurableJsonFile (temp file, fsync, backup of the version replaced, rename, folder fsync).
import path from 'node:path';
import { Low } from 'lowdb';
import { fail, ok, type Result } from '../../core/result.ts';
import { DurableJsonFile } from './durable-file.ts';
import { BACKUPS_DIR } from './workspace-layout.ts';

/** A lowdb record and its path relative to the workspace (for messages and the write queue). */
export interface StoredFile<T> {
  readonly db: Low<T>;
  readonly relative: string;
  /** The workspace folder. */
  readonly dir: string;
}

export function storedFile<T>(dir: string, relative: string): StoredFile<T> {
  // null until read: a missing file stays null, so it is told apart from an empty one.
  const adapter = new DurableJsonFile<T>(path.join(dir, relative), { backupsDir: path.join(dir, BACKUPS_DIR, relative) });
  return { db: new Low<T>(adapter, null as T), relative, dir };
}

/**
 * Makes `next` the record's data and writes it (lowdb's `write`). A failed write puts the data back
 * as it was, so memory never holds what the disk refused. The caller runs this in the file's turn
 * of the write queue, so no other write of the record is under way meanwhile.
 */
export async function writeStored<T>(stored: StoredFile<T>, next: T): Promise<Result<T, 'write-failed'>> {
  const previous = stored.db.data;
  stored.db.data = next;
  try {
    await stored.db.write();
  } catch (error) {
    stored.db.data = previous;
    return fail('write-failed', `Could not save ${stored.relative}: ${describe(error)}`);
  }
  return ok(next);
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
