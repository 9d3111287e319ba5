// Writes a REFI-QDA project (.qdpx, for NVivo, ATLAS.ti, MAXQDA): project.qde, then the plain
// texts, deflated into a zip (core/interchange/qdpx.ts makes them). As with write-bundle.ts, the zip
// goes to a uniquely named temp file beside the target, is fsynced, then renamed over the target:
// a cancelled or failed export leaves the target as it was and no partial file behind.
import { randomUUID } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import { bundlePathProblem, pathCollisionKey } from '../../core/bundle/bundle-path.ts';
import { QDPX_PROJECT_PATH, type QdpxExport } from '../../core/interchange/qdpx.ts';
import { fail, ok, type Result } from '../../core/result.ts';

export interface WriteQdpxOptions {
  readonly signal?: AbortSignal;
  /** Called after each entry is in the zip (`total` = sources + 1), and once more when the file is in place. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Every entry's time (ISO 8601), so that the same export gives the same bytes; now by default. */
  readonly date?: string;
  /** Deflate level, 6 by default (as `zip -6`). */
  readonly level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /** The temporary file beside the target (a job that may die names it, to remove it then). */
  readonly temporaryPath?: string;
}

export type WriteQdpxCode = 'cancelled' | 'write-failed' | 'invalid';

/** Thrown inside `writeQdpx` to leave it with a coded failure after cleaning up. */
class Stop extends Error {
  readonly code: WriteQdpxCode;
  constructor(code: WriteQdpxCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Writes `project` to `target` as a .qdpx zip: `project.qde` first, then each source (UTF-8, no
 * byte order mark). Refuses, writing nothing, a source path that is unsafe in a zip or that would
 * be the same file as another entry.
 * @example
 * const written = await writeQdpx('/out/Elections.qdpx', qdpxExport(input, options), { signal });
 * if (!written.ok) show(written.error.message);
 */
export async function writeQdpx(
  target: string,
  project: Pick<QdpxExport, 'projectXml' | 'sources'>,
  options: WriteQdpxOptions = {},
): Promise<Result<{ path: string; entries: number }, WriteQdpxCode>> {
  const entries = [{ path: QDPX_PROJECT_PATH, text: project.projectXml }, ...project.sources];
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const problem = bundlePathProblem(entry.path);
    if (problem) return fail('invalid', `the entry "${entry.path}" cannot go into a .qdpx file: ${problem}`);
    const earlier = seen.get(pathCollisionKey(entry.path));
    if (earlier !== undefined) return fail('invalid', `the entries "${earlier}" and "${entry.path}" would be the same file`);
    seen.set(pathCollisionKey(entry.path), entry.path);
  }
  if (options.signal?.aborted) return fail('cancelled', 'the export was cancelled');
  const level = options.level ?? 6;
  const mtime = zipDate(options.date);
  const temp = options.temporaryPath ?? path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.partial`);
  const checkCancelled = () => {
    if (options.signal?.aborted) throw new Stop('cancelled', 'the export was cancelled');
  };

  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx', 0o644).catch((error: Error) => {
      throw new Stop('write-failed', `could not create a file in ${path.dirname(target)}: ${error.message}`);
    });
    const output = zipOutput(handle);
    const encoder = new TextEncoder();
    for (const [done, entry] of entries.entries()) {
      checkCancelled();
      output.add(entry.path, encoder.encode(entry.text), level, mtime);
      await output.flush();
      options.onProgress?.(done + 1, entries.length);
    }
    checkCancelled();
    await output.end();
    await handle.sync();
    await handle.close();
    handle = undefined;
    checkCancelled();
    await rename(temp, target);
    await syncFolder(path.dirname(target));
    options.onProgress?.(entries.length + 1, entries.length);
    return ok({ path: target, entries: entries.length });
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    if (error instanceof Stop) return fail(error.code, error.message);
    return fail('write-failed', `the .qdpx file could not be written: ${(error as Error).message}`);
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
    add(name: string, bytes: Uint8Array, level: WriteQdpxOptions['level'], mtime: Date) {
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

/** The entries' time, within what DOS dates hold (fflate writes local time and throws outside 1980–2099). */
function zipDate(date: string | undefined): Date {
  const parsed = date === undefined ? new Date() : new Date(date);
  const year = parsed.getFullYear();
  return year >= 1980 && year <= 2099 ? parsed : new Date('1980-01-01T00:00:00Z');
}

/** Makes the rename durable. Folders cannot be opened for fsync on Windows; the rename stands there anyway. */
async function syncFolder(folder: string): Promise<void> {
  const directory = await open(folder, 'r').catch(() => undefined);
  await directory?.sync().catch(() => undefined);
  await directory?.close().catch(() => undefined);
}
