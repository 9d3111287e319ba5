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

let table: Map<string, string> | undefined;
let foldable: RegExp | undefined;
/** The folded unit of every UTF-16 code unit (a surrogate half is itself). */
let units: Uint16Array | undefined;

/** The letters that fold, each to its folded letter, and a pattern finding them; built on first use. */
function foldTable(): { table: Map<string, string>; foldable: RegExp; units: Uint16Array } {
  if (table === undefined || foldable === undefined || units === undefined) {
    table = new Map();
    units = new Uint16Array(0x10000).map((_, unit) => unit);
    for (const [from, to] of RANGES) {
      for (let unit = from; unit <= to; unit++) {
        const letter = String.fromCharCode(unit);
        const lower = letter.toLowerCase();
        if (!EXCEPTIONS.has(unit) && lower.length === 1 && lower !== letter) {
          table.set(letter, lower);
          units[unit] = lower.charCodeAt(0);
        }
      }
    }
    const escape = (letter: string) => `\\u${letter.charCodeAt(0).toString(16).padStart(4, '0')}`;
    foldable = new RegExp(`[${[...table.keys()].map(escape).join('')}]`, 'g');
  }
  return { table, foldable, units };
}

/** Texts at least this long are folded through a table of units rather than a replacement per capital. */
const LONG_TEXT = 256;
const BEYOND_LATIN1 = /[\u0100-\uffff]/;
// In every runtime core runs in (browsers, Node), though not in the ES library core is typed against.
declare const TextDecoder: new (label: 'utf-16le') => { decode(units: Uint16Array): string };
const decoder = new TextDecoder('utf-16le');
let buffer = new Uint16Array(0);

/**
 * `text` with the letters above lowercased, one code unit for one, so an index into the result is
 * an index into `text`.
 * @example foldCase('İstanbul ΣΟΦΙΑ') === 'İstanbul σοφια'
 */
export function foldCase(text: string): string {
  const { table, foldable, units } = foldTable();
  // Latin-1 only: the engine's own lowercasing is the same there (every Latin-1 capital folds to
  // its one lowercase unit) and fastest.
  if (!BEYOND_LATIN1.test(text)) return text.toLowerCase();
  // Long texts (a document's) unit by unit through the table; the decoder would replace a lone
  // surrogate, so a text with one takes the replacement below.
  if (text.length >= LONG_TEXT && text.isWellFormed()) {
    if (buffer.length < text.length) buffer = new Uint16Array(Math.max(text.length, 2 * buffer.length));
    for (let index = 0; index < text.length; index++) buffer[index] = units[text.charCodeAt(index)]!;
    return decoder.decode(buffer.subarray(0, text.length));
  }
  // A replacement per capital letter: short text is mostly lowercase, and this keeps V8's fast paths.
  return text.replace(foldable, (letter) => table.get(letter)!);
}
