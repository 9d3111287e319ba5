// What differs between two versions of one record, by name ("tags", "note", "span" …): a
// conflict of a bundle merge is the same id with a difference; no difference, and it is skipped.
import type { Annotation } from '../model/annotation.ts';
import { refKey, type Claim, type EvidenceLink } from '../model/evidence.ts';

/**
 * The fields in which two versions of one annotation differ, ignoring when it was last modified
 * and what the W3C file cannot tell apart (see ./read-bundle-content.ts): the context around
 * a placed span, and a placed annotation's missing text hash (its document's).
 */
export function annotationDifferences(mine: Annotation, theirs: Annotation, textHash: string): string[] {
  const placed = (annotation: Annotation) => annotation.anchor.state !== 'orphaned';
  const span = (annotation: Annotation) =>
    placed(annotation) ? [annotation.target.start, annotation.target.end, annotation.target.exact] : [annotation.target];
  const anchor = (annotation: Annotation) => ({
    ...annotation.anchor,
    textHash: annotation.anchor.textHash ?? (placed(annotation) ? textHash : undefined),
  });
  return differing([
    ['span', span(mine), span(theirs)],
    ['anchoring', anchor(mine), anchor(theirs)],
    ['tags', mine.tags, theirs.tags],
    ['status', mine.status, theirs.status],
    ['note', mine.note, theirs.note],
    ['speaker', mine.speaker, theirs.speaker],
    ['outlet', mine.outlet, theirs.outlet],
    ['creator', mine.creator, theirs.creator],
    ['created', mine.created, theirs.created],
  ]);
}

/** The fields in which two versions of one evidence link differ, ignoring when it was last modified. */
export function linkDifferences(mine: EvidenceLink, theirs: EvidenceLink): string[] {
  return differing([
    ['relation', mine.relation, theirs.relation],
    ['ends', [mine.from, mine.to], [theirs.from, theirs.to]],
    ['note', mine.note, theirs.note],
    ['creator', mine.creator, theirs.creator],
    ['created', mine.created, theirs.created],
  ]);
}

/** The fields in which two versions of one claim record differ, ignoring when it was last modified. */
export function claimDifferences(mine: Claim, theirs: Claim): string[] {
  return differing([
    ['statement', mine.statement, theirs.statement],
    ['mentions', mine.mentions.map(refKey).sort(), theirs.mentions.map(refKey).sort()],
    ['verdict', mine.verdict, theirs.verdict],
    ['status', mine.status, theirs.status],
    ['review URL', mine.reviewUrl, theirs.reviewUrl],
    ['creator', mine.creator, theirs.creator],
    ['created', mine.created, theirs.created],
  ]);
}

function differing(fields: readonly (readonly [string, unknown, unknown])[]): string[] {
  return fields.filter(([, a, b]) => canonical(a) !== canonical(b)).map(([name]) => name);
}

/** JSON with object keys sorted and undefined members dropped: equal values, equal strings. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) =>
    member !== null && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(
          Object.entries(member)
            .filter(([, inner]) => inner !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : member,
  );
}
