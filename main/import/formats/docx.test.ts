import { Document, HeadingLevel, Packer, Paragraph, Tab, Table, TableCell, TableRow, TextRun, type ISectionOptions } from 'docx';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type ExtractResult, type ImportLimits } from '../extract-types.ts';
import { deflated, deflatedZeros, stored, zip } from '../../../tests/support/zip-writer.ts';
import { extractDocx } from './docx.ts';
import { readZipDirectory, readZipEntry } from './zip-guard.ts';

const MiB = 1024 * 1024;
const utf8 = (text: string) => new TextEncoder().encode(text);

// ---- Fixtures: real .docx files from the docx package, and zips written here byte by byte. ----

async function wordFile(children: ISectionOptions['children'], properties: { title?: string; creator?: string } = {}): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ ...properties, sections: [{ children }] })));
}

const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });

const fieldNotes = () =>
  wordFile(
    [
      new Paragraph({ text: 'Introduction', heading: HeadingLevel.HEADING_1 }),
      new Paragraph('The first paragraph makes a claim.'),
      // "café" with a combining accent: the extractor composes it (NFC).
      new Paragraph({ children: [new TextRun('Київ cafe\u0301 🙂')] }),
      new Paragraph(''),
      new Paragraph({ text: 'Details', heading: HeadingLevel.HEADING_2 }),
      new Paragraph({ children: [new TextRun('Line one'), new TextRun({ text: 'line two', break: 1 })] }),
      new Paragraph({ children: [new TextRun({ children: ['Source:', new Tab(), 'interview'] })] }),
      new Table({ rows: [new TableRow({ children: [cell('Cell A'), cell('Cell B')] })] }),
      new Paragraph('The last paragraph.'),
    ],
    { title: 'Field notes from Kyiv', creator: 'Olena Petrenko' },
  );

const FIELD_NOTES_TEXT = [
  'Introduction',
  'The first paragraph makes a claim.',
  'Київ café 🙂',
  'Details',
  'Line one\nline two',
  'Source:\tinterview',
  'Cell A',
  'Cell B',
  'The last paragraph.',
].join('\n\n');

/** The parts of a real .docx, so tests can swap, drop or re-store some of them. */
function partsOf(docx: Uint8Array): { name: string; content: Uint8Array }[] {
  const listed = readZipDirectory(docx, 'fixture.docx');
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.value.map((entry) => ({ name: entry.name, content: readZipEntry(docx, entry, 10 * MiB)! }));
}

function extract(
  bytes: Uint8Array,
  options: { limits?: Partial<ImportLimits>; signal?: AbortSignal; fileName?: string } = {},
): Promise<ExtractResult> {
  return extractDocx({
    bytes,
    fileName: options.fileName ?? 'notes.docx',
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    signal: options.signal,
  });
}

function expectFailure(result: ExtractResult, code: string, message?: string | RegExp) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  if (typeof message === 'string') expect(result.error.message).toBe(message);
  else if (message) expect(result.error.message).toMatch(message);
}

describe('extractDocx', () => {
  it('extracts paragraphs, headings and core properties from a real Word file', async () => {
    const before = Date.now();
    const result = await extract(await fieldNotes());
    if (!result.ok) throw new Error(result.error.message);
    const { text, headings, ...meta } = result.value;
    expect(text).toBe(FIELD_NOTES_TEXT);
    expect(text).toBe(text.normalize('NFC'));
    expect(headings).toEqual([
      { level: 1, text: 'Introduction', start: 0 },
      { level: 2, text: 'Details', start: FIELD_NOTES_TEXT.indexOf('Details') },
    ]);
    for (const heading of headings ?? []) expect(text.slice(heading.start, heading.start + heading.text.length)).toBe(heading.text);
    expect(meta).toMatchObject({ format: 'docx', title: 'Field notes from Kyiv', author: 'Olena Petrenko' });
    // The docx package stamps the creation time; Word and LibreOffice do the same.
    expect(Date.parse(meta.publishedAt!)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('keeps heading offsets right after astral characters and composed accents', async () => {
    const result = await extract(
      await wordFile([new Paragraph('🙂🙂 cafe\u0301 e\u0301'), new Paragraph({ text: 'After emoji', heading: HeadingLevel.HEADING_3 })]),
    );
    expect(result).toMatchObject({
      ok: true,
      value: { text: '🙂🙂 café é\n\nAfter emoji', headings: [{ level: 3, text: 'After emoji', start: 13 }] },
    });
  });

  it.each([
    ['the first Heading 1 when there is no title property', {}, 'Introduction'],
    ['the title property when there is one', { title: 'Official title' }, 'Official title'],
  ])('takes as title %s', async (_name, properties, title) => {
    const docx = await wordFile(
      [
        new Paragraph({ text: 'Overview', heading: HeadingLevel.HEADING_2 }),
        new Paragraph({ text: 'Introduction', heading: HeadingLevel.HEADING_1 }),
        new Paragraph('Body.'),
      ],
      properties,
    );
    const result = await extract(docx);
    expect(result).toMatchObject({ ok: true, value: { title } });
  });

  it('reads a document whose parts are stored, not deflated', async () => {
    const restored = zip(partsOf(await fieldNotes()).map(({ name, content }) => stored(name, content)));
    expect(await extract(restored)).toMatchObject({ ok: true, value: { text: FIELD_NOTES_TEXT, title: 'Field notes from Kyiv' } });
  });

  it.each([
    [
      'a text file renamed .docx',
      async () => utf8('Not a Word file at all.'),
      'corrupt',
      'notes.docx is not a Word file (not a zip archive)',
    ],
    [
      'a truncated .docx',
      async () => (await fieldNotes()).subarray(0, 3000),
      'corrupt',
      'notes.docx is not a Word file (not a zip archive)',
    ],
    [
      'a zip without word/document.xml',
      async () => zip([deflated('readme.txt', utf8('hello'))]),
      'corrupt',
      'not a Word document (no word/document.xml)',
    ],
    [
      'a .docx whose document.xml is not XML',
      async () =>
        zip(
          partsOf(await fieldNotes()).map(({ name, content }) =>
            deflated(name, name === 'word/document.xml' ? utf8('<w:document><w:body') : content),
          ),
        ),
      'corrupt',
      /^the Word document could not be read: /,
    ],
    ['a .docx with only empty paragraphs', () => wordFile([new Paragraph(''), new Paragraph('   ')]), 'empty', 'the document has no text'],
    [
      'a legacy .doc (OLE)',
      async () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
      'unsupported-format',
      /old \.doc/,
    ],
  ])('rejects %s', async (_name, build, code, message) => {
    expectFailure(await extract(await build()), code, message);
  });

  it('rejects a .docx whose deflated data is damaged', async () => {
    const docx = await fieldNotes();
    const listed = readZipDirectory(docx, 'fixture.docx');
    const document = listed.ok ? listed.value.find((entry) => entry.name === 'word/document.xml') : undefined;
    const damaged = Buffer.from(docx);
    damaged.fill(0xff, document!.dataStart, document!.dataStart + 16);
    expectFailure(await extract(new Uint8Array(damaged)), 'corrupt', /^the file is damaged: word\/document\.xml does not inflate/);
  });

  it.each([
    // Which part crosses the cap depends on the order the docx package writes them in.
    [
      'the honest sizes of a real .docx',
      async () => fieldNotes(),
      4 * 1024,
      /^\S+ takes the inflated total past 4\.1 KB: refusing a possible zip bomb$/,
    ],
    // Declares 100 bytes for a 2 MiB document.xml: the guard counts what inflates.
    [
      'a document.xml that lies about its size',
      async () => zip([{ ...deflated('word/document.xml', utf8(`<w:document>${' '.repeat(2 * MiB)}</w:document>`)), size: 100 }]),
      MiB,
      'word/document.xml inflates past 1.0 MB: refusing a possible zip bomb',
    ],
  ])('refuses %s over a small cap', async (_name, build, maxInflatedBytes, message) => {
    expectFailure(await extract(await build(), { limits: { maxInflatedBytes } }), 'too-much-data', message);
  });

  it('refuses a zip bomb at the default cap while memory stays bounded', async () => {
    const bomb = zip([
      ...partsOf(await fieldNotes())
        .filter(({ name }) => name !== 'word/document.xml')
        .map(({ name, content }) => deflated(name, content)),
      await deflatedZeros('word/document.xml', 300 * MiB),
    ]);
    expect(bomb.length).toBeLessThan(MiB);
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
    const result = await extract(bomb).finally(() => clearInterval(timer));
    peak = Math.max(peak, process.memoryUsage().rss);
    expectFailure(result, 'too-much-data', 'word/document.xml inflates past 268 MB: refusing a possible zip bomb');
    expect(peak - before).toBeLessThan(200 * MiB);
  });

  it('returns cancelled when the signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expectFailure(await extract(await fieldNotes(), { signal: controller.signal }), 'cancelled', 'the import was cancelled');
  });
});
