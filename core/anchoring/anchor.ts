// Finds annotations' spans again in a new version of their document's text: the stored position
// if the quote is still there, else the exact quote (prefix, suffix and nearness decide between
// copies), else an approximate match (Myers' edit distance, `approx-string-match`) in a window
// around where the drift of the annotations before it says it should be, else the text between
// both sides of its unchanged context, else an orphan that keeps its old span and quote. The
// annotations of a document are anchored together, in document order, each one aiming the search
// for the next. Each result has a state and a confidence; `needsReview` says which the analyst
// must look at. The design, its weights and thresholds and their trade-offs against the Hypothesis
// client's strategy are in docs/anchoring.md. Offsets are JS string indices of the NFC,
// LF-normalized text, as everywhere in the app.
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
