import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../interchange/csv.ts';
import { Codebook } from '../model/codebook.ts';
import { codebookFromCsv, codebookToCsv, findParentCycles, normalizeColor, paletteColor, TAG_PALETTE, tagIdMaker } from './codebook-csv.ts';
import { tagIdFor } from './edit.ts';

// Without the GUIDs it ships with: these tests are about tags that have none (and CSV carries none).
const defaultCodebook = Codebook.parse({
  tags: (JSON.parse(readFileSync(new URL('../../resources/codebook/default-codebook.json', import.meta.url), 'utf8')) as Codebook).tags.map(
    ({ guid: _guid, ...tag }) => tag,
  ),
});

function imported(text: string): Codebook {
  const result = codebookFromCsv(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function problems(text: string): string[] {
  const result = codebookFromCsv(text);
  if (result.ok) throw new Error('expected the import to fail');
  expect(result.error.code).toBe('invalid');
  return result.error.message.split('\n');
}

describe('codebookToCsv', () => {
  it('writes the header and one row per tag, parent as its id', () => {
    const lines = codebookToCsv(defaultCodebook).split('\r\n');
    expect(lines[0]).toBe('id,name,parent,color,shortcut,description');
    expect(lines[1]).toBe('claim-type,Claim type,,#5b6b82,,What kind of assertion the span makes.');
    expect(lines[2]).toBe(
      'statistic,Statistic,claim-type,#e6a700,1,"A number, percentage, count or measurement that can be checked against data."',
    );
    expect(lines).toHaveLength(defaultCodebook.tags.length + 2); // and a final CRLF
  });

  it('makes names and descriptions that look like formulas open as text', () => {
    const rows = parsedRows(codebookToCsv({ tags: [{ id: 'sum', name: '=SUM(A1:A9)', color: '#112233', description: '@cmd|calc' }] }));
    expect(rows[1]).toEqual(['sum', "'=SUM(A1:A9)", '', '#112233', '', "'@cmd|calc"]);
  });
});

describe('codebookFromCsv round trips', () => {
  it('gives the default codebook back', () => {
    expect(imported(codebookToCsv(defaultCodebook))).toStrictEqual(defaultCodebook);
  });

  it('keeps formula-like, apostrophe and unicode text exactly', () => {
    const codebook: Codebook = {
      tags: [
        { id: 'formula', name: '=1+1', color: '#112233', description: '+33 1 23 45 67 89' },
        { id: 'quoted-formula', name: "'=already escaped", color: '#112233', parentId: 'formula', description: "''-two apostrophes" },
        { id: 'apostrophe', name: "'til dawn", color: '#112233', description: '-' },
        { id: 'emoji', name: 'Claims 😀🇺🇦', color: '#abcdef', shortcut: 'e', description: 'tab\tand\r\nCRLF and\nLF' },
        { id: 'rtl', name: 'ادعاء «مقتبس»', color: '#abcdef', parentId: 'emoji', description: 'עברית, with a comma' },
        { id: 'markup', name: 'Say "no" <&> \'yes\'', color: '#abcdef', description: '<b>&amp;</b> "" ,,' },
        { id: 'combining', name: 'cafe\u0301 (decomposed)', color: '#abcdef', description: '' },
      ],
    };
    expect(imported(codebookToCsv(codebook))).toStrictEqual(codebook);
  });
});

describe('codebookFromCsv', () => {
  it('takes columns in any order and case, makes ids from names and colours from the palette', () => {
    const codebook = imported(
      'Description,NAME,Parent\r\nTop level,Claims,\r\n,Named official,claims\r\n,Named Official,Claims\r\n,Ünïcödé Straße,\r\n,😀,\r\n',
    );
    expect(codebook.tags).toStrictEqual([
      { id: 'claims', name: 'Claims', color: TAG_PALETTE[0], description: 'Top level' },
      { id: 'named-official', name: 'Named official', color: TAG_PALETTE[1], parentId: 'claims', description: '' },
      { id: 'named-official-2', name: 'Named Official', color: TAG_PALETTE[2], parentId: 'claims', description: '' },
      { id: 'unicode-stra-e', name: 'Ünïcödé Straße', color: TAG_PALETTE[3], description: '' },
      { id: 'tag', name: '😀', color: TAG_PALETTE[4], description: '' },
    ]);
  });

  it('keeps generated ids clear of the ids the file gives', () => {
    const codebook = imported('name,id\r\nQuote,\r\nSomething else,quote\r\n');
    expect(codebook.tags.map((tag) => tag.id)).toEqual(['quote-2', 'quote']);
  });

  it('finds a parent by id before name, and by name case-insensitively', () => {
    const codebook = imported(
      'id,name,parent\r\nevent,Event,\r\nother,event,\r\nchild,Child,event\r\nsource,Source,\r\nbyname,By name,SOURCE\r\n',
    );
    expect(codebook.tags.find((tag) => tag.id === 'child')?.parentId).toBe('event');
    expect(codebook.tags.find((tag) => tag.id === 'byname')?.parentId).toBe('source');
  });

  it('accepts #RGB and uppercase colours, lowercase shortcuts, and skips blank rows', () => {
    const codebook = imported('name,colour,shortcut\r\nA,#ABC,Q\r\n,,\r\n\r\nB,#00FF7f,\r\n');
    expect(codebook.tags).toStrictEqual([
      { id: 'a', name: 'A', color: '#aabbcc', shortcut: 'q', description: '' },
      { id: 'b', name: 'B', color: '#00ff7f', description: '' },
    ]);
  });

  it("reads Taguette's codebook CSV (tag, parent by name, extra columns)", () => {
    const taguette =
      'tag,parent,description,number of highlights\r\ninteresting,,Worth a second look,3\r\npeople,,,0\r\ninteresting.places,interesting,"Places, mostly",1\r\n';
    expect(imported(taguette).tags).toStrictEqual([
      { id: 'interesting', name: 'interesting', color: TAG_PALETTE[0], description: 'Worth a second look' },
      { id: 'people', name: 'people', color: TAG_PALETTE[1], description: '' },
      {
        id: 'interesting-places',
        name: 'interesting.places',
        color: TAG_PALETTE[2],
        parentId: 'interesting',
        description: 'Places, mostly',
      },
    ]);
  });

  it('reports every problem with its row, counting the header as row 1', () => {
    const text = [
      'id,name,parent,color,shortcut,description',
      'ok,Fine,,#112233,1,',
      'Bad Id,Bad id,,#112233,,',
      'ok,Duplicate,,#112233,,',
      'noname,,,#112233,,',
      'colour,Colour,,blue,,',
      'lost,Lost,nowhere,#112233,,',
      'key,Key,,#112233,1,',
      'keys,Keys,,#112233,xy,',
      `long,${'x'.repeat(121)},,#112233,,`,
      'extra,Extra,,#112233,,,surprise',
      'self,Self,self,#112233,,',
    ].join('\r\n');
    expect(problems(text)).toEqual([
      'Row 3: the id "Bad Id" is not valid: an id is lowercase letters, digits and dashes (at most 64, starting with a letter or digit).',
      'Row 4: the id "ok" is already used on row 2.',
      'Row 5: the name is empty.',
      'Row 6: the colour "blue" is not a colour like #3b82f6.',
      'Row 7: the parent "nowhere" is neither the id nor the name of a tag in the file.',
      'Row 8: the shortcut "1" is already used on row 2.',
      'Row 9: the shortcut "xy" is not one letter or digit.',
      'Row 10: name: Too big: expected string to have <=120 characters.',
      'Row 11: it has 7 cells but the header names 6 columns.',
      'Row 12: a tag cannot be its own parent.',
    ]);
  });

  it('reports a loop of parents with its rows', () => {
    expect(problems('id,name,parent\r\na,A,c\r\nb,B,a\r\nc,C,b\r\nd,D,\r\n')).toEqual([
      'Rows 2, 4, 3: their parents make a loop (a → c → b → a).',
    ]);
  });

  it('refuses an ambiguous parent name', () => {
    expect(problems('name,parent\r\nSource,\r\nsource,\r\nChild,SOURCE\r\n')).toEqual([
      'Row 4: the parent "SOURCE" is ambiguous: rows 2, 3 have that name; write the parent\'s id instead.',
    ]);
  });

  it.each([
    ['an empty file', '', /^The file is empty/],
    ['a header without a name column', 'id,colour\r\na,#112233\r\n', /^Row 1: there is no "name" column \(the header is "id", "colour"\)/],
    ['a column twice', 'name,Name\r\nA,B\r\n', /^Row 1: the column "name" appears twice/],
    ['an unterminated quote', 'name\r\n"open\r\n', /^Line 2: a quoted cell is never closed/],
  ])('refuses %s', (_name, text, message) => {
    expect(problems(text)[0]).toMatch(message);
  });

  it('lists at most 50 problems and counts the rest', () => {
    const text = ['name,description', ...Array.from({ length: 60 }, (_, index) => `,x${index}`)].join('\r\n');
    const listed = problems(text);
    expect(listed).toHaveLength(51);
    expect(listed[50]).toBe('… and 10 more problems.');
  });
});

describe('helpers', () => {
  it.each([
    ['#5B6B82', '#5b6b82'],
    ['#abc', '#aabbcc'],
    [' #123456 ', '#123456'],
    ['123456', undefined],
    ['#12345', undefined],
    ['#gggggg', undefined],
    ['red', undefined],
  ])('normalizeColor(%j) is %j', (input, expected) => {
    expect(normalizeColor(input)).toBe(expected);
  });

  it('cycles through the palette', () => {
    expect(paletteColor(TAG_PALETTE.length + 1)).toBe(paletteColor(1));
  });

  it('finds loops of parents and nothing in a tree', () => {
    expect(findParentCycles(defaultCodebook.tags)).toEqual([]);
    expect(findParentCycles([{ id: 'a', parentId: 'a' }])).toEqual([['a']]);
    expect(
      findParentCycles([
        { id: 'x', parentId: 'a' },
        { id: 'a', parentId: 'b' },
        { id: 'b', parentId: 'a' },
        { id: 'c', parentId: 'gone' },
      ]),
    ).toEqual([['a', 'b']]);
  });
});

function parsedRows(text: string): string[][] {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('tagIdMaker', () => {
  it('gives the ids tagIdFor gives one by one', () => {
    const names = ['Quote', 'quote', 'Quote!', 'Other', 'quote-2', 'Quote'];
    const taken = new Set(['quote-3']);
    const idFor = tagIdMaker(taken);
    const oneByOne = new Set(['quote-3']);
    const expected = names.map((name) => {
      const id = tagIdFor(name, oneByOne);
      oneByOne.add(id);
      return id;
    });
    expect(names.map(idFor)).toEqual(expected);
    expect(expected).toEqual(['quote', 'quote-2', 'quote-4', 'other', 'quote-2-2', 'quote-5']);
    expect(taken).toEqual(oneByOne);
  });

  it('stays fast for a file with thousands of equal names', () => {
    const started = performance.now();
    const idFor = tagIdMaker(new Set());
    const ids = Array.from({ length: 50_000 }, () => idFor('Same name'));
    expect(ids.at(-1)).toBe('same-name-50000');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
