// Turns a text into the terms the matcher indexes and queries: lowercased words, figures written
// one way, light stems, stop words out, and word pairs. Every option is a feature whose effect on
// the CLEF 2020 training tweets is measured by bench/claim-matching.ts.
import { cleanTweet } from './clean-text.ts';
import { STOP_WORDS } from './stop-words.ts';
import { lightStem } from './stem.ts';

export interface TermOptions {
  /** Clean URLs, embed trailers, hashtags and mentions (see clean-text.ts). */
  readonly tweet?: boolean;
  /** Write figures one way: "1,000" → "1000", "%" and "per cent" → "percent", "ten" → "10". */
  readonly numbers?: boolean;
  /** Reduce words to a stem (lightStem unless another function is given). */
  readonly stem?: boolean | ((word: string) => string);
  /** Leave out stop words (they still separate word pairs). */
  readonly stopWords?: boolean;
}

export interface Terms {
  readonly words: string[];
  /** Adjacent pairs of kept words, "a_b", across dropped stop words. */
  readonly pairs: string[];
  /** The kept words written with a capital inside a sentence (names: "Ilhan", "Dorian"), as terms. */
  readonly names: string[];
}

const NUMBER_WORDS: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  twenty: '20',
  fifty: '50',
  hundred: '100',
  thousand: '1000',
  dozen: '12',
};

const WORD = /[\p{L}\p{N}]+(?:['’.,][\p{L}\p{N}]+)*/gu;

/**
 * The terms of `text` under `options`.
 * @example terms('70 per cent of Protesters', { numbers: true, stem: true }).words // ['70', 'percent', 'of', 'protester']
 */
export function terms(text: string, options: TermOptions = {}): Terms {
  let source = options.tweet ? cleanTweet(text) : text;
  if (options.numbers) source = source.replace(/%/g, ' percent ').replace(/\bper\s+cent\b/giu, 'percent');
  const stem = typeof options.stem === 'function' ? options.stem : options.stem ? lightStem : undefined;
  const words: string[] = [];
  const pairs: string[] = [];
  const names: string[] = [];
  let previous: string | undefined;
  for (const match of source.matchAll(WORD)) {
    const isName = /^\p{Lu}\p{Ll}/u.test(match[0]) && !/[.!?:"“]\s*$|^\s*$/u.test(source.slice(Math.max(0, match.index - 3), match.index));
    for (let word of split(match[0].toLowerCase(), options.numbers === true)) {
      if (options.numbers) word = NUMBER_WORDS[word] ?? word;
      if (options.stopWords && STOP_WORDS.has(word)) continue;
      if (stem !== undefined && !/\d/.test(word)) word = stem(word);
      words.push(word);
      if (isName) names.push(word);
      if (previous !== undefined) pairs.push(`${previous}_${word}`);
      previous = word;
    }
  }
  return { words, pairs, names };
}

/** Splits a raw token at apostrophes and dots ("don't" → "don", "t"), keeping figures ("3.5", "1,000" → "1000") whole. */
function split(token: string, numbers: boolean): string[] {
  if (/^\d+(?:[.,]\d+)*$/.test(token)) return [numbers ? token.replace(/,(?=\d{3}\b)/g, '') : token];
  return token.split(/['’.,]/).filter((part) => part !== '');
}
