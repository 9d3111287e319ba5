// Merging a bundle into a workspace. Documents are matched by the hash of their text (the same
// text is the same document, whatever its id or title in either workspace); annotations by id
// within a matched document, links and claims by id. What is new is added and what is identical
// is skipped; the same id with different content is a conflict, which the analyst settles one by
// one: keep mine, take theirs, or keep both (theirs under a new id). Nothing is ever overwritten
// without that choice. The codebook, statuses and verdict scale gain what the bundle has and the
// workspace lacks; a tag or status the workspace already has keeps the workspace's definition.
//
// `planMerge` finds the conflicts without changing anything; `resolveMerge` turns the plan and the
// analyst's choices into the new state, which the service writes as one undoable change.
//
// This module is the merge's public face: everything outside core/bundle/ imports from here. The
// work is done in ./merge-plan.ts and ./merge-resolve.ts, both walking records with one
// ./merge-by-id.ts; ./merge-differences.ts says what differs, ./merge-types.ts names the parts,
// and ./describe-merge.ts puts a merge into words.
export { describeConflict, describeMergeSummary } from './describe-merge.ts';
export { annotationDifferences } from './merge-differences.ts';
export { planMerge } from './merge-plan.ts';
export { resolveMerge } from './merge-resolve.ts';
export { conflictKey, RESOLUTIONS } from './merge-types.ts';
export type {
  ArchiveTally,
  Counts,
  DocumentMatch,
  MergeConflict,
  MergePlan,
  MergeResult,
  MergeSummary,
  MergeTally,
  MergeTarget,
  Resolution,
} from './merge-types.ts';
