// A large generated entry (annotations.jsonld, report.html, claims.csv) as UTF-8 chunks of about
// a slice each, encoded from the small strings its maker yields straight into the chunk's buffer:
// the whole text never exists as one string (whose flattening and encoding cost more than making
// it) nor as one buffer, and no string is joined only to be encoded.
// A chunk's buffer lives outside the JavaScript heap: a new one for each chunk (~230 MB for the
// 100,000-annotation export) made V8 run a full garbage collection for every ~64 MB of them
// ("external memory pressure"), each marking the whole workspace held in memory. A `ChunkPool`
// takes the buffers back once the zip is done with them (`ParallelZip.addStream`'s `recycle`).
import { SLICE_BYTES } from './deflate-slices.ts';

/** Room past a chunk's size, for the part that completes it (a larger one starts a buffer of its own). */
const SLACK_BYTES = 128 * 1024;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit. */
const MAX_BYTES_PER_UNIT = 3;
/** Spare buffers a pool keeps: a little more than the zip holds on its way (IN_FLIGHT_BYTES, 32 MiB, in ~1 MiB chunks). */
const POOL_BUFFERS = 40;

/**
 * Chunk buffers given back by their reader, to be written again: hand `recycle` to the reader of
 * the chunks, which calls it once it will never read a chunk again (nor anything of its buffer).
 */
export class ChunkPool {
  readonly bufferBytes: number;
  private readonly spare: ArrayBuffer[] = [];

  constructor(chunkBytes = SLICE_BYTES) {
    this.bufferBytes = chunkBytes + SLACK_BYTES;
  }

  /** A buffer of `bufferBytes`, given back or new; its content is undefined. */
  take(): Buffer {
    const spare = this.spare.pop();
    return spare === undefined ? Buffer.allocUnsafeSlow(this.bufferBytes) : Buffer.from(spare);
  }

  /** Gives the buffer under `chunk` back; one of another size (a part larger than a chunk) is left to the garbage collector. */
  readonly recycle = (chunk: Uint8Array): void => {
    if (chunk.byteOffset === 0 && chunk.buffer.byteLength === this.bufferBytes && this.spare.length < POOL_BUFFERS)
      this.spare.push(chunk.buffer as ArrayBuffer);
  };
}

/**
 * The UTF-8 bytes of `parts` joined, in chunks of at least `chunkBytes` bytes, except the last and
 * one cut short by a part too large for the room left; nothing when every part is empty. Each
 * chunk is a buffer of its own, never changed after (until given back to `pool`, if any).
 *
 * @example Buffer.concat([...utf8Chunks(['a', 'b'], 1)]).toString() === 'ab'
 */
export function* utf8Chunks(parts: Iterable<string>, chunkBytes = SLICE_BYTES, pool = new ChunkPool(chunkBytes)): Generator<Uint8Array> {
  if (pool.bufferBytes < chunkBytes)
    throw new RangeError(`the pool's buffers (${pool.bufferBytes} bytes) are smaller than a chunk (${chunkBytes})`);
  let buffer = pool.take();
  let used = 0;
  for (const part of parts) {
    const room = part.length * MAX_BYTES_PER_UNIT;
    if (used + room > buffer.length) {
      if (used > 0) yield buffer.subarray(0, used);
      else pool.recycle(buffer);
      buffer = room > pool.bufferBytes ? Buffer.allocUnsafeSlow(room) : pool.take();
      used = 0;
    }
    used += buffer.write(part, used, 'utf8');
    if (used < chunkBytes) continue;
    yield buffer.subarray(0, used);
    buffer = pool.take();
    used = 0;
  }
  if (used > 0) yield buffer.subarray(0, used);
  else pool.recycle(buffer);
}
