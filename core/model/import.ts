// What an import reports: per file, imported, already there, or rejected with the reason.
import type { DocumentFormat } from './document.ts';

/**
 * Why a file was not imported. Each comes with a message for people that names the reason,
 * e.g. "not a text file", "not valid UTF-8 at byte 1234", "no text layer; OCR it first".
 */
export type RejectionCode =
  | 'too-large'
  | 'empty'
  | 'not-text'
  | 'invalid-encoding'
  | 'unsupported-format'
  | 'corrupt'
  | 'no-text-layer'
  | 'too-much-data'
  | 'timeout'
  | 'cancelled'
  | 'unreadable'
  | 'write-failed';

export type ImportOutcome =
  | { readonly status: 'imported'; readonly name: string; readonly documentId: string; readonly title: string; readonly format: DocumentFormat; readonly characters: number }
  | { readonly status: 'duplicate'; readonly name: string; readonly documentId: string; readonly title: string; readonly message: string }
  | { readonly status: 'rejected'; readonly name: string; readonly code: RejectionCode; readonly message: string };

export interface ImportProgress {
  readonly total: number;
  readonly done: number;
  /** The file being imported now; absent once the import has finished. */
  readonly current?: string;
  readonly outcomes: readonly ImportOutcome[];
}

/** Progress of one import job, as the service reports it to every window. */
export interface ImportJobProgress extends ImportProgress {
  readonly jobId: string;
  readonly finished: boolean;
}
