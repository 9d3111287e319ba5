// Checking the files an import does not keep in a worker thread (check-worker.ts), while this
// thread checks the files it keeps and reads them. On a machine with two cores the two share the
// work of checking a bundle: inflating and hashing brat/, report.html and the CSV files was about
// half of a large bundle's checking, all on the importing thread. The bundle counts as verified
// only once `done` is ok; until then its content may be read, never written anywhere.
import { Worker } from 'node:worker_threads';
import { APP_LAYOUT } from '../app-paths.ts';
import { fail, type Result } from '../../core/result.ts';
import type { BundleLimits, ReadBundleCode } from './bundle-zip.ts';
import type { CheckWorkerData, CheckWorkerMessage } from './check-worker.ts';

// The worker's script for this way of running (sources, build or package): see app-paths.ts.
const WORKER_URL = APP_LAYOUT.workerUrl('bundle-check-worker');

/** A check under way in a worker thread. */
export interface AsideCheck {
  /** Settles with the check's outcome (a coded failure if the worker dies); never rejects. */
  readonly done: Promise<Result<void, ReadBundleCode>>;
  /** Ends the worker (its outcome is then `cancelled`); resolves once it has stopped. Idempotent. */
  stop(): Promise<void>;
}

export interface AsideCheckRequest {
  readonly file: string;
  /** What messages call the bundle. */
  readonly name: string;
  /** The listed files to check there. */
  readonly paths: readonly string[];
  readonly limits: Partial<BundleLimits> | undefined;
  /** Bytes of those files checked so far, now and then. */
  readonly onProgress?: (doneBytes: number) => void;
}

/**
 * Starts checking `paths` of the bundle at `file` in a worker thread, every check openBundle makes.
 *
 * @example
 * const aside = checkAside({ file, name, paths: ['report.html'], limits: undefined });
 * … check and read the other files here …
 * const checked = await aside.done; // the bundle is verified only if this is ok
 */
export function checkAside(request: AsideCheckRequest): AsideCheck {
  const workerData: CheckWorkerData = {
    kind: 'claimbench-bundle-check',
    file: request.file,
    name: request.name,
    paths: request.paths,
    limits: request.limits,
  };
  const worker = new Worker(WORKER_URL, { workerData });
  let stopped = false;
  const done = new Promise<Result<void, ReadBundleCode>>((resolve) => {
    const died = (reason: string) =>
      resolve(
        stopped
          ? fail('cancelled', 'reading the bundle was cancelled')
          : fail('corrupt', `${request.name} could not be checked: ${reason}`),
      );
    worker.on('message', (message: CheckWorkerMessage) => {
      if (message.type === 'progress') request.onProgress?.(message.doneBytes);
      else resolve(message.result);
    });
    worker.on('error', (error) => died(`the checking thread failed (${error.message})`));
    worker.on('exit', (code) => died(`the checking thread stopped (exit code ${code})`));
  });
  let stopping: Promise<void> | undefined;
  return {
    done,
    stop() {
      stopped = true;
      return (stopping ??= worker.terminate().then(() => undefined));
    },
  };
}
