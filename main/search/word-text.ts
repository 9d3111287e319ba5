// What the word index is given of a text (schema.ts): the text with every character outside
// ASCII that is not a word character (find-text.ts: letters, numbers, marks) made a space.
// SQLite's Unicode tables are older than JavaScript's, and SQLite's tokenizer keeps in a word
// every character its tables do not know: a new currency sign ("100₽"), a new emoji ("great🥺"),
// private use characters. find-text.ts sees a word boundary there, so the index must too;
// word-tokens.test.ts checks that SQLite then splits words exactly where JavaScript does or more.
// A loop over code units with a table, not a regular expression: it runs over every text indexed.

const WORD = /[\p{L}\p{N}\p{M}]/u;
let bmpWord: Uint8Array | undefined;

/** 1 for each BMP code unit that is a word character (surrogates 0: they are looked at in pairs). */
function bmpTable(): Uint8Array {
  if (bmpWord === undefined) {
    bmpWord = new Uint8Array(0x10000);
    for (let unit = 0; unit < 0x10000; unit++) {
      if ((unit < 0xd800 || unit > 0xdfff) && WORD.test(String.fromCharCode(unit))) bmpWord[unit] = 1;
    }
  }
  return bmpWord;
}

/**
 * `text` with each non-ASCII character that is not a word character replaced by one space (a lone
 * surrogate too); the same string when there is none.
 * @example wordText('100₽, great🥺') // '100 , great '
 */
export function wordText(text: string): string {
  const table = bmpTable();
  let out = '';
  let last = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) continue;
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const low = text.charCodeAt(index + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        if (!WORD.test(text.slice(index, index + 2))) {
          out += `${text.slice(last, index)} `;
          last = index + 2;
        }
        index++;
        continue;
      }
    }
    if (table[unit] === 0) {
      out += `${text.slice(last, index)} `;
      last = index + 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}
