// Which annotations wait for the analyst's review after a new version of their document, and what
// an annotation keeps of the words it had. One rule, used by the import (main/import/new-version.ts),
// the review queue and the claims panel:
// - any annotation that is orphaned, or placed approximately below REVIEW_BELOW, waits for review
//   (the anchoring engine's own confidence rule, docs/anchoring.md);
// - an annotation that carries evidence (a link, a claim mention, so also a verdict) waits for
//   review whatever its confidence as soon as a new version changed its words or left its place
//   unconfirmed (a `fuzzy` match): a link's quote comparison or a verdict was made on those words,
//   and "quantity" silently becoming "number" would hide the misquote that was the finding. It keeps
//   the quote it had (`previousQuote`, shown as "was: …"). The same words found again in a place
//   their context or the annotations around them confirm (`exact`, `moved`: text inserted or
//   removed elsewhere) hide nothing and are not sent.
import { versionOf } from '../model/record-version.ts';
import { REVIEW_BELOW, type AnchorResult } from '../anchoring/anchor.ts';
import { textTarget, type AnchorInfo, type Annotation } from '../model/annotation.ts';

/** Whether an annotation waits in the review queue. */
export function awaitsReview(anchor: AnchorInfo): boolean {
  return (
    anchor.state === 'orphaned' || anchor.review === 'evidence' || (anchor.state === 'fuzzy' && (anchor.confidence ?? 0) < REVIEW_BELOW)
  );
}

/**
 * The quote an annotation had before a new version changed it, when it differs from its words now:
 * what the analyst compares against ("was: …"), and what a link or verdict was made on.
 */
export function earlierQuote(annotation: Pick<Annotation, 'anchor' | 'target'>): string | undefined {
  const previous = annotation.anchor.previousQuote;
  return previous !== undefined && previous !== annotation.target.exact ? previous : undefined;
}

/** The version an annotation is re-anchored in, and the one it comes from. */
export interface VersionTexts {
  readonly text: string;
  readonly textHash: string;
  /** The hash of the text being replaced: an orphan's span still refers to it. */
  readonly previousTextHash: string;
}

/**
 * `annotation` re-anchored in a new version by `result`. `carriesEvidence`: it is an end of a link
 * or a mention of a claim. See the module header for the rule.
 * @example reanchored(annotation, { state: 'fuzzy', start: 4, end: 20, confidence: 0.95 }, version, true).anchor
 *   // → { state: 'fuzzy', confidence: 0.95, previousQuote: 'their quantity is', review: 'evidence', textHash: version.textHash }
 */
export function reanchored(annotation: Annotation, result: AnchorResult, version: VersionTexts, carriesEvidence: boolean): Annotation {
  const { text, textHash } = version;
  const previousQuote = annotation.anchor.previousQuote ?? annotation.target.exact;
  // An annotation still waiting from an earlier version keeps waiting: nobody has looked at it yet.
  const stillWaiting = annotation.anchor.review === 'evidence';
  // A new version is a change the service makes to every annotation of the document: its next version.
  const next = versionOf(annotation) + 1;
  if (result.state === 'orphaned') {
    // Its span still refers to the text it was lost from (kept as texts/<hash>).
    const lostFrom = annotation.anchor.textHash ?? version.previousTextHash;
    return {
      ...annotation,
      version: next,
      anchor: {
        state: 'orphaned',
        confidence: 0,
        previousQuote,
        ...(carriesEvidence || stillWaiting ? { review: 'evidence' as const } : {}),
        textHash: lostFrom,
      },
    };
  }
  const target = textTarget(text, result.start, result.end);
  const wordsChanged = target.exact !== annotation.target.exact;
  const held = stillWaiting || (carriesEvidence && (wordsChanged || result.state === 'fuzzy'));
  const keepsQuote = held || result.state === 'fuzzy' || annotation.anchor.previousQuote !== undefined;
  return {
    ...annotation,
    version: next,
    target,
    anchor: {
      state: result.state,
      confidence: result.confidence,
      ...(keepsQuote ? { previousQuote } : {}),
      ...(held ? { review: 'evidence' as const } : {}),
      textHash,
    },
  };
}
