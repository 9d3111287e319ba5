// Case folding for search that keeps every offset: each UTF-16 code unit folds to exactly one.
//
// Why not `toLowerCase()` of the whole string: it changes lengths ("İ" becomes two units), so
// offsets found in the folded text would be wrong in the original. Why not Unicode case folding
// everywhere: the index (SQLite FTS5, main/search/) folds by its own table (Unicode 6.1, simple
// lowercase), and a phrase the index cannot find is a phrase search misses. So this folds exactly
// where both agree: Latin, Greek, Cyrillic, Armenian, Latin and Greek Extended, fullwidth Latin,
// minus the letters SQLite folds differently (µ ſ ς ϐ ϑ ϕ ϖ ϰ ϱ ϵ Ϳ ẛ ι, Cyrillic from U+0528);
// other scripts match case exactly. main/search/fold-agreement.test.ts checks the agreement
// against SQLite for every code point.

const RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x0527],
  [0x0531, 0x0556],
  [0x1e00, 0x1fff],
  [0xff21, 0xff3a],
];
const EXCEPTIONS = new Set([0xb5, 0x17f, 0x37f, 0x3c2, 0x3d0, 0x3d1, 0x3d5, 0x3d6, 0x3f0, 0x3f1, 0x3f5, 0x1e9b, 0x1fbe]);

let table: Uint16Array | undefined;

/** code unit → folded code unit, built on first use (128 KB). */
function foldTable(): Uint16Array {
  if (table !== undefined) return table;
  table = new Uint16Array(0x10000);
  for (let unit = 0; unit < 0x10000; unit++) table[unit] = unit;
  for (const [from, to] of RANGES) {
    for (let unit = from; unit <= to; unit++) {
      if (EXCEPTIONS.has(unit)) continue;
      const lower = String.fromCharCode(unit).toLowerCase();
      if (lower.length === 1) table[unit] = lower.charCodeAt(0);
    }
  }
  return table;
}

/**
 * `text` with the letters above lowercased, one code unit for one, so an index into the result is
 * an index into `text`.
 * @example foldCase('İstanbul ΣΟΦΙΑ') === 'İstanbul σοφια'
 */
export function foldCase(text: string): string {
  const fold = foldTable();
  let changed = false;
  const units = new Uint16Array(text.length);
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    const folded = fold[unit]!;
    units[index] = folded;
    if (folded !== unit) changed = true;
  }
  if (!changed) return text;
  let result = '';
  // In chunks: String.fromCharCode takes its arguments on the stack.
  for (let start = 0; start < units.length; start += 8192) result += String.fromCharCode(...units.subarray(start, start + 8192));
  return result;
}
