// Writes a REFI-QDA project (.qdpx, for NVivo, ATLAS.ti, MAXQDA): project.qde, then the plain
// texts, deflated into a zip (core/interchange/qdpx.ts makes them). As with write-bundle.ts, the zip
// is written atomically (atomic-zip.ts): a cancelled or failed export leaves the target as it was
// and no partial file behind.
import { bundlePathProblem, pathCollisionKey } from '../../core/bundle/bundle-path.ts';
import { QDPX_PROJECT_PATH, type QdpxExport } from '../../core/interchange/qdpx.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { writeZipAtomically, type ZipWriteCode } from './atomic-zip.ts';
import type { DeflateLevel } from './deflate-slices.ts';

export interface WriteQdpxOptions {
  readonly signal?: AbortSignal;
  /** Called after each entry is in the zip (`total` = sources + 1), and once more when the file is in place. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Every entry's time (ISO 8601), so that the same export gives the same bytes; now by default. */
  readonly date?: string;
  /** Deflate level, 6 by default (as `zip -6`). */
  readonly level?: DeflateLevel;
  /** The temporary file beside the target (a job that may die names it, to remove it then). */
  readonly temporaryPath?: string;
}

export type WriteQdpxCode = ZipWriteCode;

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
  const written = await writeZipAtomically(
    target,
    {
      kind: '.qdpx file',
      date: options.date === undefined ? new Date() : new Date(options.date),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.level !== undefined ? { level: options.level } : {}),
      ...(options.temporaryPath ? { temporaryPath: options.temporaryPath } : {}),
    },
    async (zip) => {
      let done = 0;
      for (const entry of entries) {
        zip.checkCancelled();
        await zip.add(entry.path, Buffer.from(entry.text, 'utf8'), () => options.onProgress?.(++done, entries.length));
      }
    },
  );
  if (!written.ok) return written;
  options.onProgress?.(entries.length + 1, entries.length);
  return ok({ path: target, entries: entries.length });
}
