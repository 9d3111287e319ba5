// CSV as RFC 4180 writes it (and spreadsheets read it): the one reader and writer for every CSV
// Claimbench imports or exports (codebooks, annotations), so quoting rules live in one place.
import { fail, ok, type Result } from '../result.ts';

/**
 * Reads CSV text into rows of cells. Follows RFC 4180 and is lenient where spreadsheets are:
 * a leading byte-order mark is dropped, records may end in CRLF, LF or a lone CR, a quoted cell
 * may span lines (its line breaks are kept as written), `""` inside quotes is one `"`, and a `"`
 * inside an unquoted cell is taken literally. The line break after the last record is optional;
 * an empty line in between is a row with one empty cell. Fails, with the line number, on a
 * quoted cell that never ends or a character between a closing quote and the next comma.
 * @example parseCsv('name,note\r\n"Smith, J.","said ""no"""\r\n') // ok([['name','note'],['Smith, J.','said "no"']])
 */
export function parseCsv(text: string): Result<string[][], 'invalid'> {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let line = 1;
  let index = 0;
  if (input.length === 0) return ok(rows);
  for (;;) {
    // At the start of a cell.
    let cell: string;
    if (input[index] === '"') {
      const openedOn = line;
      let value = '';
      index++;
      for (;;) {
        const quote = input.indexOf('"', index);
        if (quote === -1) {
          return fail(
            'invalid',
            `Line ${openedOn}: a quoted cell is never closed (a " opens it and no " ends it before the end of the file).`,
          );
        }
        value += input.slice(index, quote);
        line += countLineBreaks(input, index, quote);
        if (input[quote + 1] === '"') {
          value += '"';
          index = quote + 2;
        } else {
          index = quote + 1;
          break;
        }
      }
      const next = input[index];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        return fail(
          'invalid',
          `Line ${line}: unexpected ${JSON.stringify(next)} after the closing quote of a cell; a quote inside a quoted cell is written "".`,
        );
      }
      cell = value;
    } else {
      let end = index;
      while (end < input.length && input[end] !== ',' && input[end] !== '\n' && input[end] !== '\r') end++;
      cell = input.slice(index, end);
      index = end;
    }
    row.push(cell);
    // After a cell: a comma, a line break, or the end.
    const separator = input[index];
    if (separator === ',') {
      index++;
      continue;
    }
    rows.push(row);
    row = [];
    if (separator === undefined) break;
    index += separator === '\r' && input[index + 1] === '\n' ? 2 : 1;
    line++;
    if (index >= input.length) break;
  }
  return ok(rows);
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const char = text[i];
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) count++;
  }
  return count;
}

/**
 * Writes rows as CSV: CRLF after every record, a cell quoted (with `"` doubled) when it holds a
 * comma, a quote, CR or LF. `parseCsv(toCsv(rows))` gives `rows` back, except that a row with no
 * cells reads back as one empty cell. Cells go out as they are: pass cells a person may open in
 * a spreadsheet through {@link spreadsheetSafe} first.
 * @example toCsv([['a', 'b,c'], ['say "hi"', '']]) === 'a,"b,c"\r\n"say ""hi""",\r\n'
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map(csvRecord).join('');
}

/**
 * One record of {@link toCsv}, with its CRLF: for a file written row by row.
 * @example csvRecord(['a', 'b,c']) === 'a,"b,c"\r\n'
 */
export function csvRecord(row: readonly string[]): string {
  return row.map(quoteIfNeeded).join(',') + '\r\n';
}

function quoteIfNeeded(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** What makes Excel, LibreOffice or Google Sheets read a cell as a formula. */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * Neutralizes CSV formula injection ("CSV injection", OWASP): a cell that starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return is run as a formula by spreadsheet programs
 * (`=HYPERLINK(…)`, `=cmd|…`), so such a cell gets a leading `'`, which they show as text.
 * A cell that already starts with `'`s before one of those characters gets one more `'`, so that
 * {@link undoSpreadsheetSafe} can take exactly one away and give every text back unchanged.
 * Use it on free text (names, quotes, notes) in exported files, not on ids or numbers that a
 * program reads back: `-3` becomes `'-3`.
 * @example spreadsheetSafe('=1+1') === "'=1+1"; spreadsheetSafe('plain') === 'plain'
 */
export function spreadsheetSafe(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * The inverse of {@link spreadsheetSafe}, for importing a file that Claimbench exported: one
 * leading `'` is removed when what follows is `'`s and then a formula character. Any other cell
 * (a name that starts with an apostrophe, like `'til dawn`) is unchanged.
 * @example undoSpreadsheetSafe("'=1+1") === '=1+1'; undoSpreadsheetSafe("'til") === "'til"
 */
export function undoSpreadsheetSafe(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
