// Reads and verifies a .claimbundle entirely in memory, refusing hostile archives before inflating
// anything: unsafe or colliding entry names, too many entries, zip bombs (via zip-guard's streaming
// count, never trusting declared sizes). Then every file must match the manifest exactly, and the
// manifest's root hash must match its list. Hostile input gives a coded failure, never a throw.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { bundlePathProblem, findCollision } from '../../core/bundle/bundle-path.ts';
import { BUNDLE_FORMAT, BundleManifest, computeRootHash, MANIFEST_PATH } from '../../core/bundle/manifest.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { formatBytes } from '../import/import-files.ts';
import { checkInflatedSize, readZipDirectory, readZipEntry, type ZipEntry } from '../import/formats/zip-guard.ts';
import { sha256Hex, verifyManifest, type SignatureCheck } from './signing.ts';

export interface BundleLimits {
  /** Entries in the zip, manifest included. */
  readonly maxEntries: number;
  /** All entries inflated together. */
  readonly maxTotalBytes: number;
  /** Any one entry inflated. */
  readonly maxEntryBytes: number;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxEntries: 50_000,
  maxTotalBytes: 2 * 1024 ** 3,
  maxEntryBytes: 512 * 1024 ** 2,
};

export interface ReadBundleOptions {
  readonly limits?: Partial<BundleLimits>;
  readonly signal?: AbortSignal;
}

export interface ReadBundle {
  readonly manifest: BundleManifest;
  /** Every file the manifest lists, by path, verified against its size and SHA-256. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly signature: SignatureCheck;
}

/**
 * `not-a-bundle`: not a zip, or a zip without a usable manifest. `corrupt`: the zip is damaged.
 * `unsafe-entry`: an entry name that could escape or collide on disk. `tampered`: the contents do not
 * match the manifest. `too-much-data`: over a limit (possibly a zip bomb). `unreadable`: the file
 * could not be read at all.
 */
export type ReadBundleCode = 'not-a-bundle' | 'corrupt' | 'unsafe-entry' | 'tampered' | 'too-much-data' | 'unreadable' | 'cancelled';

/** Reads the bundle at `source` (a path, or its bytes) and verifies it; see `ReadBundleCode`. */
export async function readBundle(source: string | Uint8Array, options: ReadBundleOptions = {}): Promise<Result<ReadBundle, ReadBundleCode>> {
  const limits = { ...DEFAULT_BUNDLE_LIMITS, ...options.limits };
  const name = typeof source === 'string' ? path.basename(source) : 'the bundle';
  let bytes: Uint8Array;
  if (typeof source === 'string') {
    try {
      // A zip is never larger than what it inflates to, give or take its headers.
      const { size } = await stat(source);
      if (size > limits.maxTotalBytes + 64 * 1024 ** 2) return fail('too-much-data', `${name} is ${formatBytes(size)}; more than ${formatBytes(limits.maxTotalBytes)} of data is refused`);
      bytes = await readFile(source);
    } catch (error) {
      return fail('unreadable', `${name} could not be read: ${(error as Error).message}`);
    }
  } else {
    bytes = source;
  }
  try {
    return await verify(bytes, name, limits, options.signal);
  } catch (error) {
    // A bug, not hostile input; still never thrown at the caller, who is importing a file.
    return fail('corrupt', `${name} could not be checked: ${(error as Error).message}`);
  }
}

async function verify(bytes: Uint8Array, name: string, limits: BundleLimits, signal: AbortSignal | undefined): Promise<Result<ReadBundle, ReadBundleCode>> {
  const listed = readZipDirectory(bytes, name, limits.maxEntries);
  if (!listed.ok) {
    const { code, message } = listed.error;
    return fail(code === 'not-zip' ? 'not-a-bundle' : code, code === 'not-zip' ? `${name} is not a Claimbench bundle (not a zip archive)` : message);
  }
  const entries = listed.value;

  for (const entry of entries) {
    const problem = bundlePathProblem(entry.name);
    if (problem) return fail('unsafe-entry', `the entry "${printable(entry.name)}" is refused: ${problem}`);
  }
  const collision = findCollision(entries.map((entry) => entry.name));
  if (collision) {
    const [first, second] = collision.map(printable);
    return fail('unsafe-entry', first === second ? `the entry "${first}" appears twice` : `the entries "${first}" and "${second}" would be the same file on a case-insensitive disk`);
  }
  const manifestEntry = entries.find((entry) => entry.name === MANIFEST_PATH);
  if (!manifestEntry) return fail('not-a-bundle', `${name} is not a Claimbench bundle (it has no ${MANIFEST_PATH})`);

  // Counted with a streaming inflater before anything is kept: a bomb is refused without being inflated into memory.
  let total = 0;
  for (const entry of entries) {
    const counted = await checkInflatedSize(bytes, [entry], { maxInflatedBytes: limits.maxEntryBytes, signal });
    if (!counted.ok) return fail(counted.error.code === 'not-zip' ? 'corrupt' : counted.error.code, counted.error.message.replace('the import was', 'reading the bundle was'));
    total += counted.value;
    if (total > limits.maxTotalBytes) return fail('too-much-data', `${entry.name} takes the inflated total past ${formatBytes(limits.maxTotalBytes)}: refusing a possible zip bomb`);
  }

  const manifest = parseManifest(inflate(bytes, manifestEntry, limits));
  if (!manifest.ok) return manifest;
  const { files: listedFiles } = manifest.value;

  const present = new Map(entries.filter((entry) => entry !== manifestEntry).map((entry) => [entry.name, entry]));
  for (const file of listedFiles) {
    if (!present.has(file.path)) return fail('tampered', `${file.path} is listed in the manifest but missing from the bundle`);
  }
  const listedPaths = new Set(listedFiles.map((file) => file.path));
  for (const entryName of present.keys()) {
    if (!listedPaths.has(entryName)) return fail('tampered', `${printable(entryName)} is in the bundle but not listed in the manifest`);
  }
  if (computeRootHash(listedFiles, sha256Hex) !== manifest.value.rootHash) return fail('tampered', 'the manifest was changed: its root hash does not match its file list');

  const files = new Map<string, Uint8Array>();
  for (const file of listedFiles) {
    if (signal?.aborted) return fail('cancelled', 'reading the bundle was cancelled');
    const content = inflate(bytes, present.get(file.path)!, limits);
    if (content.length !== file.size) return fail('tampered', `${file.path} was changed: it has ${content.length} bytes, the manifest says ${file.size}`);
    if (sha256Hex(content) !== file.sha256) return fail('tampered', `${file.path} was changed: its SHA-256 does not match the manifest`);
    files.set(file.path, content);
  }
  return ok({ manifest: manifest.value, files, signature: verifyManifest(manifest.value) });
}

/** The inflated bytes of an entry that `checkInflatedSize` has already passed under `maxEntryBytes`. */
function inflate(bytes: Uint8Array, entry: ZipEntry, limits: BundleLimits): Uint8Array {
  const content = readZipEntry(bytes, entry, limits.maxEntryBytes);
  if (!content) throw new Error(`${entry.name} no longer inflates`);
  return content;
}

function parseManifest(bytes: Uint8Array): Result<BundleManifest, ReadBundleCode> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail('not-a-bundle', `${MANIFEST_PATH} is not valid UTF-8 JSON`);
  }
  const format = typeof json === 'object' && json !== null && 'bundleFormat' in json ? json.bundleFormat : undefined;
  if (typeof format === 'number' && format > BUNDLE_FORMAT) return fail('not-a-bundle', `the bundle has format ${format}, newer than this version of Claimbench reads (${BUNDLE_FORMAT})`);
  const parsed = BundleManifest.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
    return fail('not-a-bundle', `${MANIFEST_PATH} is not a valid manifest: ${issues.join('; ')}`);
  }
  return ok(parsed.data);
}

/** A name from a hostile archive, safe to show: control characters made visible. */
function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
