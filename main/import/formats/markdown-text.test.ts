import { describe, expect, it } from 'vitest';
import { splitSections } from './markdown-parse.ts';
import { markdownHeadings, markdownInlineText, markdownToText } from './markdown-text.ts';

const lines = (...text: string[]) => text.join('\n');
const plain = (source: string) => {
  const converted = markdownToText(source);
  if (converted === undefined) throw new Error('not converted');
  return converted;
};

describe('markdownToText', () => {
  it.each([
    // Emphasis: the markers go, the words stay.
    ['emphasis and strong', '*a* _b_ **c** __d__ ***e*** ~~f~~', 'a b c d e f'],
    ['a speaker in bold', '**Zelensky:** We will not give up.', 'Zelensky: We will not give up.'],
    ['escaped markers', String.raw`\*not emphasis\* and 2\*3`, '*not emphasis* and 2*3'],
    ['character references', '&amp; &copy; &#8364; &nbsp;x', '& © € \u00a0x'],
    // Odd and hostile input: what is not markup stays as it was written.
    ['unclosed emphasis', '**Zelensky: we will', '**Zelensky: we will'],
    ['a lone star and underscores in words', '5 * 3 = snake_case_name', '5 * 3 = snake_case_name'],
    ['an unclosed link', '[the report](https://example.org', '[the report](https://example.org'],
    [
      'HTML, which stays text',
      '<script>alert(1)</script>\n\nA <b>bold</b> <!-- note --> claim',
      '<script>alert(1)</script>\n\nA <b>bold</b> <!-- note --> claim',
    ],
    ['a javascript: link, printed', '[click](javascript:alert(1))', 'click (javascript:alert(1))'],
    // Links: their text, the address after it when it says more.
    ['a link', 'See [the ministry](https://gov.example/figures).', 'See the ministry (https://gov.example/figures).'],
    ['an autolink', 'At <https://example.org/a> now', 'At https://example.org/a now'],
    ['a link whose text is its address', '[https://example.org](https://example.org)', 'https://example.org'],
    ['an e-mail autolink', 'Write to <desk@example.org>.', 'Write to desk@example.org.'],
    ['a link to a place in the page', 'See [below](#figures).', 'See below.'],
    ['a link with no text', 'Source: [](https://example.org/s)', 'Source: https://example.org/s'],
    ['an address not percent-encoded', '[Київ](https://uk.example/Київ)', 'Київ (https://uk.example/Київ)'],
    ['a reference link defined after it', 'See [the map][m].\n\n[m]: https://example.org/map', 'See the map (https://example.org/map).'],
    ['an image: its description', 'Before ![Map of *Kherson*](map.png) after', 'Before Map of Kherson after'],
    // Code: its text, as written.
    ['inline code', 'Run `rm **-rf**` now', 'Run rm **-rf** now'],
    ['a fenced block', '```js\nlet a = **1**;\n\n# not a heading\n```', 'let a = **1**;\n\n# not a heading'],
    ['an indented block', 'Text:\n\n    indented *code*\n', 'Text:\n\nindented *code*'],
    // Lists: a line per item, with its marker.
    ['bullets of every kind', '* one\n+ two\n- three', '- one\n- two\n- three'],
    ['a tight list', '- one\n- two', '- one\n- two'],
    ['an ordered list', '3. three\n4. four', '3. three\n4. four'],
    ['a list with ) markers', '1) one\n2) two', '1) one\n2) two'],
    ['a nested list', '1. one\n   - inner *a*\n   - inner b\n2. two', '1. one\n   - inner a\n   - inner b\n2. two'],
    ['a loose list with a second paragraph', '- one\n\n  more of one\n- two', '- one\n\n  more of one\n- two'],
    ['an empty item', '- \n- b', '-\n- b'],
    ['a task list', '- [ ] open\n- [x] done', '- [ ] open\n- [x] done'],
    // Blocks: lines and blank lines as in the source.
    ['paragraphs', 'One line\nand the next.\n\n\n\nAnother paragraph.', 'One line\nand the next.\n\nAnother paragraph.'],
    ['a hard break', 'Line one  \nline two\\\nline three', 'Line one\nline two\nline three'],
    ['a quote', '> Quoted *words*\n> go on\n\nAfter.', 'Quoted words\ngo on\n\nAfter.'],
    ['a thematic break', 'Before\n\n---\n\nAfter', 'Before\n\nAfter'],
    ['a table', '| Name | Count |\n|---|--:|\n| **Kyiv** | 3 |\n| Lviv | 4 |', 'Name | Count\nKyiv | 3\nLviv | 4'],
    ['leading and trailing blank lines', '\n\n  \nText\n\n\n', 'Text'],
  ])('%s', (_name, source, expected) => {
    expect(plain(source).text).toBe(expected);
  });

  it('keeps headings as lines and records them, at their offsets in the plain text', () => {
    const source = lines(
      '# Briefing from **Kyiv** #',
      '',
      'Intro with a [link](https://example.org).',
      '',
      'Setext *heading*',
      '----------------',
      '> ### In a quote',
      '- #### In a list item',
      '',
      '###### 🙂 Six',
    );
    const { text, headings } = plain(source);
    expect(text).toBe(
      lines(
        'Briefing from Kyiv',
        '',
        'Intro with a link (https://example.org).',
        '',
        'Setext heading',
        'In a quote',
        '- In a list item',
        '',
        '🙂 Six',
      ),
    );
    expect(headings.map(({ level, text }) => [level, text])).toEqual([
      [1, 'Briefing from Kyiv'],
      [2, 'Setext heading'],
      [3, 'In a quote'],
      [4, 'In a list item'],
      [6, '🙂 Six'],
    ]);
    for (const heading of headings) expect(text.slice(heading.start, heading.start + heading.text.length)).toBe(heading.text);
  });

  it('finds headings again when normalizing joins a combining mark across markup', () => {
    // "e" then a combining acute inside emphasis: one "é" once the markers are gone.
    const { text, headings } = plain('# Cafe*\u0301*\n\nBody\n\n## Next');
    expect(text).toBe('Café\n\nBody\n\nNext');
    expect(headings).toEqual([
      { level: 1, text: 'Café', start: 0 },
      { level: 2, text: 'Next', start: 12 },
    ]);
  });

  it('gives up on blocks nested past the parser limit (it would drop their text)', () => {
    expect(markdownToText(`${'>'.repeat(150)} bottom`)).toBeUndefined();
    expect(markdownToText(`${'- '.repeat(80)}bottom`)).toBeUndefined();
    expect(markdownToText(`${'>'.repeat(20)} not so deep`)?.text).toBe('not so deep');
  });

  it('gives the same text, a section at a time, as the whole file at once', () => {
    const part = lines(
      '## Part *{n}*',
      '',
      'Said [the mayor][mayor] on `Tuesday`.',
      '```',
      'fenced',
      '',
      'not a new section',
      '```',
      '',
      '1. one',
      '',
      '   still one',
      '- next',
      '',
      '    indented code',
      '',
      '> a quote',
      'lazy line',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
      '',
      '',
    );
    const source = `${Array.from({ length: 40 }, (_, n) => part.replace('{n}', String(n))).join('')}[mayor]: https://example.org/mayor\n`;
    const whole = markdownToText(source);
    const sectioned = markdownToText(source, 200);
    expect(splitSections(source, 200).length).toBeGreaterThan(10);
    expect(sectioned).toEqual(whole);
    expect(whole?.text).toContain('Said the mayor (https://example.org/mayor) on Tuesday.');
    expect(whole?.headings).toHaveLength(40);
  });
});

describe('splitSections', () => {
  it('cuts only after a blank line, before an unindented line, outside fenced code', () => {
    const source = lines('para one', '', '```', 'code', '', 'still code', '```', '', 'para two', '', '  indented', '', 'para three');
    const sections = splitSections(source, 1);
    expect(sections.map((section) => section.text.split('\n')[0])).toEqual(['para one', '```', 'para two', 'para three']);
    expect(sections.map((section) => section.firstLine)).toEqual([0, 2, 8, 12]);
    expect(sections.map((section) => section.text).join('')).toBe(source);
  });
});

describe('markdownHeadings (the source kept)', () => {
  it('finds headings where they are written, not in code', () => {
    const source = lines('# C# and F#', '', '```', '# not a heading', '```', '', 'Title', '=====', '', '> ## Quoted **one**');
    const headings = markdownHeadings(source);
    expect(headings).toEqual([
      { level: 1, text: 'C# and F#', start: 2 },
      { level: 1, text: 'Title', start: source.indexOf('Title') },
      { level: 2, text: 'Quoted **one**', start: source.indexOf('Quoted') },
    ]);
  });
});

describe('markdownInlineText', () => {
  it.each([
    ['Briefing from **Kyiv**', 'Briefing from Kyiv'],
    ['`code` and *emphasis*', 'code and emphasis'],
    ['  spaced  ', 'spaced'],
  ])('%s', (source, expected) => {
    expect(markdownInlineText(source)).toBe(expected);
  });
});
