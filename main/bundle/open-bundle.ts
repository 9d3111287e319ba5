// Opens a .claimbundle into a fresh temporary folder, refusing hostile archives with a reason.
// A bundle comes from someone else, so it is checked in an order that writes nothing until the
// archive has passed every check its headers and manifest allow:
//  1. the zip's central directory (bundle-zip.ts): the entry count; names (UTF-8, the bundle path
//     rules, no two the same on a case-insensitive disk, no file that is also a folder); only plain
//     files (no symlink, directory, device, encryption or unknown compression); declared sizes
//     against the limits and a ratio cap;
//  2. manifest.json, read into memory: its schema, that it lists exactly the other entries with the
//     sizes their headers declare, and its root hash;
//  3. each file, streamed through a byte counter and SHA-256 into the folder (bundle-zip.ts). Every
//     chunk is checked against the declared size and the limits, so a zip whose headers lie stops
//     at once; each file's hash must match the manifest.
// On any failure or cancel the zip is closed and the folder removed; the caller gets a coded failure.
// verifyBundle runs the same steps with step 3 writing nothing (checkEntries), for `claimbench verify`;
// load-bundle.ts runs them keeping in memory only what an import reads.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile as readDiskFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { ZipFile } from 'yauzl';
import { BUNDLE_FORMAT, BundleManifest, computeRootHash, MANIFEST_PATH, type ManifestFile } from '../../core/bundle/manifest.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { formatBytes } from '../../core/text/format-bytes.ts';
import {
  cancelled,
  closeZip,
  DEFAULT_BUNDLE_LIMITS,
  openArchive,
  printable,
  readDirectory,
  refused,
  Stop,
  streamEntry,
  type BundleLimits,
  type Item,
  type ReadBundleCode,
  type Run,
} from './bundle-zip.ts';
import { checkDirectory } from './bundle-entry-checks.ts';
import { EntryReader, isSmall } from './entry-reader.ts';
import { sha256Hex, verifyManifest, type SignatureCheck } from './signing.ts';

export { DEFAULT_BUNDLE_LIMITS, MAX_MANIFEST_BYTES, RATIO_CHECKED_ABOVE, type BundleLimits, type ReadBundleCode } from './bundle-zip.ts';

const MiB = 1024 ** 2;

export interface OpenBundleOptions {
  readonly limits?: Partial<BundleLimits>;
  readonly signal?: AbortSignal;
  /** Where the temporary folder is made; the system's temp folder by default. */
  readonly tempParent?: string;
  /** What messages call the bundle; its file name by default. */
  readonly displayName?: string;
  /** Called for every chunk written (throttle it in a UI): bytes so far, of the listed files' total. */
  readonly onProgress?: (doneBytes: number, totalBytes: number) => void;
}

/** A verified bundle unpacked in `dir`, which is the caller's to `dispose` of. */
export interface OpenedBundle {
  readonly manifest: BundleManifest;
  readonly signature: SignatureCheck;
  /** The temporary folder holding the listed files (not manifest.json). */
  readonly dir: string;
  /** Every file the manifest lists, in its order; each verified against its size and SHA-256. */
  readonly paths: readonly string[];
  /** The bytes of a listed file; rejects for any other path (a bug in the caller). */
  readFile(path: string): Promise<Uint8Array>;
  /** A listed file as UTF-8 text; rejects if it is not valid UTF-8. */
  readText(path: string): Promise<string>;
  /** Removes the folder. Idempotent. */
  dispose(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Checks the bundle at `file` and unpacks its listed files into a fresh folder in `tempParent`; see
 * the module comment for what is refused. Never throws for hostile input; on failure nothing is left.
 *
 * @example
 * const opened = await openBundle('/in/work.claimbundle', { signal, onProgress: (done, total) => … });
 * if (!opened.ok) return show(opened.error.message);
 * try { const claims = JSON.parse(await opened.value.readText('claims.json')); … }
 * finally { await opened.value.dispose(); }
 */
export async function openBundle(file: string, options: OpenBundleOptions = {}): Promise<Result<OpenedBundle, ReadBundleCode>> {
  const name = options.displayName ?? path.basename(file);
  const held: { zip?: ZipFile; dir?: string } = {};
  let result: Result<OpenedBundle, ReadBundleCode>;
  try {
    result = ok(await unpack(file, name, options, held));
  } catch (error) {
    result = failure(error, name, options.signal);
  }
  if (held.zip) await closeZip(held.zip);
  if (!result.ok && held.dir) await rm(held.dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  return result;
}

/** What `verifyBundle` found: the bundle is intact; `signature` says whether, and by whom, it is signed. */
export interface VerifiedBundle {
  readonly manifest: BundleManifest;
  readonly signature: SignatureCheck;
}

/**
 * Runs every check `openBundle` runs on the bundle at `file`, streaming each listed file through
 * inflate, the limits and SHA-256 into nothing: no folder is made and nothing is written, which is
 * what `claimbench verify` needs. Never throws for hostile input.
 *
 * @example
 * const verified = await verifyBundle('/in/work.claimbundle');
 * if (verified.ok) console.log(verified.value.signature.state);
 */
export async function verifyBundle(
  file: string,
  options: Omit<OpenBundleOptions, 'tempParent'> = {},
): Promise<Result<VerifiedBundle, ReadBundleCode>> {
  const name = options.displayName ?? path.basename(file);
  const held: { zip?: ZipFile } = {};
  let result: Result<VerifiedBundle, ReadBundleCode>;
  try {
    const { zip, listed, manifest, run } = await checkHeaders(file, name, options, held);
    await checkEntries(file, zip, listed, run, () => undefined);
    result = ok({ manifest, signature: verifyManifest(manifest) });
  } catch (error) {
    result = failure(error, name, options.signal);
  }
  if (held.zip) await closeZip(held.zip);
  return result;
}

/**
 * Step 3 without a folder: every listed entry, in zip order, inflated and hashed (small ones by
 * entry-reader.ts, large ones streamed) and checked against the manifest. `take` is handed each
 * entry once it has passed: the bytes of a small one, or for a large one nothing (it was streamed
 * into nothing) unless `sinkFor` gave it a sink of its own.
 */
export async function checkEntries(
  file: string,
  zip: ZipFile,
  listed: readonly { item: Item; file: ManifestFile }[],
  run: Run,
  take: (path: string, bytes: Buffer | undefined) => void | Promise<void>,
  sinkFor: (path: string) => (() => Writable) | undefined = () => undefined,
): Promise<void> {
  const reader = await EntryReader.open(file, zip.fileSize).catch((error: Error) => {
    throw new Stop('unreadable', `the bundle could not be read: ${error.message}`);
  });
  try {
    for (const { item, file: listedFile } of listed) {
      checkCancelled(run.signal);
      let sha256: string;
      let bytes: Buffer | undefined;
      if (isSmall(item)) ({ sha256, bytes } = await reader.read(item, run));
      else sha256 = await streamEntry(zip, item, sinkFor(listedFile.path) ?? discard, run, true);
      if (sha256 !== listedFile.sha256)
        throw new Stop('tampered', `${listedFile.path} was changed: its SHA-256 does not match the manifest`);
      await take(listedFile.path, bytes);
    }
  } finally {
    await reader.close();
  }
}

/** A sink that drops what it is given: verifying needs only the byte counts and hashes on the way. */
const discard = () =>
  new Writable({
    write(_chunk: Buffer, _encoding, done) {
      done();
    },
  });

function failure<T>(error: unknown, name: string, signal: AbortSignal | undefined): Result<T, ReadBundleCode> {
  if (error instanceof Stop) return fail(error.code, error.message);
  if (signal?.aborted) return fail('cancelled', cancelled().message);
  // A bug, not hostile input; still never thrown at the caller, who is importing a file.
  return fail('corrupt', `${name} could not be checked: ${(error as Error).message}`);
}

/** Steps 1 and 2 of the module comment: the central directory and the manifest, nothing written yet. */
export async function checkHeaders(
  file: string,
  name: string,
  options: OpenBundleOptions,
  held: { zip?: ZipFile },
): Promise<{ zip: ZipFile; listed: { item: Item; file: ManifestFile }[]; manifest: BundleManifest; run: Run }> {
  // Key by key, so that a limit passed as undefined keeps its default rather than lifting it.
  const limit = (key: keyof BundleLimits) => options.limits?.[key] ?? DEFAULT_BUNDLE_LIMITS[key];
  const limits: BundleLimits = {
    maxEntries: limit('maxEntries'),
    maxTotalBytes: limit('maxTotalBytes'),
    maxEntryBytes: limit('maxEntryBytes'),
    maxRatio: limit('maxRatio'),
  };
  const run: Run = { limits, signal: options.signal, onProgress: options.onProgress, inflated: 0, written: 0, toWrite: 0 };
  checkCancelled(run.signal);
  const { size } = await stat(file).catch((error: Error) => {
    throw new Stop('unreadable', `${name} could not be read: ${error.message}`);
  });
  // A zip is never much larger than what it inflates to: stored entries are as large, give or take headers.
  if (size > limits.maxTotalBytes + 64 * MiB)
    throw new Stop('too-much-data', `${name} is ${formatBytes(size)}; more than ${formatBytes(limits.maxTotalBytes)} of data is refused`);
  const zip = (held.zip = await openArchive(file, name));
  if (zip.entryCount > limits.maxEntries)
    throw new Stop('too-much-data', `the archive lists ${zip.entryCount} entries; more than ${limits.maxEntries} is refused`);
  const items = checkDirectory(await readDirectory(zip, run.signal), zip.fileSize, limits);

  const manifestItem = items.find((item) => item.name === MANIFEST_PATH);
  if (!manifestItem) throw new Stop('not-a-bundle', `${name} is not a Claimbench bundle (it has no ${MANIFEST_PATH})`);
  const manifest = parseManifest(await readToMemory(zip, manifestItem, run));
  const listed = checkListing(items, manifest);
  run.toWrite = listed.reduce((sum, { item }) => sum + item.size, 0);
  run.onProgress?.(0, run.toWrite);
  return { zip, listed, manifest, run };
}

async function unpack(
  file: string,
  name: string,
  options: OpenBundleOptions,
  held: { zip?: ZipFile; dir?: string },
): Promise<OpenedBundle> {
  const { zip, listed, manifest, run } = await checkHeaders(file, name, options, held);
  checkCancelled(run.signal);
  const tempParent = options.tempParent ?? os.tmpdir();
  const dir = (held.dir = await mkdtemp(path.join(tempParent, 'claimbench-bundle-')).catch((error: Error) => {
    throw new Stop('write-failed', `no temporary folder could be made in ${tempParent}: ${error.message}`);
  }));
  for (const { item, file: listedFile } of listed) {
    checkCancelled(run.signal);
    const sha256 = await extractFile(zip, item, dir, run);
    if (sha256 !== listedFile.sha256) throw new Stop('tampered', `${listedFile.path} was changed: its SHA-256 does not match the manifest`);
  }
  return openedBundle(dir, manifest);
}

export function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled();
}

function parseManifest(bytes: Uint8Array): BundleManifest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Stop('not-a-bundle', `${MANIFEST_PATH} is not valid UTF-8 JSON`);
  }
  const format = typeof json === 'object' && json !== null && 'bundleFormat' in json ? json.bundleFormat : undefined;
  if (typeof format === 'number' && format > BUNDLE_FORMAT)
    throw new Stop('not-a-bundle', `the bundle has format ${format}, newer than this version of Claimbench reads (${BUNDLE_FORMAT})`);
  const parsed = BundleManifest.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
    throw new Stop('not-a-bundle', `${MANIFEST_PATH} is not a valid manifest: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/** The entries to unpack, each with its manifest line: exactly the listed files, with the sizes the manifest says. */
function checkListing(items: readonly Item[], manifest: BundleManifest): { item: Item; file: ManifestFile }[] {
  const present = new Map(items.filter((item) => item.name !== MANIFEST_PATH).map((item) => [item.name, item]));
  for (const file of manifest.files) {
    if (!present.has(file.path)) throw new Stop('tampered', `${file.path} is listed in the manifest but missing from the bundle`);
  }
  const listed = new Map(manifest.files.map((file) => [file.path, file]));
  for (const name of present.keys()) {
    if (!listed.has(name)) throw new Stop('tampered', `${printable(name)} is in the bundle but not listed in the manifest`);
  }
  if (computeRootHash(manifest.files, sha256Hex) !== manifest.rootHash)
    throw new Stop('tampered', 'the manifest was changed: its root hash does not match its file list');
  // In zip order, which reads the archive front to back.
  const pairs = [...present.values()].map((item) => ({ item, file: listed.get(item.name)! }));
  for (const { item, file } of pairs) {
    if (item.size !== file.size)
      throw new Stop('tampered', `${file.path} was changed: it has ${item.size} bytes, the manifest says ${file.size}`);
  }
  return pairs;
}

async function readToMemory(zip: ZipFile, item: Item, run: Run): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await streamEntry(zip, item, () => sink, run, false);
  return Buffer.concat(chunks);
}

/** Unpacks `item` into `dir`, in a file that must not exist yet; resolves to its SHA-256. */
async function extractFile(zip: ZipFile, item: Item, dir: string, run: Run): Promise<string> {
  const target = path.join(dir, ...item.name.split('/'));
  const relative = path.relative(dir, target);
  // bundlePathProblem has made this impossible; checked again where it matters, on the real path.
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw refused(item.name, 'it would land outside the bundle folder');
  }
  await mkdir(path.dirname(target), { recursive: true }).catch((error: Error) => {
    throw new Stop('write-failed', `${item.name} could not be unpacked: ${error.message}`);
  });
  return streamEntry(zip, item, () => createWriteStream(target, { flags: 'wx', mode: 0o600 }), run, true);
}

function openedBundle(dir: string, manifest: BundleManifest): OpenedBundle {
  const paths = manifest.files.map((file) => file.path);
  const listed = new Set(paths);
  let disposal: Promise<void> | undefined;
  const locate = (file: string) => {
    if (!listed.has(file)) throw new Error(`"${file}" is not a file of this bundle`);
    if (disposal) throw new Error('the bundle was disposed of');
    return path.join(dir, ...file.split('/'));
  };
  const readFile = async (file: string) => {
    const bytes = await readDiskFile(locate(file));
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
  const dispose = () => (disposal ??= rm(dir, { recursive: true, force: true, maxRetries: 3 }));
  return {
    manifest,
    signature: verifyManifest(manifest),
    dir,
    paths,
    readFile,
    async readText(file) {
      const bytes = await readFile(file);
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new Error(`${file} is not valid UTF-8`);
      }
    },
    dispose,
    [Symbol.asyncDispose]: dispose,
  };
}
