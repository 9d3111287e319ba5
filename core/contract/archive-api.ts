// The fact-check archive half of the contract: the archive's entries, importing fact-check files
// into it, and "has this been checked before?" for a text or a whole document, against the archive
// and the workspace's own claims with a verdict (issue 20).
import type { ArchiveTally } from '../bundle/bundle-merge.ts';
import type { ArchiveEntry } from '../archive/entry.ts';
import type { MatchLevel } from '../matching/matcher.ts';
import type { Annotation } from '../model/annotation.ts';
import type { Claim } from '../model/evidence.ts';
import type { Result } from '../result.ts';
import type { ArchiveQuery, MatchAttachment, UploadRef } from './workbench-args.ts';

/** A page of the archive's entries that match a query, in the order asked, and how many match in all. */
export interface ArchivePage {
  readonly total: number;
  /** The whole archive's size. */
  readonly size: number;
  readonly entries: readonly ArchiveEntry[];
}

/** What became of one fact-check file: its entries merged by id, or why it was refused (nothing of it imported). */
export type ArchiveFileOutcome =
  | ({ readonly name: string; readonly status: 'imported'; readonly format: string } & ArchiveTally)
  | { readonly name: string; readonly status: 'refused'; readonly message: string };

/** One thing a text may have been checked as: an archive entry, or a claim of this workspace with a verdict. */
export interface CheckedMatch {
  readonly kind: 'archive' | 'claim';
  /** The archive entry's id, or the claim's id. */
  readonly id: string;
  /** The claim as the fact-checkers (or the analyst) stated it. */
  readonly text: string;
  readonly rating?: string;
  readonly publisher?: string;
  readonly date?: string;
  readonly url?: string;
  readonly score: number;
  /** How much of the checked claim the text covers (0–1): what the levels are set on. */
  readonly coverage: number;
  /** `strong` may be trusted; `suggestion` is for the analyst to confirm (short texts are never strong). */
  readonly level: Exclude<MatchLevel, 'weak'>;
  /** Figures of the text and the checked claim that disagree: "480 missiles" against "500 missiles". */
  readonly figures: readonly { readonly text: string; readonly checked: string }[];
}

/** A sentence of a document with what it may have been checked as, best first. */
export interface CheckedSentence {
  readonly start: number;
  readonly end: number;
  readonly matches: readonly CheckedMatch[];
}

/** How far the matching of a document's sentences has got (characters of its text). */
export interface MatchProgress {
  readonly documentId: string;
  /** The job id the caller gave matchDocument, if any. */
  readonly jobId?: string;
  readonly done: number;
  readonly total: number;
}

export interface ArchiveApi {
  /** The archive's entries whose claim, title, rating, publisher or id has every word of `query`, sorted and paged. */
  queryArchive(query: ArchiveQuery): Promise<ArchivePage>;
  /**
   * Imports uploaded fact-check files (ClaimReview JSON-LD, CSV, CheckThat! TSV) into the archive:
   * each merged by id (new added, changed updated), one undoable change for all. A file that cannot
   * be read is refused with the line or item that is wrong, and adds nothing.
   */
  importArchive(files: readonly UploadRef[]): Promise<Result<ArchiveFileOutcome[], 'write-failed'>>;
  /** What `text` may have been checked as, best first (at most `top`, default 5), above the suggestion level. */
  matchText(text: string, top?: number): Promise<CheckedMatch[]>;
  /**
   * Every sentence of the document's current text that may have been checked before, in text order.
   * Matched in a worker thread, so the service answers other calls meanwhile, with progress events
   * (didProgressMatching) carrying `jobId`; cancelMatch(jobId) stops it, answered `cancelled`.
   */
  matchDocument(documentId: string, jobId?: string): Promise<Result<CheckedSentence[], 'not-found' | 'cancelled'>>;
  /** Stops matchDocument's job `jobId` (a cancel that comes first stops it as it starts). */
  cancelMatch(jobId: string): Promise<void>;
  /**
   * Makes a span (or an annotation) a mention of what it was matched to, in one undoable step:
   * of the workspace claim, or, for an archive entry, of a new claim made from the entry (its
   * claim, its rating as the verdict where the verdict scale has it, its URL as the review URL).
   * A span not yet annotated becomes an annotation.
   */
  attachMatch(
    attachment: MatchAttachment,
  ): Promise<Result<{ claim: Claim; created?: Annotation; unmatchedRating?: string }, 'not-found' | 'invalid' | 'write-failed'>>;
  /**
   * Makes an archive entry a workspace claim in one undoable step, with no mention yet: its claim as
   * the statement, its rating as the verdict where the verdict scale has it, its URL as the review
   * URL (see claimFromEntry). When a claim made from the entry is already there (same statement and
   * review URL) nothing changes, and that claim is answered with `existing: true`.
   */
  claimFromArchive(
    archiveId: string,
  ): Promise<Result<{ claim: Claim; existing?: true; unmatchedRating?: string }, 'not-found' | 'invalid' | 'write-failed'>>;
}

/** This half's method list (the compiler checks it against the interface). */
export const archiveMethods = {
  queryArchive: true,
  importArchive: true,
  matchText: true,
  matchDocument: true,
  cancelMatch: true,
  attachMatch: true,
  claimFromArchive: true,
} as const satisfies Record<keyof ArchiveApi, true>;
