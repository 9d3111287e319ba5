// Writes a .claimbundle: every entry hashed and deflated into a zip as it arrives (a large one
// chunk by chunk as it is made, never whole in memory), then
// manifest.json last (only then are all hashes known, so entries can stream from an iterator).
// Deflating runs on libuv's thread pool, several slices at once, while the next entries are made
// (parallel-zip.ts), so writing a bundle neither blocks the calling thread nor uses one core only.
// The zip goes to a uniquely named temp file beside the target, is fsynced, then renamed over the
// target: a cancelled or failed export leaves the target as it was and no partial file behind.
import {
  BUNDLE_FORMAT,
  BundleHeader,
  BundleManifest,
  computeRootHash,
  MANIFEST_PATH,
  type ManifestFile,
} from '../../core/bundle/manifest.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { DeflateLevel } from './deflate-slices.ts';
import { temporaryPathFor, writeZipAtomically, ZipStop, type ZipWriteCode } from './atomic-zip.ts';
import { sha256Hex, signManifest, type SigningKey } from './signing.ts';

export interface BundleEntry {
  readonly path: string;
  /** Must not change once handed over: it is hashed at once but deflated later, on other threads. */
  readonly bytes: Uint8Array;
  /** A later entry is a `CopiedBundleEntry` of this one: its deflated data is kept until then. */
  readonly copied?: boolean;
}

/** An entry with the same bytes as an earlier one (marked `copied`), written without deflating them again. */
export interface CopiedBundleEntry {
  readonly path: string;
  /** The earlier entry's path. */
  readonly copyOf: string;
}

/** An entry made as it is written: its chunks, in order (each must not change once yielded). */
export interface StreamedBundleEntry {
  readonly path: string;
  readonly chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** Called with each chunk once the writer reads nothing of it again, for its buffer to be used again (`ChunkPool`). */
  readonly recycle?: (chunk: Uint8Array) => void;
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

export type WriteBundleCode = ZipWriteCode;

export { temporaryPathFor };

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
  entries:
    AsyncIterable<BundleEntry | StreamedBundleEntry | CopiedBundleEntry> | Iterable<BundleEntry | StreamedBundleEntry | CopiedBundleEntry>,
  header: BundleHeader,
  options: WriteBundleOptions = {},
): Promise<Result<{ path: string; manifest: BundleManifest }, WriteBundleCode>> {
  const parsedHeader = BundleHeader.safeParse(header);
  if (!parsedHeader.success)
    return fail('invalid', `the bundle header is not valid: ${parsedHeader.error.issues.map(describeIssue).join('; ')}`);
  // The manifest is the last step: done === total only once the bundle is in place.
  const total = Array.isArray(entries) ? entries.length + 1 : options.entryCount === undefined ? undefined : options.entryCount + 1;
  const written = await writeZipAtomically(
    target,
    {
      kind: 'bundle',
      date: new Date(parsedHeader.data.createdAt),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.level !== undefined ? { level: options.level } : {}),
      ...(options.temporaryPath ? { temporaryPath: options.temporaryPath } : {}),
    },
    async (zip) => {
      const files: ManifestFile[] = [];
      let done = 0;
      const onWritten = () => options.onProgress?.(++done, total);
      for await (const entry of entries) {
        zip.checkCancelled();
        if (entry.path === MANIFEST_PATH)
          throw new ZipStop(
            'invalid',
            `the entry "${entry.path}" cannot go into a bundle: ${MANIFEST_PATH} is written by the bundle itself`,
          );
        if ('chunks' in entry) {
          const { size, sha256 } = await zip.addStream(entry.path, entry.chunks, onWritten, entry.recycle);
          files.push({ path: entry.path, size, sha256 });
        } else if ('copyOf' in entry) {
          const { size, sha256 } = await zip.addCopy(entry.path, entry.copyOf, onWritten);
          files.push({ path: entry.path, size, sha256 });
        } else
          files.push({
            path: entry.path,
            size: entry.bytes.length,
            sha256: await zip.add(entry.path, entry.bytes, onWritten, { keep: entry.copied === true }),
          });
      }
      zip.checkCancelled();
      const unsigned: BundleManifest = {
        bundleFormat: BUNDLE_FORMAT,
        ...parsedHeader.data,
        files,
        rootHash: computeRootHash(files, sha256Hex),
      };
      const manifest = BundleManifest.parse(options.signingKey ? signManifest(unsigned, options.signingKey) : unsigned);
      // The manifest's own progress step is the bundle in place, below.
      await zip.add(MANIFEST_PATH, new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n'));
      return manifest;
    },
  );
  if (!written.ok) return written;
  options.onProgress?.(written.value.files.length + 1, total);
  return ok({ path: target, manifest: written.value });
}

function describeIssue(issue: { path: readonly PropertyKey[]; message: string }): string {
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
