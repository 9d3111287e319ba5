// Runs in a worker thread (started by export-job.ts): opens the workspace read-only from disk,
// builds the bundle's entries and writes the bundle, posting progress. Building the entries of a
// big workspace takes seconds of JavaScript, and nothing of it may run on the UI or Electron main
// thread. Nothing is written to the workspace: FolderStore.open only reads (its one write,
// `mkdir documents`, is a no-op in a workspace), and nothing here asks the store to save.
import { stat } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { fail, ok, type Result } from '../../core/result.ts';
import { FolderStore } from '../store/folder-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { openTeamDb } from '../team/db.ts';
import { PgWorkspaceStore } from '../team/pg-store.ts';
import { bundleEntryPlan, countsOf, exportSelection, type BundleEntryPlan, type ExportCounts } from './bundle-entries.ts';
import type { ExportInput } from '../../core/interchange/export-input.ts';
import { qdpxExport, type QdpxGuidKind } from '../../core/interchange/qdpx.ts';
import { nameBasedUuid } from '../export/export-names.ts';
import { legacyTagGuid } from '../store/name-based-uuid.ts';
import type { BundleExportCode, BundleExportProgress, BundleExportRequest, ExportedFile, ExportedQdpx } from './export-job.ts';
import { writeQdpx } from './write-qdpx.ts';
import { loadOrCreateSigningKey, type SigningKey } from './signing.ts';
import { writeBundle } from './write-bundle.ts';

export interface ExportWorkerData extends BundleExportRequest {
  readonly kind: 'claimbench-export';
  /** Where the bundle is written before the rename: the parent removes it if this thread dies. */
  readonly temporaryPath: string;
}

/** What the worker posts: progress, once `snapshot` (the workspace is read), and last `done`. */
export type ExportWorkerMessage =
  | ({ readonly type: 'progress' } & BundleExportProgress)
  | { readonly type: 'snapshot' }
  | { readonly type: 'done'; readonly result: Result<ExportedFile, BundleExportCode> };

/** What the parent posts: only a request to stop. */
export type ExportParentMessage = { readonly type: 'cancel' };

/**
 * The workspace to export, read by this thread: the folder (read-only), or a copy of a team's
 * PostgreSQL store read in one go (closed with `done`; its blobs are read while the bundle is written).
 */
async function openSource(data: ExportWorkerData): Promise<{ store: WorkspaceStore; done: () => Promise<void> }> {
  if (data.databaseUrl === undefined) return { store: await FolderStore.open(data.workspaceDir, { readOnly: true }), done: async () => {} };
  const store = await PgWorkspaceStore.open(openTeamDb(data.databaseUrl, { maxConnections: 2 }), {
    workDir: data.workspaceDir,
    ownsDb: true,
  });
  return { store, done: () => store.close() };
}

/** Progress messages at most this often while writing (a big bundle has thousands of entries). */
const PROGRESS_INTERVAL_MS = 50;

async function runExport(
  data: ExportWorkerData,
  post: (message: ExportWorkerMessage) => void,
  signal: AbortSignal,
): Promise<Result<ExportedFile, BundleExportCode>> {
  post({ type: 'progress', phase: 'reading', done: 0, total: undefined });
  if (data.format === 'qdpx') return runQdpxExport(data, post, signal);
  let plan: BundleEntryPlan;
  let source: Awaited<ReturnType<typeof openSource>> | undefined;
  try {
    source = await openSource(data);
    plan = await bundleEntryPlan(source.store, data.content);
  } catch (error) {
    await source?.done();
    return fail('unreadable', `the workspace in ${data.workspaceDir} could not be read: ${(error as Error).message}`);
  } finally {
    post({ type: 'snapshot' });
  }
  try {
    return await writePlanned(data, plan, post, signal);
  } finally {
    await source.done();
  }
}

async function writePlanned(
  data: ExportWorkerData,
  plan: BundleEntryPlan,
  post: (message: ExportWorkerMessage) => void,
  signal: AbortSignal,
): Promise<Result<ExportedFile, BundleExportCode>> {
  let signingKey: SigningKey | undefined;
  if (data.signing) {
    const key = await loadOrCreateSigningKey(data.signing.keysDir, data.signing.signer);
    if (!key.ok) return fail('write-failed', key.error.message);
    signingKey = key.value;
  }
  if (signal.aborted) return fail('cancelled', 'the export was cancelled');

  const total = plan.count + 1;
  let lastPost = 0;
  post({ type: 'progress', phase: 'writing', done: 0, total });
  const written = await writeBundle(data.target, plan.entries, data.header, {
    signal,
    entryCount: plan.count,
    temporaryPath: data.temporaryPath,
    ...(signingKey ? { signingKey } : {}),
    onProgress(done) {
      // The manifest, the sync and the rename are left after the last entry.
      const phase = done >= total - 1 ? 'finishing' : 'writing';
      const now = performance.now();
      if (phase === 'writing' && now - lastPost < PROGRESS_INTERVAL_MS) return;
      lastPost = now;
      post({ type: 'progress', phase, done, total });
    },
  });
  if (!written.ok) return written;
  const { size } = await stat(written.value.path);
  return ok({
    format: 'bundle',
    path: written.value.path,
    size,
    manifest: written.value.manifest,
    notes: plan.notes,
    contents: plan.contents,
  });
}

/** The same selection as a REFI-QDA project: project.qde and the texts, GUIDs stable per workspace. */
async function runQdpxExport(
  data: ExportWorkerData,
  post: (message: ExportWorkerMessage) => void,
  signal: AbortSignal,
): Promise<Result<ExportedQdpx, BundleExportCode>> {
  let project: ReturnType<typeof qdpxExport>;
  let contents: ExportCounts;
  let source: Awaited<ReturnType<typeof openSource>> | undefined;
  try {
    source = await openSource(data);
    const { store } = source;
    const { workspace } = store;
    const selection = await exportSelection(store, data.content);
    const { documents, evidence } = selection;
    contents = countsOf(selection);
    const input: ExportInput = {
      workspace: {
        name: workspace.name,
        statuses: workspace.settings.statuses,
        verdictScale: workspace.settings.verdictScale,
        codebook: workspace.codebook,
      },
      documents: documents.map((file) => ({ meta: file.meta, text: file.text, annotations: file.annotations })),
      evidence,
    };
    // Codes get the GUIDs the .qdc export gives them (codebookQdc), so the two files agree.
    const guidFor = (kind: QdpxGuidKind, id: string) =>
      kind === 'code' ? legacyTagGuid(workspace.createdAt, id) : nameBasedUuid(`claimbench:${workspace.createdAt}:${kind}:${id}`);
    project = qdpxExport(input, {
      origin: `Claimbench ${data.header.appVersion}`,
      createdAt: workspace.createdAt,
      creator: data.header.creator,
      guidFor,
    });
  } catch (error) {
    return fail('unreadable', `the workspace in ${data.workspaceDir} could not be read: ${(error as Error).message}`);
  } finally {
    await source?.done();
    post({ type: 'snapshot' });
  }
  const written = await writeQdpx(data.target, project, {
    signal,
    date: data.header.createdAt,
    temporaryPath: data.temporaryPath,
    onProgress: (done, total) => post({ type: 'progress', phase: done >= total ? 'finishing' : 'writing', done, total }),
  });
  if (!written.ok) return written;
  const { size } = await stat(written.value.path);
  return ok({
    format: 'qdpx',
    path: written.value.path,
    size,
    entries: written.value.entries,
    skipped: project.skipped,
    stripped: project.stripped,
    contents,
  });
}

function isExportWorkerData(value: unknown): value is ExportWorkerData {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'claimbench-export';
}

// Only when started by export-job.ts (which imports this file for its types alone).
if (parentPort && isExportWorkerData(workerData)) {
  const port = parentPort;
  const controller = new AbortController();
  const onMessage = (message: ExportParentMessage) => {
    if (message.type === 'cancel') controller.abort();
  };
  port.on('message', onMessage);
  const result = await runExport(workerData, (message) => port.postMessage(message), controller.signal);
  port.postMessage({ type: 'done', result } satisfies ExportWorkerMessage);
  // The parent ends this thread on `done`; without a listener it also ends on its own.
  port.off('message', onMessage);
}
