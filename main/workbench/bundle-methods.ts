// The bundle half of the workbench service: exports (a .claimbundle or a REFI-QDA .qdpx, written in
// a worker thread, into the export staging folder for the window to save), bundle imports (opened
// and planned first, merged after the analyst settles the conflicts), and plain W3C / Hypothesis
// annotation files put on one document.
import { mergeArchive } from '../../core/archive/archive-merge.ts';
import type { ArchiveEntry } from '../../core/archive/entry.ts';
import { describeWithoutUrl } from '../../core/interchange/claimreview.ts';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { BundleImportCode, BundleJobProgress, BundlePreview, ExportedFile, WorkbenchApi } from '../../core/contract/workbench-api.ts';
import type { Emitter } from '../../core/events.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { MergeSummary, Resolution } from '../../core/bundle/bundle-merge.ts';
import type { BundleNotes } from '../bundle/bundle-entries.ts';
import { startBundleExport } from '../bundle/export-job.ts';
import type { ExportStaging } from '../bundle/export-staging.ts';
import { planBundleImport, prepareBundleImport, type PreparedImport } from '../bundle/import-bundle.ts';
import { rememberSigner, signerStanding } from '../bundle/known-signers.ts';
import { keyFingerprint } from '../bundle/signing.ts';
import type { UploadStaging } from '../import/upload-staging.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { ChangeLog } from './change-log.ts';
import type { Jobs } from './jobs.ts';
import { importAnnotationFile } from './annotation-file-import.ts';
import { authorName } from './author.ts';
import { fileNameOf } from '../export/export-names.ts';

type BundleMethods = Pick<
  WorkbenchApi,
  'exportBundle' | 'cancelBundleJob' | 'previewBundleImport' | 'applyBundleImport' | 'discardBundleImport' | 'importAnnotationFile'
> & {
  /** Opens a bundle the host itself chose (the CLI) for import, as previewBundleImport does an upload. */
  previewBundleFile(jobId: string, file: string): Promise<Result<BundlePreview, BundleImportCode>>;
};

export interface BundleContext {
  readonly store: WorkspaceStore;
  readonly changes: ChangeLog;
  readonly uploads: UploadStaging;
  readonly exports: ExportStaging;
  readonly jobs: Jobs;
  readonly progress: Emitter<BundleJobProgress>;
  /** Where the analyst's signing key is kept (made on first use); signing is refused without it. */
  readonly keysDir?: string;
  readonly appVersion: string;
}

/** Previews waiting for apply or discard; the oldest goes when there are more. */
const MAX_PREVIEWS = 4;
/** Progress events at most this often (a big bundle has thousands of files). */
const PROGRESS_INTERVAL_MS = 100;

export function bundleMethods(context: BundleContext): BundleMethods & { dispose(): Promise<void> } {
  const { store, changes, uploads, exports, jobs, progress } = context;
  const previews = new Map<string, PreparedImport>();

  /** A progress reporter for one job, throttled; `finish` always reports. */
  const reporter = (jobId: string, kind: BundleJobProgress['kind']) => {
    let last = 0;
    return {
      report(phase: BundleJobProgress['phase'], done: number, total: number | undefined) {
        const now = Date.now();
        if (now - last < PROGRESS_INTERVAL_MS) return;
        last = now;
        progress.fire({ jobId, kind, phase, done, ...(total !== undefined ? { total } : {}), finished: false });
      },
      finish() {
        progress.fire({ jobId, kind, phase: 'finishing', done: 1, total: 1, finished: true });
      },
    };
  };

  /** The bundle's merge as one change: settings it needs first, then the change; a failure puts the settings back. */
  const commitBundleImport = (
    prepared: PreparedImport,
    resolutions: ReadonlyMap<string, Resolution>,
  ): Promise<Result<MergeSummary, 'invalid' | 'write-failed'>> =>
    changes.exclusive(async () => {
      const merge = await planBundleImport(prepared, resolutions, store);
      if (!merge.ok) return merge;
      const before = store.workspace.settings;
      if (merge.value.settings !== undefined) {
        const written = await store.updateWorkspace({ ...store.workspace, settings: merge.value.settings });
        if (!written.ok) return written;
      }
      const written = await changes.commit(merge.value.change);
      if (!written.ok) {
        if (merge.value.settings !== undefined) await store.updateWorkspace({ ...store.workspace, settings: before });
        return fail(
          'write-failed',
          written.error.code === 'write-failed' ? written.error.message : `The import could not be written: ${written.error.message}`,
        );
      }
      return ok(merge.value.summary);
    });

  /** Opens the bundle in `file` for import under `jobId` (see previewBundleImport). */
  const preview = async (jobId: string, file: string, name: string): Promise<Result<BundlePreview, BundleImportCode>> => {
    const controller = new AbortController();
    if (!jobs.start(jobId, () => controller.abort())) return fail('cancelled', 'Opening the bundle was cancelled.');
    const progressOf = reporter(jobId, 'import');
    try {
      const prepared = await prepareBundleImport(file, store, {
        signal: controller.signal,
        displayName: name,
        onProgress: (done, total) => progressOf.report('checking', done, total),
      });
      if (!prepared.ok) return prepared;
      previews.set(jobId, { ...prepared.value, fileName: name });
      const { signature } = prepared.value;
      const standing =
        signature.state === 'valid' && context.keysDir !== undefined
          ? await signerStanding(context.keysDir, signature.signer, signature.fingerprint)
          : undefined;
      for (const [id, old] of previews) {
        if (previews.size <= MAX_PREVIEWS) break;
        previews.delete(id);
        await old.dispose();
      }
      return ok({ ...previewOf(jobId, name, prepared.value, store.archive), ...(standing ? { signer: standing } : {}) });
    } finally {
      jobs.finish(jobId);
      progressOf.finish();
    }
  };

  return {
    exportBundle(jobId, request) {
      const unknown = [
        ...(request.documents ?? []).filter((id) => store.head(id) === undefined).map((id) => `There is no document "${id}".`),
        ...(request.tags ?? [])
          .filter((id) => !store.workspace.codebook.tags.some((tag) => tag.id === id))
          .map((id) => `There is no tag "${id}" in the codebook.`),
        ...(request.statuses ?? [])
          .filter((id) => !store.workspace.settings.statuses.some((status) => status.id === id))
          .map((id) => `There is no status "${id}".`),
      ];
      if (unknown.length > 0) return Promise.resolve(fail('not-found', unknown.join(' ')));
      if (request.sign && request.format === 'bundle' && context.keysDir === undefined)
        return Promise.resolve(fail('invalid', 'Signing is not available here: no folder for keys was set up.'));
      const { name, settings } = store.workspace;
      const extension = request.format === 'qdpx' ? 'qdpx' : 'claimbundle';
      const createdAt = new Date().toISOString();
      const selection = request.documents || request.tags || request.statuses ? '-selection' : '';
      const fileName = `${fileNameOf(name)}${selection}-${createdAt.slice(0, 10)}.${extension}`;
      const progressOf = reporter(jobId, 'export');
      // Edits wait while the worker reads the workspace (a consistent snapshot), and go on while it writes.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let outcome: Promise<Result<ExportedFile, 'invalid' | 'cancelled' | 'write-failed'>> | undefined;
      const locked = changes.exclusive(async () => {
        await store.flush();
        const staged = await exports.reserve(fileName);
        // On a team server the member exporting, not the workspace's setting, creates and signs it.
        const creator = authorName(settings) || 'Unnamed analyst';
        const job = startBundleExport(
          {
            format: request.format,
            workspaceDir: store.dir,
            ...(store.databaseUrl !== undefined ? { databaseUrl: store.databaseUrl } : {}),
            target: staged.path,
            header: { appVersion: context.appVersion, creator, workspace: name, createdAt },
            content: {
              originals: request.originals,
              generatedAt: createdAt,
              ...(request.documents ? { documents: request.documents } : {}),
              ...(request.tags ? { tags: request.tags } : {}),
              ...(request.statuses ? { statuses: request.statuses } : {}),
              ...(request.csvFormulaGuard !== undefined ? { csvFormulaGuard: request.csvFormulaGuard } : {}),
            },
            ...(request.sign && request.format === 'bundle' && context.keysDir !== undefined
              ? { signing: { keysDir: context.keysDir, signer: creator } }
              : {}),
          },
          { onProgress: ({ phase, done, total }) => progressOf.report(phase, done, total) },
        );
        jobs.start(jobId, job.cancel);
        outcome = job.done.then(async (done): Promise<Result<ExportedFile, 'invalid' | 'cancelled' | 'write-failed'>> => {
          jobs.finish(jobId);
          progressOf.finish();
          if (!done.ok) {
            await exports.discard(staged.downloadId);
            return done.error.code === 'unreadable' ? fail('write-failed', done.error.message) : fail(done.error.code, done.error.message);
          }
          if (done.value.format === 'qdpx') {
            const { size, entries, skipped, stripped } = done.value;
            const notes = [
              skipped.annotations > 0 ? `${skipped.annotations} annotation(s) no longer found in their text are left out.` : '',
              skipped.links > 0 ? `${skipped.links} link(s) to what was not exported are left out.` : '',
              stripped > 0 ? `${stripped} character(s) that XML cannot carry were left out of project.qde (the texts keep them).` : '',
              'Claims and verdicts have no place in REFI-QDA; export a bundle for them.',
            ].filter(Boolean);
            return ok({ downloadId: staged.downloadId, fileName, size, files: entries, notes, contents: done.value.contents });
          }
          const { size, manifest, notes } = done.value;
          // The analyst's own key is one they know.
          if (manifest.signature && context.keysDir !== undefined)
            await rememberSigner(context.keysDir, manifest.signature.signer, keyFingerprint(manifest.signature.publicKey)).catch(
              () => undefined,
            );
          return ok({
            downloadId: staged.downloadId,
            fileName,
            size,
            files: manifest.files.length,
            rootHash: manifest.rootHash,
            ...(manifest.signature ? { signedBy: manifest.signature.signer } : {}),
            notes: describeNotes(notes),
            contents: done.value.contents,
          });
        });
        // Released when the snapshot is taken, or when the job ends first (it failed to read).
        await Promise.race([job.snapshot, job.done]);
        release();
      });
      return locked.then(async () => {
        await released;
        return outcome!;
      });
    },

    async cancelBundleJob(jobId) {
      jobs.cancel(jobId);
    },

    async previewBundleImport(jobId, upload) {
      const staged = uploads.takeFile(upload.uploadId);
      if (staged === undefined) return fail('not-found', 'The uploaded bundle is gone (it was already opened, or the upload failed).');
      try {
        return await preview(jobId, staged.file, upload.name);
      } finally {
        await staged.release();
      }
    },

    previewBundleFile(jobId, file) {
      return preview(jobId, file, path.basename(file));
    },

    async applyBundleImport(importId, resolutions) {
      const prepared = previews.get(importId);
      if (prepared === undefined) return fail('not-found', 'That bundle is no longer open: open it again.');
      const applied = await commitBundleImport(prepared, new Map(Object.entries(resolutions) as [string, Resolution][]));
      // The analyst took this bundle in: its key is now one they have met, under that name.
      const { signature } = prepared;
      if (applied.ok && signature.state === 'valid' && context.keysDir !== undefined)
        await rememberSigner(context.keysDir, signature.signer, signature.fingerprint).catch(() => undefined);
      if (applied.ok || applied.error.code === 'write-failed') {
        previews.delete(importId);
        await prepared.dispose();
      }
      return applied;
    },

    async discardBundleImport(importId) {
      const prepared = previews.get(importId);
      previews.delete(importId);
      await prepared?.dispose();
    },

    importAnnotationFile(documentId, text) {
      return importAnnotationFile(store, changes, documentId, text, randomUUID);
    },

    async dispose() {
      for (const prepared of previews.values()) await prepared.dispose();
      previews.clear();
      await exports.dispose();
    },
  };
}

/** What brat and claimreview.jsonld could not hold, in words. */
function describeNotes({ bratSkipped, claimReviewsWithoutUrl }: BundleNotes): string[] {
  const notes: string[] = [];
  const withoutUrl = describeWithoutUrl(claimReviewsWithoutUrl);
  if (withoutUrl !== undefined) notes.push(withoutUrl);
  if (bratSkipped.annotations > 0) notes.push(`brat/ leaves out ${bratSkipped.annotations} annotation(s) no longer found in their text.`);
  if (bratSkipped.crossDocumentLinks > 0)
    notes.push(
      `brat/ leaves out ${bratSkipped.crossDocumentLinks} link(s) across documents, which brat cannot hold (annotations.jsonld has them).`,
    );
  if (bratSkipped.linksToUnplaced > 0)
    notes.push(`brat/ leaves out ${bratSkipped.linksToUnplaced} link(s) to annotations no longer found in their text.`);
  return notes;
}

function previewOf(importId: string, fileName: string, prepared: PreparedImport, archive: readonly ArchiveEntry[]): BundlePreview {
  const { manifest, signature, plan } = prepared;
  const archiveMerge = prepared.content.archive.length > 0 ? mergeArchive(archive, prepared.content.archive) : undefined;
  const tagName = new Map(prepared.content.codebook.tags.map((tag) => [tag.id, tag.name]));
  return {
    importId,
    fileName,
    workspace: manifest.workspace,
    creator: manifest.creator,
    createdAt: manifest.createdAt,
    files: manifest.files.length,
    signature,
    documents: plan.documents,
    annotations: plan.annotations,
    links: plan.links,
    claims: plan.claims,
    tagsAdded: plan.tagsAdded.map((id) => tagName.get(id) ?? id),
    tagsKept: plan.tagsKept.map((id) => tagName.get(id) ?? id),
    conflicts: plan.conflicts,
    ...(archiveMerge ? { archive: { added: archiveMerge.added, updated: archiveMerge.updated, unchanged: archiveMerge.unchanged } } : {}),
  };
}
