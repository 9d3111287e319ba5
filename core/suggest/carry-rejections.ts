// A new version of a document keeps the analyst's rejected suggestions for the text that did not
// change (issue 21). The rejections of the old text are anchored in the new one like annotations
// (core/anchoring: the stored place, else the same words where the context or the drift of the
// others confirms them), and one is carried only where the very same words are found with
// confidence: a rejection is a judgement on those words, so a changed sentence gets fresh
// suggestions, and a copy of the words elsewhere does not inherit a decision made on another.
import { anchorAll, REVIEW_BELOW } from '../anchoring/anchor.ts';
import { textTarget } from '../model/annotation.ts';
import type { RejectedSuggestion } from '../model/document.ts';

/** How many rejections a document keeps (DocumentMeta.rejectedSuggestions). */
export const MAX_REJECTIONS = 100_000;

export interface TextVersion {
  readonly text: string;
  readonly textHash: string;
}

/**
 * The rejections to store with the new version: every earlier one (the decisions on old texts stay
 * in the record), plus, for each rejection of `previous`'s text whose words are still there, the
 * same rejection at its place in `next`.
 * @example carryRejections({ text: 'He said it rains.', textHash: a }, { text: 'New. He said it rains.', textHash: b }, [
 *   { textHash: a, kind: 'attributed', start: 8, end: 16, text: 'it rains' },
 * ]) // → [the one of a, { textHash: b, kind: 'attributed', start: 13, end: 21, text: 'it rains' }]
 */
export function carryRejections(previous: TextVersion, next: TextVersion, rejected: readonly RejectedSuggestion[]): RejectedSuggestion[] {
  const fromPrevious = rejected.filter(
    (decision) =>
      decision.textHash === previous.textHash &&
      decision.end > decision.start &&
      previous.text.slice(decision.start, decision.end) === decision.text,
  );
  if (fromPrevious.length === 0) return [...rejected];
  // Anchored in document order, all at once: each one found aims the search for the next.
  const ordered = [...fromPrevious].sort((a, b) => a.start - b.start || a.end - b.end);
  const results = anchorAll(
    next.text,
    ordered.map(({ start, end }) => textTarget(previous.text, start, end)),
  );
  const key = ({ textHash, kind, start, end }: RejectedSuggestion) => `${textHash}:${kind}:${start}-${end}`;
  // A text that comes back (an older version imported again) may have decisions of its own already.
  const carried = new Map<string, RejectedSuggestion>(rejected.map((decision) => [key(decision), decision]));
  ordered.forEach((decision, index) => {
    const found = results[index]!;
    if (found.state === 'orphaned' || found.confidence < REVIEW_BELOW) return;
    if (next.text.slice(found.start, found.end) !== decision.text) return;
    const moved = { ...decision, textHash: next.textHash, start: found.start, end: found.end };
    if (!carried.has(key(moved))) carried.set(key(moved), moved);
  });
  // The schema's cap (DocumentMeta): the oldest decisions go first.
  return [...carried.values()].slice(-MAX_REJECTIONS);
}
