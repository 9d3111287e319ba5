// A bundle file's bytes as text for readBundleContent: whole (`utf8Text`), or a line at a time
// (`utf8Lines`) for annotations.jsonld, which at 100,000 annotations is 110 MB: decoding it in one
// call held the thread for most of a second, and splitting the string made 100,000 more.
import { isUtf8 } from 'node:buffer';
import type { TextLines } from '../../core/bundle/read-bundle-content.ts';

const NEWLINE = 0x0a;

/** Whether `bytes` start with a UTF-8 byte order mark (which `utf8Text` and `utf8Lines` drop, as TextDecoder does). */
export function hasByteOrderMark(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Where the text starts: after a byte order mark. */
function textStart(bytes: Uint8Array): number {
  return hasByteOrderMark(bytes) ? 3 : 0;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** `bytes` as UTF-8 text; throws if they are not valid UTF-8 (checked by simdutf: several times faster than a fatal TextDecoder). */
export function utf8Text(bytes: Uint8Array): string {
  if (!isUtf8(bytes)) throw new TypeError('not valid UTF-8');
  return asBuffer(bytes).toString('utf8', textStart(bytes));
}

/**
 * The lines of `bytes` (split at "\n", as `utf8Text(bytes).split('\n')` would be), each decoded
 * when asked for; throws at once if the bytes are not valid UTF-8. A newline byte is never part
 * of another character in UTF-8, so the bytes can be split before they are decoded.
 */
export function utf8Lines(bytes: Uint8Array): TextLines {
  if (!isUtf8(bytes)) throw new TypeError('not valid UTF-8');
  const buffer = asBuffer(bytes);
  const starts = [textStart(bytes)];
  for (let at = buffer.indexOf(NEWLINE, starts[0]); at >= 0; at = buffer.indexOf(NEWLINE, at + 1)) starts.push(at + 1);
  return {
    count: starts.length,
    line: (index) => buffer.toString('utf8', starts[index], index + 1 < starts.length ? starts[index + 1]! - 1 : buffer.length),
  };
}
