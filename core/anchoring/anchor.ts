// Finds annotations' spans again in a new version of their document's text. Like the Hypothesis
// client it tries the most precise evidence first: the stored position (if the text there still
// equals the quote), then the exact quote (disambiguated by prefix, suffix and nearness), then an
// approximate match (Myers' bit-parallel edit distance from `approx-string-match`, scored on
// quote, prefix, suffix and position with weights 50/20/20/20), then the text between both sides
// of its context where they stand unchanged, else the annotation is an orphan that keeps its old
// span and quote for the analyst to re-pin. Unlike Hypothesis it anchors a document's annotations
// together, in document order, each one aiming the search for the next:
//
// - Drift correction: an annotation is first looked for at its old start plus the shift (drift)
//   of the last confirmed one before it. After an edit every later annotation has moved by the
//   same amount, so one comparison finds nearly all of them.
// - Windows: then within `window` characters (2,048) around that place; then around the place
//   the next confirmed annotation implies (one right after a big insertion); then the exact quote
//   in the whole text (a passage moved far). An approximate search of the whole text is done only
//   for short texts (`wholeTextFuzzyUpTo`): on 5 MB it costs about 0.1 s per annotation (what makes
//   Hypothesis' strategy slow), and its best match is mostly a wrong one.
// - Copies: an unchanged copy of a quote (boilerplate, a repeated sentence) beats the edited
//   original in a quote-only search, having fewer errors; Hypothesis takes it. Here an approximate
//   match near the expected place is preferred to an exact one further away, unless the exact one
//   stands between both sides of its context, and that context is not itself repeated.
// - Acceptance: a match may differ from the quote by a quarter (MAX_QUOTE_DIFFERENCE) anywhere,
//   by up to 45% (MAX_DIFFERENCE_IN_CONTEXT) when a side of its context is still in place (a
//   sentence edited where it stands). Hypothesis allows half; a quote that lost half its words
//   is more often a different claim than the same one. A match is cut back where it runs into its
//   own context, so it cannot borrow neighbouring text to hide a deletion.
// - Between the context (between-context.ts): text inserted into a quote keeps all of it there
//   but can take its edit distance past any bound, and a match of the quote alone then covers a
//   piece of it, or nothing. So an orphan, or a match for review, is checked against the text
//   between its context sides: the prefix's last 16 characters ending within 64 of where the
//   annotation is expected (by its drift, or by the sure result before or after it), the suffix's
//   first 16 at most three quote lengths further, both unchanged, no new paragraph break between
//   them, and at least 55% of the quote (1 − MAX_DIFFERENCE_IN_CONTEXT) still there in whole
//   words, in order (inserted words do not count against it; lost ones do, so a quote cut by half
//   or replaced by another sentence stays an orphan, and a deleted one, whose context sides now
//   meet, too). That text replaces an orphan or a match nothing confirms; a match inside it
//   reaches out to a side only where the quote's own first (last) character stands next to the
//   context, so text inserted just before (after) a quote stays out of it.
// - Trust: `exact` and `moved` (confidence 1) are the unchanged quote in a confirmed place: where
//   it was expected, between both sides of its (unrepeated) context, or alone between the confirmed
//   annotations before and after it. Anything else is `fuzzy`, with the share of the quote found
//   unchanged as confidence (1 − edit distance ÷ quote length, at least 0; a span between the
//   context, usually much changed, mostly goes to review by this alone); when nothing confirms
//   its place, that is also capped by the context's similarity and halved, so even an exact quote
//   among changed surroundings goes to review (needsReview: an orphan, or a confidence below
//   REVIEW_BELOW).
//
// Trade-offs: a passage both moved beyond the window and edited is orphaned in a long text, where
// Hypothesis would search the whole text for it; a near-duplicate sentence within 64 characters
// of the expected place wins over the original quote moved far away; an annotation whose original
// was deleted may be pointed at a copy elsewhere (`fuzzy`, for review) rather than orphaned; an
// annotation not confirmed around its expected place costs a scan of the whole text (~3 ms on
// 5 MB), so a document rewritten throughout re-anchors much slower than one edited here and there.
// The text between the context is found only if both sides are unchanged where expected: a quote
// edited together with its context, or whose place drifted more than 64 characters from every aim,
// is left as the match found it (in a repeated passage the same context stands around every copy,
// so a pair further away proves nothing). Its words are compared whole: a word an edit cut into
// counts as lost. What stands between the context is proposed whatever the inserted words did to
// its meaning, and goes to review by its confidence only. Text inserted right before (after) a
// quote that begins (ends) with the quote's first (last) character is taken into the span.
// Offsets are JS string indices of the NFC, LF-normalized text, as everywhere in the app.
import { anchorInDocumentOrder } from './in-order.ts';
import { REVIEW_BELOW } from './score.ts';
import type { AnchorResult, QuoteTarget } from './types.ts';

export type { AnchorResult, AnchorState, QuoteTarget } from './types.ts';
export { MAX_DIFFERENCE_IN_CONTEXT, MAX_QUOTE_DIFFERENCE, REVIEW_BELOW } from './score.ts';

export interface AnchorOptions {
  /** Characters searched on each side of the expected position before the whole text (default 2048). */
  readonly window?: number;
  /** Texts up to this length also get an approximate search of the whole text (default 200,000). */
  readonly wholeTextFuzzyUpTo?: number;
}

const DEFAULT_WINDOW = 2048;
const DEFAULT_WHOLE_TEXT_FUZZY_UP_TO = 200_000;

/** Whether the analyst should look at this result: an orphan, or a match below REVIEW_BELOW. */
export function needsReview(result: AnchorResult): boolean {
  return result.state === 'orphaned' || result.confidence < REVIEW_BELOW;
}

/**
 * Anchors one `target` (made on an earlier text) in `text`: the batch of one.
 * @example anchor('A new intro. The taps will run dry.', { start: 0, end: 21, exact: 'The taps will run dry', prefix: '', suffix: '.' })
 *   // → { state: 'moved', start: 13, end: 34, confidence: 1 }
 */
export function anchor(text: string, target: QuoteTarget, options?: AnchorOptions): AnchorResult {
  return anchorAll(text, [target], options)[0]!;
}

/**
 * Anchors every target of one document in its new `text`; results are in the order of `targets`.
 * Pass all of a document's annotations at once: each one placed helps find the next.
 * @example anchorAll(newText, document.annotations.map((annotation) => annotation.target))
 */
export function anchorAll(text: string, targets: readonly QuoteTarget[], options: AnchorOptions = {}): AnchorResult[] {
  const results: (AnchorResult | undefined)[] = new Array<AnchorResult | undefined>(targets.length);
  let pending = 0;
  // Unchanged text costs one comparison per annotation (slice and === beat startsWith in V8).
  for (let index = 0; index < targets.length; index++) {
    const { start, end, exact } = targets[index]!;
    if (start >= 0 && exact.length > 0 && text.slice(start, end) === exact) {
      results[index] = { state: 'exact', start, end, confidence: 1 };
    } else {
      pending++;
    }
  }
  if (pending > 0) {
    const window = options.window ?? DEFAULT_WINDOW;
    const fuzzyWholeText = text.length <= (options.wholeTextFuzzyUpTo ?? DEFAULT_WHOLE_TEXT_FUZZY_UP_TO);
    anchorInDocumentOrder(text, targets, results, { window, fuzzyWholeText });
  }
  return results as AnchorResult[];
}
