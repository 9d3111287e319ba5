import { describe, expect, it } from 'vitest';
import { parseArchiveCsv } from './archive-csv.ts';

describe('parseArchiveCsv', () => {
  it.each<[string, string, unknown[]]>([
    [
      'the seven columns',
      'id,claim,title,rating,url,date,publisher\r\n7,Bleach cures flu,Does it?,False,https://x/7,2020-01-02,Snopes\r\n',
      [
        {
          id: '7',
          claim: 'Bleach cures flu',
          title: 'Does it?',
          rating: 'False',
          url: 'https://x/7',
          date: '2020-01-02',
          publisher: 'Snopes',
        },
      ],
    ],
    [
      'columns in any order, a BOM, RFC 4180 quoting',
      '\uFEFFClaim,ID\n"Says ""no"", twice",a1\n',
      [{ id: 'a1', claim: 'Says "no", twice' }],
    ],
    ['other columns kept as extra', 'id,claim,language,notes\n1,X,en,\n', [{ id: '1', claim: 'X', extra: { language: 'en' } }]],
    [
      'blank lines skipped, empty cells left out',
      'id,claim,rating\n1,X,\n\n2,Y,True\n',
      [
        { id: '1', claim: 'X' },
        { id: '2', claim: 'Y', rating: 'True' },
      ],
    ],
  ])('reads %s', (_name, text, expected) => {
    expect(parseArchiveCsv(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['a header without claim', 'id,text\n1,X\n', /Line 1: the header has no "claim" column/],
    ['an empty claim', 'id,claim\n1,X\n2,\n', /Line 3: an archive entry needs a claim/],
    ['a row after a two-line cell', 'id,claim\n1,"two\nlines"\n1,again\n', /Line 4: the id "1" was used before/],
    ['too many cells', 'id,claim\n1,X,extra\n', /Line 2: 3 cells/],
    ['a quote never closed', 'id,claim\n1,"X\n', /Line 2: a quoted cell is never closed/],
  ])('refuses %s, naming the line', (_name, text, message) => {
    const result = parseArchiveCsv(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(message);
  });
});
