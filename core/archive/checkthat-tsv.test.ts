import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCheckThatTsv } from './checkthat-tsv.ts';

describe('parseCheckThatTsv', () => {
  it.each<[string, string, unknown[]]>([
    [
      'the 2020 header and a line',
      '\tvclaim\ttitle\n0\tThe moon is cheese.\tIs the moon cheese?\n',
      [{ id: '0', claim: 'The moon is cheese.', title: 'Is the moon cheese?' }],
    ],
    ['an id header, CRLF, no title', 'id\tvclaim\ttitle\r\n5\tX\t\r\n', [{ id: '5', claim: 'X' }]],
    ['a quoted cell with "" inside', '1\t"A ""Trump"" meme."\tT\n', [{ id: '1', claim: 'A "Trump" meme.', title: 'T' }]],
    [
      'a quoted claim over two lines',
      '3057\t"Account of a Veterans\nAdministration hospital."\tA Great Lady\n3058\tY\tZ\n',
      [
        { id: '3057', claim: 'Account of a Veterans\nAdministration hospital.', title: 'A Great Lady' },
        { id: '3058', claim: 'Y', title: 'Z' },
      ],
    ],
  ])('reads %s', (_name, text, expected) => {
    expect(parseCheckThatTsv(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['a line of two cells', '1\tX\tT\n2\tY\n', /Line 2: 2 tab-separated cells/],
    ['an empty claim', '1\t\tT\n', /Line 1: an archive entry needs a claim/],
    ['a repeated id after a two-line cell', '1\t"a\nb"\tT\n1\tY\tZ\n', /Line 3: the id "1" was used before/],
    ['a quote never closed', '1\t"X\tT\n', /Line 1: a quoted cell is never closed/],
  ])('refuses %s, naming the line', (_name, text, message) => {
    const result = parseCheckThatTsv(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(message);
  });

  it('reads the fixture slice of the CLEF 2020 claims', () => {
    const result = parseCheckThatTsv(
      readFileSync(path.resolve(import.meta.dirname, '../../tests/fixtures/claim-retrieval/verified_claims.docs.tsv'), 'utf8'),
    );
    expect(result.ok && result.value.length).toBe(66);
  });
});
