// Import jobs as the window sees them: files handed over (uploaded), then imported one by one by
// main, which reports progress as events. Jobs started elsewhere (the desktop File › Import…
// menu) show up too, because every window hears every job's progress.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UploadRef } from '../../../core/contract/workbench-api.ts';
import type { ImportJobProgress, ImportOutcome } from '../../../core/model/import.ts';
import { api } from '../api/client.ts';

/** What the import panel shows. */
export interface ImportJob {
  readonly jobId: string;
  readonly phase: 'uploading' | 'importing' | 'finished';
  readonly total: number;
  readonly done: number;
  readonly current?: string;
  readonly outcomes: readonly ImportOutcome[];
  readonly cancelling: boolean;
  /** Files, or pasted text (whose details were given with it). */
  readonly from: ImportJobProgress['from'];
}

export interface Imports {
  readonly job: ImportJob | undefined;
  /** Imports files; with `versionOf`, the one file becomes a new version of that document. */
  start(files: readonly File[], options?: { versionOf?: string }): void;
  cancel(): void;
  dismiss(): void;
}

/** A job's state: files that never reached main (read or upload failed, or cancelled first), then main's progress. */
interface JobState {
  readonly jobId: string;
  readonly phase: ImportJob['phase'];
  readonly fileCount: number;
  readonly uploading?: string;
  readonly notSent: readonly ImportOutcome[];
  readonly progress?: ImportJobProgress;
  readonly cancelling: boolean;
}

const cancelledOutcome = (name: string): ImportOutcome => ({
  status: 'rejected',
  name,
  code: 'cancelled',
  message: 'not imported: the import was cancelled',
});

function view(state: JobState): ImportJob {
  const outcomes = [...state.notSent, ...(state.progress?.outcomes ?? [])];
  return {
    jobId: state.jobId,
    phase: state.phase,
    total: state.fileCount,
    done: state.phase === 'uploading' ? state.notSent.length : outcomes.length,
    current: state.phase === 'uploading' ? state.uploading : state.progress?.current,
    outcomes,
    cancelling: state.cancelling,
    from: state.progress?.from ?? 'files',
  };
}

export function useImports(onImported: (documentId: string) => void): Imports {
  const [state, setState] = useState<JobState>();
  const cancelled = useRef(new Set<string>());
  const importedListener = useRef(onImported);
  useEffect(() => {
    importedListener.current = onImported;
  });

  useEffect(() => {
    const subscription = api.onDidProgressImport((progress) => {
      setState((previous) => {
        if (previous?.jobId === progress.jobId) return { ...previous, phase: progress.finished ? 'finished' : 'importing', progress };
        // A job started elsewhere shows when this window has nothing running itself.
        if (previous && previous.phase !== 'finished') return previous;
        return {
          jobId: progress.jobId,
          phase: progress.finished ? 'finished' : 'importing',
          fileCount: progress.total,
          notSent: [],
          progress,
          cancelling: false,
        };
      });
    });
    return () => subscription.dispose();
  }, []);

  const start = useCallback((files: readonly File[], options?: { versionOf?: string }) => {
    if (files.length === 0) return;
    const jobId = `job-${crypto.randomUUID()}`;
    const update = (change: (state: JobState) => JobState) =>
      setState((previous) => (previous?.jobId === jobId ? change(previous) : previous));
    setState({ jobId, phase: 'uploading', fileCount: files.length, uploading: files[0]?.name, notSent: [], cancelling: false });
    void (async () => {
      const refs: UploadRef[] = [];
      const notSent: ImportOutcome[] = [];
      for (const file of files) {
        if (cancelled.current.has(jobId)) {
          notSent.push(cancelledOutcome(file.name));
          continue;
        }
        update((current) => ({ ...current, uploading: file.name }));
        try {
          const staged = await api.upload(await file.arrayBuffer());
          refs.push({ uploadId: staged.uploadId, name: file.name, ...(options?.versionOf ? { versionOf: options.versionOf } : {}) });
        } catch (error) {
          notSent.push({ status: 'rejected', name: file.name, code: 'unreadable', message: (error as Error).message });
          update((current) => ({ ...current, notSent: [...notSent] }));
        }
      }
      if (refs.length === 0 || cancelled.current.has(jobId)) {
        update((current) => ({ ...current, phase: 'finished', notSent: [...notSent, ...refs.map((ref) => cancelledOutcome(ref.name))] }));
        return;
      }
      update((current) => ({ ...current, phase: 'importing', notSent }));
      try {
        const outcomes = await api.importUploads(jobId, refs);
        const total = outcomes.length;
        update((current) => ({
          ...current,
          phase: 'finished',
          progress: { jobId, total, done: total, outcomes, finished: true, from: 'files' },
        }));
        const first = outcomes.find((outcome) => outcome.status !== 'rejected');
        if (first) importedListener.current(first.documentId);
      } catch (error) {
        const message = (error as Error).message;
        update((current) => ({
          ...current,
          phase: 'finished',
          notSent: [...notSent, ...refs.map((ref): ImportOutcome => ({ status: 'rejected', name: ref.name, code: 'unreadable', message }))],
        }));
      }
    })();
  }, []);

  const cancel = useCallback(() => {
    setState((previous) => {
      if (!previous || previous.phase === 'finished') return previous;
      cancelled.current.add(previous.jobId);
      if (previous.phase === 'importing') void api.cancelImport(previous.jobId);
      return { ...previous, cancelling: true };
    });
  }, []);

  const dismiss = useCallback(() => setState((previous) => (previous?.phase === 'finished' ? undefined : previous)), []);

  return { job: state && view(state), start, cancel, dismiss };
}
