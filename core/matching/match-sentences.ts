// Matches a whole document sentence by sentence: what the reader's gutter marks and the
// background "checked before" pass need.
import { splitSentences, type SentenceSpan } from '../text/sentences.ts';
import type { Match, Matcher } from './matcher.ts';

/** One sentence of a text and its best matches. */
export interface SentenceMatches extends SentenceSpan {
  readonly matches: Match[];
}

/**
 * Every sentence of `text` with its `top` (default 3) matches above the `weak` level; sentences
 * with none are left out.
 * @example matchSentences(matcher, article).map(({ start, end, matches }) => [article.slice(start, end), matches[0]?.id])
 */
export function matchSentences(matcher: Matcher, text: string, options: { readonly top?: number } = {}): SentenceMatches[] {
  const result: SentenceMatches[] = [];
  for (const span of splitSentences(text)) {
    const matches = matcher.match(text.slice(span.start, span.end), { top: options.top ?? 3 }).filter((match) => match.level !== 'weak');
    if (matches.length > 0) result.push({ ...span, matches });
  }
  return result;
}
