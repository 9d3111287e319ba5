import { describe, expect, it } from 'vitest';
import { textPositionSelectorMatcher, type Chunker } from '../../tests/support/apache-annotator.ts';
import { codePointIndex, spanFromCodePoints, spanToCodePoints } from './code-points.ts';

const EMOJI = '😀'; // U+1F600: one code point, two code units
const FLAG = '🇺🇦'; // two regional indicators: two code points, four code units
const FAMILY = '👩‍👩‍👧'; // 👩 ZWJ 👩 ZWJ 👧: five code points, eight code units
const COMBINING = 's\u0323\u0307'; // s + dot below + dot above: no precomposed form, three code points
const CJK_B = '𠀀𠮷'; // CJK extension B (U+20000, U+20BB7): two code points, four code units
const HEBREW = 'שלום עולם';
const ARABIC = '\u200fمرحبا بالعالم'; // with a right-to-left mark in front

/** Code points before UTF-16 offset `offset`, counted the way the JS iterator counts them. */
const reference = (text: string, offset: number) => Array.from(text.slice(0, offset)).length;

describe('codePointIndex', () => {
  it.each([
    ['ASCII', 'plain text', 10],
    ['an emoji', `a${EMOJI}b`, 3],
    ['a flag', `flag ${FLAG}!`, 8],
    ['a ZWJ family', `x${FAMILY}y`, 7],
    ['combining marks', `${COMBINING}x`, 4],
    ['CJK extension B', `漢${CJK_B}字`, 4],
    ['Hebrew (right-to-left)', HEBREW, HEBREW.length],
    ['Arabic with a right-to-left mark', ARABIC, ARABIC.length],
  ])('%s: agrees with the JS iterator at every offset that is not inside a pair', (_name, text, codePoints) => {
    const index = codePointIndex(text);
    expect(index.codePointLength).toBe(codePoints);
    for (let offset = 0; offset <= text.length; offset++) {
      const low = text.charCodeAt(offset);
      if (offset > 0 && low >= 0xdc00 && low <= 0xdfff) continue; // inside a pair: see below
      const codePoint = index.toCodePoint(offset);
      expect(codePoint).toBe(reference(text, offset));
      expect(index.toUtf16(codePoint)).toBe(offset);
    }
  });

  it('rounds an offset inside a surrogate pair down or up, never splitting the character', () => {
    const text = `a${EMOJI}b`; // a=0, 😀=1..2, b=3
    const index = codePointIndex(text);
    expect(index.toCodePoint(2)).toBe(1);
    expect(index.toCodePoint(2, 'down')).toBe(1);
    expect(index.toCodePoint(2, 'up')).toBe(2);
    expect(spanToCodePoints(index, 2, 2)).toEqual({ start: 1, end: 2 });
    expect(spanFromCodePoints(index, 1, 2)).toEqual({ start: 1, end: 3 });
  });

  it('maps every code point offset to a UTF-16 offset at a character boundary', () => {
    const text = `${FAMILY} ${FLAG} ${CJK_B} ${COMBINING} ${HEBREW} ${EMOJI}`;
    const index = codePointIndex(text);
    const characters = Array.from(text);
    for (let codePoint = 0; codePoint <= characters.length; codePoint++) {
      expect(index.toUtf16(codePoint)).toBe(characters.slice(0, codePoint).join('').length);
    }
  });

  it('counts a lone surrogate as one code point, as the JS iterator does', () => {
    const text = `a\ud83d b\ude00 ${EMOJI}`; // lone high, lone low, then a real pair
    const index = codePointIndex(text);
    expect(index.codePointLength).toBe(Array.from(text).length);
    expect(index.toCodePoint(2)).toBe(2); // after the lone high surrogate: not rounded, it is a character of its own
    expect(index.toCodePoint(text.length)).toBe(Array.from(text).length);
    expect(index.toUtf16(5)).toBe(5);
  });

  it('refuses offsets outside the text', () => {
    const index = codePointIndex(`a${EMOJI}`);
    expect(() => index.toCodePoint(4)).toThrow(RangeError);
    expect(() => index.toCodePoint(-1)).toThrow(RangeError);
    expect(() => index.toUtf16(3)).toThrow(RangeError);
    expect(() => index.toUtf16(1.5)).toThrow(RangeError);
  });

  it('stays fast on a long text with many astral characters', () => {
    const text = `word ${EMOJI} ${FLAG} `.repeat(50_000); // ~700 K code units, 150 K pairs
    const started = performance.now();
    const index = codePointIndex(text);
    let sum = 0;
    for (let offset = 0; offset < text.length; offset += 7) sum += index.toUtf16(index.toCodePoint(offset, 'up'));
    expect(sum).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

/** A text as chunks (like the text nodes of a page), for Apache Annotator's matchers. */
function chunkerOf(pieces: readonly string[]): Chunker {
  const chunks = pieces.map((data, index) => ({ data, index }));
  let current = 0;
  return {
    get currentChunk() {
      return chunks[current]!;
    },
    nextChunk() {
      if (current + 1 >= chunks.length) return null;
      return chunks[++current]!;
    },
    previousChunk() {
      if (current === 0) return null;
      return chunks[--current]!;
    },
    precedesCurrentChunk(chunk) {
      return chunk.index < current;
    },
  };
}

describe('codePointIndex against Apache Annotator (an independent code point counter)', () => {
  it('gives the TextPositionSelector that Apache Annotator resolves to the same UTF-16 span', async () => {
    const paragraphs = [
      `Statement ${FLAG}: the mayor ${EMOJI} said the taps will run dry. `,
      `${FAMILY} families queued; ${CJK_B} signs in Chinese; ${COMBINING}ome words with marks. `,
      `${HEBREW} — ${ARABIC}. The end ${EMOJI}${EMOJI}.`,
    ];
    const text = paragraphs.join('');
    const index = codePointIndex(text);
    const quotes = [
      FLAG,
      `${EMOJI} said`,
      FAMILY,
      CJK_B,
      COMBINING,
      HEBREW,
      ARABIC,
      `${EMOJI}${EMOJI}`,
      'taps will run dry. 👩' /* across two chunks */,
    ];
    for (const quote of quotes) {
      const start = text.indexOf(quote);
      const end = start + quote.length;
      const position = spanToCodePoints(index, start, end);
      const matches = textPositionSelectorMatcher({ type: 'TextPositionSelector', ...position })(chunkerOf(paragraphs));
      const { value } = await matches.next();
      expect(value).toBeDefined();
      if (!value) continue;
      const offsetOf = (chunk: { index: number }, within: number) => paragraphs.slice(0, chunk.index).join('').length + within;
      expect({ start: offsetOf(value.startChunk, value.startIndex), end: offsetOf(value.endChunk, value.endIndex) }).toEqual({
        start,
        end,
      });
      expect(spanFromCodePoints(index, position.start, position.end)).toEqual({ start, end });
    }
  });
});
