// Runs in a worker thread (started by check-aside.ts): checks some of a bundle's listed files, the
// ones an import does not keep (brat/, report.html, the CSV files: about half of a large bundle's
// bytes), while the thread that started it checks and reads the files it keeps. The checks are
// open-bundle.ts's, all of them: this thread opens the archive itself and checks its directory and
// manifest again (as the other thread did), then streams each of its files through the limits and
// SHA-256 into nothing. It writes nothing and holds nothing; it posts progress, and last its result.
import { parentPort, workerData } from 'node:worker_threads';
import { ok, type Result } from '../../core/result.ts';
import type { ZipFile } from 'yauzl';
import { closeZip, type BundleLimits, type ReadBundleCode } from './bundle-zip.ts';
import { checkEntries, checkHeaders, failure } from './open-bundle.ts';

export interface CheckWorkerData {
  readonly kind: 'claimbench-bundle-check';
  readonly file: string;
  /** What messages call the bundle. */
  readonly name: string;
  /** The listed files to check (every other listed file is the starting thread's). */
  readonly paths: readonly string[];
  readonly limits: Partial<BundleLimits> | undefined;
}

/** What the worker posts: the bytes of its files checked so far, now and then; last, its result. */
export type CheckWorkerMessage =
  { readonly type: 'progress'; readonly doneBytes: number } | { readonly type: 'done'; readonly result: Result<void, ReadBundleCode> };

/** The longest this thread goes without posting its progress while checking. */
const PROGRESS_EVERY_MS = 50;

const post = (message: CheckWorkerMessage) => parentPort!.postMessage(message);

async function check({ file, name, paths, limits }: CheckWorkerData): Promise<Result<void, ReadBundleCode>> {
  const held: { zip?: ZipFile } = {};
  let posted = performance.now();
  let result: Result<void, ReadBundleCode>;
  try {
    const onProgress = (doneBytes: number) => {
      if (performance.now() - posted < PROGRESS_EVERY_MS) return;
      posted = performance.now();
      post({ type: 'progress', doneBytes });
    };
    const { zip, listed, run } = await checkHeaders(file, name, { limits, onProgress }, held);
    const mine = new Set(paths);
    const checked = listed.filter(({ file: listedFile }) => mine.has(listedFile.path));
    if (checked.length !== mine.size) throw new Error('asked to check a file the manifest does not list');
    await checkEntries(file, zip, checked, run, () => undefined);
    post({ type: 'progress', doneBytes: run.written });
    result = ok(undefined);
  } catch (error) {
    result = failure(error, name, undefined);
  }
  if (held.zip) await closeZip(held.zip);
  return result;
}

post({ type: 'done', result: await check(workerData as CheckWorkerData) });
