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
  | 'not-found'
  | 'write-failed';

/** How an update's annotations fared on the new text (core/anchoring). */
export interface AnchorCounts {
  readonly exact: number;
  readonly moved: number;
  readonly fuzzy: number;
  readonly orphaned: number;
  /** Fuzzy matches the analyst should check, plus the orphans. */
  readonly needReview: number;
}

export type ImportOutcome =
  | {
      readonly status: 'imported';
      readonly name: string;
      readonly documentId: string;
      readonly title: string;
      readonly format: DocumentFormat;
      /** The text's length in Unicode code points (what Python's len() and the W3C selectors count). */
      readonly characters: number;
      /** The same length in UTF-16 code units, the unit of the app's offsets (JavaScript's `length`); it differs at emoji and other astral characters. */
      readonly utf16Units: number;
    }
  | {
      readonly status: 'updated';
      readonly name: string;
      readonly documentId: string;
      readonly title: string;
      readonly format: DocumentFormat;
      /** The text's length in Unicode code points (what Python's len() and the W3C selectors count). */
      readonly characters: number;
      /** The same length in UTF-16 code units, the unit of the app's offsets (JavaScript's `length`); it differs at emoji and other astral characters. */
      readonly utf16Units: number;
      /** The version this file replaced is kept; the document's annotations were re-anchored. */
      readonly anchors: AnchorCounts;
    }
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
  /** Files (chosen, dropped, from the File menu or the CLI), or pasted text, whose details were given with it. */
  readonly from: 'files' | 'paste';
}

/** "3 annotations in place, 1 needs review" – for an update's result line. */
export function describeAnchors({ exact, moved, fuzzy, orphaned, needReview }: AnchorCounts): string {
  const total = exact + moved + fuzzy + orphaned;
  if (total === 0) return 'new version kept; no annotations to move';
  const parts = [`${exact + moved} of ${total} annotation${total === 1 ? '' : 's'} found unchanged`];
  if (fuzzy > 0) parts.push(`${fuzzy} matched approximately`);
  if (orphaned > 0) parts.push(`${orphaned} not found`);
  if (needReview > 0) parts.push(`${needReview} to review`);
  return `new version kept; ${parts.join(', ')}`;
}
