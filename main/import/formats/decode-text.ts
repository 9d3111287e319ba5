// Turns a text file's bytes into a string, strictly: UTF-8 (a BOM stripped) or UTF-16 with a BOM.
// Binary data and invalid UTF-8 are rejected with the reason, never turned into U+FFFD.
import { fail, ok, type Result } from '../../../core/result.ts';

/** How far into a file a NUL byte marks it as binary (git and grep look at the first 8 KiB too). */
export const BINARY_SNIFF_BYTES = 8 * 1024;

export type DecodeFailure = 'empty' | 'not-text' | 'invalid-encoding';

/**
 * Decodes `bytes` as UTF-8, or as UTF-16 LE/BE when it starts with that BOM.
 * @example decodeText(new TextEncoder().encode('hé')) // ok('hé')
 */
export function decodeText(bytes: Uint8Array): Result<string, DecodeFailure> {
  if (bytes.length === 0) return fail('empty', 'the file is empty');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be');
  const sniffed = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sniffed.includes(0)) return fail('not-text', 'not a text file (it contains NUL bytes, as binary files do)');
  try {
    // ignoreBOM: false (the default) drops a leading UTF-8 BOM.
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail('invalid-encoding', `not valid UTF-8 at byte ${firstInvalidUtf8Byte(bytes)}`);
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Result<string, DecodeFailure> {
  try {
    return ok(new TextDecoder(encoding, { fatal: true }).decode(bytes));
  } catch {
    return fail('invalid-encoding', `not valid ${encoding.toUpperCase()} (an unpaired surrogate or an odd number of bytes)`);
  }
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    let length: number;
    let min: number;
    if (lead < 0x80) {
      index++;
      continue;
    } else if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      min = 0x10000;
    } else {
      return index;
    }
    if (index + length > bytes.length) return index;
    let codePoint = lead & (0xff >> (length + 1));
    for (let offset = 1; offset < length; offset++) {
      const continuation = bytes[index + offset]!;
      if ((continuation & 0xc0) !== 0x80) return index;
      codePoint = (codePoint << 6) | (continuation & 0x3f);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are invalid too.
    if (codePoint < min || (codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) return index;
    index += length;
  }
  return bytes.length;
}
