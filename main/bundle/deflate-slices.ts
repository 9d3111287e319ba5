// Deflates an entry on libuv's thread pool, in slices that are compressed in parallel and joined
// into one raw deflate stream, as pigz does: every slice but the last ends with a sync flush
// (byte-aligned, not final), and each is primed with the 32 KiB before it as its dictionary, so
// matches across a slice boundary are still found and the result stays within a few bytes per
// slice of deflating the entry whole. The calling thread only starts the jobs and collects them.
import { constants, deflateRaw, type ZlibOptions } from 'node:zlib';

/** Slices of 1 MiB: small enough to spread a large entry over every core, large enough that a job's setup does not count. */
export const SLICE_BYTES = 1024 * 1024;
/** The largest output buffer a job fills before handing it back. */
const MAX_CHUNK_BYTES = 256 * 1024;
/** Deflate looks back at most 32 KiB. */
const WINDOW_BYTES = 32 * 1024;

export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/**
 * The `[start, end)` slices of an entry of `length` bytes; an empty entry has one empty slice.
 *
 * @example sliceBounds(2.5 * SLICE_BYTES) // [[0, SLICE_BYTES], [SLICE_BYTES, 2 * SLICE_BYTES], [2 * SLICE_BYTES, 2.5 * SLICE_BYTES]]
 */
export function sliceBounds(length: number, sliceBytes = SLICE_BYTES): [number, number][] {
  const bounds: [number, number][] = [];
  for (let start = 0; start < length || bounds.length === 0; start += sliceBytes)
    bounds.push([start, Math.min(length, start + sliceBytes)]);
  return bounds;
}

/**
 * Deflates `bytes[start, end)` on the thread pool as one piece of the raw deflate stream of all of
 * `bytes`: the pieces of consecutive slices, concatenated, inflate to `bytes`.
 *
 * @example
 * const pieces = await Promise.all(sliceBounds(bytes.length).map(([start, end]) => deflateSlice(bytes, start, end, 6)));
 * inflateRawSync(Buffer.concat(pieces)).equals(bytes) // true
 */
export function deflateSlice(bytes: Uint8Array, start: number, end: number, level: DeflateLevel): Promise<Buffer> {
  return deflatePiece(bytes.subarray(start, end), bytes.subarray(Math.max(0, start - WINDOW_BYTES), start), end === bytes.length, level);
}

/**
 * Deflates `data` on the thread pool as the piece of a raw deflate stream that follows `before`
 * (the bytes just before it, of which the last 32 KiB prime the matches; empty at the start) and,
 * unless `final`, leaves the stream open for the next piece.
 *
 * @example Buffer.concat([await deflatePiece(a, new Uint8Array(), false, 6), await deflatePiece(b, a, true, 6)]) // raw deflate of a + b
 */
export function deflatePiece(data: Uint8Array, before: Uint8Array, final: boolean, level: DeflateLevel): Promise<Buffer> {
  // Output buffers of about a quarter of the piece: one or two trips to the pool instead of one per 16 KiB.
  const chunkSize = Math.min(MAX_CHUNK_BYTES, Math.max(constants.Z_DEFAULT_CHUNK, data.length >> 2));
  const options: ZlibOptions = { level, chunkSize, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH };
  // Stored blocks (level 0) have no matches to prime.
  if (before.length > 0 && level > 0) options.dictionary = before.subarray(Math.max(0, before.length - WINDOW_BYTES));
  return new Promise((resolve, reject) => {
    deflateRaw(data, options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}
