// Runs in a worker thread (started by build-index-file.ts): writes a new search index file from
// the documents, claims and codebook it is sent (index-file-writer.ts), so that SQLite's long steps
// (FTS5 flushing and merging its segments, the final commit) never hold up the service's thread.
import { parentPort, workerData } from 'node:worker_threads';
import type { Claim } from '../../core/model/evidence.ts';
import type { Codebook } from '../../core/model/codebook.ts';
import type { SearchDocument } from '../../core/search/search-types.ts';
import { IndexFileWriter } from './index-file-writer.ts';

export interface BuildWorkerData {
  /** The file to create (it must not exist). */
  readonly file: string;
}

/** What the service sends: documents in batches, then the rest, once. */
export type BuildWorkerRequest =
  | { readonly kind: 'documents'; readonly documents: readonly SearchDocument[] }
  | { readonly kind: 'finish'; readonly claims: readonly Claim[]; readonly codebook: Codebook; readonly fingerprint: string };

/** What the worker answers: each batch written, then done (the file is closed), or why it failed. */
export type BuildWorkerMessage =
  | { readonly kind: 'wrote'; readonly documents: number; readonly annotations: number }
  | { readonly kind: 'done' }
  | { readonly kind: 'failed'; readonly message: string };

const post = (message: BuildWorkerMessage) => parentPort!.postMessage(message);

try {
  const { file } = workerData as BuildWorkerData;
  const writer = new IndexFileWriter(file);
  parentPort!.on('message', (request: BuildWorkerRequest) => {
    try {
      if (request.kind === 'documents') {
        const annotations = writer.write(request.documents);
        post({ kind: 'wrote', documents: request.documents.length, annotations });
      } else {
        writer.finish(request.claims, request.codebook, request.fingerprint);
        post({ kind: 'done' });
      }
    } catch (error) {
      writer.abandon();
      post({ kind: 'failed', message: (error as Error).message });
    }
  });
} catch (error) {
  post({ kind: 'failed', message: (error as Error).message });
}
