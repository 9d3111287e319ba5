// Writing a zip so that it appears whole or not at all: entries go (deflated in parallel,
// parallel-zip.ts) into a uniquely named temp file beside the target, which is fsynced and then
// renamed over the target, and the folder fsynced. Cancelled or failed, the temp file is removed
// and the target left as it was. Every entry's name is checked as a bundle path (safe on every
// operating system, no two the same file). Used by the bundle and the REFI-QDA writers.
import { randomUUID } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { bundlePathProblem, pathCollisionKey } from '../../core/bundle/bundle-path.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { DeflateLevel } from './deflate-slices.ts';
import { ParallelZip } from './parallel-zip.ts';
import { dosDateTime } from './zip-records.ts';

export type ZipWriteCode = 'cancelled' | 'write-failed' | 'invalid';

/** Thrown inside a fill to leave `writeZipAtomically` with a coded failure after cleaning up. */
export class ZipStop extends Error {
  readonly code: ZipWriteCode;
  constructor(code: ZipWriteCode, message: string) {
    super(message);
    this.code = code;
  }
}

export interface AtomicZipOptions {
  readonly signal?: AbortSignal;
  /** Deflate level, 6 by default (as `zip -6`). */
  readonly level?: DeflateLevel;
  /** Every entry's time: the same export gives the same bytes. */
  readonly date: Date;
  /** The temp file (see `temporaryPathFor`); by default a new one. For a caller that must remove it itself if its thread dies. */
  readonly temporaryPath?: string;
  /** What the file is, for messages: "bundle", ".qdpx file". */
  readonly kind: string;
}

/** What a fill adds entries with. */
export interface ZipSink {
  /** Adds an entry (its name checked first); resolves with its SHA-256 (hex) once it is on its way. */
  add(name: string, bytes: Uint8Array, onWritten?: () => void, options?: { readonly keep?: boolean }): Promise<string>;
  /** Adds an entry with the bytes of an earlier one added with `keep` (see `ParallelZip.addCopy`). */
  addCopy(name: string, of: string, onWritten?: () => void): Promise<{ sha256: string; size: number }>;
  /** Adds an entry made as it is read (see `ParallelZip.addStream`); resolves with its SHA-256 (hex) and size. */
  addStream(
    name: string,
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    onWritten?: () => void,
    recycle?: (chunk: Uint8Array) => void,
  ): Promise<{ sha256: string; size: number }>;
  /** Throws a `cancelled` stop if the signal was aborted. */
  checkCancelled(): void;
}

/**
 * Writes the zip that `fill` makes to `target`, atomically; resolves with what `fill` returned.
 * @example
 * await writeZipAtomically('/out/a.qdpx', { date: new Date(), kind: '.qdpx file' }, async (zip) => {
 *   await zip.add('project.qde', bytes);
 * });
 */
export async function writeZipAtomically<T>(
  target: string,
  options: AtomicZipOptions,
  fill: (zip: ZipSink) => Promise<T>,
): Promise<Result<T, ZipWriteCode>> {
  const temp = options.temporaryPath ?? temporaryPathFor(target);
  const checkCancelled = () => {
    if (options.signal?.aborted) throw new ZipStop('cancelled', 'the export was cancelled');
  };
  let handle: FileHandle | undefined;
  try {
    checkCancelled();
    handle = await open(temp, 'wx', 0o644).catch((error: Error) => {
      throw new ZipStop('write-failed', `could not create a file in ${path.dirname(target)}: ${error.message}`);
    });
    const zip = new ParallelZip(handle, {
      level: options.level ?? 6,
      dosTime: dosDateTime(zipDate(options.date)),
      checkpoint: checkCancelled,
    });
    const seen = new Map<string, string>();
    const checkName = (name: string) => {
      const problem = bundlePathProblem(name);
      if (problem) throw new ZipStop('invalid', `the entry "${name}" cannot go into a ${options.kind}: ${problem}`);
      const earlier = seen.get(pathCollisionKey(name));
      if (earlier !== undefined) throw new ZipStop('invalid', `the entries "${earlier}" and "${name}" would be the same file`);
      seen.set(pathCollisionKey(name), name);
    };
    const value = await fill({
      add(name, bytes, onWritten = () => undefined, options) {
        checkName(name);
        return zip.add(name, bytes, onWritten, options);
      },
      addCopy(name, of, onWritten = () => undefined) {
        checkName(name);
        return zip.addCopy(name, of, onWritten);
      },
      addStream(name, chunks, onWritten = () => undefined, recycle) {
        checkName(name);
        return zip.addStream(name, chunks, onWritten, recycle);
      },
      checkCancelled,
    });
    await zip.finish();
    checkCancelled();
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, target);
    await syncFolder(path.dirname(target));
    return ok(value);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    if (error instanceof ZipStop) return fail(error.code, error.message);
    return fail('write-failed', `the ${options.kind} could not be written: ${(error as Error).message}`);
  }
}

/**
 * A new temp file name beside `target`.
 * @example temporaryPathFor('/out/work.claimbundle') // '/out/.work.claimbundle.<uuid>.partial'
 */
export function temporaryPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.partial`);
}

/** Within what MS-DOS dates hold (1980–2107); outside, the earliest. */
function zipDate(date: Date): Date {
  const year = date.getFullYear();
  return Number.isNaN(date.getTime()) || year < 1980 || year > 2107 ? new Date(1980, 0, 1) : date;
}

/** Makes the rename durable. Folders cannot be opened for fsync on Windows; the rename stands there anyway. */
async function syncFolder(folder: string): Promise<void> {
  const directory = await open(folder, 'r').catch(() => undefined);
  await directory?.sync().catch(() => undefined);
  await directory?.close().catch(() => undefined);
}
