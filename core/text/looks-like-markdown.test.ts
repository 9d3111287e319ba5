import { describe, expect, it } from 'vitest';
import { looksLikeMarkdown } from './looks-like-markdown.ts';

describe('looksLikeMarkdown', () => {
  it.each([
    ['a heading', '## Zelensky, 5 December\n\nText.'],
    ['a speaker in bold', '**Zelensky:** We will not give up.'],
    ['strong with underscores', 'It was __not__ true.'],
    ['a link', 'See [the ministry](https://gov.example/figures).'],
    ['a link with a title', 'See [it](https://example.org "the page").'],
    ['fenced code', 'Output:\n```\nok\n```'],
    ['inline code', 'Run `claimbench import` first.'],
    ['a table', '| City | Count |\n|---|---|\n| Kyiv | 3 |'],
  ])('%s is Markdown', (_name, text) => {
    expect(looksLikeMarkdown(text)).toBe(true);
  });

  it.each([
    ['prose', 'The dam was blown up by the occupiers at 02:50, the president said.'],
    ['a hashtag', '#StandWithUkraine trends again'],
    ['a list with dashes', 'Demands:\n- water\n- power'],
    ['a quoted e-mail', '> On Monday you wrote:\n> the figures are wrong'],
    ['stars around a word', 'This is *really* the third time.'],
    ['arithmetic', '2 * 3 = 6 and 4 ** 2 = 16'],
    ['brackets and parentheses apart', 'He said [sic] (twice).'],
    ['snake_case', 'the file_name_here and a_b_c only'],
  ])('%s is not', (_name, text) => {
    expect(looksLikeMarkdown(text)).toBe(false);
  });
});
