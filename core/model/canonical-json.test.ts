import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { reorderedKeys } from '../../tests/support/reordered-keys.ts';

describe('canonicalJson', () => {
  it('is JSON that parses back to the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it("writes every object's keys in code-unit order", () => {
    const keysOf = (json: string) => [...json.matchAll(/"([a-z0-9]+)":/g)].map(([, key]) => key);
    expect(keysOf(canonicalJson({ b: 1, a: { d: 1, c: 2 }, 10: 0, 2: 0 }))).toEqual(['10', '2', 'a', 'c', 'd', 'b']);
  });

  it('does not depend on the order of the keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(reorderedKeys(value))).toBe(canonicalJson(value));
      }),
    );
    expect(canonicalJson({ note: 'n', id: 'a', target: { end: 2, start: 1 } })).toBe('{"id":"a","note":"n","target":{"end":2,"start":1}}');
  });

  it('leaves out what JSON.stringify leaves out, and honours toJSON', () => {
    const value = { a: undefined, b: [undefined, () => 1], c: new Date(Date.UTC(2026, 11, 7)), d: -0 };
    expect(canonicalJson(value)).toBe(JSON.stringify({ b: [null, null], c: '2026-12-07T00:00:00.000Z', d: 0 }));
    expect(canonicalJson(undefined)).toBe('null');
  });
});
