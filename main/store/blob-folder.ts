// Content-addressed files of a workspace (originals/<sha256>, texts/<sha256>): written once, under
// their SHA-256, to a temporary name and renamed, so each appears whole or not at all.
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fail, ok, type Result } from '../../core/result.ts';
import { writeDurably } from './durable-file.ts';
import { describe } from './stored-file.ts';

const SHA256 = /^[0-9a-f]{64}$/;

/** Writes `bytes` as `<folder>/<sha256>` unless it is there already; resolves with its path. */
export async function saveBlob(dir: string, folder: string, sha256: string, bytes: Uint8Array): Promise<Result<string, 'write-failed'>> {
  if (!SHA256.test(sha256)) throw new RangeError(`not a SHA-256: ${sha256}`);
  const target = path.join(dir, folder, sha256);
  if (await exists(target)) return ok(target);
  try {
    await mkdir(path.join(dir, folder), { recursive: true });
    await writeDurably(target, bytes);
    return ok(target);
  } catch (error) {
    return fail('write-failed', `Could not write ${folder}/${sha256}: ${describe(error)}`);
  }
}

/**
 * The UTF-8 text kept as `<folder>/<sha256>`, checked against its name: undefined when it is
 * missing, unreadable, or not the text of that hash (damaged on disk).
 */
export async function readBlobText(dir: string, folder: string, sha256: string): Promise<string | undefined> {
  if (!SHA256.test(sha256)) return undefined;
  const bytes = await readFile(path.join(dir, folder, sha256)).catch(() => undefined);
  if (bytes === undefined || createHash('sha256').update(bytes).digest('hex') !== sha256) return undefined;
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** The bytes kept as `<folder>/<sha256>`; undefined when it is missing or unreadable. */
export async function readBlob(dir: string, folder: string, sha256: string): Promise<Uint8Array | undefined> {
  if (!SHA256.test(sha256)) return undefined;
  return readFile(path.join(dir, folder, sha256)).catch(() => undefined);
}

/** Whether `<folder>/<sha256>` is on disk. */
export function hasBlob(dir: string, folder: string, sha256: string): Promise<boolean> {
  if (!SHA256.test(sha256)) return Promise.resolve(false);
  return exists(path.join(dir, folder, sha256));
}

function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
