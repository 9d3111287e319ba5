import search from 'approx-string-match';
import { describe, expect, it } from 'vitest';
import { textTarget } from '../model/annotation.ts';
import { alignToContext } from './boundaries.ts';
import { editDistance, similarity } from './score.ts';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['twice', 'three times', 8],
    ['🇺🇦 café', '🇺🇦 cafe', 1], // code units: é is one
    ['👩‍👩‍👧', '👩‍👧', 3], // a ZWJ and a 👩 (two units) fewer
  ])('%s → %s: %i', (a, b, distance) => {
    expect(editDistance(a, b, 20)).toBe(distance);
    expect(editDistance(b, a, 20)).toBe(distance);
  });

  it('stops at the limit', () => {
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
    expect(editDistance('a'.repeat(50), 'b'.repeat(10), 5)).toBe(6);
  });
});

describe('similarity', () => {
  it.each([
    ['the same', 'the same', 1],
    ['prefix text here', 'text', 1], // found inside: a context side may be longer or shifted
    ['', 'text', 0],
    ['texx', 'text', 0.75],
  ])('%s ~ %s', (actual, expected, value) => expect(similarity(actual, expected)).toBe(value));
});

/** The approximate match `search` reports for `quote` (made on `before`) in `after`, aligned. */
function aligned(before: string, quote: string, after: string) {
  const start = before.indexOf(quote);
  const target = textTarget(before, start, start + quote.length);
  const maxErrors = Math.floor(quote.length * 0.45);
  const [match] = search(after, quote, maxErrors);
  if (match === undefined) return 'no match';
  const result = alignToContext(after, target, match, maxErrors);
  return result === undefined ? 'refused' : { text: after.slice(result.start, result.end), unexplained: result.unexplained };
}

describe('alignToContext', () => {
  it.each([
    [
      'cuts back a match that borrows the next sentence to hide a deleted half',
      'Crews replaced old mains and cut water losses by almost half. I thank every crew that has worked.',
      'cut water losses by almost half',
      'Crews replaced old mains and cut water losses. I thank every crew that has worked.',
      'refused',
    ],
    [
      'widens a match to the context when a word at its end was replaced by a longer one',
      'Residents said the pumps stopped twice. The council disagreed with them.',
      'the pumps stopped twice',
      'Residents said the pumps stopped three times. The council disagreed with them.',
      { text: 'the pumps stopped three times', unexplained: 0 },
    ],
    [
      'does not take in text inserted before the quote, beyond what it may differ by',
      'The mayor spoke at noon. The taps will run dry by the end of September, she said.',
      'The taps will run dry by the end of September',
      'The mayor spoke at noon. Officials added a warning: the taps will run dry by the end of September, she said.',
      { text: 'the taps will run dry by the end of September', unexplained: 'Officials added a warning:'.length },
    ],
    [
      'trims whitespace the quote did not have',
      'Drought declared. The council met on Thursday evening and voted to ration water.',
      'Drought declared.',
      'Drought declared in Valmont. The council met on Thursday evening and voted to ration water.',
      { text: 'Drought declared', unexplained: 'in Valmont.'.length },
    ],
    [
      'takes the end of the text as the edge of a quote that ended the old text',
      'The council voted to ration water. Rationing ends when the reservoir is full.',
      'Rationing ends when the reservoir is full.',
      'The council voted to ration water. Rationing ends when the reservoir is full again.',
      { text: 'Rationing ends when the reservoir is full again.', unexplained: 0 },
    ],
  ])('%s', (_name, before, quote, after, expected) => {
    expect(aligned(before, quote, after)).toEqual(expected);
  });
});
