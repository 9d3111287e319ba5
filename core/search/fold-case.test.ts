// foldCase takes three roads (the engine's lowercasing for Latin-1, a table of units for long
// texts, a replacement per capital otherwise): each must fold every code unit as the others do.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldCase } from './fold-case.ts';

/** A unit folded the slow way: in a short text that is not Latin-1 (一 does not fold); no surrogate folds. */
const reference = (unit: number) =>
  unit >= 0xd800 && unit <= 0xdfff ? String.fromCharCode(unit) : foldCase(`${String.fromCharCode(unit)}一`).charAt(0);

describe('foldCase', () => {
  it('folds every BMP unit alike in long texts, in Latin-1 texts and one by one', () => {
    const units = Array.from({ length: 0x10000 }, (_, unit) => unit).filter((unit) => unit < 0xd800 || unit > 0xdfff);
    for (let at = 0; at < units.length; at += 1000) {
      const chunk = units.slice(at, at + 1000);
      expect(foldCase(String.fromCharCode(...chunk))).toBe(chunk.map(reference).join(''));
    }
    const latin1 = Array.from({ length: 0x100 }, (_, unit) => unit);
    expect(foldCase(String.fromCharCode(...latin1))).toBe(latin1.map(reference).join(''));
  });

  it('keeps lone surrogates and astral characters in long texts', () => {
    const text = `${'ΣΟΦΙΑ Ab '.repeat(40)}\ud800 x \udc00 😀 𐐀`;
    const folded = foldCase(text);
    expect(folded).toBe(`${'σοφια ab '.repeat(40)}\ud800 x \udc00 😀 𐐀`);
  });

  it('agrees with itself on random texts, long and short', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 600 }), fc.string({ unit: 'binary', maxLength: 600 }), (a, b) => {
        for (const text of [a, b, a + b]) {
          const folded = foldCase(text);
          expect(folded.length).toBe(text.length);
          expect(folded).toBe(Array.from({ length: text.length }, (_, index) => reference(text.charCodeAt(index))).join(''));
        }
      }),
      { numRuns: 30 },
    );
  });
});
