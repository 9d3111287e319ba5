// Locates a query's text terms in a string: phrases exactly (a substring, punctuation included),
// words on word boundaries. This is the one definition of a match: the index only proposes
// candidate documents, and what counts as a hit (and where) is decided here.
import { foldCase } from './fold-case.ts';

/** A span `[start, end)` of JS string indices. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** How to compare: `matchCase` false folds case (fold-case.ts). */
export interface FindOptions {
  readonly matchCase: boolean;
}

const WORD = /[\p{L}\p{N}\p{M}]/u;

/**
 * Every occurrence of `phrase` in `text`, left to right, not overlapping (the next search starts
 * where a match ends), as a brute-force `indexOf` scan finds them.
 * @example findPhrase('Ten times, ten times.', 'ten times', { matchCase: false }) // [{0,9}, {11,20}]
 */
export function findPhrase(text: string, phrase: string, options: FindOptions): Span[] {
  if (phrase === '') return [];
  const haystack = options.matchCase ? text : foldedText(text);
  const needle = options.matchCase ? phrase : foldCase(phrase);
  const spans: Span[] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
    spans.push({ start: at, end: at + needle.length });
  }
  return spans;
}

/**
 * Occurrences of `word` (case folded) that start on a word boundary and, unless `prefix`, end on
 * one: `tax` finds "Tax" and "tax," but not "syntax" or "taxes"; `tax` with `prefix` finds "taxes"
 * (the span covers the whole word).
 * A word that begins or ends with punctuation ("U.S.", "-5%") has no boundary to keep there.
 */
export function findWord(text: string, word: string, prefix: boolean): Span[] {
  if (word === '') return [];
  const haystack = foldedText(text);
  const needle = foldCase(word);
  const checkStart = isWord(codePointAt(needle, 0));
  const checkEnd = !prefix && isWord(codePointBefore(needle, needle.length));
  const spans: Span[] = [];
  let at = haystack.indexOf(needle);
  while (at >= 0) {
    const end = at + needle.length;
    const startsWord = !checkStart || at === 0 || !isWord(codePointBefore(haystack, at));
    const endsWord = !checkEnd || end === haystack.length || !isWord(codePointAt(haystack, end));
    if (startsWord && endsWord) {
      // A prefix's hit is the whole word it begins ("tax*" highlights "taxes").
      let wordEnd = end;
      while (prefix && wordEnd < haystack.length && isWord(codePointAt(haystack, wordEnd)))
        wordEnd += haystack.codePointAt(wordEnd)! > 0xffff ? 2 : 1;
      spans.push({ start: at, end: wordEnd });
      at = haystack.indexOf(needle, wordEnd);
    } else {
      at = haystack.indexOf(needle, at + 1);
    }
  }
  return spans;
}

/** The last long texts folded: a search tests several terms against the same document text in turn. */
const recentlyFolded: { text: string; folded: string }[] = [];
const REMEMBERED = 4;
const LONG = 1024;

function foldedText(text: string): string {
  if (text.length < LONG) return foldCase(text);
  const known = recentlyFolded.find((entry) => entry.text === text);
  if (known !== undefined) return known.folded;
  const folded = foldCase(text);
  recentlyFolded.unshift({ text, folded });
  if (recentlyFolded.length > REMEMBERED) recentlyFolded.pop();
  return folded;
}

/** Whether a code point is a word's (WORD); ASCII, most of most texts, without the expression. */
function isWord(codePoint: number): boolean {
  if (codePoint < 0x80) return (codePoint >= 0x30 && codePoint <= 0x39) || ((codePoint | 0x20) >= 0x61 && (codePoint | 0x20) <= 0x7a);
  return WORD.test(String.fromCodePoint(codePoint));
}

function codePointAt(text: string, index: number): number {
  return text.codePointAt(index) ?? 0;
}

function codePointBefore(text: string, index: number): number {
  const low = text.charCodeAt(index - 1);
  const high = index >= 2 ? text.charCodeAt(index - 2) : 0;
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return codePointAt(text, pair ? index - 2 : index - 1);
}
