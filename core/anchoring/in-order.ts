// The part of anchoring a document's annotations that needs a search: those not found at their
// stored position, taken in document order so that each one placed aims the search for the next
// (see anchor.ts for the strategy and its trade-offs).
import { betweenContext, reachOut, type Span } from './between-context.ts';
import { searchRange } from './search.ts';
import { editDistance, REVIEW_BELOW, type Candidate } from './score.ts';
import type { AnchorResult, QuoteTarget } from './types.ts';

export interface SearchSettings {
  /** Characters searched on each side of the expected position before the whole text. */
  readonly window: number;
  /** Whether the whole text is also searched approximately (short texts only). */
  readonly fuzzyWholeText: boolean;
}

const ORPHAN: AnchorResult = { state: 'orphaned', confidence: 0 };

/** The factor on the confidence of a match whose place nothing confirms. */
const UNCONFIRMED_PLACE = 0.5;

/** Fills in `results` (undefined: not found at the stored position) for every target. */
export function anchorInDocumentOrder(
  text: string,
  targets: readonly QuoteTarget[],
  results: (AnchorResult | undefined)[],
  { window, fuzzyWholeText }: SearchSettings,
): void {
  const order = Array.from(targets.keys()).sort((a, b) => targets[a]!.start - targets[b]!.start || targets[a]!.end - targets[b]!.end);
  /** By position in `order`: the shift a confirmed result showed, the shift used to aim, the best candidate so far. */
  const drifts: (number | undefined)[] = new Array<number | undefined>(order.length);
  const aimedWith: number[] = new Array<number>(order.length).fill(0);
  const tentative = new Map<number, Candidate>();

  const inWindow = (target: QuoteTarget, hint: number) =>
    searchRange(text, target, {
      hint,
      from: Math.max(0, hint - window),
      to: Math.min(text.length, hint + target.exact.length + window),
      fuzzy: true,
      distanceScale: window,
    });
  const wholeText = (target: QuoteTarget, hint: number, fuzzy: boolean) =>
    searchRange(text, target, { hint, from: 0, to: text.length, fuzzy, distanceScale: window });
  const expected = (position: number, drift: number) => clamp(targets[order[position]!]!.start + drift, 0, text.length);
  /** Keeps the better of `found` and the candidate so far; takes it as the result if its place is confirmed. */
  const settle = (position: number, found: Candidate | undefined): void => {
    const previous = tentative.get(position);
    const best = previous === undefined || (found !== undefined && found.score >= previous.score) ? found : previous;
    if (best === undefined) return;
    tentative.set(position, best);
    if (!best.confirmed) return;
    const index = order[position]!;
    results[index] = resultOf(best, targets[index]!);
    drifts[position] = best.start - targets[index]!.start;
    tentative.delete(position);
  };

  // 1. In document order, aimed by the drift of the last confirmed result: at the expected place,
  //    then around it; what is not confirmed there waits for the exact quote in the whole text.
  //    A result found far away (a passage moved, or everything after a big insertion) does not
  //    move the aim at once: its drift is tried second, and taken when it places an annotation the
  //    current drift does not (a quote in repeated boilerplate must not drag the aim to a copy).
  let drift = 0;
  let alternative: number | undefined;
  const exactlyAt = (target: QuoteTarget, hint: number) => text.slice(hint, hint + target.exact.length) === target.exact;
  for (let position = 0; position < order.length; position++) {
    const index = order[position]!;
    const target = targets[index]!;
    const done = results[index];
    if (done !== undefined) {
      if (done.state !== 'orphaned') drift = drifts[position] = done.start - target.start;
      continue;
    }
    if (target.exact.length === 0) {
      results[index] = ORPHAN;
      continue;
    }
    let hint = expected(position, drift);
    if (!exactlyAt(target, hint) && alternative !== undefined && exactlyAt(target, expected(position, alternative))) {
      [drift, alternative] = [alternative, drift];
      hint = expected(position, drift);
    }
    aimedWith[position] = drift;
    if (exactlyAt(target, hint)) {
      results[index] = { state: 'moved', start: hint, end: hint + target.exact.length, confidence: 1 };
      drifts[position] = drift;
      continue;
    }
    const around = inWindow(target, hint);
    if (around?.confirmed) {
      settle(position, around);
      drift = drifts[position]!;
      continue;
    }
    if (around !== undefined) tentative.set(position, around);
    const windowIsWholeText = hint - window <= 0 && hint + target.exact.length + window >= text.length;
    settle(position, windowIsWholeText ? undefined : wholeText(target, hint, false));
    if (drifts[position] !== undefined) alternative = drifts[position];
  }

  // 2. Backwards, for what is left: aimed by the next confirmed result instead (the annotation
  //    came right after a big edit); and an unchanged quote that occurs once in the text, between
  //    the results before and after it, is in its place, even with new text on both sides of it.
  const startBefore: (number | undefined)[] = [];
  let lastStart: number | undefined;
  for (const index of order) {
    startBefore.push(lastStart);
    const result = results[index];
    if (result !== undefined && result.state !== 'orphaned') lastStart = result.start;
  }
  /** The quote, at `start`, is between the results before and after it (or the text's edge, if only one is known), and nowhere else in the text. */
  const inOrder = (start: number, exact: string, before: number | undefined, after: number | undefined): boolean => {
    if (before === undefined && after === undefined) return false;
    if (start < (before ?? 0) || start > (after ?? text.length)) return false;
    const first = text.indexOf(exact);
    return first === start && text.indexOf(exact, first + 1) === -1;
  };
  let nextDrift: number | undefined;
  let nextStart: number | undefined;
  for (let position = order.length - 1; position >= 0; position--) {
    const index = order[position]!;
    if (results[index] === undefined) {
      if (nextDrift !== undefined && Math.abs(nextDrift - aimedWith[position]!) > window / 2)
        settle(position, inWindow(targets[index]!, expected(position, nextDrift)));
      const best = tentative.get(position);
      if (
        results[index] === undefined &&
        best?.quoteSimilarity === 1 &&
        inOrder(best.start, targets[index]!.exact, startBefore[position], nextStart)
      ) {
        settle(position, { ...best, confirmed: true });
      }
    }
    const result = results[index];
    if (result !== undefined && result.state !== 'orphaned') nextStart = result.start;
    if (drifts[position] !== undefined) nextDrift = drifts[position];
  }

  // 3. The whole text approximately (short texts only); then the best candidate found (its place
  //    unconfirmed: `fuzzy`, for review), or an orphan. (A match found there with its place
  //    confirmed is settled, and stays.)
  const unconfirmed = new Set<number>();
  for (let position = 0; position < order.length; position++) {
    const index = order[position]!;
    if (results[index] !== undefined) continue;
    if (fuzzyWholeText) settle(position, wholeText(targets[index]!, expected(position, aimedWith[position]!), true));
    if (results[index] !== undefined) continue;
    const best = tentative.get(position);
    results[index] = best === undefined ? ORPHAN : resultOf(best, targets[index]!);
    unconfirmed.add(position);
  }

  // 4. What is orphaned or for review, against the text between both sides of its context.
  betweenTheContext(
    text,
    targets,
    order,
    results as AnchorResult[],
    order.map((_index, position) => expected(position, aimedWith[position]!)),
    unconfirmed,
  );
}

/**
 * Step 4: each orphan, or result for review, against the text between both sides of its context
 * where they stand unchanged at the place the annotation is expected: by the drift it was aimed
 * with (`aimed`, by position in `order`), or by the sure result before or after it, as far from
 * it as in the old text (between-context.ts). That text takes the place of an orphan and of a
 * match nothing confirms (`unconfirmed`). A match within it reaches out to a side of it only
 * where the quote's own edge still stands next to the context: then what the match left out
 * there was inserted into the quote; else next to it.
 */
function betweenTheContext(
  text: string,
  targets: readonly QuoteTarget[],
  order: readonly number[],
  results: AnchorResult[],
  aimed: readonly number[],
  unconfirmed: ReadonlySet<number>,
): void {
  const sureStart = (position: number): number | undefined => {
    const result = results[order[position]!]!;
    return result.state !== 'orphaned' && result.confidence >= REVIEW_BELOW ? result.start : undefined;
  };
  const aims: number[][] = aimed.map((aim) => [aim]);
  for (const step of [1, -1]) {
    let sure: number | undefined;
    for (let position = step === 1 ? 0 : order.length - 1; position >= 0 && position < order.length; position += step) {
      if (sure !== undefined) aims[position]!.push(sureStart(sure)! + targets[order[position]!]!.start - targets[order[sure]!]!.start);
      if (sureStart(position) !== undefined) sure = position;
    }
  }
  for (let position = 0; position < order.length; position++) {
    const index = order[position]!;
    const result = results[index]!;
    if (result.state !== 'orphaned' && result.confidence >= REVIEW_BELOW) continue;
    const target = targets[index]!;
    const between = betweenContext(text, target, aims[position]!);
    if (between === undefined) continue;
    let span: Span = between;
    if (result.state !== 'orphaned') {
      if (between.start <= result.start && result.end <= between.end) span = reachOut(text, target.exact, result, between);
      else if (!unconfirmed.has(position)) continue;
      if (span.start === result.start && span.end === result.end) continue;
    }
    const similarity = 1 - editDistance(target.exact, text.slice(span.start, span.end), target.exact.length) / target.exact.length;
    results[index] = { state: 'fuzzy', start: span.start, end: span.end, confidence: Math.round(Math.max(0, similarity) * 1000) / 1000 };
  }
}

/**
 * The result for a candidate: `exact` or `moved` (confidence 1) for the unchanged quote in a
 * confirmed place; otherwise `fuzzy`, with the share of the quote found unchanged as confidence
 * (less text left unexplained between the match and its context). When nothing confirms the
 * place, the confidence is also at most the context's similarity, and halved (a copy of a
 * repeated passage fits its quote and its context as well as the original would), so that goes
 * to review even when the quote is exact.
 */
function resultOf(found: Candidate, target: QuoteTarget): AnchorResult {
  const { start, end, quoteSimilarity, boundaryDoubt, confirmed, contextMean } = found;
  if (quoteSimilarity === 1 && confirmed) {
    return { state: start === target.start && end === target.end ? 'exact' : 'moved', start, end, confidence: 1 };
  }
  const similarity = Math.max(0, quoteSimilarity - boundaryDoubt);
  const confidence = confirmed ? similarity : Math.min(similarity, contextMean) * UNCONFIRMED_PLACE;
  return { state: 'fuzzy', start, end, confidence: Math.round(confidence * 1000) / 1000 };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
