// Import jobs as the window sees them: files handed over (uploaded), then imported one by one by
// main, which reports progress as events. Jobs started elsewhere (the desktop File › Import…
// menu) show up too, because every window hears every job's progress.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UploadRef } from '../../../core/contract/workbench-api.ts';
import type { ImportJobProgress, ImportOutcome } from '../../../core/model/import.ts';
import { api } from '../api/client.ts';

export interface ImportJob {
  readonly jobId: string;
  readonly phase: 'uploading' | 'importing' | 'finished';
  readonly total: number;
  readonly done: number;
  readonly current?: string;
  readonly outcomes: readonly ImportOutcome[];
  readonly cancelling: boolean;
}

export interface Imports {
  readonly job: ImportJob | undefined;
  start(files: readonly File[]): void;
  cancel(): void;
  dismiss(): void;
}

const newJobId = () => `job-${crypto.randomUUID()}`;

export function useImports(onImported: (documentId: string) => void): Imports {
  const [job, setJob] = useState<ImportJob>();
  const cancelled = useRef(new Set<string>());
  const importedListener = useRef(onImported);
  useEffect(() => {
    importedListener.current = onImported;
  });

  useEffect(() => {
    const subscription = api.onDidProgressImport((progress: ImportJobProgress) => {
      setJob((previous) => {
        // Progress of this window's job, or of a job started elsewhere while this window is idle.
        if (previous && previous.jobId !== progress.jobId && previous.phase !== 'finished') return previous;
        const uploadFailures = previous?.jobId === progress.jobId ? previous.outcomes.slice(0, previous.outcomes.length - previous.done) : [];
        return {
          jobId: progress.jobId,
          phase: progress.finished ? 'finished' : 'importing',
          total: progress.total + uploadFailures.length,
          done: progress.done + uploadFailures.length,
          current: progress.current,
          outcomes: [...uploadFailures, ...progress.outcomes],
          cancelling: previous?.jobId === progress.jobId ? previous.cancelling : false,
        };
      });
    });
    return () => subscription.dispose();
  }, []);

  const start = useCallback((files: readonly File[]) => {
    if (files.length === 0) return;
    const jobId = newJobId();
    const total = files.length;
    setJob({ jobId, phase: 'uploading', total, done: 0, current: files[0]?.name, outcomes: [], cancelling: false });
    void (async () => {
      const refs: UploadRef[] = [];
      const failures: ImportOutcome[] = [];
      for (const file of files) {
        if (cancelled.current.has(jobId)) {
          failures.push({ status: 'rejected', name: file.name, code: 'cancelled', message: 'not imported: the import was cancelled' });
          continue;
        }
        setJob((previous) => (previous?.jobId === jobId ? { ...previous, current: file.name } : previous));
        try {
          const staged = await api.upload(await file.arrayBuffer());
          refs.push({ uploadId: staged.uploadId, name: file.name });
        } catch (error) {
          failures.push({ status: 'rejected', name: file.name, code: 'unreadable', message: (error as Error).message });
        }
      }
      // Upload failures count as done; main's progress covers the rest.
      setJob((previous) => (previous?.jobId === jobId ? { ...previous, phase: 'importing', done: failures.length, outcomes: failures } : previous));
      if (refs.length === 0 || cancelled.current.has(jobId)) {
        const skipped = refs.map((ref): ImportOutcome => ({ status: 'rejected', name: ref.name, code: 'cancelled', message: 'not imported: the import was cancelled' }));
        setJob((previous) => (previous?.jobId === jobId ? { ...previous, phase: 'finished', done: total, current: undefined, outcomes: [...failures, ...skipped] } : previous));
        return;
      }
      try {
        const outcomes = await api.importUploads(jobId, refs);
        setJob((previous) =>
          previous?.jobId === jobId ? { ...previous, phase: 'finished', done: total, current: undefined, outcomes: [...failures, ...outcomes] } : previous,
        );
        const first = outcomes.find((outcome) => outcome.status === 'imported' || outcome.status === 'duplicate');
        if (first) importedListener.current(first.documentId);
      } catch (error) {
        const message = (error as Error).message;
        const lost = refs.map((ref): ImportOutcome => ({ status: 'rejected', name: ref.name, code: 'unreadable', message }));
        setJob((previous) => (previous?.jobId === jobId ? { ...previous, phase: 'finished', done: total, current: undefined, outcomes: [...failures, ...lost] } : previous));
      }
    })();
  }, []);

  const cancel = useCallback(() => {
    setJob((previous) => {
      if (!previous || previous.phase === 'finished') return previous;
      cancelled.current.add(previous.jobId);
      if (previous.phase === 'importing') void api.cancelImport(previous.jobId);
      return { ...previous, cancelling: true };
    });
  }, []);

  const dismiss = useCallback(() => setJob((previous) => (previous?.phase === 'finished' ? undefined : previous)), []);

  return { job, start, cancel, dismiss };
}
