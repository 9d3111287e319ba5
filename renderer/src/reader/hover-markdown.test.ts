import { describe, expect, it } from 'vitest';
import { escapeMarkdown, noteMarkdown } from './hover-markdown.ts';

describe('noteMarkdown', () => {
  const cases: [what: string, note: string, markdown: string][] = [
    ['an inline image becomes a link', 'see ![chart](https://evil.example/c.png) here', 'see \\![chart](https://evil.example/c.png) here'],
    ['a reference image too', '![beacon][b]\n\n[b]: https://evil.example/b.png', '\\![beacon][b]\n\n[b]: https://evil.example/b.png'],
    ['a shortcut reference image too', '![b]\n\n[b]: https://evil.example/b.png', '\\![b]\n\n[b]: https://evil.example/b.png'],
    [
      'an image inside a link',
      '[![x](https://evil.example/x.png)](https://example.org)',
      '[\\![x](https://evil.example/x.png)](https://example.org)',
    ],
    ['an escaped backslash before an image', 'C:\\\\![x](https://evil.example/x.png)', 'C:\\\\\\![x](https://evil.example/x.png)'],
    ['an image after an unclosed backtick', 'a ` b ![x](https://evil.example/x.png)', 'a ` b \\![x](https://evil.example/x.png)'],
    ['an already escaped one stays as it is', 'not an image: \\![x](y)', 'not an image: \\![x](y)'],
    ['code spans keep their text', 'use `![alt](src)` for images', 'use `![alt](src)` for images'],
    [
      'fenced code keeps its text',
      '```md\n![alt](src)\n```\nthen ![x](https://evil.example/x.png)',
      '```md\n![alt](src)\n```\nthen \\![x](https://evil.example/x.png)',
    ],
    ['an unclosed fence runs to the end', '~~~\n![alt](src)', '~~~\n![alt](src)'],
    ['links, emphasis and a lone "!" are left alone', 'Wow! **[source](https://example.org)**', 'Wow! **[source](https://example.org)**'],
  ];
  it.each(cases)('%s', (_what, note, markdown) => {
    expect(noteMarkdown(note)).toBe(markdown);
  });
});

describe('escapeMarkdown', () => {
  const cases: [name: string, escaped: string][] = [
    ['<img src=x onerror="a()">', '\\<img src=x onerror="a\\(\\)"\\>'],
    ['[x](javascript:a)', '\\[x\\]\\(javascript:a\\)'],
    ['![x](https://evil.example/x.png)', '\\!\\[x\\]\\(https://evil\\.example/x\\.png\\)'],
    ['R&amp;D ~~struck~~', 'R\\&amp;D \\~\\~struck\\~\\~'],
    ['# *Named* _official_ `x` | a+b-c', '\\# \\*Named\\* \\_official\\_ \\`x\\` \\| a\\+b\\-c'],
  ];
  it.each(cases)('%s', (name, escaped) => {
    expect(escapeMarkdown(name)).toBe(escaped);
  });
});
