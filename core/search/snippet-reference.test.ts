// snippet.ts looks for line breaks only within its context's reach; this checks it against the
// first version, which looked through the whole line (its two functions are copied below as
// they were), on generated texts of words, spaces of several kinds, line breaks and surrogate pairs.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { snippet } from './snippet.ts';

const CONTEXT_WORDS = 6;
const CONTEXT_CHARS = 60;

function referenceFrom(text: string, start: number): number {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const limit = Math.max(lineStart, start - CONTEXT_CHARS);
  const window = text.slice(limit, start);
  const starts = [...window.matchAll(/\S+/g)].map((match) => match.index).filter((index) => index > 0 || limit === lineStart);
  const keep = starts.slice(-CONTEXT_WORDS);
  const index = keep.length > 0 ? limit + keep[0]! : start;
  const unit = text.charCodeAt(index);
  return unit >= 0xdc00 && unit <= 0xdfff && index > 0 ? index + 1 : index;
}

function referenceTo(text: string, end: number): number {
  const newline = text.indexOf('\n', end);
  const lineEnd = newline < 0 ? text.length : newline;
  const limit = Math.min(lineEnd, end + CONTEXT_CHARS);
  const window = text.slice(end, limit);
  const words = [...window.matchAll(/\S+/g)].filter((match) => match.index + match[0].length < window.length || limit === lineEnd);
  const last = words.slice(0, CONTEXT_WORDS).at(-1);
  const index = last === undefined ? end : end + last.index + last[0].length;
  return text.charCodeAt(index - 1) >= 0xd800 && text.charCodeAt(index - 1) <= 0xdbff ? index + 1 : index;
}

const piece = fc.constantFrom(
  'a',
  'word',
  'longerword',
  ' ',
  ' ',
  '\n',
  '\t',
  '\u00a0',
  '\u3000',
  '\u2028',
  '\u200b',
  '😀',
  'x'.repeat(59),
  'y'.repeat(61),
);

/** The snippet's text as the first version made it. */
function reference(text: string, start: number, end: number): string {
  const from = referenceFrom(text, start);
  const to = referenceTo(text, end);
  const head = (from > 0 && text[from - 1] !== '\n' ? '…' : '') + text.slice(from, start);
  const tail = text.slice(end, to) + (to < text.length && text[to] !== '\n' ? '…' : '');
  return head + text.slice(start, end) + tail;
}

it('splits words at exactly the characters a regular expression calls space', () => {
  for (let unit = 0; unit < 0x10000; unit++) {
    const character = String.fromCharCode(unit);
    const text = `w${character}`.repeat(8) + 'hit' + `${character}w`.repeat(8);
    const start = text.indexOf('hit');
    expect(snippet(text, start, start + 3).text, `U+${unit.toString(16)}`).toBe(reference(text, start, start + 3));
  }
});

it('shows the same context as looking through the whole line', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 80 }), fc.nat(), fc.nat(20), (pieces, at, length) => {
      const text = pieces.join('');
      const start = text.length === 0 ? 0 : at % text.length;
      const end = Math.min(text.length, start + length);
      expect(snippet(text, start, end).text).toBe(reference(text, start, end));
    }),
    { numRuns: 3000 },
  );
});
