// Matches a whole document sentence by sentence: what the reader's gutter marks and the
// background "checked before" pass need, all at once or a block (paragraph) at a time.
import { sentencesByBlock, type SentenceSpan } from '../text/sentences.ts';
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
  for (const { sentences } of matchSentencesByBlock(matcher, text, options)) result.push(...sentences);
  return result;
}

/**
 * `matchSentences` a block (a paragraph, or a headline) at a time, with where the block ends in
 * `text`: for matching a long document with progress, stopping between blocks if asked.
 * @example for (const { sentences, end } of matchSentencesByBlock(matcher, text)) report(end, text.length)
 */
export function* matchSentencesByBlock(
  matcher: Matcher,
  text: string,
  options: { readonly top?: number } = {},
): Generator<{ readonly sentences: SentenceMatches[]; readonly end: number }> {
  for (const block of sentencesByBlock(text)) {
    const sentences: SentenceMatches[] = [];
    for (const span of block.sentences) {
      const matches = matcher.match(text.slice(span.start, span.end), { top: options.top ?? 3 }).filter((match) => match.level !== 'weak');
      if (matches.length > 0) sentences.push({ ...span, matches });
    }
    yield { sentences, end: block.end };
  }
}
