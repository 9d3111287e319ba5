// A streamed entry's text must come out byte for byte as the joined strings would encode, in
// chunks of at least the asked size (the last may be shorter), whatever falls across a boundary.
import { describe, expect, it } from 'vitest';
import { ChunkPool, utf8Chunks } from './entry-chunks.ts';

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

  it('writes into the buffers given back to its pool, the bytes unchanged', () => {
    const parts = Array.from({ length: 2_000 }, (_, index) => `ä€😀 ${index}\n`);
    const pool = new ChunkPool(64);
    const copies: Buffer[] = [];
    const buffers = new Set<ArrayBufferLike>();
    for (const chunk of utf8Chunks(parts, 64, pool)) {
      copies.push(Buffer.from(chunk));
      buffers.add(chunk.buffer);
      // Read at once, then handed back: the next chunk is written into it.
      pool.recycle(chunk);
    }
    expect(Buffer.concat(copies).toString('utf8')).toBe(parts.join(''));
    expect(buffers.size).toBe(1);
  });
});
