// Opening a .claimbundle for import without unpacking it: every check of open-bundle.ts (the
// directory, the manifest, every listed file's size and SHA-256), made on one pass through the
// archive, keeping only what an import reads. The files `keep` names (the JSON and texts an import
// parses) are held in memory; originals, which can be large and many, are streamed into a
// temporary folder made only when the bundle has any; everything else (brat/, report.html, the
// CSV files) is checked and dropped. A bundle of 1,000 documents was 4,000 files written to a
// temporary folder and half of them read back; now it is nothing written.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { ZipFile } from 'yauzl';
import type { BundleManifest } from '../../core/bundle/manifest.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { cancelled, closeZip, printable, Stop, type ReadBundleCode } from './bundle-zip.ts';
import { checkEntries, checkHeaders, type OpenBundleOptions } from './open-bundle.ts';
import { verifyManifest, type SignatureCheck } from './signing.ts';

/** A verified bundle as an import reads it; `dispose` drops what it holds. */
export interface LoadedBundle {
  readonly manifest: BundleManifest;
  readonly signature: SignatureCheck;
  /** Every file the manifest lists, in its order; each verified against its size and SHA-256. */
  readonly paths: readonly string[];
  /** The bytes of a file kept (`keep`) or an original; rejects for any other path (a bug in the caller). */
  readFile(path: string): Promise<Uint8Array>;
  /** Drops a kept file's bytes once the caller has what it needs of them (a later `readFile` of it rejects). */
  drop(path: string): void;
  /** Drops the files held and removes the originals' folder, if one was made. Idempotent. */
  dispose(): Promise<void>;
}

const ORIGINAL = /^originals\/[^/]+$/;

/**
 * Checks the bundle at `file` as `openBundle` does and keeps the listed files `keep` accepts in
 * memory, and its originals in a temporary folder in `tempParent`. Never throws for hostile input;
 * on failure nothing is left.
 *
 * @example
 * const loaded = await loadBundle(file, (p) => p.endsWith('.json'), { signal });
 * if (loaded.ok) try { … await loaded.value.readFile('claims.json') … } finally { await loaded.value.dispose(); }
 */
export async function loadBundle(
  file: string,
  keep: (path: string) => boolean,
  options: OpenBundleOptions = {},
): Promise<Result<LoadedBundle, ReadBundleCode>> {
  const name = options.displayName ?? path.basename(file);
  const held: { zip?: ZipFile; dir?: string } = {};
  const kept = new Map<string, Buffer>();
  const staged = new Set<string>();
  const stageDir = async () =>
    (held.dir ??= await mkdtemp(path.join(options.tempParent ?? os.tmpdir(), 'claimbench-bundle-')).catch((error: Error) => {
      throw new Stop('write-failed', `no temporary folder could be made: ${error.message}`);
    }));
  let result: Result<LoadedBundle, ReadBundleCode>;
  try {
    const { zip, listed, manifest, run } = await checkHeaders(file, name, options, held);
    // A large original is streamed into its file as it is checked; the folder is made first, as that needs an await.
    if (listed.some(({ file: listedFile }) => ORIGINAL.test(listedFile.path))) await stageDir();
    const sizeOf = new Map(listed.map(({ file: listedFile }) => [listedFile.path, listedFile.size]));
    const stagedPath = (listed: string) => path.join(held.dir!, listed.slice('originals/'.length));
    await checkEntries(
      file,
      zip,
      listed,
      run,
      async (listedPath, bytes) => {
        if (ORIGINAL.test(listedPath)) {
          if (bytes !== undefined) await writeStaged(stagedPath(listedPath), bytes, listedPath);
          staged.add(listedPath);
        } else if (bytes !== undefined && keep(listedPath)) kept.set(listedPath, bytes);
      },
      (listedPath) => {
        if (ORIGINAL.test(listedPath)) return () => createWriteStream(stagedPath(listedPath), { flags: 'wx', mode: 0o600 });
        if (!keep(listedPath)) return undefined;
        return () => memorySink(sizeOf.get(listedPath)!, (bytes) => kept.set(listedPath, bytes));
      },
    );
    result = ok(loaded(manifest, kept, staged, held.dir));
  } catch (error) {
    if (error instanceof Stop) result = fail(error.code, error.message);
    else if (options.signal?.aborted) result = fail('cancelled', cancelled().message);
    else result = fail('corrupt', `${name} could not be checked: ${(error as Error).message}`);
  }
  if (held.zip) await closeZip(held.zip);
  if (!result.ok && held.dir) await rm(held.dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  return result;
}

async function writeStaged(target: string, bytes: Buffer, listedPath: string): Promise<void> {
  await writeFile(target, bytes, { flag: 'wx', mode: 0o600 }).catch((error: Error) => {
    throw new Stop('write-failed', `${printable(listedPath)} could not be unpacked: ${error.message}`);
  });
}

/**
 * A sink that copies an entry's chunks into one buffer of its declared `size` (the counter before it
 * stops any chunk past that) and hands it over once the entry has ended.
 */
function memorySink(size: number, done: (bytes: Buffer) => void): Writable {
  const whole = Buffer.allocUnsafe(size);
  let filled = 0;
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      filled += chunk.copy(whole, filled);
      callback();
    },
    final(callback) {
      done(whole.subarray(0, filled));
      callback();
    },
  });
}

function loaded(manifest: BundleManifest, kept: Map<string, Buffer>, staged: ReadonlySet<string>, dir: string | undefined): LoadedBundle {
  let disposal: Promise<void> | undefined;
  return {
    manifest,
    signature: verifyManifest(manifest),
    paths: manifest.files.map((listed) => listed.path),
    async readFile(listedPath) {
      if (disposal) throw new Error('the bundle was disposed of');
      const bytes = kept.get(listedPath);
      if (bytes !== undefined) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (!staged.has(listedPath) || dir === undefined) throw new Error(`"${listedPath}" is not a file this bundle kept`);
      const read = await readFile(path.join(dir, listedPath.slice('originals/'.length)));
      return new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
    },
    drop(listedPath) {
      kept.delete(listedPath);
    },
    dispose() {
      kept.clear();
      return (disposal ??= dir === undefined ? Promise.resolve() : rm(dir, { recursive: true, force: true, maxRetries: 3 }));
    },
  };
}
