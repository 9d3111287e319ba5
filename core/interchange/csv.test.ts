import { describe, expect, it } from 'vitest';
import { parseCsv, spreadsheetSafe, toCsv, undoSpreadsheetSafe } from './csv.ts';

function parsed(text: string): string[][] {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('parseCsv', () => {
  it.each<[string, string, string[][]]>([
    ['an empty file has no rows', '', []],
    [
      'plain cells, CRLF',
      'a,b\r\nc,d\r\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'LF line breaks',
      'a,b\nc,d\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'lone CR line breaks (old Mac exports)',
      'a,b\rc,d',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'no line break after the last record',
      'a,b\r\nc,d',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['a leading BOM is dropped', '\uFEFFname\r\nx\r\n', [['name'], ['x']]],
    ['a BOM that is not leading is kept', 'a\uFEFF\r\n', [['a\uFEFF']]],
    ['quoted cells with commas', '"Smith, J.",x', [['Smith, J.', 'x']]],
    ['doubled quotes inside quotes', '"say ""no""",""""', [['say "no"', '"']]],
    ['a quoted empty cell', '"",a', [['', 'a']]],
    ['embedded CRLF and LF are kept as written', '"one\r\ntwo\nthree",x\r\n', [['one\r\ntwo\nthree', 'x']]],
    ['empty cells at the ends', ',a,\r\n', [['', 'a', '']]],
    ['an empty line in between is one empty cell', 'a\r\n\r\nb\r\n', [['a'], [''], ['b']]],
    ['a quote inside an unquoted cell is literal', '5" screen,x', [['5" screen', 'x']]],
    ['spaces are kept', ' a , b ', [[' a ', ' b ']]],
    ['unicode', 'חדשות,😀,"<&>"', [['חדשות', '😀', '<&>']]],
  ])('%s', (_name, text, rows) => {
    expect(parsed(text)).toEqual(rows);
  });

  it('names the line where an unterminated quoted cell opens', () => {
    const result = parseCsv('id,name\r\na,"fine"\r\nb,"multi\r\nline"\r\nc,"never closed\r\nd,x\r\n');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid');
      expect(result.error.message).toMatch(/^Line 5: a quoted cell is never closed/);
    }
  });

  it('refuses text between a closing quote and the next comma, with its line', () => {
    const result = parseCsv('a\r\n"multi\nline"x,y');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^Line 3: unexpected "x" after the closing quote/);
  });

  it('reads a large file in linear time', () => {
    const big = 'a,"b ""c""",d\r\n'.repeat(200_000);
    const started = performance.now();
    expect(parsed(big)).toHaveLength(200_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('toCsv', () => {
  it('uses CRLF and quotes only what needs it', () => {
    expect(
      toCsv([
        ['a', 'b,c'],
        ['say "hi"', ''],
        ['x\ny', 'p\rq'],
      ]),
    ).toBe('a,"b,c"\r\n"say ""hi""",\r\n"x\ny","p\rq"\r\n');
  });

  it.each<[string, string[][]]>([
    [
      'plain',
      [
        ['id', 'name'],
        ['a', 'b'],
      ],
    ],
    ['awkward cells', [['"', ',', '\r\n', '\n', '\r', ' lead', 'trail ', '""x""', '']]],
    ['one empty cell', [['']]],
    ['no rows', []],
    ['unicode', [['😀 emoji', 'עברית RTL', '<&> "quoted"', 'e\u0301']]],
  ])('round-trips %s', (_name, rows) => {
    expect(parsed(toCsv(rows))).toEqual(rows);
  });
});

describe('spreadsheetSafe', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+33 1 23', "'+33 1 23"],
    ['-3', "'-3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindent', "'\tindent"],
    ['\rcr', "'\rcr"],
    ['=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'],
    ['plain text', 'plain text'],
    ['', ''],
    ["'til dawn", "'til dawn"],
    ["'=already quoted", "''=already quoted"],
    ["''-twice", "'''-twice"],
    ['a=b', 'a=b'],
  ])('%j becomes %j and comes back', (cell, safe) => {
    expect(spreadsheetSafe(cell)).toBe(safe);
    expect(undoSpreadsheetSafe(spreadsheetSafe(cell))).toBe(cell);
  });

  it('leaves a plain apostrophe alone when undoing', () => {
    expect(undoSpreadsheetSafe("'til dawn")).toBe("'til dawn");
    expect(undoSpreadsheetSafe("'")).toBe("'");
  });
});
