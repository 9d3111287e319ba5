// A bundle merge in words, for the app and the CLI alike: what it did, and which conflict is meant.
import type { MergeConflict, MergeSummary } from './merge-types.ts';

/**
 * What a merge did, in words.
 * @example describeMergeSummary(summary) // "2 new documents, 1 merged; 14 annotations added (3 already here; conflicts: 1 took theirs); …"
 */
export function describeMergeSummary(summary: MergeSummary): string {
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const part = (one: string, counts: MergeSummary['annotations']) => {
    const settled = [
      counts.kept > 0 ? `${counts.kept} kept yours` : '',
      counts.replaced > 0 ? `${counts.replaced} took theirs` : '',
      counts.duplicated > 0 ? `${counts.duplicated} kept both` : '',
    ].filter(Boolean);
    const details = [
      counts.skipped > 0 ? `${counts.skipped} already here` : '',
      settled.length > 0 ? `conflicts: ${settled.join(', ')}` : '',
    ].filter(Boolean);
    // A conflict kept both adds their copy too.
    return `${count(counts.added + counts.duplicated, one)} added${details.length > 0 ? ` (${details.join('; ')})` : ''}`;
  };
  const { documents } = summary;
  const vocabulary =
    summary.tagsAdded + summary.statusesAdded + summary.ratingsAdded > 0
      ? `; ${count(summary.tagsAdded, 'tag')}, ${count(summary.statusesAdded, 'status', 'statuses')} and ${count(summary.ratingsAdded, 'verdict rating')} added`
      : '';
  const searches =
    summary.savedSearchesAdded === undefined ? '' : `; ${count(summary.savedSearchesAdded, 'saved search', 'saved searches')} added`;
  const archive =
    summary.archive === undefined
      ? ''
      : `; fact-check archive: ${summary.archive.added} added, ${summary.archive.updated} updated, ${summary.archive.unchanged} already here`;
  return `${count(documents.added, 'new document')}${documents.matched > 0 ? `, ${documents.matched} merged` : ''}; ${part('annotation', summary.annotations)}; ${part('evidence link', summary.links)}; ${part('claim', summary.claims)}${vocabulary}${searches}${archive}`;
}

/** "annotation 3f2a… in document d1", for messages. */
export function describeConflict(conflict: MergeConflict): string {
  return conflict.kind === 'annotation'
    ? `annotation ${conflict.id} of document ${conflict.documentId}`
    : `${conflict.kind} ${conflict.id}`;
}
