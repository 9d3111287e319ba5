// A large generated entry (annotations.jsonld, report.html, claims.csv) as UTF-8 chunks of about
// a slice each, encoded from the small strings its maker yields straight into the chunk's buffer:
// the whole text never exists as one string (whose flattening and encoding cost more than making
// it) nor as one buffer, and no string is joined only to be encoded.
import { SLICE_BYTES } from './deflate-slices.ts';

/** Room past a chunk's size, for the part that completes it (a larger one starts a buffer of its own). */
const SLACK_BYTES = 128 * 1024;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit. */
const MAX_BYTES_PER_UNIT = 3;

/**
 * The UTF-8 bytes of `parts` joined, in chunks of at least `chunkBytes` bytes, except the last and
 * one cut short by a part too large for the room left; nothing when every part is empty. Each chunk is a buffer of its own, never changed after.
 *
 * @example Buffer.concat([...utf8Chunks(['a', 'b'], 1)]).toString() === 'ab'
 */
export function* utf8Chunks(parts: Iterable<string>, chunkBytes = SLICE_BYTES): Generator<Uint8Array> {
  let buffer = Buffer.allocUnsafe(chunkBytes + SLACK_BYTES);
  let used = 0;
  for (const part of parts) {
    const room = part.length * MAX_BYTES_PER_UNIT;
    if (used + room > buffer.length) {
      if (used > 0) yield buffer.subarray(0, used);
      buffer = Buffer.allocUnsafe(Math.max(chunkBytes + SLACK_BYTES, room));
      used = 0;
    }
    used += buffer.write(part, used, 'utf8');
    if (used < chunkBytes) continue;
    yield buffer.subarray(0, used);
    buffer = Buffer.allocUnsafe(chunkBytes + SLACK_BYTES);
    used = 0;
  }
  if (used > 0) yield buffer.subarray(0, used);
}
