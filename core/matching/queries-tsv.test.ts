import { describe, expect, it } from 'vitest';
import { parseQueriesTsv } from './queries-tsv.ts';

describe('parseQueriesTsv', () => {
  it.each([
    ['a header id<TAB>text', 'id\ttext\nq1\tBleach cures flu.\n', [{ id: 'q1', text: 'Bleach cures flu.' }]],
    [
      'the CheckThat! header <TAB>tweet_content',
      '\ttweet_content\n0\tHow are butterflies surviving?',
      [{ id: '0', text: 'How are butterflies surviving?' }],
    ],
    [
      'no header, CRLF, a BOM and blank lines',
      '\uFEFFq1\tOne.\r\n\r\nq2\tTwo.\r\n',
      [
        { id: 'q1', text: 'One.' },
        { id: 'q2', text: 'Two.' },
      ],
    ],
    ['quotes and tabs in the text kept as they are', 'q1\t"He said ""no"""\tand left', [{ id: 'q1', text: '"He said ""no"""\tand left' }]],
  ])('reads %s', (_name, text, queries) => {
    expect(parseQueriesTsv(text)).toEqual({ ok: true, value: queries });
  });

  it.each([
    ['a line without a tab', 'id\ttext\nq1\tOne.\nq2 Two.\n', 'Line 3: no tab; each line is id<TAB>text.'],
    ['an empty id', 'q1\tOne.\n\tTwo.\n', 'Line 2: the id (before the tab) is empty.'],
    ['an empty text', 'q1\tOne.\nq2\t  \n', 'Line 2: the text (after the tab) is empty.'],
    ['an id used twice', 'q1\tOne.\n\nq1\tTwo.\n', 'Line 3: the id "q1" was used on line 1.'],
    ['no queries', 'id\ttext\n', 'No queries: each line is id<TAB>text.'],
  ])('refuses %s, naming the line', (_name, text, message) => {
    expect(parseQueriesTsv(text)).toEqual({ ok: false, error: { code: 'invalid', message } });
  });
});
