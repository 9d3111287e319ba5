// Builds a search index file in a worker thread (build-worker.ts): this thread only reads the
// source and sends it on in batches, a few at a time, so it stays free to answer (the reader,
// searches on the old index) however long SQLite takes over any one step.
import { Worker } from 'node:worker_threads';
import type { SearchDocument, SearchSource } from '../../core/search/search-types.ts';
import { APP_LAYOUT } from '../app-paths.ts';
import type { BuildWorkerData, BuildWorkerMessage, BuildWorkerRequest } from './build-worker.ts';
import { IndexFileWriter } from './index-file-writer.ts';

/** Characters of text sent per batch, and batches the worker may have waiting. */
const BATCH_CHARS = 1_000_000;
const IN_FLIGHT = 2;
/** Up to this much text the index is written here, at once: a worker takes longer to start. */
const SMALL_CHARS = 100_000;

/**
 * Writes the index of `source` into `file` (which must not exist). Rejects with the signal's
 * reason when aborted (the worker is stopped; the caller deletes the file).
 */
export async function buildIndexFile(
  file: string,
  source: SearchSource,
  onProgress: (progress: { documents: number; annotations: number }) => void,
  signal: AbortSignal,
): Promise<void> {
  signal.throwIfAborted();
  const documents = iteratorOf(source.documents);
  const head: SearchDocument[] = [];
  let headChars = 0;
  for (;;) {
    if (headChars >= SMALL_CHARS) break;
    const next = await documents.next();
    signal.throwIfAborted();
    if (next.done === true) {
      const writer = new IndexFileWriter(file);
      try {
        const annotations = writer.write(head);
        writer.finish(source.claims, source.codebook, source.fingerprint);
        onProgress({ documents: head.length, annotations });
      } finally {
        writer.abandon();
      }
      signal.throwIfAborted();
      return;
    }
    head.push(next.value);
    headChars += next.value.text.length;
  }
  const worker = new Worker(APP_LAYOUT.workerUrl('search-build-worker'), { workerData: { file } satisfies BuildWorkerData });
  const progress = { documents: 0, annotations: 0 };
  let waiting = 0;
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const fail = (error: Error) => {
    failure ??= error;
    wake?.();
    finished();
  };
  worker.on('message', (message: BuildWorkerMessage) => {
    if (message.kind === 'wrote') {
      waiting--;
      progress.documents += message.documents;
      progress.annotations += message.annotations;
      onProgress({ ...progress });
      wake?.();
    } else if (message.kind === 'done') finished();
    else fail(new Error(message.message));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the index builder stopped (exit code ${code})`)));
  const stop = () => fail(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
  signal.addEventListener('abort', stop, { once: true });
  const send = (request: BuildWorkerRequest) => worker.postMessage(request);
  try {
    let batch: SearchDocument[] = head;
    let chars = headChars;
    const flush = async () => {
      if (batch.length > 0) {
        send({ kind: 'documents', documents: batch });
        waiting++;
        batch = [];
        chars = 0;
      }
      while (waiting >= IN_FLIGHT && failure === undefined) await new Promise<void>((resolve) => (wake = resolve));
      if (failure !== undefined) throw failure;
    };
    for (let next = await documents.next(); next.done !== true; next = await documents.next()) {
      const document = next.value;
      batch.push(document);
      chars += document.text.length;
      if (chars >= BATCH_CHARS) await flush();
    }
    await flush();
    send({ kind: 'finish', claims: source.claims, codebook: source.codebook, fingerprint: source.fingerprint });
    await done;
    if (failure !== undefined) throw failure;
  } finally {
    signal.removeEventListener('abort', stop);
    worker.removeAllListeners('exit');
    await worker.terminate();
  }
}

function iteratorOf(documents: SearchSource['documents']): AsyncIterator<SearchDocument> | Iterator<SearchDocument> {
  return Symbol.asyncIterator in documents ? documents[Symbol.asyncIterator]() : documents[Symbol.iterator]();
}
