// UTF-8 encoding for core/, which has no TextEncoder (it runs where neither DOM nor Node types exist).

/**
 * The UTF-8 bytes of `text`. A lone surrogate becomes U+FFFD, as TextEncoder does; the bundle's
 * schemas refuse lone surrogates, so canonical bytes never depend on that.
 */
export function utf8(text: string): Uint8Array {
  // Into one array of the largest size it can take (3 bytes a UTF-16 unit): a manifest's file list
  // (4,000 lines) pushed a number at a time was ~100 ms of every verify and import.
  const bytes = new Uint8Array(text.length * 3);
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    let code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        index++;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) bytes[length++] = code;
    else if (code < 0x800) {
      bytes[length++] = 0xc0 | (code >> 6);
      bytes[length++] = 0x80 | (code & 0x3f);
    } else if (code < 0x10000) {
      bytes[length++] = 0xe0 | (code >> 12);
      bytes[length++] = 0x80 | ((code >> 6) & 0x3f);
      bytes[length++] = 0x80 | (code & 0x3f);
    } else {
      bytes[length++] = 0xf0 | (code >> 18);
      bytes[length++] = 0x80 | ((code >> 12) & 0x3f);
      bytes[length++] = 0x80 | ((code >> 6) & 0x3f);
      bytes[length++] = 0x80 | (code & 0x3f);
    }
  }
  return bytes.slice(0, length);
}

/** True if `text` holds an unpaired UTF-16 surrogate (which has no UTF-8 form). */
export function hasLoneSurrogate(text: string): boolean {
  return /\p{Surrogate}/u.test(text);
}

/** Orders strings by their UTF-8 bytes (= by code point), unlike `<`, which compares UTF-16 units. */
export function compareUtf8(a: string, b: string): number {
  // Up to the first unit that differs, the code points are the same; if neither unit there is a
  // surrogate or above, the two units are the code points that differ. Sorting a manifest's 4,000
  // paths made two arrays of code points per comparison (~150 ms of every verify and import).
  const shorter = Math.min(a.length, b.length);
  for (let index = 0; index < shorter; index++) {
    const left = a.charCodeAt(index);
    const right = b.charCodeAt(index);
    if (left === right) continue;
    if (left < 0xd800 && right < 0xd800) return left - right;
    break;
  }
  return compareCodePoints(a, b);
}

function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a, (char) => char.codePointAt(0)!);
  const right = Array.from(b, (char) => char.codePointAt(0)!);
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    if (left[index] !== right[index]) return left[index]! - right[index]!;
  }
  return left.length - right.length;
}
