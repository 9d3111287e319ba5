// A bundle export as a job: a worker thread (export-worker.ts) reads the workspace from disk, builds
// the entries and writes the bundle, so neither the UI thread nor Electron's main thread runs any of
// it. The caller learns when the worker has read the workspace (`snapshot`: until then it should let
// no change be saved, so that the bundle is one consistent state), follows progress, and may cancel.
// Whatever happens — a cancel, a failure, the worker dying — no partial file is left beside the target.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { APP_LAYOUT } from '../app-paths.ts';
import type { BundleHeader, BundleManifest } from '../../core/bundle/manifest.ts';
import type { QdpxSkipped } from '../../core/interchange/qdpx.ts';
import { fail, type Result } from '../../core/result.ts';
import type { BundleContentOptions, BundleNotes, ExportCounts } from './bundle-entries.ts';
import type { ExportParentMessage, ExportWorkerData, ExportWorkerMessage } from './export-worker.ts';
import { temporaryPathFor } from './write-bundle.ts';

// The worker's script for this way of running (sources, build or package): see app-paths.ts.
const WORKER_URL = APP_LAYOUT.workerUrl('export-worker');

/**
 * The worker's young generation: V8's default on a large machine lets it grow far past what the
 * export's short-lived strings need, and that shows in peak memory, not in speed (100,000
 * annotations: about 70 MB less at the same CPU time).
 */
const YOUNG_GENERATION_MB = 96;

/** After a cancel, how long the worker may take to stop by itself (it may be building a large entry) before it is ended. */
const CANCEL_GRACE_MS = 5_000;

export interface BundleExportRequest {
  /** The workspace folder; the caller's pending writes must be on disk (`store.flush()`). */
  readonly workspaceDir: string;
  /** The team database to read instead of the folder (a PostgreSQL store; `workspaceDir` is then its work folder). */
  readonly databaseUrl?: string;
  /** Where the bundle goes; replaced only once the new one is complete. */
  readonly target: string;
  readonly header: BundleHeader;
  readonly content: BundleContentOptions;
  /** Sign the manifest with the analyst's key from `keysDir` (made on first use; see signing.ts). */
  readonly signing?: { readonly keysDir: string; readonly signer: string };
  /** A .claimbundle (the default), or a REFI-QDA project (.qdpx) of the same selection. */
  readonly format?: 'bundle' | 'qdpx';
}

/** `reading` the workspace (no total), `writing` entries, `finishing` (manifest, sync, rename); `total` counts the manifest too. */
export interface BundleExportProgress {
  readonly phase: 'reading' | 'writing' | 'finishing';
  readonly done: number;
  readonly total: number | undefined;
}

export interface BundleExportCallbacks {
  onProgress?(progress: BundleExportProgress): void;
}

/** `unreadable`: the workspace could not be opened. `write-failed` also covers a worker that died and a signing key that could not be loaded. */
export type BundleExportCode = 'cancelled' | 'write-failed' | 'invalid' | 'unreadable';

export interface ExportedBundle {
  readonly format: 'bundle';
  readonly path: string;
  /** The bundle file's size in bytes. */
  readonly size: number;
  readonly manifest: BundleManifest;
  readonly notes: BundleNotes;
  readonly contents: ExportCounts;
}

export interface ExportedQdpx {
  readonly format: 'qdpx';
  readonly path: string;
  readonly size: number;
  /** Entries of the zip: project.qde and one text per document. */
  readonly entries: number;
  /** What REFI-QDA could not hold, and characters XML 1.0 cannot carry (left out). */
  readonly skipped: QdpxSkipped;
  readonly stripped: number;
  readonly contents: ExportCounts;
}

export type ExportedFile = ExportedBundle | ExportedQdpx;

export interface BundleExportOptions {
  /** Starts the worker; tests start one that fails. */
  readonly startWorker?: (workerData: ExportWorkerData) => Worker;
}

export interface BundleExport {
  /** Resolves once the worker has read the workspace, or has stopped before it did; never rejects. */
  readonly snapshot: Promise<void>;
  readonly done: Promise<Result<ExportedFile, BundleExportCode>>;
  /** Stops the export (done then resolves with `cancelled`, unless it was already complete). */
  cancel(): void;
}

/**
 * Starts exporting the workspace in `request.workspaceDir` to `request.target` in a worker thread.
 *
 * @example
 * await store.flush();
 * const job = startBundleExport({ workspaceDir: store.dir, target, header, content: { originals: false, generatedAt } },
 *   { onProgress: ({ phase, done, total }) => show(phase, done, total) });
 * await job.snapshot; // edits may be saved again from here on
 * const result = await job.done;
 */
export function startBundleExport(
  request: BundleExportRequest,
  callbacks: BundleExportCallbacks = {},
  options: BundleExportOptions = {},
): BundleExport {
  const target = path.resolve(request.target);
  const temporaryPath = temporaryPathFor(target);
  let snapshotTaken!: () => void;
  const snapshot = new Promise<void>((resolve) => (snapshotTaken = resolve));
  const workerData: ExportWorkerData = { ...request, kind: 'claimbench-export', target, temporaryPath };
  let worker: Worker;
  try {
    worker = options.startWorker
      ? options.startWorker(workerData)
      : new Worker(WORKER_URL, { workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  } catch (error) {
    snapshotTaken();
    return {
      snapshot,
      done: Promise.resolve(fail('write-failed', `could not start the export (${(error as Error).message})`)),
      cancel: () => undefined,
    };
  }

  let settled = false;
  let cancelTimer: NodeJS.Timeout | undefined;
  let settle!: (result: Result<ExportedFile, BundleExportCode>, removeTemporary: boolean) => void;
  const done = new Promise<Result<ExportedFile, BundleExportCode>>((resolve) => {
    settle = (result, removeTemporary) => {
      if (settled) return;
      settled = true;
      clearTimeout(cancelTimer);
      snapshotTaken();
      // Ended before its file is removed: a thread still writing could otherwise bring it back.
      void worker
        .terminate()
        .catch(() => undefined)
        .then(() => (removeTemporary ? rm(temporaryPath, { force: true }).catch(() => undefined) : undefined))
        .then(() => resolve(result));
    };
  });
  worker.on('message', (message: ExportWorkerMessage) => {
    if (message.type === 'progress') callbacks.onProgress?.({ phase: message.phase, done: message.done, total: message.total });
    else if (message.type === 'snapshot') snapshotTaken();
    else settle(message.result, false);
  });
  worker.once('error', (error) => settle(fail('write-failed', `the export stopped unexpectedly: ${error.message}`), true));
  worker.once('exit', (code) => settle(fail('write-failed', `the export stopped unexpectedly (exit code ${code})`), true));

  return {
    snapshot,
    done,
    cancel() {
      if (settled || cancelTimer !== undefined) return;
      worker.postMessage({ type: 'cancel' } satisfies ExportParentMessage);
      cancelTimer = setTimeout(() => settle(fail('cancelled', 'the export was cancelled'), true), CANCEL_GRACE_MS);
    },
  };
}
