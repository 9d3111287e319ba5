// The PDF extractor: pdf.js parses the file in a worker thread (pdf-worker.ts) under a heap cap
// and a deadline, so a hostile or huge PDF can neither block nor crash the app. Here the pages'
// text is normalized and joined, and each page's span in the final text recorded.
import { Worker } from 'node:worker_threads';
import { APP_LAYOUT } from '../../app-paths.ts';
import { formatBytes } from '../../../core/text/format-bytes.ts';
import { normalizeText } from '../../../core/text/normalize.ts';
import { fail, ok, type Result } from '../../../core/result.ts';
import type { ExtractInput, ExtractResult, Extractor, PageSpan, RejectionCode } from '../extract-types.ts';
import type { ParsedPdf, WorkerReply } from './pdf-worker.ts';

// The worker's script for this way of running (sources, build or package): see app-paths.ts.
const WORKER_URL = APP_LAYOUT.workerUrl('pdf-worker');

// V8 aborts the whole process, not just the worker, when a worker's heap is too small to even
// start (about 2 MB on Node 24); below this floor a misconfigured limit would do exactly that.
const MIN_WORKER_HEAP_MB = 8;

/** Pages are separated by one blank line in the extracted text. */
export const PAGE_SEPARATOR = '\n\n';

/**
 * Extracts a PDF's text layer, page spans and metadata. Fails with `no-text-layer` for a scan
 * without OCR, `corrupt` for a damaged, non-PDF or password-protected file, `timeout`,
 * `cancelled`, or `too-much-data` when parsing needs more than `limits.workerHeapMb`.
 */
export const extractPdf: Extractor = async (input) => {
  const { bytes, limits } = input;
  if (input.signal?.aborted) return cancelled();
  if (bytes.byteLength === 0) return fail('empty', 'the file is empty');
  if (bytes.byteLength > limits.maxFileBytes) {
    return fail('too-large', `the file is larger than ${formatBytes(limits.maxFileBytes)}`);
  }
  const parsed = await parseInWorker(input);
  return parsed.ok ? assemble(parsed.value) : parsed;
};

/** Normalizes each page on its own, so that page offsets refer to the final text. */
function assemble(parsed: ParsedPdf): ExtractResult {
  const pageTexts = parsed.pages.map(normalizeText);
  if (pageTexts.every((page) => page.trim() === '')) {
    return fail('no-text-layer', 'no text layer; OCR it first');
  }
  const pages: PageSpan[] = [];
  let start = 0;
  for (const [index, page] of pageTexts.entries()) {
    pages.push({ page: index + 1, start, end: start + page.length });
    start += page.length + PAGE_SEPARATOR.length;
  }
  return ok({
    format: 'pdf',
    // NFC cannot compose across "\n", so normalizing page by page equals normalizing the whole.
    text: pageTexts.join(PAGE_SEPARATOR),
    pages,
    title: cleanField(parsed.title),
    author: cleanField(parsed.author),
    publishedAt: parsed.publishedAt,
    language: parsed.language,
  });
}

function cleanField(value: string | undefined): string | undefined {
  return value === undefined ? undefined : normalizeText(value);
}

/** Runs pdf-worker.ts on a copy of the bytes; settles exactly once and always ends the worker. */
function parseInWorker({ bytes, limits, signal }: ExtractInput): Promise<Result<ParsedPdf, RejectionCode>> {
  // The copy is moved to the worker (and pdf.js may detach it there); the caller's bytes stay intact.
  const copy = bytes.slice();
  const heapMb = Math.max(limits.workerHeapMb, MIN_WORKER_HEAP_MB);
  let worker: Worker;
  try {
    worker = new Worker(WORKER_URL, {
      workerData: copy,
      transferList: [copy.buffer],
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
  } catch (error) {
    return Promise.resolve(fail('corrupt', `could not start the PDF reader (${String(error)})`));
  }
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: Result<ParsedPdf, RejectionCode>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      worker.terminate().catch(() => undefined);
      resolve(result);
    };
    const onAbort = (): void => settle(cancelled());
    const timer = setTimeout(
      () => settle(fail('timeout', `reading the PDF took longer than ${duration(limits.timeoutMs)}; gave up`)),
      limits.timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (reply: WorkerReply) => settle(reply.ok ? ok(reply.value) : fail('corrupt', reply.reason)));
    worker.once('error', (error) => settle(crashed(error, heapMb)));
    worker.once('exit', (code) => settle(fail('corrupt', `the PDF reader stopped unexpectedly (exit code ${code})`)));
  });
}

/** A worker that died: out of memory means the PDF asks for too much, anything else a bad file. */
function crashed(error: Error, heapMb: number): Result<never, RejectionCode> {
  if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return fail('too-much-data', `reading the PDF needs more than ${heapMb} MB of memory`);
  }
  return fail('corrupt', `not a valid PDF; the reader failed (${error.message})`);
}

function cancelled(): Result<never, RejectionCode> {
  return fail('cancelled', 'the import was cancelled');
}

function duration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}
