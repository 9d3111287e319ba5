// A last resort for quotes from other tools: the quote found again with only its letter case
// changed ("Dnipro River" for "Dnipro river", a headline's capitals). Approximate matching counts
// each changed capital as an error and, where nothing confirms the place (a Hypothesis row has no
// usable position), halves its confidence, so such a quote was reported not found.
import { REVIEW_BELOW } from './score.ts';
import type { AnchorResult, QuoteTarget } from './types.ts';

/** The confidence of a quote found with other capitals: below REVIEW_BELOW, so the analyst checks it. */
export const CASE_ONLY = Math.round((REVIEW_BELOW - 0.05) * 1000) / 1000;

/** More copies than this, and the quote says too little to be placed. */
const MAX_COPIES = 100;

/**
 * Where `target.exact` stands in `text` ignoring letter case: the copy whose prefix and suffix fit
 * (ignoring case too), then the one with most characters written alike, then the one nearest
 * `target.start`. `fuzzy`, its confidence CASE_ONLY (for review), or the share of characters
 * written alike when higher and one copy stands out. Undefined when there is none, or when lower-casing changes the lengths.
 * @example findIgnoringCase('on the Dnipro river.', { start: 0, end: 12, exact: 'Dnipro River', prefix: 'the ', suffix: '.' })
 *   // → { state: 'fuzzy', start: 7, end: 19, confidence: 0.917 }
 */
export function findIgnoringCase(text: string, target: QuoteTarget): AnchorResult | undefined {
  const lowerText = text.toLowerCase();
  const quote = target.exact.toLowerCase();
  if (quote === '' || lowerText.length !== text.length || quote.length !== target.exact.length) return undefined;
  const prefix = target.prefix.toLowerCase();
  const suffix = target.suffix.toLowerCase();
  const copies: { start: number; fit: number; alike: number }[] = [];
  for (let at = lowerText.indexOf(quote); at >= 0; at = lowerText.indexOf(quote, at + 1)) {
    if (copies.length === MAX_COPIES) return undefined;
    const end = at + quote.length;
    const fit =
      (prefix !== '' && lowerText.slice(Math.max(0, at - prefix.length), at) === prefix ? 1 : 0) +
      (suffix !== '' && lowerText.slice(end, end + suffix.length) === suffix ? 1 : 0);
    let alike = 0;
    for (let index = 0; index < quote.length; index++) if (text[at + index] === target.exact[index]) alike++;
    copies.push({ start: at, fit, alike });
  }
  if (copies.length === 0) return undefined;
  const bestFit = Math.max(...copies.map((copy) => copy.fit));
  const bestAlike = Math.max(...copies.filter((copy) => copy.fit === bestFit).map((copy) => copy.alike));
  const best = copies.filter((copy) => copy.fit === bestFit && copy.alike === bestAlike);
  const chosen = best.reduce((a, b) => (Math.abs(b.start - target.start) < Math.abs(a.start - target.start) ? b : a));
  // Only letter case differs, so the words are all there: at least CASE_ONLY (found, for review),
  // more by the share written alike when one copy stands out; a guess among copies stays at it.
  const share = Math.round((chosen.alike / quote.length) * 1000) / 1000;
  const confidence = best.length > 1 ? CASE_ONLY : Math.max(share, CASE_ONLY);
  return { state: 'fuzzy', start: chosen.start, end: chosen.start + quote.length, confidence };
}
