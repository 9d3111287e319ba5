// The tag-by-document matrix (issue 19): how many annotations of each document carry each tag, a
// tag counting the annotations of the tags below it too (as the table's tag filter and `tag:` in
// a query do), so that a cell's count is the number of rows the table shows when it is opened.
import type { Codebook } from '../model/codebook.ts';

export interface TagMatrix {
  /** Documents with at least one annotation, in the order given, with their count of annotations. */
  readonly documents: readonly { readonly documentId: string; readonly title: string; readonly annotations: number }[];
  /** Annotations of the document with the tag or one below it, by document id then tag id (zero counts absent). */
  readonly counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** The same over every document, by tag id. */
  readonly totals: Readonly<Record<string, number>>;
}

/** Annotations of one document that carry the same tags (a `document-tags` tally's entry). */
export interface DocumentTagSet {
  readonly documentId: string;
  readonly tags: readonly string[];
  readonly count: number;
}

/**
 * The matrix from the documents (in the order to show them, with their count of annotations) and
 * their annotations counted by tag set: each distinct set goes up the codebook once, so that an
 * annotation still counts once per tag however many of its tags lie below that tag.
 * @example tagMatrix([{ documentId: 'd', title: 'D', annotations: 1 }], [{ documentId: 'd', tags: ['statistic'], count: 1 }], codebook)
 * // { documents: [{ documentId: 'd', title: 'D', annotations: 1 }], counts: { d: { statistic: 1, 'claim-type': 1 } }, totals: … }
 */
export function tagMatrix(
  documents: readonly { readonly documentId: string; readonly title: string; readonly annotations: number }[],
  tagSets: Iterable<DocumentTagSet>,
  codebook: Codebook,
): TagMatrix {
  const parentOf = new Map(codebook.tags.map((tag) => [tag.id, tag.parentId]));
  const lineage = new Map<string, readonly string[]>();
  /** The tag and every tag above it (a cycle, which the codebook forbids, stops the walk). */
  const upFrom = (tagId: string): readonly string[] => {
    let found = lineage.get(tagId);
    if (found === undefined) {
      const ids: string[] = [];
      for (let at: string | undefined = tagId; at !== undefined && !ids.includes(at); at = parentOf.get(at)) ids.push(at);
      lineage.set(tagId, (found = ids));
    }
    return found;
  };
  const rows = documents
    .filter(({ annotations }) => annotations > 0)
    .map(({ documentId, title, annotations }) => ({ documentId, title, annotations }));
  const counts: Record<string, Record<string, number>> = {};
  const totals: Record<string, number> = {};
  for (const { documentId } of rows) counts[documentId] = {};
  for (const { documentId, tags, count } of tagSets) {
    // A document not listed (removed since the list was read) is left out of the totals too.
    const row = counts[documentId];
    if (row === undefined) continue;
    for (const tag of new Set(tags.flatMap(upFrom))) {
      row[tag] = (row[tag] ?? 0) + count;
      totals[tag] = (totals[tag] ?? 0) + count;
    }
  }
  return { documents: rows, counts, totals };
}
