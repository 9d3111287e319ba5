// Where a quote edited past what an approximate match allows still stands: between its two
// context sides, when both are unchanged next to the place it was expected. Text inserted into a
// quote leaves every word of it there, yet makes its edit distance too large for any matcher; the
// neighbours it had say where it begins and ends. What stands between them is taken only if it
// kept most of the quote's words, so a quote cut by half, replaced by another sentence or deleted
// (its neighbours then meet) stays an orphan.
import { editDistance, MAX_DIFFERENCE_IN_CONTEXT, NEAR_CHARS } from './score.ts';
import type { QuoteTarget } from './types.ts';

/** Characters of each context side, the ones next to the quote, that must be found unchanged. */
const EDGE = 16;

/** The text between the context sides may be at most this many times as long as the quote. */
const MAX_GROWTH = 3;

/** Longer quotes (in words) are not compared word by word (the table is words × words). */
const MAX_WORDS = 2_000;

/**
 * A word: a run of letters, marks and digits, or one character of a script written without
 * spaces (Han, Hiragana, Katakana), so that an edit in a sentence of such a script costs only
 * the characters it touched.
 */
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{M}\p{N}]+/gu;

export interface Between {
  readonly start: number;
  readonly end: number;
  /** The share of the quote's words, by length, still there in order. */
  readonly kept: number;
  /** 1 − edit distance / quote length (at least 0): how much of the quote is unchanged. */
  readonly similarity: number;
}

export interface BetweenSearch {
  /** Where the annotation is expected to start. */
  readonly hint: number;
  /** The range searched for the context sides. */
  readonly from: number;
  readonly to: number;
}

/**
 * The span between `target`'s context sides in `[from, to)` of `text`, if there is exactly one
 * plausible pair of them (or one within NEAR_CHARS of `hint`): the prefix's last EDGE characters,
 * then, at most MAX_GROWTH times the quote's length further, the suffix's first ones, both
 * unchanged; no paragraph break between them that the quote did not have; and at least
 * 1 − MAX_DIFFERENCE_IN_CONTEXT of the quote's words (by length) still there, in order. A side
 * that was empty (the quote reached the text's edge) is the new text's edge. Whitespace the quote
 * did not have at an end is left out.
 * @example between('Crews cut water losses, the report says, by almost half. I thank them.', target of 'cut water losses by almost half', …)
 *   // → the span of 'cut water losses, the report says, by almost half' (all its words kept)
 */
export function betweenContext(text: string, target: QuoteTarget, { hint, from, to }: BetweenSearch): Between | undefined {
  const { exact, prefix, suffix } = target;
  const head = edgeOf(prefix.slice(-EDGE), prefix, exact);
  const tail = edgeOf(suffix.slice(0, EDGE), suffix, exact);
  if (head === undefined || tail === undefined) return undefined;
  const quoteWords = exact.match(WORD) ?? [];
  if (quoteWords.length === 0 || quoteWords.length > MAX_WORDS) return undefined;
  const maxGap = exact.length * MAX_GROWTH;
  const breaks = count(exact, '\n\n');

  const starts = head === '' ? (from === 0 ? [0] : []) : indexesOf(text, head, from, to).map((index) => index + head.length);
  const found: Between[] = [];
  for (const start of starts) {
    const end = tail === '' ? (text.length - start <= maxGap ? text.length : -1) : firstIndex(text, tail, start, start + maxGap);
    if (end === -1) continue;
    const span = trimmed(text, exact, start, end);
    const gap = text.slice(span.start, span.end);
    if (count(gap, '\n\n') > breaks) continue;
    const kept = keptShare(quoteWords, gap.match(WORD) ?? []);
    if (kept < 1 - MAX_DIFFERENCE_IN_CONTEXT) continue;
    const distance = editDistance(exact, gap, exact.length);
    found.push({ ...span, kept, similarity: Math.max(0, 1 - distance / exact.length) });
  }
  if (found.length <= 1) return found[0];
  // Repeated context (boilerplate): only a pair where the annotation is expected tells.
  const near = found.filter((pair) => Math.abs(pair.start - hint) <= NEAR_CHARS);
  return near.length === 1 ? near[0] : undefined;
}

/** The edge to look for: `piece` of the context `side`; '' for a side that was empty; undefined when it cannot tell. */
function edgeOf(piece: string, side: string, exact: string): string | undefined {
  if (side === '') return '';
  // A shorter side reached the text's edge: all of it is the edge. One inside the quote proves nothing.
  if (piece.trim() === '' || exact.includes(piece)) return undefined;
  return piece;
}

/** The share, by length, of `quote`'s words found in `words` in the same order (longest common subsequence). */
function keptShare(quote: readonly string[], words: readonly string[]): number {
  let total = 0;
  for (const word of quote) total += word.length;
  if (words.length === 0 || total === 0) return 0;
  let previous = new Int32Array(words.length + 1);
  let current = new Int32Array(words.length + 1);
  for (const word of quote) {
    for (let column = 1; column <= words.length; column++) {
      current[column] = word === words[column - 1] ? previous[column - 1]! + word.length : Math.max(previous[column]!, current[column - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[words.length]! / total;
}

/** `[start, end)` without whitespace at an end where the quote has none. */
function trimmed(text: string, exact: string, start: number, end: number): { start: number; end: number } {
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
