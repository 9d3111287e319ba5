// The fingerprint of what the search index holds of a workspace: the documents (metadata, text
// hash, annotations), the codebook and the claims. The index records the fingerprint it reflects;
// at opening, one that differs from the workspace's means the index is rebuilt.
//
// It is an XOR of one digest per document (and one for the codebook, one for the claims), so it
// follows a change in O(that document) and needs no order: each change XORs the document's old
// digest out and its new one in. Annotation digests are kept per annotation object (the store
// keeps an unchanged annotation as the same object), so one edited annotation costs one hash.
// Two sums are kept: of the workspace as it was when the fingerprint was started (`atOpen`, what
// a valid index must hold), and as it is now (`now`, what the index holds once it has every change).
// Records are digested as canonical JSON (keys sorted): the team server reads them back from jsonb
// with their keys in another order than the folder store keeps, and the same workspace must give
// the same fingerprint from either (`claimbench team import` builds the index from the folder).
import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Annotation } from '../../core/model/annotation.ts';
import { canonicalJson } from '../../core/model/canonical-json.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import type { StoreChange, WorkspaceStore } from '../store/workspace-store.ts';

const DIGEST_BYTES = 32;
/** Documents digested between yields to the event loop during the first pass. */
const BATCH = 50;

/**
 * A digest is kept as a string of 32 one-byte characters (Node's `binary`, latin1), not a Buffer: there is one per
 * annotation, and a Buffer costs some 250 bytes of heap where such a string costs about 48.
 */
type Digest = string;

const annotationDigests = new WeakMap<Annotation, Digest>();

/** The SHA-256 of `texts` (as UTF-8) followed by `digests` (their bytes). */
function sha256(texts: readonly string[], digests: readonly Digest[] = []): Digest {
  const hash = createHash('sha256');
  for (const text of texts) hash.update(text);
  for (const digest of digests) hash.update(digest, 'binary');
  return hash.digest('binary');
}

function annotationDigest(annotation: Annotation): Digest {
  let digest = annotationDigests.get(annotation);
  if (digest === undefined) annotationDigests.set(annotation, (digest = sha256([canonicalJson(annotation)])));
  return digest;
}

/** A document as the index holds it: its id, metadata (with the text's hash) and annotations. */
export function documentDigest(file: DocumentFile): Digest {
  return sha256(['document\0', file.meta.id, '\0', canonicalJson(file.meta), '\0'], file.annotations.map(annotationDigest));
}

function xorInto(sum: Buffer, digest: Digest | undefined): void {
  if (digest === undefined) return;
  for (let index = 0; index < DIGEST_BYTES; index++) sum[index]! ^= digest.charCodeAt(index);
}

export class WorkspaceFingerprint {
  private readonly store: WorkspaceStore;
  /** Each document's digest as it is now (absent: not yet seen, or gone). */
  private readonly digests = new Map<string, Digest>();
  /** Documents whose digest at the start is in `openSum`. */
  private readonly seen = new Set<string>();
  private readonly openSum = Buffer.alloc(DIGEST_BYTES);
  private readonly nowSum = Buffer.alloc(DIGEST_BYTES);
  private codebookDigest: Digest;
  private claimsDigest: Digest;
  private scanned = false;

  constructor(store: WorkspaceStore) {
    this.store = store;
    this.codebookDigest = sha256(['codebook\0', canonicalJson(store.workspace.codebook)]);
    this.claimsDigest = sha256(['claims\0', canonicalJson(store.evidence.claims)]);
    for (const sum of [this.openSum, this.nowSum]) {
      xorInto(sum, this.codebookDigest);
      xorInto(sum, this.claimsDigest);
    }
  }

  /** The workspace as it was when this started; undefined until `scan` has seen every document. */
  get atOpen(): string | undefined {
    return this.scanned ? this.openSum.toString('hex') : undefined;
  }

  /** The workspace as it is now; undefined until `scan` has seen every document. */
  get now(): string | undefined {
    return this.scanned ? this.nowSum.toString('hex') : undefined;
  }

  /** Digests every document not yet seen, yielding to the event loop between batches. */
  async scan(signal?: AbortSignal): Promise<void> {
    let read = 0;
    for await (const file of this.store.eachDocument(signal === undefined ? {} : { signal })) {
      // A document changed (or removed) meanwhile was seen when it changed, as it was before.
      if (!this.seen.has(file.meta.id)) this.first(file.meta.id, file);
      if (++read % BATCH === 0) {
        await yieldToEventLoop();
        signal?.throwIfAborted();
      }
    }
    this.scanned = true;
  }

  /** Follows one change of the store; call it for every change, before the index is told. */
  note(change: StoreChange): void {
    if (change.kind === 'workspace') {
      const digest = sha256(['codebook\0', canonicalJson(this.store.workspace.codebook)]);
      xorInto(this.nowSum, this.codebookDigest);
      xorInto(this.nowSum, (this.codebookDigest = digest));
      return;
    }
    if (change.kind === 'evidence') {
      const digest = sha256(['claims\0', canonicalJson(this.store.evidence.claims)]);
      xorInto(this.nowSum, this.claimsDigest);
      xorInto(this.nowSum, (this.claimsDigest = digest));
      return;
    }
    const { documentId } = change;
    if (!this.seen.has(documentId)) {
      if (change.before === undefined) this.seen.add(documentId);
      else this.first(documentId, change.before);
    }
    const digest = change.after === undefined ? undefined : documentDigest(change.after);
    xorInto(this.nowSum, this.digests.get(documentId));
    xorInto(this.nowSum, digest);
    if (digest === undefined) this.digests.delete(documentId);
    else this.digests.set(documentId, digest);
  }

  /** A document's state at the start, into both sums. */
  private first(id: string, file: DocumentFile): void {
    const digest = documentDigest(file);
    this.seen.add(id);
    this.digests.set(id, digest);
    xorInto(this.openSum, digest);
    xorInto(this.nowSum, digest);
  }
}
