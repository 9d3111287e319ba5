import fc from 'fast-check';
import { expect, it } from 'vitest';
import { utf8Lines, utf8Text } from './utf8-lines.ts';

const linesOf = (bytes: Uint8Array) => {
  const lines = utf8Lines(bytes);
  return Array.from({ length: lines.count }, (_, index) => lines.line(index));
};

it('gives the lines that decoding the whole text and splitting it at "\\n" gives, for any text', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('\n', '\r\n', '', '\uFEFF'))), (parts) => {
      const bytes = Buffer.from(parts.join(''), 'utf8');
      expect(linesOf(bytes)).toEqual(utf8Text(bytes).split('\n'));
    }),
    { numRuns: 300 },
  );
});

it('drops a byte order mark at the start, as the whole text does', () => {
  const bytes = Buffer.from('\uFEFFfirst\nsecond', 'utf8');
  expect(linesOf(bytes)).toEqual(['first', 'second']);
  expect(utf8Text(bytes)).toBe('first\nsecond');
});

it('refuses bytes that are not UTF-8 before any line is read', () => {
  const bytes = Buffer.from([0x7b, 0x0a, 0xff, 0x0a]);
  expect(() => utf8Lines(bytes)).toThrow(/not valid UTF-8/);
  expect(() => utf8Text(bytes)).toThrow(/not valid UTF-8/);
});
