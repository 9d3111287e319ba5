import { describe, expect, it } from 'vitest';
import { snippet } from './snippet.ts';

const show = (text: string, start: number, end: number) => {
  const { text: shown, highlightStart, highlightEnd } = snippet(text, start, end);
  return `${shown.slice(0, highlightStart)}[${shown.slice(highlightStart, highlightEnd)}]${shown.slice(highlightEnd)}`;
};

describe('snippet', () => {
  const long = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen';
  it.each([
    ['The mayor said taxes will not rise.', 'taxes', 'The mayor said [taxes] will not rise.'],
    [long, 'eight', '…two three four five six seven [eight] nine ten eleven twelve thirteen fourteen…'],
    ['First line.\nThe mayor said taxes.\nLast line.', 'taxes', 'The mayor said [taxes].'],
    ['😀😀😀 ' + 'word '.repeat(3) + 'hit ' + 'x'.repeat(100), 'hit', '😀😀😀 word word word [hit]…'],
  ])('%j around %j', (text, word, expected) => {
    const start = text.indexOf(word);
    expect(show(text, start, start + word.length)).toBe(expected);
  });

  it('cuts a long hit in the middle', () => {
    const text = 'a'.repeat(500);
    const shown = snippet(text, 0, 500);
    expect(shown.text).toBe(`${'a'.repeat(100)}…${'a'.repeat(100)}`);
  });
});
