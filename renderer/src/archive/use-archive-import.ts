// "Import fact-checks…": the chosen files are uploaded as every import's are (api.upload), then
// merged into the archive in one undoable step; each file's outcome is kept for the view to show.
import { useCallback, useState } from 'react';
import type { ArchiveFileOutcome, UploadRef } from '../../../core/contract/workbench-api.ts';
import { api } from '../api/client.ts';

export interface ArchiveImport {
  readonly running: boolean;
  /** The last import's outcomes, one per file chosen, in the order chosen. */
  readonly outcomes: readonly ArchiveFileOutcome[] | undefined;
  start(files: readonly File[]): void;
  dismiss(): void;
}

/** `report` shows a failure of the whole call (a lost connection, a failed write). */
export function useArchiveImport(report: (message: string | undefined) => void): ArchiveImport {
  const [running, setRunning] = useState(false);
  const [outcomes, setOutcomes] = useState<readonly ArchiveFileOutcome[]>();

  const start = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0) return;
      setRunning(true);
      setOutcomes(undefined);
      void (async () => {
        const refs: UploadRef[] = [];
        // A file that could not be read or sent is refused here; the others still go in.
        const notSent = new Map<number, ArchiveFileOutcome>();
        for (const [index, file] of files.entries()) {
          try {
            const staged = await api.upload(await file.arrayBuffer());
            refs.push({ uploadId: staged.uploadId, name: file.name });
          } catch (error) {
            notSent.set(index, { name: file.name, status: 'refused', message: (error as Error).message });
          }
        }
        const imported = refs.length === 0 ? undefined : await api.importArchive(refs);
        if (imported !== undefined && !imported.ok) {
          report(`The fact-checks were not imported: ${imported.error.message}`);
          return;
        }
        const answers = imported?.value ?? [];
        let next = 0;
        setOutcomes(files.map((_file, index) => notSent.get(index) ?? answers[next++]!));
      })()
        .catch((error: unknown) => report(`The fact-checks were not imported: ${(error as Error).message}`))
        .finally(() => setRunning(false));
    },
    [report],
  );

  const dismiss = useCallback(() => setOutcomes(undefined), []);
  return { running, outcomes, start, dismiss };
}
