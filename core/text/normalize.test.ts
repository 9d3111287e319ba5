import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.ts';

describe('normalizeText', () => {
  it.each([
    ['strips a BOM', '\uFEFFhello', 'hello'],
    ['keeps a BOM that is not leading', 'a\uFEFFb', 'a\uFEFFb'],
    ['CRLF becomes LF', 'a\r\nb\r\n', 'a\nb\n'],
    ['a lone CR becomes LF', 'a\rb', 'a\nb'],
    ['composes combining marks (NFC)', 'cafe\u0301', 'caf\u00e9'],
    ['leaves astral characters alone', 'flag 🇺🇦 and 𠀀', 'flag 🇺🇦 and 𠀀'],
    ['is idempotent on normalized text', 'ok\n', 'ok\n'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
    expect(normalizeText(normalizeText(input))).toBe(expected);
  });
});
