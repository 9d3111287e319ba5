// The anchoring benchmark's baseline: a faithful re-implementation of the Hypothesis client's
// strategy for plain text (src/annotator/anchoring/html.ts and match-quote.ts): the
// TextPositionSelector if the text there equals the quote, else `matchQuote` on the whole text
// with the old start as hint. matchQuote takes the exact occurrences if there are any, else the
// fewest-error approximate matches (approx-string-match, maxErrors = min(256, quote length / 2)),
// and returns the one with the best score (quote 50, prefix 20, suffix 20, position 2). It never
// gives a confidence, so nothing it finds is flagged for review. Not part of the app.
import approxSearch from 'approx-string-match';
import type { AnchorResult, QuoteTarget } from '../core/anchoring/anchor.ts';

interface StringMatch {
  start: number;
  end: number;
  errors: number;
}

/** Exact matches if any (a fast path Hypothesis adds), else approximate ones. */
function search(text: string, str: string, maxErrors: number): StringMatch[] {
  const exactMatches: StringMatch[] = [];
  for (let matchPos = text.indexOf(str); matchPos !== -1; matchPos = text.indexOf(str, matchPos + 1)) {
    exactMatches.push({ start: matchPos, end: matchPos + str.length, errors: 0 });
  }
  if (exactMatches.length > 0) return exactMatches;
  return approxSearch(text, str, maxErrors);
}

function textMatchScore(text: string, str: string): number {
  if (str.length === 0 || text.length === 0) return 0;
  const matches = search(text, str, str.length);
  return 1 - matches[0]!.errors / str.length;
}

interface Context {
  prefix?: string;
  suffix?: string;
  hint?: number;
}

/** Hypothesis' matchQuote: the best approximate match for `quote` in `text`, or null. */
export function matchQuote(text: string, quote: string, context: Context = {}): { start: number; end: number; score: number } | null {
  if (quote.length === 0) return null;
  const maxErrors = Math.min(256, quote.length / 2);
  const matches = search(text, quote, maxErrors);
  if (matches.length === 0) return null;
  const scoreMatch = (match: StringMatch) => {
    const quoteWeight = 50;
    const prefixWeight = 20;
    const suffixWeight = 20;
    const posWeight = 2;
    const quoteScore = 1 - match.errors / quote.length;
    const prefixScore = context.prefix
      ? textMatchScore(text.slice(Math.max(0, match.start - context.prefix.length), match.start), context.prefix)
      : 1.0;
    const suffixScore = context.suffix ? textMatchScore(text.slice(match.end, match.end + context.suffix.length), context.suffix) : 1.0;
    let posScore = 1.0;
    if (typeof context.hint === 'number') {
      const offset = Math.abs(match.start - context.hint);
      posScore = 1.0 - offset / text.length;
    }
    const rawScore = quoteWeight * quoteScore + prefixWeight * prefixScore + suffixWeight * suffixScore + posWeight * posScore;
    const maxScore = quoteWeight + prefixWeight + suffixWeight + posWeight;
    return rawScore / maxScore;
  };
  const scoredMatches = matches.map((match) => ({ start: match.start, end: match.end, score: scoreMatch(match) }));
  scoredMatches.sort((a, b) => b.score - a.score);
  return scoredMatches[0]!;
}

/** Anchors one target the Hypothesis way: position (checked against the quote), then matchQuote. */
export function hypothesisAnchor(text: string, target: QuoteTarget): AnchorResult {
  if (text.slice(target.start, target.end) === target.exact) return { state: 'exact', start: target.start, end: target.end, confidence: 1 };
  const match = matchQuote(text, target.exact, { prefix: target.prefix, suffix: target.suffix, hint: target.start });
  if (match === null) return { state: 'orphaned', confidence: 0 };
  // Hypothesis has no states or confidence: whatever it finds is shown as the annotation's place.
  return { state: 'moved', start: match.start, end: match.end, confidence: 1 };
}
