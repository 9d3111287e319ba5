// Writes a .claimbundle: every entry hashed and deflated into a zip as it arrives, then
// manifest.json last (only then are all hashes known, so entries can stream from an iterator).
// Deflating runs on libuv's thread pool, several slices at once, while the next entries are made
// (parallel-zip.ts), so writing a bundle neither blocks the calling thread nor uses one core only.
// The zip goes to a uniquely named temp file beside the target, is fsynced, then renamed over the
// target: a cancelled or failed export leaves the target as it was and no partial file behind.
import { randomUUID } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { bundlePathProblem, pathCollisionKey } from '../../core/bundle/bundle-path.ts';
import { BUNDLE_FORMAT, BundleHeader, BundleManifest, computeRootHash, MANIFEST_PATH, type ManifestFile } from '../../core/bundle/manifest.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { DeflateLevel } from './deflate-slices.ts';
import { ParallelZip } from './parallel-zip.ts';
import { sha256Hex, signManifest, type SigningKey } from './signing.ts';
import { dosDateTime } from './zip-records.ts';

export interface BundleEntry {
  readonly path: string;
  /** Must not change once handed over: it is hashed at once but deflated later, on other threads. */
  readonly bytes: Uint8Array;
}

export interface WriteBundleOptions {
  readonly signal?: AbortSignal;
  /** Called after each entry is in the zip, and once more when the bundle is in place; `total` (entries + 1) is unknown for iterators without `entryCount`. */
  readonly onProgress?: (done: number, total: number | undefined) => void;
  readonly signingKey?: SigningKey;
  /** Deflate level, 6 by default (as `zip -6`). */
  readonly level?: DeflateLevel;
  /** How many entries an iterator will yield, for the progress total (an array's are counted). */
  readonly entryCount?: number;
  /**
   * The temp file to write before the rename (see `temporaryPathFor`); by default a new one. For a
   * caller that must remove it itself if the thread running `writeBundle` dies.
   */
  readonly temporaryPath?: string;
}

export type WriteBundleCode = 'cancelled' | 'write-failed' | 'invalid';

/** Thrown inside `writeBundle` to leave it with a coded failure after cleaning up. */
class Stop extends Error {
  readonly code: WriteBundleCode;
  constructor(code: WriteBundleCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Writes `entries` and their manifest to `target` as a .claimbundle.
 *
 * @example
 * const written = await writeBundle('/out/work.claimbundle', [{ path: 'claims.json', bytes }],
 *   { appVersion: '0.1.0', creator: 'Ana', workspace: 'Elections', createdAt: new Date().toISOString() },
 *   { signal, onProgress: (done, total) => … });
 */
export async function writeBundle(
  target: string,
  entries: AsyncIterable<BundleEntry> | Iterable<BundleEntry>,
  header: BundleHeader,
  options: WriteBundleOptions = {},
): Promise<Result<{ path: string; manifest: BundleManifest }, WriteBundleCode>> {
  const parsedHeader = BundleHeader.safeParse(header);
  if (!parsedHeader.success) return fail('invalid', `the bundle header is not valid: ${parsedHeader.error.issues.map(describeIssue).join('; ')}`);
  // The manifest is the last step: done === total only once the bundle is in place.
  const total = Array.isArray(entries) ? entries.length + 1 : options.entryCount === undefined ? undefined : options.entryCount + 1;
  const temp = options.temporaryPath ?? temporaryPathFor(target);
  const checkCancelled = () => {
    if (options.signal?.aborted) throw new Stop('cancelled', 'the export was cancelled');
  };

  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx', 0o644).catch((error: Error) => {
      throw new Stop('write-failed', `could not create a file in ${path.dirname(target)}: ${error.message}`);
    });
    // The export's time as every entry's time: the same export gives the same bytes.
    const zip = new ParallelZip(handle, { level: options.level ?? 6, dosTime: dosDateTime(new Date(parsedHeader.data.createdAt)), checkpoint: checkCancelled });
    const files: ManifestFile[] = [];
    const seen = new Map<string, string>();
    let written = 0;
    const onWritten = () => options.onProgress?.(++written, total);

    for await (const entry of entries) {
      checkCancelled();
      const problem = entry.path === MANIFEST_PATH ? `${MANIFEST_PATH} is written by the bundle itself` : bundlePathProblem(entry.path);
      if (problem) throw new Stop('invalid', `the entry "${entry.path}" cannot go into a bundle: ${problem}`);
      const earlier = seen.get(pathCollisionKey(entry.path));
      if (earlier !== undefined) throw new Stop('invalid', `the entries "${earlier}" and "${entry.path}" would be the same file`);
      seen.set(pathCollisionKey(entry.path), entry.path);
      files.push({ path: entry.path, size: entry.bytes.length, sha256: await zip.add(entry.path, entry.bytes, onWritten) });
    }
    checkCancelled();

    const unsigned: BundleManifest = { bundleFormat: BUNDLE_FORMAT, ...parsedHeader.data, files, rootHash: computeRootHash(files, sha256Hex) };
    const manifest = BundleManifest.parse(options.signingKey ? signManifest(unsigned, options.signingKey) : unsigned);
    // The manifest's own progress step is the bundle in place, below.
    await zip.add(MANIFEST_PATH, new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n'), () => undefined);
    await zip.finish();
    checkCancelled();

    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, target);
    await syncFolder(path.dirname(target));
    options.onProgress?.(files.length + 1, total);
    return ok({ path: target, manifest });
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    if (error instanceof Stop) return fail(error.code, error.message);
    return fail('write-failed', `the bundle could not be written: ${(error as Error).message}`);
  }
}

/**
 * A new temp file name beside `target`, for `WriteBundleOptions.temporaryPath`.
 *
 * @example temporaryPathFor('/out/work.claimbundle') // '/out/.work.claimbundle.<uuid>.partial'
 */
export function temporaryPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.partial`);
}

/** Makes the rename durable. Folders cannot be opened for fsync on Windows; the rename stands there anyway. */
async function syncFolder(folder: string): Promise<void> {
  const directory = await open(folder, 'r').catch(() => undefined);
  await directory?.sync().catch(() => undefined);
  await directory?.close().catch(() => undefined);
}

function describeIssue(issue: { path: readonly PropertyKey[]; message: string }): string {
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
