// Converts between the app's one offset unit (JS string indices, i.e. UTF-16 code units, into the
// NFC, LF-normalized text) and Unicode code points, which W3C TextPositionSelectors count. Used at
// the W3C edge only: export converts to code points, import converts back.
//
// The two units differ only at astral characters (U+10000 and above: most emoji, flags, CJK
// extension B…), which take two code units (a surrogate pair) and one code point. Combining marks,
// zero-width joiners and right-to-left letters are one code unit and one code point each, so they
// need nothing here (a ZWJ emoji sequence is several code points and twice as many pairs).
//
// A lone surrogate (a high one not followed by a low one, or a low one not preceded by a high
// one) counts as one code point, as `Array.from(text)` and `for…of` count it, so the conversion
// stays total on any JS string. Normalized text from our importers never contains one.

/** Offsets in both units for one text, prepared once: O(n) to build, O(log a) per lookup (a = astral characters). */
export interface CodePointIndex {
  /** Length of the text in code points. */
  readonly codePointLength: number;
  /**
   * The code point offset of a UTF-16 offset in `[0, text.length]`. An offset between the two
   * halves of a surrogate pair is rounded `'down'` (to the character's start, the default) or `'up'`
   * (past it): round a span's start down and its end up to keep the whole character.
   */
  toCodePoint(utf16Offset: number, round?: 'down' | 'up'): number;
  /** The UTF-16 offset of a code point offset in `[0, codePointLength]`; never inside a pair. */
  toUtf16(codePointOffset: number): number;
}

/**
 * Prepares `text` for many conversions between UTF-16 and code point offsets.
 * @example
 * const index = codePointIndex('a😀b'); // 😀 is two code units, one code point
 * index.toCodePoint(3) // → 2 (before "b")
 * index.toUtf16(2) // → 3
 * index.toCodePoint(2, 'up') // → 2 (2 is inside 😀: rounded past it)
 */
export function codePointIndex(text: string): CodePointIndex {
  const pairs = surrogatePairStarts(text);
  const length = text.length;
  return {
    codePointLength: length - pairs.length,
    toCodePoint(utf16Offset, round = 'down') {
      checkOffset(utf16Offset, length, 'UTF-16');
      // Pairs that start before the offset; the last of them may straddle it.
      const before = countBelow(pairs, utf16Offset, 0);
      if (before > 0 && pairs[before - 1] === utf16Offset - 1) {
        return round === 'down' ? utf16Offset - before : utf16Offset + 1 - before;
      }
      return utf16Offset - before;
    },
    toUtf16(codePointOffset) {
      checkOffset(codePointOffset, length - pairs.length, 'code point');
      // Pair j starts at code point pairs[j] - j, strictly increasing in j.
      return codePointOffset + countBelow(pairs, codePointOffset, 1);
    },
  };
}

/** Converts one span `[start, end)` of UTF-16 offsets to code points, widening it to whole characters. */
export function spanToCodePoints(index: CodePointIndex, start: number, end: number): { start: number; end: number } {
  return { start: index.toCodePoint(start, 'down'), end: index.toCodePoint(end, 'up') };
}

/** Converts one span `[start, end)` of code point offsets to UTF-16 offsets. */
export function spanFromCodePoints(index: CodePointIndex, start: number, end: number): { start: number; end: number } {
  return { start: index.toUtf16(start), end: index.toUtf16(end) };
}

/** A high surrogate followed by a low one (code units: no `u` flag). */
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/**
 * UTF-16 offsets of every high surrogate that is followed by a low one, ascending. The regular
 * expression scans a text with no pair (the usual case) about twice as fast as a loop over its code
 * units; a match resumes after the pair, as the loop skipped it.
 */
function surrogatePairStarts(text: string): Int32Array {
  const starts: number[] = [];
  SURROGATE_PAIR.lastIndex = 0;
  for (let match = SURROGATE_PAIR.exec(text); match !== null; match = SURROGATE_PAIR.exec(text)) starts.push(match.index);
  return Int32Array.from(starts);
}

/** How many j have `pairs[j] - j * slope < value` (monotonic in j for slope 0 and 1). */
function countBelow(pairs: Int32Array, value: number, slope: 0 | 1): number {
  let low = 0;
  let high = pairs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((pairs[middle] as number) - middle * slope < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function checkOffset(offset: number, length: number, unit: string): void {
  if (!Number.isInteger(offset) || offset < 0 || offset > length) {
    throw new RangeError(`${unit} offset ${offset} is outside [0, ${length}]`);
  }
}
