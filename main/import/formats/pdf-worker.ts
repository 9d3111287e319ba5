// Runs in a worker thread (started by pdf.ts): parses one PDF with pdf.js and posts back each
// page's text and the document's metadata. A hostile or huge PDF can only exhaust this thread,
// which pdf.ts caps in memory and time and terminates.
import { parentPort, workerData } from 'node:worker_threads';
import { getDocument, GlobalWorkerOptions, PDFDateString, VerbosityLevel, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

type PageItem = Awaited<ReturnType<PDFPageProxy['getTextContent']>>['items'][number];
type TextItem = Extract<PageItem, { str: string }>;

/** What the worker found: raw (not yet normalized) text, one string per page, and metadata. */
export interface ParsedPdf {
  readonly pages: readonly string[];
  readonly title?: string;
  readonly author?: string;
  /** ISO 8601 date-time, from the info dictionary's CreationDate. */
  readonly publishedAt?: string;
  /** The catalog's /Lang, as a canonical BCP 47 tag. */
  readonly language?: string;
}

/** The worker's one message: the parsed PDF, or why it is not readable (a reason for people). */
export type WorkerReply = { readonly ok: true; readonly value: ParsedPdf } | { readonly ok: false; readonly reason: string };

// Nothing is fetched or evaluated: no system fonts, no font faces, no wasm, no XFA, no canvas.
// `isEvalSupported` is gone from current pdf.js (it no longer compiles fonts with eval) and is kept
// only so that an older pdf.js would be told the same. Errors inside a page's content stream are
// tolerated (`stopAtErrors: false`), as in Firefox's viewer: real PDFs often carry small faults
// that pdf.js recovers from, and a structurally broken file still fails to open.
const OPTIONS = {
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  useWorkerFetch: false,
  useWasm: false,
  enableXfa: false,
  isOffscreenCanvasSupported: false,
  isImageDecoderSupported: false,
  stopAtErrors: false,
  verbosity: VerbosityLevel.ERRORS,
};

/** Reads every page's text and the metadata; never throws. */
async function parsePdf(data: Uint8Array): Promise<WorkerReply> {
  // pdf.js in Node runs its parser in-thread ("fake worker") and loads it from this path; naming it
  // here keeps that working if pdf.mjs itself ends up bundled somewhere else.
  GlobalWorkerOptions.workerSrc = import.meta.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const params = { ...OPTIONS, data };
  const task = getDocument(params);
  try {
    const pdf = await task.promise;
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      pages.push(layoutPage((await page.getTextContent()).items));
      page.cleanup();
    }
    const { info, metadata } = await pdf.getMetadata();
    const fields = info as Record<string, unknown>;
    return {
      ok: true,
      value: {
        pages,
        title: nonEmpty(fields['Title']) ?? nonEmpty(metadata?.get('dc:title')),
        author: nonEmpty(fields['Author']) ?? nonEmpty(metadata?.get('dc:creator')),
        publishedAt: isoDate(fields['CreationDate']),
        language: languageTag(fields['Language']),
      },
    };
  } catch (error) {
    return { ok: false, reason: explain(error) };
  } finally {
    await task.destroy();
  }
}

/**
 * Joins a page's text items into lines: a break where pdf.js marks one (`hasEOL`) or where the
 * baseline moves, a space where two runs on one line have a gap between them and pdf.js put none.
 */
function layoutPage(items: readonly PageItem[]): string {
  let text = '';
  let previous: TextItem | undefined;
  for (const item of items) {
    if (!('str' in item)) continue;
    if (previous && !text.endsWith('\n') && item.str !== '') {
      if (movedToNewLine(previous, item)) text += '\n';
      else if (hasGap(previous, item) && !/\s$/.test(text) && !/^\s/.test(item.str)) text += ' ';
    }
    text += item.str;
    if (item.hasEOL) text += '\n';
    if (item.str !== '') previous = item;
  }
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Baselines further apart than half a line height: a new line (superscripts stay on their line). */
function movedToNewLine(previous: TextItem, item: TextItem): boolean {
  const lineHeight = Math.max(previous.height, item.height, 1);
  return Math.abs(y(item) - y(previous)) > lineHeight / 2;
}

/** More than a fifth of the font size between the end of one run and the start of the next. */
function hasGap(previous: TextItem, item: TextItem): boolean {
  if (previous.dir !== 'ltr' || item.dir !== 'ltr') return false;
  const gap = x(item) - (x(previous) + previous.width);
  return gap > Math.max(previous.height, item.height, 1) / 5;
}

function x(item: TextItem): number {
  return Number(item.transform[4] ?? 0);
}

function y(item: TextItem): number {
  return Number(item.transform[5] ?? 0);
}

/** A trimmed, non-empty string; XMP lists (several dc:creator entries) are joined with commas. */
function nonEmpty(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value.filter((entry) => typeof entry === 'string').join(', ') : value;
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A PDF date ("D:20240305102030+01'00'") as ISO 8601 UTC, or undefined if it does not parse. */
function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const date = PDFDateString.toDateObject(value);
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

/** The catalog's /Lang as a canonical BCP 47 tag; a malformed tag is dropped, not stored. */
function languageTag(value: unknown): string | undefined {
  const tag = nonEmpty(value);
  if (tag === undefined) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

function explain(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') return 'the PDF is password-protected; remove the password and import it again';
  return `not a valid PDF (${message})`;
}

// Only when started by pdf.ts (which imports this file for its types alone).
if (parentPort && workerData instanceof Uint8Array) {
  parentPort.postMessage(await parsePdf(workerData));
}
