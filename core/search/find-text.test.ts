import { describe, expect, it } from 'vitest';
import { findPhrase, findWord } from './find-text.ts';
import { foldCase } from './fold-case.ts';

const spans = (list: { start: number; end: number }[]) => list.map(({ start, end }) => [start, end]);

describe('findPhrase', () => {
  it.each([
    [
      'Ten times, ten times.',
      'ten times',
      false,
      [
        [0, 9],
        [11, 20],
      ],
    ],
    ['Ten times, ten times.', 'ten times', true, [[11, 20]]],
    ['Ten times, ten times.', 'times,', false, [[4, 10]]],
    ['concatenate', 'cat', false, [[3, 6]]],
    [
      'aaaa',
      'aa',
      false,
      [
        [0, 2],
        [2, 4],
      ],
    ],
    [
      'ΣΟΦΙΑ σοφια',
      'σοφια',
      false,
      [
        [0, 5],
        [6, 11],
      ],
    ],
    ['İstanbul istanbul', 'istanbul', false, [[9, 17]]],
    [
      '😀 café 😀 Café',
      'café',
      false,
      [
        [3, 7],
        [11, 15],
      ],
    ],
    [
      '東京都の東京',
      '東京',
      true,
      [
        [0, 2],
        [4, 6],
      ],
    ],
    ['anything', '', false, []],
  ])('%j / %j (matchCase %s)', (text, phrase, matchCase, expected) => {
    expect(spans(findPhrase(text, phrase, { matchCase }))).toEqual(expected);
  });
});

describe('findWord', () => {
  it.each([
    ['Tax, syntax and taxes', 'tax', false, [[0, 3]]],
    [
      'Tax, syntax and taxes',
      'tax',
      true,
      [
        [0, 3],
        [16, 21],
      ],
    ],
    [
      'the U.S. and U.S.A',
      'U.S.',
      false,
      [
        [4, 8],
        [13, 17],
      ],
    ],
    ['Zelenskyy said', 'zelensky', false, []],
    ['café\u0301 café', 'café', false, [[6, 10]]],
    [
      '😀tax tax😀',
      'tax',
      false,
      [
        [2, 5],
        [6, 9],
      ],
    ],
    ['東京都 東京', '東京', false, [[4, 6]]],
  ])('%j / %j (prefix %s)', (text, word, prefix, expected) => {
    expect(spans(findWord(text, word, prefix))).toEqual(expected);
  });

  it('keeps a word boundary beside every ASCII character as the word class says', () => {
    // ASCII takes a shortcut past the regular expression; it must agree with it on each character.
    for (let code = 1; code < 0x80; code++) {
      const character = String.fromCharCode(code);
      const isWord = /[\p{L}\p{N}\p{M}]/u.test(character);
      expect(findWord(`${character}tax`, 'tax', false).length, `before ${JSON.stringify(character)}`).toBe(isWord ? 0 : 1);
      expect(findWord(`tax${character}`, 'tax', false).length, `after ${JSON.stringify(character)}`).toBe(isWord ? 0 : 1);
      expect(spans(findWord(`taxe${character}s`, 'tax', true)), `in a prefix's word ${JSON.stringify(character)}`).toEqual([
        [0, isWord ? 6 : 4],
      ]);
    }
  });
});

describe('foldCase', () => {
  it('keeps the length of every string', () => {
    const sample = 'İSTANBUL ΣΟΦΙΑ ς Ꭰ ẞ ǅ Ω K ＡＢＣ 😀';
    expect(foldCase(sample).length).toBe(sample.length);
    expect(foldCase(sample)).toBe('İstanbul σοφια ς Ꭰ ß ǆ ω k ａｂｃ 😀');
  });
});
