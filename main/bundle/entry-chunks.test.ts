// A streamed entry's text must come out byte for byte as the joined strings would encode, in
// chunks of at least the asked size (the last may be shorter), whatever falls across a boundary.
import { describe, expect, it } from 'vitest';
import { utf8Chunks } from './entry-chunks.ts';

const joined = (chunks: Iterable<Uint8Array>) => Buffer.concat([...chunks]).toString('utf8');

describe('utf8Chunks', () => {
  it('gives nothing for no parts or only empty ones', () => {
    expect([...utf8Chunks([])]).toEqual([]);
    expect([...utf8Chunks(['', ''])]).toEqual([]);
  });

  it('encodes multi-byte characters and surrogate pairs whole, whatever the chunk size', () => {
    const parts = Array.from({ length: 500 }, (_, index) => `ä€😀 ${index}\n`);
    for (const chunkBytes of [1, 7, 64, 4096]) {
      const chunks = [...utf8Chunks(parts, chunkBytes)];
      expect(joined(chunks)).toBe(parts.join(''));
      for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(chunkBytes);
    }
  });

  it('takes a part far larger than a chunk in one piece, and never changes a chunk once given', () => {
    const large = 'x'.repeat(10_000);
    const chunks: Uint8Array[] = [];
    const asGiven: Buffer[] = [];
    for (const chunk of utf8Chunks(['a', large, 'b', large, 'c', 'd'], 100)) {
      chunks.push(chunk);
      asGiven.push(Buffer.from(chunk));
    }
    expect(joined(chunks)).toBe(`a${large}b${large}cd`);
    chunks.forEach((chunk, index) => expect(Buffer.from(chunk).equals(asGiven[index]!)).toBe(true));
  });
});
