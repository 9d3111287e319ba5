// Opening a .claimbundle for import without unpacking it: every check of open-bundle.ts (the
// directory, the manifest, every listed file's size and SHA-256), made on one pass through the
// archive, keeping only what an import reads. The files `keep` names (the JSON and texts an import
// parses) are held in memory; originals, which can be large and many, are streamed into a
// temporary folder made only when the bundle has any; everything else (brat/, report.html, the
// CSV files) is checked and dropped. A bundle of 1,000 documents was 4,000 files written to a
// temporary folder and half of them read back; now it is nothing written.
// When what is dropped is large, it is checked in a worker thread (check-aside.ts) meanwhile, and
// `loadBundleAside` lets the caller read what is kept before that check has ended.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { ZipFile } from 'yauzl';
import type { BundleManifest } from '../../core/bundle/manifest.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { cancelled, closeZip, printable, Stop, type ReadBundleCode } from './bundle-zip.ts';
import { checkAside, type AsideCheck } from './check-aside.ts';
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
  /** Drops the files held, stops a check still under way and removes the originals' folder, if one was made. Idempotent. */
  dispose(): Promise<void>;
}

/** A bundle whose kept files and originals are checked and held while the others are still being checked. */
export interface LoadingBundle {
  readonly bundle: LoadedBundle;
  /**
   * Settles once every other listed file is checked too (in a worker thread): the bundle is verified
   * only if this is ok. Never rejects; `bundle.dispose()` stops the check.
   */
  readonly rest: Promise<Result<void, ReadBundleCode>>;
}

export interface LoadBundleOptions extends OpenBundleOptions {
  /** The files dropped are checked in a worker thread when they hold more bytes than this (`CHECK_ASIDE_ABOVE` by default). */
  readonly checkAsideAbove?: number;
}

/**
 * Below this, the files an import drops are checked on the calling thread: starting a worker (tens
 * of milliseconds, and its memory) would cost more than it saves.
 */
export const CHECK_ASIDE_ABOVE = 16 * 1024 ** 2;

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
  options: LoadBundleOptions = {},
): Promise<Result<LoadedBundle, ReadBundleCode>> {
  const loading = await loadBundleAside(file, keep, options);
  if (!loading.ok) return loading;
  const rest = await loading.value.rest;
  if (rest.ok) return ok(loading.value.bundle);
  await loading.value.bundle.dispose();
  return rest;
}

/**
 * `loadBundle`, resolving once the files kept and the originals are checked; the other files may
 * still be under check (`rest`). On failure nothing is left; a caller that reads the bundle before
 * `rest` is ok must treat what it read as unverified, and must `dispose` of the bundle either way.
 *
 * @example
 * const loading = await loadBundleAside(file, keep, { signal });
 * if (!loading.ok) return loading;
 * const read = parse(await loading.value.bundle.readFile('claims.json')); // meanwhile
 * const rest = await loading.value.rest;
 * if (!rest.ok) { await loading.value.bundle.dispose(); return rest; }
 */
export async function loadBundleAside(
  file: string,
  keep: (path: string) => boolean,
  options: LoadBundleOptions = {},
): Promise<Result<LoadingBundle, ReadBundleCode>> {
  const name = options.displayName ?? path.basename(file);
  const held: { zip?: ZipFile; dir?: string; aside?: AsideCheck } = {};
  const kept = new Map<string, Buffer>();
  const staged = new Set<string>();
  const stageDir = async () =>
    (held.dir ??= await mkdtemp(path.join(options.tempParent ?? os.tmpdir(), 'claimbench-bundle-')).catch((error: Error) => {
      throw new Stop('write-failed', `no temporary folder could be made: ${error.message}`);
    }));
  let result: Result<LoadingBundle, ReadBundleCode>;
  // Progress is this thread's bytes and the worker's.
  const progress = { here: 0, aside: 0, total: 0 };
  const report = () => options.onProgress?.(progress.here + progress.aside, progress.total);
  const onProgress = (doneBytes: number, totalBytes: number) => {
    progress.here = doneBytes;
    progress.total = totalBytes;
    report();
  };
  try {
    const headers = await checkHeaders(file, name, { ...options, onProgress }, held);
    const { zip, manifest, run } = headers;
    const dropped = headers.listed.filter(({ file: listedFile }) => !ORIGINAL.test(listedFile.path) && !keep(listedFile.path));
    const droppedBytes = dropped.reduce((sum, { item }) => sum + item.size, 0);
    let listed = headers.listed;
    if (dropped.length > 0 && droppedBytes > (options.checkAsideAbove ?? CHECK_ASIDE_ABOVE)) {
      const paths = dropped.map(({ file: listedFile }) => listedFile.path);
      held.aside = checkAside({
        file,
        name,
        paths,
        limits: options.limits,
        onProgress: (doneBytes) => {
          progress.aside = doneBytes;
          report();
        },
      });
      const aside = new Set(paths);
      listed = listed.filter(({ file: listedFile }) => !aside.has(listedFile.path));
    }
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
    const aside = held.aside;
    const rest = aside === undefined ? Promise.resolve(ok(undefined)) : checkedAside(aside, options.signal);
    result = ok({ bundle: loaded(manifest, kept, staged, held.dir, aside), rest });
  } catch (error) {
    if (error instanceof Stop) result = fail(error.code, error.message);
    else if (options.signal?.aborted) result = fail('cancelled', cancelled().message);
    else result = fail('corrupt', `${name} could not be checked: ${(error as Error).message}`);
  }
  if (held.zip) await closeZip(held.zip);
  if (!result.ok) await held.aside?.stop();
  if (!result.ok && held.dir) await rm(held.dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  return result;
}

/** The aside check's outcome, stopped at once by a cancel. */
function checkedAside(aside: AsideCheck, signal: AbortSignal | undefined): Promise<Result<void, ReadBundleCode>> {
  if (signal === undefined) return aside.done;
  const stop = () => void aside.stop();
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  return aside.done.then((result) => {
    signal.removeEventListener('abort', stop);
    return !result.ok && signal.aborted ? fail('cancelled', cancelled().message) : result;
  });
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

function loaded(
  manifest: BundleManifest,
  kept: Map<string, Buffer>,
  staged: ReadonlySet<string>,
  dir: string | undefined,
  aside: AsideCheck | undefined,
): LoadedBundle {
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
      return (disposal ??= Promise.all([
        aside?.stop(),
        dir === undefined ? undefined : rm(dir, { recursive: true, force: true, maxRetries: 3 }),
      ]).then(() => undefined));
    },
  };
}
