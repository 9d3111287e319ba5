// One file read and its text extracted, nothing stored: the steps of an import before it looks
// at the workspace (size cap, read, format by content then extension, that format's extractor).
// The import pipeline runs them with its duplicate check in between; `claimbench suggest FILE`
// runs them alone, so a file gives the same text, offsets and refusals in both.
import { formatBytes } from '../../core/text/format-bytes.ts';
import { normalizeText } from '../../core/text/normalize.ts';
import type { DocumentFormat, MarkdownMode } from '../../core/model/document.ts';
import type { RejectionCode } from '../../core/model/import.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { detectFormat } from './detect-format.ts';
import { DEFAULT_LIMITS, type Extracted, type Extractor, type ImportLimits } from './extract-types.ts';

/** A file to read (an ImportSource is one): its bytes are read only once its size has passed the cap. */
export interface FileToRead {
  readonly name: string;
  readonly size: number;
  read(): Promise<Uint8Array>;
}

export interface ExtractOptions {
  readonly extractors: Readonly<Record<DocumentFormat, Extractor>>;
  readonly limits?: ImportLimits;
  readonly signal?: AbortSignal;
  /** How a Markdown file becomes text (default: plain text). */
  readonly markdown?: MarkdownMode;
}

/** The file's bytes, or why they were not read: over the size cap, or unreadable. */
export async function readWithinLimit(
  source: FileToRead,
  limits: ImportLimits = DEFAULT_LIMITS,
): Promise<Result<Uint8Array, RejectionCode>> {
  if (source.size > limits.maxFileBytes)
    return fail('too-large', `the file is ${formatBytes(source.size)}; the limit is ${formatBytes(limits.maxFileBytes)}`);
  let bytes: Uint8Array;
  try {
    bytes = await source.read();
  } catch (error) {
    return fail('unreadable', `could not read the file: ${(error as Error).message}`);
  }
  // The file may have grown since its size was taken.
  if (bytes.length > limits.maxFileBytes) return fail('too-large', `the file is larger than ${formatBytes(limits.maxFileBytes)}`);
  return ok(bytes);
}

/** The text and details of a file's bytes, by the extractor of its format, or the extractor's refusal. */
export async function extractBytes(
  name: string,
  bytes: Uint8Array,
  { extractors, limits = DEFAULT_LIMITS, signal, markdown }: ExtractOptions,
): Promise<Result<Extracted, RejectionCode>> {
  const format = detectFormat(name, bytes);
  let extracted: Extracted;
  try {
    const result = await extractors[format]({ bytes, fileName: name, limits, signal, ...(markdown ? { markdown } : {}) });
    if (!result.ok) return result;
    extracted = result.value;
  } catch (error) {
    // An extractor that throws has a bug; the caller goes on with its other files.
    return fail('corrupt', `could not read this ${format.toUpperCase()} file: ${(error as Error).message}`);
  }
  // Every stored offset refers to normalized text: an extractor that skips it is a bug.
  if (normalizeText(extracted.text) !== extracted.text) throw new Error(`the ${format} extractor returned unnormalized text`);
  return ok(extracted);
}

/**
 * A file read and extracted (NFC, LF-normalised text), or why not, with the code and message an
 * import of it would give.
 * @example await extractSource(await fileSource('statement.pdf'), { extractors: EXTRACTORS })
 */
export async function extractSource(source: FileToRead, options: ExtractOptions): Promise<Result<Extracted, RejectionCode>> {
  const bytes = await readWithinLimit(source, options.limits);
  return bytes.ok ? extractBytes(source.name, bytes.value, options) : bytes;
}

/** Why `fileSource` could not open a file, for a person: "no such file", "is a folder, not a file", or the system's message. */
export function unreadableReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : (error as Error).message;
}
