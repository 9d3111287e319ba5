// Where a quote edited past what an approximate match allows still stands: between its two
// context sides, when both are unchanged next to the place it was expected. Text inserted into a
// quote leaves every word of it there, yet makes its edit distance too large for any matcher; the
// neighbours it had say where it begins and ends. What stands between them is taken only if it
// kept most of the quote's words, so a quote cut by half, replaced by another sentence or deleted
// (its neighbours then meet) stays an orphan.
import { MAX_DIFFERENCE_IN_CONTEXT, NEAR_CHARS } from './score.ts';
import type { QuoteTarget } from './types.ts';

/** Characters of each context side, the ones next to the quote, that must be found unchanged. */
const EDGE = 16;

/** The text between the context sides may be at most this many times as long as the quote. */
const MAX_GROWTH = 3;

/** Quotes of more words are not compared (the table is words × words): nothing is found for them. */
const MAX_WORDS = 2_000;

/**
 * A word: a run of letters, marks and digits, or one character of a script written without
 * spaces (Han, Hiragana, Katakana), so that an edit in a sentence of such a script costs only
 * the characters it touched.
 */
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{M}\p{N}]+/gu;

export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * The span between `target`'s context sides where the annotation is expected, if there is exactly
 * one: the prefix's last EDGE characters ending within NEAR_CHARS of one of the `aims` (where the
 * annotation is expected to start, by each way of aiming), then, at most MAX_GROWTH times the
 * quote's length further, the suffix's first ones, both unchanged; no paragraph break between them
 * that the quote did not have; and at least 1 − MAX_DIFFERENCE_IN_CONTEXT of the quote still
 * there (wordsKept). A side that was empty (the quote reached the text's edge) is the new text's
 * edge. Whitespace the quote did not have at an end is left out. The place must be the expected
 * one: the context of a repeated passage stands around every copy of it.
 * @example betweenContext('They said: cut water losses, in two years, by almost half. I thank them.', target, [11])
 *   // target: 'cut water losses by almost half' with prefix '…They said: ', suffix '. I thank them.'
 *   // → the span of 'cut water losses, in two years, by almost half'
 */
export function betweenContext(text: string, target: QuoteTarget, aims: readonly number[]): Span | undefined {
  const { exact, prefix, suffix } = target;
  const head = edgeOf(prefix.slice(-EDGE), exact);
  const tail = edgeOf(suffix.slice(0, EDGE), exact);
  if (head === undefined || tail === undefined) return undefined;
  const maxGap = exact.length * MAX_GROWTH;
  const breaks = count(exact, '\n\n');

  const starts = new Set<number>();
  for (const aim of aims) {
    if (head === '') {
      if (Math.abs(aim) <= NEAR_CHARS) starts.add(0);
    } else {
      for (const index of indexesOf(text, head, aim - NEAR_CHARS - head.length, aim + NEAR_CHARS - head.length + 1))
        starts.add(index + head.length);
    }
  }
  const found: Span[] = [];
  for (const start of starts) {
    const end = tail === '' ? (text.length - start <= maxGap ? text.length : -1) : firstIndex(text, tail, start, start + maxGap);
    if (end === -1) continue;
    const span = trimmed(text, exact, start, end);
    const between = text.slice(span.start, span.end);
    if (count(between, '\n\n') > breaks) continue;
    if (wordsKept(exact, between) >= 1 - MAX_DIFFERENCE_IN_CONTEXT) found.push(span);
  }
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The share of `quote` that `text` still has in whole words, in the same order (their longest
 * common subsequence), counted in characters with one separator per word, as the quote's length
 * is: 1 when text was only inserted, about 0.5 when half was cut. Comparing words, not
 * characters, keeps letters that happen to recur in a rewritten passage from counting. 0 for a
 * quote without words, or with more than MAX_WORDS (not compared).
 * @example wordsKept('cut water losses by almost half', 'cut water losses') // → 17 / 32
 */
export function wordsKept(quote: string, text: string): number {
  const quoteWords = quote.match(WORD) ?? [];
  const words = text.match(WORD) ?? [];
  if (quoteWords.length === 0 || quoteWords.length > MAX_WORDS || words.length === 0) return 0;
  let total = 0;
  for (const word of quoteWords) total += word.length + 1;
  let previous = new Int32Array(words.length + 1);
  let current = new Int32Array(words.length + 1);
  for (const word of quoteWords) {
    for (let column = 1; column <= words.length; column++) {
      current[column] =
        word === words[column - 1] ? previous[column - 1]! + word.length + 1 : Math.max(previous[column]!, current[column - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[words.length]! / total;
}

/**
 * `match`, found within `between`, reaching out to each side of `between` where the quote's own
 * first (last) character stands next to the context: the text the match left out there was
 * inserted into the quote, not next to it (the match, an approximate one, could not take it in).
 * @example reachOut(text, 'the taps will run dry', match of 'the taps', between of 'the taps, officials fear, will run dry')
 *   // → between: it ends as the quote does ('y'), next to the suffix
 */
export function reachOut(text: string, exact: string, match: Span, between: Span): Span {
  const startsAsQuote = between.start < match.start && text[between.start] === exact[0];
  const endsAsQuote = between.end > match.end && text[between.end - 1] === exact[exact.length - 1];
  return { start: startsAsQuote ? between.start : match.start, end: endsAsQuote ? between.end : match.end };
}

/** The context edge to look for: '' for a side that was empty (the text's edge); undefined when it cannot tell. */
function edgeOf(edge: string, exact: string): string | undefined {
  if (edge === '') return '';
  // A side shorter than EDGE reached the text's edge: all of it is the edge. Blank or inside the quote, it proves nothing.
  if (edge.trim() === '' || exact.includes(edge)) return undefined;
  return edge;
}

/** `[start, end)` without whitespace at an end where the quote has none. */
function trimmed(text: string, exact: string, start: number, end: number): Span {
  if (!isSpace(exact, 0)) while (start < end && isSpace(text, start)) start++;
  if (!isSpace(exact, exact.length - 1)) while (end > start && isSpace(text, end - 1)) end--;
  return { start, end };
}

/** Start offsets of `needle` starting in `[from, to)` of `text` (a slice: indexOf on the text would run to its end). */
function indexesOf(text: string, needle: string, from: number, to: number): number[] {
  const start = Math.max(0, from);
  const slice = text.slice(start, to + needle.length - 1);
  const indexes: number[] = [];
  for (let index = slice.indexOf(needle); index !== -1; index = slice.indexOf(needle, index + 1)) indexes.push(start + index);
  return indexes;
}

/** The first start of `needle` in `[from, to]` of `text`, or -1. */
function firstIndex(text: string, needle: string, from: number, to: number): number {
  const index = text.slice(from, to + needle.length).indexOf(needle);
  return index === -1 ? -1 : from + index;
}

function count(text: string, needle: string): number {
  let found = 0;
  for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + needle.length)) found++;
  return found;
}

function isSpace(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code === 32 || code === 10 || code === 9 || code === 0xa0;
}
