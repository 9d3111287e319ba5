import { describe, expect, it } from 'vitest';
import { textTarget } from '../model/annotation.ts';
import { betweenContext, reachOut, wordsKept } from './between-context.ts';

const OLD =
  'The council met on Thursday evening. Engineers blame leaking mains for a third of the losses. The utility disputes the figure and blames the drought.';
const QUOTE = 'Engineers blame leaking mains for a third of the losses.';

/** What betweenContext finds for QUOTE (or `quote`) in `after`, searched around its old place. */
function between(after: string, quote = QUOTE, before = OLD) {
  const start = before.indexOf(quote);
  const target = textTarget(before, start, start + quote.length);
  const found = betweenContext(after, target, [start]);
  return found === undefined ? 'nothing' : after.slice(found.start, found.end);
}

describe('betweenContext', () => {
  it.each([
    [
      'text inserted into the quote, more than a match allows',
      QUOTE.replace('mains', 'water mains, some of them a century old,'),
      QUOTE.replace('mains', 'water mains, some of them a century old,'),
    ],
    [
      'words replaced, most of them kept',
      QUOTE.replace('leaking mains', 'the cracked and leaking old pipes'),
      QUOTE.replace('leaking mains', 'the cracked and leaking old pipes'),
    ],
    ['the quote deleted: its neighbours meet', '', 'nothing'],
    ['half of the quote cut (more than may differ)', 'Engineers blame leaking mains.', 'nothing'],
    ['another sentence in its place', 'A separate audit of the network is due in November.', 'nothing'],
    ['a paragraph break inserted into it', QUOTE.replace('for a third', 'for a third\n\nof the water, they said, and'), 'nothing'],
    ['more than three times as long as it was', QUOTE.replace('mains', `mains ${'and more words '.repeat(8)}`), 'nothing'],
  ])('%s', (_name, replacement, expected) => {
    const after = OLD.replace(replacement === '' ? `${QUOTE} ` : QUOTE, replacement);
    expect(between(after)).toBe(expected);
  });

  it('needs both sides of the context unchanged', () => {
    const edited = QUOTE.replace('mains', 'water mains, some of them a century old,');
    expect(between(OLD.replace(QUOTE, edited).replace('Thursday evening.', 'Friday.'))).toBe('nothing');
    expect(between(OLD.replace(QUOTE, edited).replace('The utility disputes', 'Its owner disputes'))).toBe('nothing');
  });

  it('takes the edge of the text for a side that had no context', () => {
    const quote = 'The council met on Thursday evening.';
    const after = OLD.replace(quote, 'The council, with six of its nine members present, met on Thursday evening.');
    expect(between(after, quote)).toBe('The council, with six of its nine members present, met on Thursday evening.');
  });

  it('leaves out whitespace the quote did not have', () => {
    const after = OLD.replace(QUOTE, `  ${QUOTE.replace('mains', 'water mains, some of them a century old,')}`);
    expect(between(after)).toBe(QUOTE.replace('mains', 'water mains, some of them a century old,'));
  });

  it('looks only where the annotation is expected: the context of a repeated passage stands around every copy', () => {
    const standing = 'Figures are provisional. Engineers blame leaking mains for a third of the losses. Figures may be revised.';
    const edited = standing.replace('mains', 'water mains, some of them a century old,');
    const weather =
      'Next, the weather: dry and warm all week in the north, with the first rain expected on Sunday in the hills, and little of it anywhere in the valley.';
    const before = `${standing} ${weather} ${standing}`;
    const after = `${edited} ${weather} ${edited}`;
    const start = before.lastIndexOf(QUOTE);
    const target = textTarget(before, start, start + QUOTE.length);
    const spanAt = (...aims: number[]) => {
      const found = betweenContext(after, target, aims);
      return found === undefined ? 'nothing' : found.start;
    };
    const copies = [after.indexOf('Engineers'), after.lastIndexOf('Engineers')];
    expect(spanAt(copies[1]! - 40)).toBe(copies[1]);
    expect(spanAt(copies[0]! + 40)).toBe(copies[0]);
    expect(spanAt(after.indexOf('rain'))).toBe('nothing');
    // Aimed at both (the drift and a neighbour disagree): it cannot tell.
    expect(spanAt(copies[0]!, copies[1]!)).toBe('nothing');
  });
});

describe('wordsKept', () => {
  it.each([
    ['cut water losses by almost half', 'cut water losses by almost half', 1],
    ['cut water losses by almost half', 'cut, as planned, water losses by almost half', 1],
    // By characters, each word with one separator: 'cut water losses ' of 'cut water losses by almost half '.
    ['cut water losses by almost half', 'cut water losses', 17 / 32],
    ['cut water losses by almost half', 'halve water losses', 13 / 32],
    ['cut water losses by almost half', 'almost half by losses', 12 / 32], // in order only
    ['水资源短缺', '水资源严重短缺', 1], // a script without spaces: each character a word
    ['—', '—', 0], // no words
  ])('%s ~ %s', (quote, text, share) => expect(wordsKept(quote, text)).toBeCloseTo(share, 10));
});

describe('reachOut', () => {
  // A match that stopped short of the context on one side, inside the text between it.
  const text = 'Before: the taps, officials fear, will run dry. After.';
  const between = { start: text.indexOf('the taps'), end: text.indexOf('. After') };
  it.each([
    [
      'to a side where the quote begins next to the context',
      'the taps will run dry',
      'will run dry',
      'the taps, officials fear, will run dry',
    ],
    ['to a side where the quote ends next to the context', 'the taps will run dry', 'the taps', 'the taps, officials fear, will run dry'],
    ['not to a side that begins otherwise (text inserted next to the quote)', 'will run dry', 'will run dry', 'will run dry'],
  ])('%s', (_name, exact, matched, expected) => {
    const match = { start: text.indexOf(matched), end: text.indexOf(matched) + matched.length };
    const span = reachOut(text, exact, match, between);
    expect(text.slice(span.start, span.end)).toBe(expected);
  });
});
