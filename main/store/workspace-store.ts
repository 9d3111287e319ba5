// The workspace store's contract: what the workbench service reads and writes, whatever keeps the
// data. Two implementations: the JSON folder (folder-store.ts, the desktop's embedded default) and
// PostgreSQL (main/team/pg-store.ts, the team server). The singletons, the heads and held documents
// are read synchronously, from memory; reads of many documents' data (metas, findDocument, and the
// whole-workspace reads of tally.ts) are promises, so that a store need not keep every document in
// memory (docs/design/on-demand-store.md). Writes are promises that settle once the change is
// durable, and say so on `onDidChangeRecords`.
import type { ArchiveEntry } from '../../core/archive/entry.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import type { DocumentMeta } from '../../core/model/document.ts';
import type { AnnotationRef, EvidenceData } from '../../core/model/evidence.ts';
import type { DocumentFile, WorkspaceFile } from '../../core/model/stored-files.ts';
import type { SaveState } from '../../core/model/workspace.ts';
import type { Failure, Result } from '../../core/result.ts';
import type { Event } from '../../core/events.ts';
import type { AnnotationQuery, EachDocumentOptions, FoundAnnotation, FoundRef, TallyKey } from './tally.ts';
import type { UndoHistory } from './undo-history.ts';

/** What a change does to one annotation of a document: put (added or replaced) or, undefined, removed. */
export interface AnnotationPut {
  readonly annotationId: string;
  readonly annotation: Annotation | undefined;
}

/**
 * What changed in the store's memory: fired as soon as `workspace`, `evidence` or `document(id)`
 * answers something new (after the write, or for a pipelined save when it is staged, and again
 * when a failed one is taken back). `before`: the document as memory held it until then
 * (undefined: it is new); `after`: the document as it is now (undefined: it was removed), so that
 * a listener need not read it back (nor hold it); `annotationIds`: only these of its annotations
 * were put or removed. Derived data (the search index) follows the store through this; it never
 * writes anything.
 */
export type StoreChange =
  | { readonly kind: 'workspace' }
  | { readonly kind: 'evidence' }
  | {
      readonly kind: 'document';
      readonly documentId: string;
      readonly before: DocumentFile | undefined;
      readonly after: DocumentFile | undefined;
      readonly annotationIds?: readonly string[];
    };

export type SavedDocument = Promise<Result<DocumentFile, 'write-failed'>>;

/** One committed change of a shared store's log (the team server's change_log row). */
export interface CommittedChange {
  /** Its place in the log (change_log.seq, as text): the SSE event id that names it. */
  readonly position: string;
  /** Made by this store (its windows were told when it was made), not by another process on the same database. */
  readonly own: boolean;
  readonly actor: string;
  readonly kind: 'workspace' | 'evidence' | 'archive' | 'document' | 'annotations' | 'document-removed';
  readonly documentId?: string;
  /** For 'annotations': the annotations put or removed. */
  readonly annotationIds?: readonly string[];
  /** For 'annotations': those put, as committed. */
  readonly put?: readonly Annotation[];
}

/**
 * A store that shares its records with other processes (PostgreSQL) follows the log of committed
 * changes, each once, in the log's order, whoever made it: another process's change is read into
 * memory before it is announced, this store's own is only announced.
 */
export interface StoreChangeFeed {
  /** The last change applied here ('0' before any). */
  readonly position: string;
  /** Every change, in the log's order, once memory holds it. */
  readonly onDidApply: Event<CommittedChange>;
  /**
   * The changes after `position` up to the last one applied when this is called (read at once,
   * before the promise settles), in order; 'unknown' when `position` names no change, 'too-many'
   * when more than `limit` changes follow it.
   */
  changesAfter(position: string, limit: number): Promise<readonly CommittedChange[] | 'unknown' | 'too-many'>;
}

/**
 * What the store keeps at hand for every document: enough for the library, its order and the
 * counts without the document itself (docs/design/on-demand-store.md §2.0).
 */
export interface DocumentHead {
  readonly id: string;
  readonly title: string;
  readonly importedAt: string;
  readonly annotationCount: number;
}

/** Documents read into memory for a caller (`WorkspaceStore.hold`); they stay until released. */
export interface DocumentHold {
  /** Gives the hold back; calling it again does nothing. */
  release(): void;
}

/** The meta fields a document can be found by (an import's duplicate and new-version checks). */
export type FindField = 'originalHash' | 'textHash' | 'sourceUrl';

export interface WorkspaceStore {
  /** A local folder for this store's derived data (the search index is `<dir>/index`); for the folder store, the workspace itself. */
  readonly dir: string;
  /**
   * The team database a PostgreSQL store is in (its URL, with its password): what a worker thread
   * opens to read its own copy (a bundle export). Undefined for the folder store, read from `dir`.
   */
  readonly databaseUrl?: string;
  /** Records this opening took from an older format to the current one (core/model/migrations.ts). */
  readonly migratedFiles: readonly { readonly file: string; readonly from: number }[];
  readonly workspace: WorkspaceFile;
  /**
   * Documents in import order (then by title, then by id). Do not mutate. The folder store's only: the
   * PostgreSQL store throws, as it does not have every document in memory (use `eachDocument`).
   */
  readonly documents: readonly DocumentFile[];
  /**
   * A held document (see `hold`); undefined when there is no such document. The PostgreSQL store
   * throws NotHeld (document-holds.ts) for one that exists and is not in memory, and in strict mode
   * for one that is not held.
   */
  document(id: string): DocumentFile | undefined;
  /** Reads the documents named (those that exist) into memory and keeps them there until released. */
  hold(ids: Iterable<string>): Promise<DocumentHold>;
  /** Every document's head, in the order of `documents`. Do not mutate. */
  readonly heads: readonly DocumentHead[];
  head(id: string): DocumentHead | undefined;
  /** The sum of the heads' annotationCount. */
  readonly annotationCount: number;
  /** The metadata of the documents named that exist (a page of the library). */
  metas(ids: readonly string[]): Promise<ReadonlyMap<string, DocumentMeta>>;
  /** The first document, in the order of `documents`, whose meta has `value` in `field`. */
  findDocument(field: FindField, value: string): Promise<DocumentHead | undefined>;
  /**
   * Every document (or those named that exist), in library order, each read as it is when it comes
   * and not held: a whole-workspace read (the search's rebuild, the fingerprint's scan) takes what it
   * needs of each and keeps none. A document changed or removed meanwhile is told of on
   * `onDidChangeRecords` as usual; one removed before its turn is not yielded.
   */
  eachDocument(options?: EachDocumentOptions): AsyncIterable<DocumentFile>;
  /** Every annotation of the workspace counted by `key` (tally.ts says what each key is). */
  tally(key: TallyKey): Promise<ReadonlyMap<string, number>>;
  /** The annotations of every document that `query` finds, in library order (the annotations a whole-workspace change edits). */
  findAnnotations(query: AnnotationQuery): Promise<readonly FoundRef[]>;
  /** The annotations `refs` name that exist, by `refKey`, with their document's metadata (the claims view, ownership checks). */
  readAnnotations(refs: readonly AnnotationRef[]): Promise<ReadonlyMap<string, FoundAnnotation>>;
  /** The workspace's links and claims. */
  readonly evidence: EvidenceData;
  /** Why evidence cannot be changed in this session, or undefined when it can. */
  readonly evidenceWriteRefusal: Failure<'write-failed'> | undefined;
  /** The fact-check archive's entries, in import order. Do not mutate. */
  readonly archive: readonly ArchiveEntry[];
  /** Why the archive cannot be changed in this session, or undefined when it can. */
  readonly archiveWriteRefusal: Failure<'write-failed'> | undefined;
  /** What could not be read (or was repaired) when the store was opened. */
  readonly problems: readonly Failure[];
  readonly currentSaveState: SaveState;
  /** Journal files held open (the folder store's; 0 for a store without journals). */
  readonly openJournalCount: number;

  readonly onDidChangeSaveState: Event<SaveState>;
  /** Every change of what the store holds (see StoreChange). */
  readonly onDidChangeRecords: Event<StoreChange>;
  /** A store shared with other processes: its log of committed changes (undefined for the folder store). */
  readonly changeFeed?: StoreChangeFeed;
  /**
   * Where the members' undo histories are kept with the changes they record (the PostgreSQL store's:
   * they survive a restart and are shared by every process); undefined: in the service's memory.
   */
  readonly undoHistory?: UndoHistory;

  /** Replaces the workspace record; resolves once it is durable. */
  updateWorkspace(next: WorkspaceFile): Promise<Result<WorkspaceFile, 'write-failed'>>;
  /** Replaces the links and claims; resolves once they are durable. */
  putEvidence(next: EvidenceData): Promise<Result<EvidenceData, 'write-failed'>>;
  /** Replaces the archive's entries; resolves once they are durable. Throws on entries that break its schema. */
  putArchive(entries: readonly ArchiveEntry[]): Promise<Result<readonly ArchiveEntry[], 'write-failed'>>;
  /** Adds or replaces a whole document; resolves once it is durable. */
  putDocument(next: DocumentFile): SavedDocument;
  /** Puts and removes annotations of document `id`; resolves once durable. Throws on annotations that break the schema. */
  putAnnotations(id: string, puts: readonly AnnotationPut[]): Promise<Result<DocumentFile, 'write-failed' | 'not-found'>>;
  /**
   * Puts and removes annotations of document `id` as a pipelined save: memory holds the result at
   * once and the promise settles once it is durable. Saves of one document go in order; should one
   * fail, the document goes back to what is durable and the saves staged after it fail too.
   * Undefined when there is no such document.
   */
  stageAnnotations(id: string, puts: readonly AnnotationPut[]): SavedDocument | undefined;
  /** Deletes a document, in its turn after every write of it asked for before; resolves with what it held (undefined: there was none). */
  removeDocument(id: string, options?: { neverExisted?: boolean }): Promise<Result<DocumentFile | undefined, 'write-failed'>>;
  /** Keeps an imported file under its SHA-256 (written once); resolves with where it is. */
  saveOriginal(sha256: string, bytes: Uint8Array): Promise<Result<string, 'write-failed'>>;
  hasOriginal(sha256: string): Promise<boolean>;
  /** An imported file's bytes; undefined when it is missing. */
  readOriginal(sha256: string): Promise<Uint8Array | undefined>;
  /** Keeps an earlier version's text under its SHA-256, as saveOriginal does. */
  saveVersionText(sha256: string, text: string): Promise<Result<string, 'write-failed'>>;
  /** An earlier version's text; undefined when it is missing or not that text. */
  readVersionText(sha256: string): Promise<string | undefined>;
  /** Resolves when every write accepted so far has settled. */
  flush(): Promise<void>;
  /** Settles every write, then releases what the store holds. The store is not used after this. */
  close(): Promise<void>;
}

/**
 * The order of `documents` and `heads`: import order, then by title, then by id (a head's fields).
 * ISO 8601 UTC timestamps sort as strings (plain comparison is many times faster than
 * localeCompare). The id makes it a total order, the same whatever order a store came to hold its
 * documents in (docs/design/on-demand-store.md §2.0): a store that reads documents on demand can
 * only page in an order it can rebuild from the heads alone.
 */
export function byImport(
  a: Pick<DocumentHead, 'importedAt' | 'title' | 'id'>,
  b: Pick<DocumentHead, 'importedAt' | 'title' | 'id'>,
): number {
  if (a.importedAt !== b.importedAt) return a.importedAt < b.importedAt ? -1 : 1;
  if (a.title !== b.title) return a.title < b.title ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
