// The import half of the workbench service: files uploaded by a window, files the host chose (the
// desktop File › Import… dialog, the CLI) and pasted text, one at a time through the import
// pipeline (main/import/), with progress under the job id the window chose, and cancel.
import type { DocumentsChange, WorkbenchApi } from '../../core/contract/workbench-api.ts';
import type { Emitter } from '../../core/events.ts';
import type { ImportJobProgress, ImportOutcome } from '../../core/model/import.ts';
import type { Extractor, ImportLimits } from '../import/extract-types.ts';
import { importSources, type ImportSource } from '../import/import-files.ts';
import type { UploadStaging } from '../import/upload-staging.ts';
import type { DocumentFormat } from '../../core/model/document.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { Jobs } from './jobs.ts';

export interface ImportContext {
  readonly store: WorkspaceStore;
  readonly uploads: UploadStaging;
  readonly jobs: Jobs;
  readonly extractors: Readonly<Record<DocumentFormat, Extractor>>;
  readonly limits: ImportLimits;
  readonly documentsChanged: Emitter<DocumentsChange>;
  readonly progress: Emitter<ImportJobProgress>;
  /** Called for each document imported or updated, once it is on disk (suggestions start then). */
  readonly onImported?: (documentId: string) => void;
}

type ImportMethods = Pick<WorkbenchApi, 'importUploads' | 'cancelImport' | 'importText'> & {
  /** Imports files the host itself chose (the desktop File › Import… dialog, the CLI). */
  importSources(jobId: string, sources: readonly ImportSource[]): Promise<ImportOutcome[]>;
};

export function importMethods({
  store,
  uploads,
  jobs,
  extractors,
  limits,
  documentsChanged,
  progress,
  onImported,
}: ImportContext): ImportMethods {
  const runImport = async (
    jobId: string,
    sources: readonly ImportSource[],
    from: ImportJobProgress['from'] = 'files',
  ): Promise<ImportOutcome[]> => {
    const controller = new AbortController();
    jobs.start(jobId, () => controller.abort());
    try {
      return await importSources(store, sources, {
        extractors,
        limits,
        signal: controller.signal,
        markdown: store.workspace.settings.markdownImport,
        onOutcome: (outcome) => {
          if (outcome.status !== 'imported' && outcome.status !== 'updated') return;
          documentsChanged.fire({ changed: [outcome.documentId], removed: [] });
          onImported?.(outcome.documentId);
        },
        onProgress: (report) => progress.fire({ ...report, jobId, finished: report.current === undefined, from }),
      });
    } finally {
      jobs.finish(jobId);
    }
  };

  return {
    async importUploads(jobId, refs) {
      const sources: ImportSource[] = [];
      const missing: ImportOutcome[] = [];
      for (const { uploadId, name, versionOf } of refs) {
        const source = uploads.take(uploadId, name);
        if (source) sources.push(versionOf === undefined ? source : { ...source, versionOf });
        else
          missing.push({
            status: 'rejected',
            name,
            code: 'unreadable',
            message: 'the uploaded file is gone (it was already imported, or the upload failed)',
          });
      }
      return [...missing, ...(await runImport(jobId, sources))];
    },

    async cancelImport(jobId) {
      jobs.cancel(jobId);
    },

    async importText(title, text, options) {
      const bytes = new TextEncoder().encode(text);
      // Pasted Markdown is read as a Markdown file, converted or kept as the analyst chose.
      const markdown = options?.markdown;
      const source: ImportSource = {
        name: `${title.trim() || 'Pasted text'}.${markdown ? 'md' : 'txt'}`,
        origin: 'pasted text',
        size: bytes.length,
        // The analyst typed a title; without one, the text's first line (or heading) is used.
        title: title.trim() || undefined,
        ...(markdown ? { markdown } : {}),
        read: async () => bytes,
      };
      const [outcome] = await runImport(`paste-${crypto.randomUUID()}`, [source], 'paste');
      return outcome!;
    },

    importSources: (jobId, sources) => runImport(jobId, sources),
  };
}
