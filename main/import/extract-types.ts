// What every format extractor (text, Markdown, HTML, PDF, Word) takes and gives back. The import
// pipeline (main/import/) reads the file, picks the extractor, and stores what it returns.
import type { DocumentFormat, MarkdownMode } from '../../core/model/document.ts';
import type { RejectionCode } from '../../core/model/import.ts';
import type { Result } from '../../core/result.ts';

export interface ImportLimits {
  /** Files larger than this are rejected before they are read. */
  readonly maxFileBytes: number;
  /** PDF parsing is abandoned after this long. */
  readonly timeoutMs: number;
  /** Decompressed data (a .docx's XML parts) may not exceed this: zip bombs stop here. */
  readonly maxInflatedBytes: number;
  /** Heap cap for parsers that run in their own worker (MiB). */
  readonly workerHeapMb: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  timeoutMs: 60_000,
  maxInflatedBytes: 256 * 1024 * 1024,
  workerHeapMb: 512,
};

export interface ExtractInput {
  readonly bytes: Uint8Array;
  /** The file's name, for messages and as a fallback title. */
  readonly fileName: string;
  readonly limits: ImportLimits;
  readonly signal?: AbortSignal;
  /** How a Markdown file becomes text (Markdown only): plain text unless told to keep the source. */
  readonly markdown?: MarkdownMode;
}

/** A page of a PDF: `[start, end)` of the extracted text; `page` counts from 1. */
export interface PageSpan {
  readonly page: number;
  readonly start: number;
  readonly end: number;
}

/** A heading of the document (Markdown, HTML, Word): its level (1–6), text, and where it starts. */
export interface Heading {
  readonly level: number;
  readonly text: string;
  readonly start: number;
}

export interface Extracted {
  readonly format: DocumentFormat;
  /** Already normalized with core/text/normalize.ts (NFC, LF); every offset below refers to it. */
  readonly text: string;
  readonly title?: string;
  readonly author?: string;
  readonly outlet?: string;
  /** ISO 8601 date or date-time. */
  readonly publishedAt?: string;
  readonly sourceUrl?: string;
  /** BCP 47 tag, e.g. "en" or "uk-UA". */
  readonly language?: string;
  readonly pages?: readonly PageSpan[];
  readonly headings?: readonly Heading[];
  /** How a Markdown file became the text (Markdown only). */
  readonly markdown?: MarkdownMode;
}

export type { RejectionCode } from '../../core/model/import.ts';

export type ExtractResult = Result<Extracted, RejectionCode>;

export type Extractor = (input: ExtractInput) => Promise<ExtractResult>;
