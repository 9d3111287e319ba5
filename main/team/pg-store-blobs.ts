// The PostgreSQL store's content-addressed blobs: imported files ('original') and earlier versions'
// texts ('text'), kept in the blobs table under their SHA-256, written once (the same bytes again
// are a no-op). A blob is not a record change: it is not in the change log (the document that
// names it is).
import { createHash } from 'node:crypto';
import { fail, ok, type Result } from '../../core/result.ts';
import type { TeamDb } from './db.ts';
import { insertBlob } from './pg-store-writes.ts';

const SHA256 = /^[0-9a-f]{64}$/;

/** Keeps `bytes` as blob (kind, sha256); resolves with where it is (`<kind>:<sha256>`). */
export async function saveBlob(
  db: TeamDb,
  kind: 'original' | 'text',
  sha256: string,
  bytes: Uint8Array,
): Promise<Result<string, 'write-failed'>> {
  if (!SHA256.test(sha256)) throw new RangeError(`not a SHA-256: ${sha256}`);
  try {
    await insertBlob(db, kind, sha256, bytes);
    return ok(`${kind}:${sha256}`);
  } catch (error) {
    return fail('write-failed', `Could not save the ${kind} ${sha256}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Blob (kind, sha256)'s bytes; undefined when there is none. */
export async function readBlob(db: TeamDb, kind: 'original' | 'text', sha256: string): Promise<Uint8Array | undefined> {
  if (!SHA256.test(sha256)) return undefined;
  const row = await db.selectFrom('blobs').select('bytes').where('kind', '=', kind).where('sha256', '=', sha256).executeTakeFirst();
  return row?.bytes;
}

/** Whether blob (kind, sha256) is kept. */
export async function hasBlob(db: TeamDb, kind: 'original' | 'text', sha256: string): Promise<boolean> {
  if (!SHA256.test(sha256)) return false;
  const row = await db.selectFrom('blobs').select('sha256').where('kind', '=', kind).where('sha256', '=', sha256).executeTakeFirst();
  return row !== undefined;
}

/** An earlier version's text, checked against its hash: undefined when it is missing or not that text. */
export async function readVersionText(db: TeamDb, sha256: string): Promise<string | undefined> {
  const bytes = await readBlob(db, 'text', sha256);
  if (bytes === undefined || createHash('sha256').update(bytes).digest('hex') !== sha256) return undefined;
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
