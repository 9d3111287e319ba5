// Reads and verifies a .claimbundle into memory, for `claimbench verify` and tests: openBundle
// checks and unpacks it in a fresh temporary folder (see open-bundle.ts for what it refuses and
// why), then every listed file is read back and the folder removed. Bytes are first put in a
// temporary file of their own, so both sources go through the same streaming checks.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BundleManifest } from '../../core/bundle/manifest.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { openBundle, type OpenBundleOptions, type OpenedBundle, type ReadBundleCode } from './open-bundle.ts';
import type { SignatureCheck } from './signing.ts';

export { DEFAULT_BUNDLE_LIMITS, type BundleLimits, type ReadBundleCode } from './open-bundle.ts';

export type ReadBundleOptions = Pick<OpenBundleOptions, 'limits' | 'signal' | 'tempParent'>;

export interface ReadBundle {
  readonly manifest: BundleManifest;
  /** Every file the manifest lists, by path, verified against its size and SHA-256. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly signature: SignatureCheck;
}

/**
 * Reads the bundle at `source` (a path, or its bytes) and verifies it; see `ReadBundleCode`.
 * Messages call it by its file name, or "the bundle" for bytes.
 *
 * @example
 * const read = await readBundle('/in/work.claimbundle');
 * if (read.ok) console.log(read.value.files.size, read.value.signature.state);
 */
export async function readBundle(
  source: string | Uint8Array,
  options: ReadBundleOptions = {},
): Promise<Result<ReadBundle, ReadBundleCode>> {
  if (typeof source === 'string') return readAll(await openBundle(source, options));
  let scratch: string | undefined;
  try {
    scratch = await mkdtemp(path.join(options.tempParent ?? os.tmpdir(), 'claimbench-bundle-bytes-'));
    const file = path.join(scratch, 'bundle.claimbundle');
    await writeFile(file, source, { flag: 'wx', mode: 0o600 });
    return await readAll(await openBundle(file, { ...options, displayName: 'the bundle' }));
  } catch (error) {
    return fail('write-failed', `the bundle could not be put in a temporary file: ${(error as Error).message}`);
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }
}

async function readAll(opened: Result<OpenedBundle, ReadBundleCode>): Promise<Result<ReadBundle, ReadBundleCode>> {
  if (!opened.ok) return opened;
  const bundle = opened.value;
  try {
    const files = new Map<string, Uint8Array>();
    for (const file of bundle.paths) files.set(file, await bundle.readFile(file));
    return ok({ manifest: bundle.manifest, files, signature: bundle.signature });
  } catch (error) {
    return fail('unreadable', `the unpacked bundle could not be read back: ${(error as Error).message}`);
  } finally {
    await bundle.dispose().catch(() => undefined);
  }
}
