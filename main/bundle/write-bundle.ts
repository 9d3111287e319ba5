// Writes a .claimbundle: every entry hashed and deflated into a zip as it arrives, then
// manifest.json last (only then are all hashes known, so entries can stream from an iterator).
// The zip goes to a uniquely named temp file beside the target, is fsynced, then renamed over the
// target: a cancelled or failed export leaves the target as it was and no partial file behind.
import { createHash, randomUUID } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import { bundlePathProblem, pathCollisionKey } from '../../core/bundle/bundle-path.ts';
import { BUNDLE_FORMAT, BundleHeader, BundleManifest, computeRootHash, MANIFEST_PATH, type ManifestFile } from '../../core/bundle/manifest.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { sha256Hex, signManifest, type SigningKey } from './signing.ts';

export interface BundleEntry {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface WriteBundleOptions {
  readonly signal?: AbortSignal;
  /** Called after each entry is in the zip, and once more when the bundle is in place; `total` (entries + 1) is unknown for iterators. */
  readonly onProgress?: (done: number, total: number | undefined) => void;
  readonly signingKey?: SigningKey;
  /** Deflate level, 6 by default (as `zip -6`). */
  readonly level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
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
  const total = Array.isArray(entries) ? entries.length + 1 : undefined;
  const level = options.level ?? 6;
  const mtime = zipDate(parsedHeader.data.createdAt);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.partial`);

  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx', 0o644).catch((error: Error) => {
      throw new Stop('write-failed', `could not create a file in ${path.dirname(target)}: ${error.message}`);
    });
    const output = zipOutput(handle);
    const files: ManifestFile[] = [];
    const seen = new Map<string, string>();
    const checkCancelled = () => {
      if (options.signal?.aborted) throw new Stop('cancelled', 'the export was cancelled');
    };

    for await (const entry of entries) {
      checkCancelled();
      const problem = entry.path === MANIFEST_PATH ? `${MANIFEST_PATH} is written by the bundle itself` : bundlePathProblem(entry.path);
      if (problem) throw new Stop('invalid', `the entry "${entry.path}" cannot go into a bundle: ${problem}`);
      const earlier = seen.get(pathCollisionKey(entry.path));
      if (earlier !== undefined) throw new Stop('invalid', `the entries "${earlier}" and "${entry.path}" would be the same file`);
      seen.set(pathCollisionKey(entry.path), entry.path);

      files.push({ path: entry.path, size: entry.bytes.length, sha256: createHash('sha256').update(entry.bytes).digest('hex') });
      output.add(entry.path, entry.bytes, level, mtime);
      await output.flush();
      options.onProgress?.(files.length, total);
    }
    checkCancelled();

    const unsigned: BundleManifest = { bundleFormat: BUNDLE_FORMAT, ...parsedHeader.data, files, rootHash: computeRootHash(files, sha256Hex) };
    const manifest = BundleManifest.parse(options.signingKey ? signManifest(unsigned, options.signingKey) : unsigned);
    output.add(MANIFEST_PATH, new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n'), level, mtime);
    await output.end();
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

/** An fflate zip stream whose output goes to `handle`, written out after each entry. */
function zipOutput(handle: FileHandle) {
  let chunks: Uint8Array[] = [];
  let failure: Error | undefined;
  let ended = false;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else chunks.push(chunk);
    if (final) ended = true;
  });
  const flush = async () => {
    if (failure) throw failure;
    const pending = chunks;
    chunks = [];
    for (const chunk of pending) await handle.write(chunk);
  };
  return {
    add(name: string, bytes: Uint8Array, level: WriteBundleOptions['level'], mtime: Date) {
      // ZipDeflate works in this thread; a big export should run writeBundle off the UI thread.
      const file = new ZipDeflate(name, { level });
      file.mtime = mtime;
      zip.add(file);
      file.push(bytes, true);
    },
    flush,
    async end() {
      zip.end();
      await flush();
      if (!ended) throw new Error('the zip stream did not finish');
    },
  };
}

/** The export's time as every entry's time (so the same export gives the same bytes), within what DOS dates hold. */
function zipDate(createdAt: string): Date {
  const date = new Date(createdAt);
  // fflate writes local time, and throws outside 1980–2099.
  const year = date.getFullYear();
  return year >= 1980 && year <= 2099 ? date : new Date('1980-01-01T00:00:00Z');
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
