import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../extract-types.ts';
import { decodeText, firstInvalidUtf8Byte } from './decode-text.ts';
import { extractMarkdown } from './markdown.ts';
import { markdownHeadings } from './markdown-text.ts';
import { extractText, firstLine } from './text.ts';

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);
const input = (data: Uint8Array, fileName = 'file.txt') => ({ bytes: data, fileName, limits: DEFAULT_LIMITS });

describe('decodeText', () => {
  it.each([
    ['plain UTF-8', utf8('Київ café 🙂'), 'Київ café 🙂'],
    ['UTF-8 with a BOM (stripped)', bytes(0xef, 0xbb, 0xbf, 0x68, 0x69), 'hi'],
    ['UTF-16 LE with a BOM', bytes(0xff, 0xfe, 0x68, 0x00, 0xe9, 0x00), 'hé'],
    ['UTF-16 BE with a BOM', bytes(0xfe, 0xff, 0x00, 0x68, 0x00, 0xe9), 'hé'],
    ['UTF-16 LE with an astral character', bytes(0xff, 0xfe, 0x3d, 0xd8, 0x42, 0xde), '🙂'],
  ])('decodes %s', (_name, data, expected) => {
    expect(decodeText(data)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['an empty file', bytes(), 'empty', 'the file is empty'],
    ['a NUL byte', utf8('text\0more'), 'not-text', 'not a text file (it contains NUL bytes, as binary files do)'],
    ['a PNG header', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d), 'not-text', undefined],
    ['Latin-1 é', bytes(0x63, 0x61, 0x66, 0xe9, 0x21), 'invalid-encoding', 'not valid UTF-8 at byte 3'],
    ['a truncated sequence at the end', bytes(0x61, 0xe2, 0x82), 'invalid-encoding', 'not valid UTF-8 at byte 1'],
    ['an overlong slash', bytes(0x61, 0xc0, 0xaf), 'invalid-encoding', 'not valid UTF-8 at byte 1'],
    ['an encoded surrogate', bytes(0x61, 0x62, 0xed, 0xa0, 0x80), 'invalid-encoding', 'not valid UTF-8 at byte 2'],
    ['UTF-16 with an odd byte count', bytes(0xff, 0xfe, 0x68), 'invalid-encoding', undefined],
  ])('rejects %s', (_name, data, code, message) => {
    const result = decodeText(data);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    if (message) expect(result.error.message).toBe(message);
  });

  it('finds a NUL only in the first 8 KiB, then judges the rest as UTF-8', () => {
    const late = new Uint8Array(9000).fill(0x61);
    late[8500] = 0;
    expect(decodeText(late).ok).toBe(true);
  });

  it('agrees with TextDecoder about validity on random bytes', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    for (let round = 0; round < 300; round++) {
      const data = Uint8Array.from({ length: 24 }, () => random() | 0x01);
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(data);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8Byte(data) === data.length).toBe(valid);
    }
  });
});

describe('extractText', () => {
  it('imports the seed article, normalized, titled by its first line', async () => {
    const data = await readFile(path.resolve(import.meta.dirname, '../../../../shared/corpus/seed-article.txt'));
    const result = await extractText(input(data));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.format).toBe('text');
    expect(result.value.text.startsWith('Russian forces continued')).toBe(true);
    expect(result.value.text).toBe(result.value.text.normalize('NFC'));
    expect(result.value.title).toBe('Russian forces continued to batter urban areas in Ukraine on Thursday, annihilating basic…');
  });

  it('normalizes CRLF and decomposed accents', async () => {
    const result = await extractText(input(utf8('Cafe\u0301 report\r\nline two\r\n')));
    expect(result).toMatchObject({ ok: true, value: { text: 'Café report\nline two\n', title: 'Café report' } });
  });

  it.each([
    ['whitespace only', utf8('  \n\t\n'), 'empty'],
    ['a binary file renamed .txt', bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0), 'not-text'],
  ])('rejects %s', async (_name, data, code) => {
    expect(await extractText(input(data))).toMatchObject({ ok: false, error: { code } });
  });
});

describe('firstLine', () => {
  it.each([
    ['a short line', 'Mayor warns of dry taps\nbody', 'Mayor warns of dry taps'],
    [
      'a long line with a short first sentence',
      `Taps may run dry by September. ${'More words follow here. '.repeat(8)}`,
      'Taps may run dry by September.',
    ],
    ['a long first sentence', `${'word '.repeat(40)}end.`, `${'word '.repeat(18)}word…`],
    ['leading blank lines', '\n\n  Title  \n', 'Title'],
    ['a Markdown heading', '# Zelensky: press conference, 5 December\n\n**Zelensky:** …', 'Zelensky: press conference, 5 December'],
    ['a closed Markdown heading', '##  Briefing ##\nbody', 'Briefing'],
    ['a hash that is no heading', '#hashtag trends\nbody', '#hashtag trends'],
    ['nothing', '  \n ', undefined],
  ])('%s', (_name, text, expected) => {
    expect(firstLine(text)).toBe(expected);
  });
});

describe('markdown', () => {
  const source = [
    '# Water emergency in Valmont',
    '',
    'Intro paragraph.',
    '',
    '```',
    '# not a heading (code)',
    '```',
    '',
    'What the ministry said',
    '----------------------',
    '',
    '### Figures ###',
    '- a list item',
    '---',
  ].join('\n');

  it('finds ATX and setext headings outside code, at their offsets', () => {
    const headings = markdownHeadings(source);
    expect(headings.map(({ level, text }) => [level, text])).toEqual([
      [1, 'Water emergency in Valmont'],
      [2, 'What the ministry said'],
      [3, 'Figures'],
    ]);
    for (const heading of headings) expect(source.slice(heading.start, heading.start + heading.text.length)).toBe(heading.text);
  });

  it('keeps the Markdown source as the text when asked, and the first heading as the title', async () => {
    const result = await extractMarkdown({ ...input(utf8(source), 'notes.md'), markdown: 'source' });
    expect(result).toMatchObject({
      ok: true,
      value: {
        format: 'markdown',
        markdown: 'source',
        text: source,
        title: 'Water emergency in Valmont',
        headings: markdownHeadings(source),
      },
    });
  });

  it('converts Markdown to plain text by default, its headings found in that text', async () => {
    const result = await extractMarkdown(input(utf8(source), 'notes.md'));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ format: 'markdown', markdown: 'plain', title: 'Water emergency in Valmont' });
    expect(result.value.text).toBe(
      [
        'Water emergency in Valmont',
        '',
        'Intro paragraph.',
        '',
        '# not a heading (code)',
        '',
        'What the ministry said',
        '',
        'Figures',
        '- a list item',
      ].join('\n'),
    );
    expect(
      result.value.headings?.map(({ level, text, start }) => [level, text, result.value.text.slice(start, start + text.length)]),
    ).toEqual([
      [1, 'Water emergency in Valmont', 'Water emergency in Valmont'],
      [2, 'What the ministry said', 'What the ministry said'],
      [3, 'Figures', 'Figures'],
    ]);
  });

  it('keeps the source of a file nested too deep to convert whole (a hostile file), rather than lose its text', async () => {
    const nested = `${'>'.repeat(200)} the words at the bottom\n`;
    const result = await extractMarkdown(input(utf8(nested), 'deep.md'));
    expect(result).toMatchObject({ ok: true, value: { markdown: 'source', text: nested } });
  });
});
