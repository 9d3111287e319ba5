// The words of a bundle merge, shared by its steps (./merge-plan.ts, ./merge-resolve.ts) and by
// everyone who shows or settles one (the contract, the import dialog, the CLI): what a bundle is
// merged into, a conflict and its choices, the plan, the result and its summary.
import type { Annotation } from '../model/annotation.ts';
import type { Codebook } from '../model/codebook.ts';
import type { Claim, EvidenceData, EvidenceLink, VerdictRating } from '../model/evidence.ts';
import type { DocumentFile } from '../model/stored-files.ts';
import type { VerificationStatus } from '../model/workspace.ts';
import type { SavedSearch } from '../search/saved-search.ts';
import type { BundleContent } from './read-bundle-content.ts';

/** The workspace a bundle is merged into. */
export interface MergeTarget {
  /**
   * The workspace's documents in library order: every one, or at least those the bundle's can touch
   * (the first with each incoming text, and those with an incoming id), which is all planMerge and
   * resolveMerge look up.
   */
  readonly documents: readonly DocumentFile[];
  readonly evidence: EvidenceData;
  readonly codebook: Codebook;
  readonly statuses: readonly VerificationStatus[];
  readonly verdictScale: readonly VerdictRating[];
  /** None when absent. */
  readonly savedSearches?: readonly SavedSearch[];
}

export type Resolution = 'mine' | 'theirs' | 'both';
export const RESOLUTIONS: readonly Resolution[] = ['mine', 'theirs', 'both'];

export type MergeConflict =
  | (ConflictBase & { readonly kind: 'annotation'; readonly mine: Annotation; readonly theirs: Annotation })
  | (ConflictBase & { readonly kind: 'link'; readonly mine: EvidenceLink; readonly theirs: EvidenceLink })
  | (ConflictBase & { readonly kind: 'claim'; readonly mine: Claim; readonly theirs: Claim });

interface ConflictBase {
  /** Names the conflict in a resolution map: `<kind>:<document id in this workspace or "">:<id>`. */
  readonly key: string;
  readonly id: string;
  /** The document in this workspace (annotations only). */
  readonly documentId?: string;
  /** What differs, in words: "tags", "note", "span" … */
  readonly differences: readonly string[];
  /** The choices that can be made: keeping both links with the same ends and relation cannot. */
  readonly options: readonly Resolution[];
}

/**
 * The key of a conflict in a resolution map (`ConflictBase.key`).
 * @example conflictKey('annotation', 'a1', 'd1') // 'annotation:d1:a1'; conflictKey('link', 'l1') // 'link::l1'
 */
export function conflictKey(kind: MergeConflict['kind'], id: string, documentId = ''): string {
  return `${kind}:${documentId}:${id}`;
}

export interface DocumentMatch {
  readonly incomingId: string;
  /** The document's id in this workspace: the matched one's, or the id it will be added under. */
  readonly localId: string;
  readonly title: string;
  readonly state: 'new' | 'matched';
}

export interface Counts {
  readonly added: number;
  readonly skipped: number;
  readonly conflicts: number;
}

export interface MergePlan {
  readonly documents: readonly DocumentMatch[];
  readonly annotations: Counts;
  readonly links: Counts;
  readonly claims: Counts;
  /** Tags the bundle's codebook has and the workspace lacks: they are added. */
  readonly tagsAdded: readonly string[];
  /** Tags both define differently: the workspace's definition stays. */
  readonly tagsKept: readonly string[];
  readonly conflicts: readonly MergeConflict[];
  /** The incoming data with every reference in this workspace's document ids. */
  readonly incoming: BundleContent;
}

/** What the merge writes, and what it did. */
export interface MergeResult {
  /** Documents to put whole (new ones, and matched ones whose annotations changed), with what was there before. */
  readonly documents: readonly { readonly before: DocumentFile | undefined; readonly after: DocumentFile }[];
  readonly evidence: EvidenceData;
  readonly codebook: Codebook;
  readonly statuses: readonly VerificationStatus[];
  readonly verdictScale: readonly VerdictRating[];
  /** Ours, with theirs of names ours lack (core/search/saved-search.ts). */
  readonly savedSearches: readonly SavedSearch[];
  readonly summary: MergeSummary;
}

/** What became of the bundle's records of one kind: new ones added, identical ones skipped, conflicts settled each way. */
export interface MergeTally {
  readonly added: number;
  readonly skipped: number;
  readonly replaced: number;
  readonly kept: number;
  readonly duplicated: number;
}

export interface MergeSummary {
  readonly documents: { readonly added: number; readonly matched: number };
  readonly annotations: MergeTally;
  readonly links: MergeTally;
  readonly claims: MergeTally;
  readonly tagsAdded: number;
  readonly statusesAdded: number;
  readonly ratingsAdded: number;
  /** Saved searches the bundle brought under names the workspace did not have (absent: none). */
  readonly savedSearchesAdded?: number;
  /** Fact-check archive entries the bundle brought (absent when it brought none). */
  readonly archive?: ArchiveTally;
}

/** What became of a bundle's fact-check archive entries, merged by id (core/archive/archive-merge.ts). */
export interface ArchiveTally {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
}
