import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../core/text/normalize.ts';
import { DEFAULT_LIMITS, type ExtractResult, type Extracted, type ImportLimits, type RejectionCode } from '../extract-types.ts';
import { extractPdf, PAGE_SEPARATOR } from './pdf.ts';
import { drawingOnlyPdf, manyLinesPdf, passwordProtectedPdf, textPdf, type FixtureMetadata } from './pdf-fixtures.ts';

function extract(bytes: Uint8Array, limits: Partial<ImportLimits> = {}, signal?: AbortSignal): Promise<ExtractResult> {
  return extractPdf({ bytes, fileName: 'report.pdf', limits: { ...DEFAULT_LIMITS, ...limits }, signal });
}

async function extracted(bytes: Uint8Array): Promise<Extracted> {
  const result = await extract(bytes);
  if (!result.ok) throw new Error(`expected text, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function rejection(
  bytes: Uint8Array,
  limits: Partial<ImportLimits> = {},
  signal?: AbortSignal,
): Promise<{ code: RejectionCode; message: string }> {
  const result = await extract(bytes, limits, signal);
  if (result.ok) throw new Error(`expected a rejection, got text ${JSON.stringify(result.value.text)}`);
  return result.error;
}

describe('extractPdf: text and pages', () => {
  it.each([
    {
      name: 'three pages of lines',
      pages: [[['First page, line one.'], ['Line two.']], [['Second page.']], [['Third page, end.']]],
      expected: ['First page, line one.\nLine two.', 'Second page.', 'Third page, end.'],
    },
    {
      name: 'runs drawn apart on one line',
      pages: [
        [
          ['Name', 'Value'],
          ['alpha', '1'],
        ],
      ],
      expected: ['Name Value\nalpha 1'],
    },
    {
      name: 'Latin-1 and WinAnsi punctuation',
      pages: [[['Café naïve – “Zürich” costs €5']]],
      expected: ['Café naïve – “Zürich” costs €5'],
    },
    {
      name: 'an empty page between two with text',
      pages: [[['one']], [], [['three']]],
      expected: ['one', '', 'three'],
    },
  ])('$name', async ({ pages, expected }) => {
    const value = await extracted(await textPdf(pages));
    expect(value.format).toBe('pdf');
    expect(value.text).toBe(expected.join(PAGE_SEPARATOR));
    expect(normalizeText(value.text)).toBe(value.text);
    expect(value.pages?.map(({ page }) => page)).toEqual(expected.map((_, index) => index + 1));
    expect(value.pages?.map(({ start, end }) => value.text.slice(start, end))).toEqual(expected);
  });

  it('records spans that cover every page of a long document', async () => {
    const value = await extracted(await manyLinesPdf(12, 5));
    expect(value.pages).toHaveLength(12);
    const seventh = value.pages?.[6];
    expect(seventh).toBeDefined();
    expect(value.text.slice(seventh!.start, seventh!.end)).toBe(
      ['Line 1 of page 7', 'Line 2 of page 7', 'Line 3 of page 7', 'Line 4 of page 7', 'Line 5 of page 7'].join('\n'),
    );
    expect(value.pages?.at(-1)?.end).toBe(value.text.length);
  });
});

describe('extractPdf: metadata', () => {
  it.each<{ name: string; metadata: FixtureMetadata; expected: Partial<Extracted> }>([
    {
      name: 'title, author, creation date and language',
      metadata: { title: '  Annual Report 2024 ', author: 'Jane Doe', createdAt: new Date('2024-03-05T10:20:30Z'), language: 'en-gb' },
      expected: { title: 'Annual Report 2024', author: 'Jane Doe', publishedAt: '2024-03-05T10:20:30.000Z', language: 'en-GB' },
    },
    {
      name: 'non-ASCII title',
      metadata: { title: 'Rapport annuel – café', author: 'Zoë Ünal' },
      expected: { title: 'Rapport annuel – café', author: 'Zoë Ünal', publishedAt: undefined, language: undefined },
    },
    {
      name: 'blank title and author',
      metadata: { title: '   ', author: '' },
      expected: { title: undefined, author: undefined },
    },
    {
      name: 'nothing at all',
      metadata: {},
      expected: { title: undefined, author: undefined, publishedAt: undefined, language: undefined },
    },
  ])('$name', async ({ metadata, expected }) => {
    const value = await extracted(await textPdf([[['Body text.']]], metadata));
    expect(value.text).toBe('Body text.');
    for (const [key, wanted] of Object.entries(expected)) {
      expect(value[key as keyof Extracted], key).toEqual(wanted);
    }
  });
});

describe('extractPdf: rejections', () => {
  it.each<{ name: string; bytes: () => Promise<Uint8Array>; code: RejectionCode; message: RegExp }>([
    { name: 'a page with only a drawing', bytes: drawingOnlyPdf, code: 'no-text-layer', message: /^no text layer; OCR it first$/ },
    {
      name: 'random bytes',
      bytes: async () => Uint8Array.from({ length: 2048 }, (_, i) => (i * 73 + 11) % 256),
      code: 'corrupt',
      message: /not a valid PDF/,
    },
    {
      name: 'a plain text file',
      bytes: async () => new TextEncoder().encode('Hello, this is not a PDF.\n'),
      code: 'corrupt',
      message: /not a valid PDF/,
    },
    {
      name: 'a truncated PDF',
      bytes: async () => {
        const whole = await textPdf([[['Cut short.']]]);
        return whole.slice(0, Math.floor(whole.length / 2));
      },
      code: 'corrupt',
      message: /not a valid PDF/,
    },
    { name: 'a password-protected PDF', bytes: passwordProtectedPdf, code: 'corrupt', message: /password-protected/ },
    { name: 'an empty file', bytes: async () => new Uint8Array(0), code: 'empty', message: /^the file is empty$/ },
  ])('$name → $code', async ({ bytes, code, message }) => {
    const error = await rejection(await bytes());
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('refuses a file over the size limit without parsing it', async () => {
    const error = await rejection(await textPdf([[['Too big.']]]), { maxFileBytes: 100 });
    expect(error.code).toBe('too-large');
  });

  it('leaves the caller’s bytes intact', async () => {
    const bytes = await textPdf([[['Still here.']]]);
    const before = bytes.slice();
    await extracted(bytes);
    expect(bytes).toEqual(before);
  });
});

describe('extractPdf: limits', () => {
  it('gives up after the timeout', async () => {
    const error = await rejection(await manyLinesPdf(200, 60), { timeoutMs: 1 });
    expect(error).toEqual({ code: 'timeout', message: 'reading the PDF took longer than 1 ms; gave up' });
  });

  it('stops at once when the signal is already aborted', async () => {
    const error = await rejection(await textPdf([[['Never read.']]]), {}, AbortSignal.abort());
    expect(error).toEqual({ code: 'cancelled', message: 'the import was cancelled' });
  });

  it('stops a parse in progress when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = rejection(await manyLinesPdf(200, 60), {}, controller.signal);
    setTimeout(() => controller.abort(), 20);
    expect((await pending).code).toBe('cancelled');
  });

  // The worker needs more than 8 MB just to load pdf.js; 1 MB would abort the whole process in V8
  // (the reason for the floor), so both prove that running out of memory ends only the worker.
  it.each([8, 1])('reports too-much-data when the worker runs out of a %i MB heap', async (workerHeapMb) => {
    const error = await rejection(await textPdf([[['Needs memory.']]]), { workerHeapMb });
    expect(error).toEqual({ code: 'too-much-data', message: 'reading the PDF needs more than 8 MB of memory' });
    expect((await extracted(await textPdf([[['Still alive.']]]))).text).toBe('Still alive.');
  });
});
