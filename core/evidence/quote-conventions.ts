// Differences a quotation is allowed by the conventions of quoting, told apart from word changes:
// an editor's words in square brackets ("[the Russians] have" for "they have", "[sic]") and a
// contraction written out or made ("We'll" for "We will", "don't" for "do not"). The quote
// comparison (quote-fidelity.ts) reports them as their own kinds, so "they have → [the Russians]"
// reads as an editorial insertion rather than a misquote, and a misquote stays easy to see.
import { foldText } from './fold-text.ts';

/**
 * Whether the quote words of a difference are an editor's insertion: one bracketed passage,
 * "[the Russians]" (punctuation may follow it: "[sic],").
 * @example isEditorialInsertion(['[the', 'Russians]']) === true
 */
export function isEditorialInsertion(quoteWords: readonly string[]): boolean {
  const text = quoteWords.join(' ');
  return /^[\p{Ps}\p{Pi}"']*\[[^[\]]+\][\p{P}]*$/u.test(text);
}

/**
 * Whether two runs of words are the same once contractions are written out: "We'll" and
 * "We will", "won't" and "will not", "can't" and "cannot". The runs must differ as written.
 * @example sameButContractions(["We'll"], ['We', 'will']) === true
 */
export function sameButContractions(quoteWords: readonly string[], sourceWords: readonly string[]): boolean {
  const quote = expansions(quoteWords);
  const source = expansions(sourceWords);
  if (quote === undefined || source === undefined) return false;
  const written = (words: readonly string[]) => words.map(plain).join(' ');
  if (written(quoteWords) === written(sourceWords)) return false;
  return [...quote].some((reading) => source.has(reading));
}

/** Every reading of `words` with contractions written out, as space-joined plain words (at most 64). */
function expansions(words: readonly string[]): Set<string> | undefined {
  let readings: string[][] = [[]];
  for (const word of words) {
    const alternatives = expand(plain(word));
    readings = readings.flatMap((reading) => alternatives.map((alternative) => [...reading, ...alternative]));
    if (readings.length > 64) return undefined;
  }
  return new Set(readings.map((reading) => reading.join(' ')));
}

/** A word folded, apostrophes made straight, the punctuation around it gone. */
function plain(word: string): string {
  return foldText(word).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

const IRREGULAR: Readonly<Record<string, readonly (readonly string[])[]>> = {
  "won't": [['will', 'not']],
  "can't": [['can', 'not']],
  cannot: [['can', 'not']],
  "shan't": [['shall', 'not']],
  "ain't": [
    ['am', 'not'],
    ['is', 'not'],
    ['are', 'not'],
  ],
  "let's": [['let', 'us']],
};

const ENDINGS: readonly [string, readonly string[]][] = [
  ["n't", ['not']],
  ["'ll", ['will']],
  ["'re", ['are']],
  ["'ve", ['have']],
  ["'m", ['am']],
  ["'d", ['would', 'had']],
  ["'s", ['is', 'has']],
];

/** The ways `word` (plain) may be written out: itself, and its expansions if it is a contraction. */
function expand(word: string): string[][] {
  const irregular = IRREGULAR[word];
  if (irregular) return [[word], ...irregular.map((words) => [...words])];
  for (const [ending, meanings] of ENDINGS) {
    if (word.length > ending.length && word.endsWith(ending)) {
      const stem = word.slice(0, -ending.length);
      return [[word], ...meanings.map((meaning) => [stem, meaning])];
    }
  }
  return [[word]];
}
