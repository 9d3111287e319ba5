// Figures that disagree between a claim's mentions ("18 percent" in one quote, "19 percent" in
// another), for the Claims view's column. Pure; the figure reader (core/matching/figures.ts, with
// chrono-node) is passed in, so the view can load it as a chunk of its own.
import type { figuresThatDisagreeAmong } from '../../../core/matching/figures.ts';

/** Two figures of the same kind and unit that two of the mentions give differently. */
export interface FigureClash {
  readonly figure: string;
  readonly other: string;
}

/** Quotes beyond this many (after duplicates) are not compared: pairs grow as the square. */
export const MAX_COMPARED_QUOTES = 12;

/**
 * Each pair of differing figures among `quotes` once (in either order), as written.
 * @example claimFigureClashes(['fell to 18 percent', 'stands at 19 percent'], figuresThatDisagreeAmong) // [{ figure: '18 percent', other: '19 percent' }]
 */
export function claimFigureClashes(quotes: readonly string[], among: typeof figuresThatDisagreeAmong): FigureClash[] {
  const distinct = [...new Set(quotes.map((quote) => quote.trim()))].slice(0, MAX_COMPARED_QUOTES);
  if (distinct.length < 2) return [];
  const seen = new Set<string>();
  const clashes: FigureClash[] = [];
  for (const { left, right } of among(distinct)) {
    const key = [left.text, right.text].sort().join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    clashes.push({ figure: left.text, other: right.text });
  }
  return clashes;
}
