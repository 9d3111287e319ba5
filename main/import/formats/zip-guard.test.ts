import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflated, deflatedZeros, stored, zip } from '../../../tests/support/zip-writer.ts';
import { checkInflatedSize, readZipDirectory, readZipEntry } from './zip-guard.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const MiB = 1024 * 1024;

/** Runs `work` while sampling the resident set size; reports the largest growth seen. */
async function peakRssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 2);
  try {
    const result = await work();
    sample();
    return { result, growth: peak - before };
  } finally {
    clearInterval(timer);
  }
}

const xml = utf8('<?xml version="1.0"?><doc>' + 'text '.repeat(400) + '</doc>');
const sample = zip([
  stored('[Content_Types].xml', utf8('<Types/>')),
  deflated('word/document.xml', xml),
  stored('word/', new Uint8Array()),
]);

function directoryOf(bytes: Uint8Array) {
  const listed = readZipDirectory(bytes, 'sample.docx');
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.value;
}

function corruptCopy(bytes: Uint8Array, edit: (copy: Buffer) => void): Uint8Array {
  const copy = Buffer.from(bytes);
  edit(copy);
  return new Uint8Array(copy);
}

describe('readZipDirectory', () => {
  it('lists every entry with its method and where its data is', () => {
    const entries = directoryOf(sample);
    expect(entries.map(({ name, method }) => [name, method])).toEqual([
      ['[Content_Types].xml', 0],
      ['word/document.xml', 8],
      ['word/', 0],
    ]);
    const document = entries[1]!;
    expect(Buffer.from(sample.subarray(document.dataStart, document.dataStart + document.compressedSize))).toEqual(deflateRawSync(xml));
  });

  it('reads sizes and offsets from ZIP64 records', () => {
    const entries = directoryOf(zip([stored('a.txt', utf8('alpha')), deflated('word/document.xml', xml)], { zip64: true }));
    expect(entries.map((entry) => entry.name)).toEqual(['a.txt', 'word/document.xml']);
    expect(
      readZipEntry(
        zip([stored('a.txt', utf8('alpha'))], { zip64: true }),
        directoryOf(zip([stored('a.txt', utf8('alpha'))], { zip64: true }))[0]!,
        100,
      ),
    ).toEqual(utf8('alpha'));
  });

  it('finds the end record before an archive comment', () => {
    const commented = Buffer.concat([Buffer.from(sample), Buffer.from('a comment')]);
    commented.writeUInt16LE(9, commented.length - 9 - 2);
    expect(directoryOf(new Uint8Array(commented))).toHaveLength(3);
  });

  it.each([
    ['an empty file', new Uint8Array(), 'not-zip', 'x.docx is not a zip archive'],
    ['plain text', utf8('Just some words, not a zip at all.'), 'not-zip', 'x.docx is not a zip archive'],
    ['a file cut in half', sample.subarray(0, sample.length / 2), 'not-zip', 'x.docx is not a zip archive'],
    [
      'a file missing its start',
      sample.subarray(40),
      'corrupt',
      'the file is damaged: the zip directory runs past the end of the file (is it truncated?)',
    ],
    [
      'an encrypted entry',
      zip([{ ...deflated('word/document.xml', xml), flags: 1 }]),
      'corrupt',
      'the file is damaged: word/document.xml is encrypted',
    ],
    [
      'a bzip2 entry',
      zip([{ ...stored('word/document.xml', xml), method: 12 }]),
      'corrupt',
      'the file is damaged: word/document.xml uses compression method 12, which is not supported',
    ],
    [
      'a directory claiming more entries than it holds',
      corruptCopy(sample, (copy) => copy.writeUInt16LE(5000, copy.length - 12)),
      'corrupt',
      'the file is damaged: the zip directory is too small for the 5000 entries it claims',
    ],
    [
      'an absurd entry count',
      corruptCopy(sample, (copy) => copy.writeUInt16LE(60_000, copy.length - 12)),
      'too-much-data',
      'the archive lists 60000 entries; more than 10000 is refused',
    ],
    [
      'a local header pointing nowhere',
      corruptCopy(sample, (copy) => copy.writeUInt32LE(0xdeadbeef, 0)),
      'corrupt',
      'the file is damaged: the header of [Content_Types].xml is missing',
    ],
  ])('rejects %s', (_name, bytes, code, message) => {
    expect(readZipDirectory(bytes, 'x.docx')).toEqual({ ok: false, error: { code, message } });
  });

  it('refuses more entries than the given maximum', () => {
    expect(readZipDirectory(sample, 'x.docx', 2)).toMatchObject({ ok: false, error: { code: 'too-much-data' } });
    expect(readZipDirectory(sample, 'x.docx', 3).ok).toBe(true);
  });
});

describe('checkInflatedSize', () => {
  const fiveMiB = new Uint8Array(5 * MiB);
  // Declares 10 bytes where 5 MiB are: the check must count what inflates, not what is declared.
  const liar = zip([{ ...deflated('word/document.xml', fiveMiB), size: 10 }]);
  const twoParts = zip([deflated('a.xml', new Uint8Array(600 * 1024)), stored('b.xml', new Uint8Array(600 * 1024))]);

  it.each([
    ['a small archive', sample, 10 * MiB, { ok: true, value: 8 + xml.length }],
    ['a lying header under a generous cap', liar, 10 * MiB, { ok: true, value: 5 * MiB }],
    [
      'a lying header under a small cap',
      liar,
      MiB,
      { ok: false, error: { code: 'too-much-data', message: 'word/document.xml inflates past 1.0 MB: refusing a possible zip bomb' } },
    ],
    [
      'two parts together over the cap',
      twoParts,
      MiB,
      { ok: false, error: { code: 'too-much-data', message: 'b.xml takes the inflated total past 1.0 MB: refusing a possible zip bomb' } },
    ],
    ['two parts exactly at the cap', twoParts, 1200 * 1024, { ok: true, value: 1200 * 1024 }],
    [
      'a cap one byte short',
      twoParts,
      1200 * 1024 - 1,
      { ok: false, error: { code: 'too-much-data', message: 'b.xml takes the inflated total past 1.2 MB: refusing a possible zip bomb' } },
    ],
  ])('%s', async (_name, bytes, maxInflatedBytes, expected) => {
    expect(await checkInflatedSize(bytes, directoryOf(bytes), { maxInflatedBytes })).toEqual(expected);
  });

  it('reports deflate data that does not inflate as damaged', async () => {
    const broken = corruptCopy(sample, (copy) => {
      const document = directoryOf(sample)[1]!;
      copy.fill(0xff, document.dataStart, document.dataStart + 8);
    });
    const result = await checkInflatedSize(broken, directoryOf(broken), { maxInflatedBytes: MiB });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'corrupt', message: expect.stringMatching(/^the file is damaged: word\/document\.xml does not inflate/) },
    });
  });

  it('refuses a 300 MiB bomb at the 256 MiB cap without holding its output', async () => {
    const bomb = zip([stored('[Content_Types].xml', utf8('<Types/>')), await deflatedZeros('word/document.xml', 300 * MiB)]);
    expect(bomb.length).toBeLessThan(MiB);
    const { result, growth } = await peakRssGrowth(() => checkInflatedSize(bomb, directoryOf(bomb), { maxInflatedBytes: 256 * MiB }));
    expect(result).toEqual({
      ok: false,
      error: { code: 'too-much-data', message: 'word/document.xml inflates past 268 MB: refusing a possible zip bomb' },
    });
    expect(growth).toBeLessThan(200 * MiB);
  });

  it('stops inflating when the signal aborts', async () => {
    const bomb = zip([await deflatedZeros('word/document.xml', 300 * MiB)]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const started = performance.now();
    const result = await checkInflatedSize(bomb, directoryOf(bomb), { maxInflatedBytes: 1024 * MiB, signal: controller.signal });
    expect(result).toEqual({ ok: false, error: { code: 'cancelled', message: 'the import was cancelled' } });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('readZipEntry', () => {
  it.each([
    ['a deflated entry', 1, 10_000, xml],
    ['a stored entry', 0, 100, utf8('<Types/>')],
    ['a deflated entry larger than allowed', 1, 100, undefined],
    ['a stored entry larger than allowed', 0, 7, undefined],
  ])('reads %s', (_name, index, maxBytes, expected) => {
    const entry = directoryOf(sample)[index]!;
    const read = readZipEntry(sample, entry, maxBytes);
    expect(read && new Uint8Array(read)).toEqual(expected);
  });
});
