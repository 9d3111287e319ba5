// The tag-by-document matrix (issue 19): how many annotations of each document carry each tag, a
// tag counting the annotations of the tags below it too (as the table's tag filter and `tag:` in
// a query do), so that a cell's count is the number of rows the table shows when it is opened.
import type { Annotation } from '../model/annotation.ts';
import type { Codebook } from '../model/codebook.ts';

export interface TagMatrix {
  /** Documents with at least one annotation, in the order given, with their count of annotations. */
  readonly documents: readonly { readonly documentId: string; readonly title: string; readonly annotations: number }[];
  /** Annotations of the document with the tag or one below it, by document id then tag id (zero counts absent). */
  readonly counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** The same over every document, by tag id. */
  readonly totals: Readonly<Record<string, number>>;
}

/**
 * @example tagMatrix([{ meta: { id: 'd', title: 'D' }, annotations: [statisticAnnotation] }], codebook)
 * // { documents: [{ documentId: 'd', title: 'D', annotations: 1 }], counts: { d: { statistic: 1, 'claim-type': 1 } }, totals: … }
 */
export function tagMatrix(
  documents: readonly { readonly meta: { readonly id: string; readonly title: string }; readonly annotations: readonly Annotation[] }[],
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
  const rows: TagMatrix['documents'][number][] = [];
  const counts: Record<string, Record<string, number>> = {};
  const totals: Record<string, number> = {};
  for (const { meta, annotations } of documents) {
    if (annotations.length === 0) continue;
    rows.push({ documentId: meta.id, title: meta.title, annotations: annotations.length });
    const row: Record<string, number> = (counts[meta.id] = {});
    for (const annotation of annotations) {
      const tags = new Set(annotation.tags.flatMap(upFrom));
      for (const tag of tags) {
        row[tag] = (row[tag] ?? 0) + 1;
        totals[tag] = (totals[tag] ?? 0) + 1;
      }
    }
  }
  return { documents: rows, counts, totals };
}
