// Deflating in slices must give one valid raw deflate stream of the whole entry, about as small as
// deflating it in one piece (the slices are primed with the 32 KiB before them).
import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateSlice, SLICE_BYTES, sliceBounds, type DeflateLevel } from './deflate-slices.ts';

const WORDS = (
  'the ministry said reservoir water supply mayor council officials reported statement city region basin drought emergency ' +
  'rationing households percent figures audit hospital surgery postponed denied according residents farmers “quoted” 40% Kharkiv 😀'
).split(' ');

/** Seeded prose of `bytes` bytes: words picked by a linear congruential generator, compressing about as text does. */
const prose = (bytes: number) => {
  let state = 1;
  const parts: string[] = [];
  for (let length = 0; length < bytes;) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const word = `${WORDS[state % WORDS.length]}${state % 13 === 0 ? '.\n' : ' '}`;
    parts.push(word);
    length += Buffer.byteLength(word);
  }
  return new TextEncoder().encode(parts.join('')).subarray(0, bytes);
};

async function deflateInSlices(bytes: Uint8Array, level: DeflateLevel): Promise<Buffer> {
  return Buffer.concat(await Promise.all(sliceBounds(bytes.length).map(([start, end]) => deflateSlice(bytes, start, end, level))));
}

describe('deflateSlice', () => {
  it.each([
    ['empty', new Uint8Array(), 6],
    ['one byte', new Uint8Array([65]), 6],
    ['just under a slice', prose(SLICE_BYTES - 1), 6],
    ['exactly one slice', prose(SLICE_BYTES), 6],
    ['one byte over a slice', prose(SLICE_BYTES + 1), 6],
    ['three and a half slices of prose', prose(3.5 * SLICE_BYTES), 6],
    ['two and a half slices of random bytes', new Uint8Array(randomBytes(2.5 * SLICE_BYTES)), 6],
    ['prose at level 0 (stored blocks)', prose(2.2 * SLICE_BYTES), 0],
    ['prose at level 9', prose(2.2 * SLICE_BYTES), 9],
  ] as const)('%s: the slices inflate to the entry and are within 0.1%% of deflating it whole', async (name, bytes, level) => {
    if (name === 'exactly one slice') expect(bytes.length).toBe(SLICE_BYTES);
    const sliced = await deflateInSlices(bytes, level);
    expect(inflateRawSync(sliced).equals(Buffer.from(bytes))).toBe(true);
    const whole = deflateRawSync(bytes, { level });
    expect(sliced.length).toBeLessThanOrEqual(Math.ceil(whole.length * 1.001) + 16);
  });

  it('splits into slices that cover the entry once, in order', () => {
    expect(sliceBounds(0)).toEqual([[0, 0]]);
    expect(sliceBounds(10, 4)).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    expect(sliceBounds(8, 4)).toEqual([
      [0, 4],
      [4, 8],
    ]);
  });
});
