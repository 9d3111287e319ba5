// Reads numbers as written in news text: "500,000", "2.4", "ten", "Forty-one", "1.8 billion",
// "a third". A small parser of its own: compromise reads these too, but costs a whole document
// parse per phrase, which a 5 MB text cannot afford.

const UNITS = new Map<string, number>(
  Object.entries({
    zero: 0,
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    thirteen: 13,
    fourteen: 14,
    fifteen: 15,
    sixteen: 16,
    seventeen: 17,
    eighteen: 18,
    nineteen: 19,
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
    dozen: 12,
  }),
);
const SCALES = new Map<string, number>(
  Object.entries({ hundred: 1e2, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, bn: 1e9, m: 1e6, k: 1e3 }),
);
const FRACTIONS = new Map<string, number>(Object.entries({ half: 1 / 2, third: 1 / 3, quarter: 1 / 4, fifth: 1 / 5, tenth: 1 / 10 }));
const DIGITS = /^\d[\d,]*(?:\.\d+)?$/u;

/** Whether a word is part of a written number ("forty", "million", "2,300"). */
export function isNumberWord(word: string): boolean {
  const first = word.charCodeAt(0);
  if (first >= 48 && first <= 57) return DIGITS.test(word);
  const lower = word.toLowerCase();
  return UNITS.has(lower) || SCALES.has(lower);
}

/** Whether a word is a scale ("million"). */
export function isScaleWord(word: string): boolean {
  return SCALES.has(word.toLowerCase());
}

/** A fraction word's value ("third" → 1/3). */
export function fractionValue(word: string): number | undefined {
  return FRACTIONS.get(word.toLowerCase());
}

/**
 * The value of a number written in words and digits, or undefined if it is not one.
 * @example parseNumber(['1.8', 'billion']) === 1.8e9; parseNumber(['Forty', '-', 'one']) === 41
 */
export function parseNumber(words: readonly string[]): number | undefined {
  let total = 0;
  let current = 0;
  let seen = false;
  for (const word of words) {
    const lower = word.toLowerCase();
    if (lower === '-' || lower === 'and') continue;
    const unit = UNITS.get(lower);
    const scale = SCALES.get(lower);
    if (DIGITS.test(lower)) {
      current += Number(lower.replace(/,/gu, ''));
      seen = true;
    } else if (unit !== undefined) {
      current += unit;
      seen = true;
    } else if (scale !== undefined) {
      if (scale === 100) current = (current || 1) * scale;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
      seen = true;
    } else return undefined;
  }
  return seen ? total + current : undefined;
}
