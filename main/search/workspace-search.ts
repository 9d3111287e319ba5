// Keeps a workspace's search index (search-index.ts) in step with its store. The index lives in
// `<workspace>/index/` and is derived data: at opening it is checked against the workspace's
// fingerprint (workspace-fingerprint.ts), or on the team server against the change log
// (log-catch-up.ts), and rebuilt in the background when it is missing, of an older format or
// stale; after that it is told every change of the store
// (WorkspaceStore.onDidChangeRecords, through which every write passes: imports, edits, new
// versions, bundle imports, deletions, undo and redo). Nothing here waits for the check or a
// rebuild: searches meanwhile answer from what the index holds, and the status says so. Changes
// are told to the index in batches, once per turn of the event loop (one SQLite transaction for
// all the saves that finished in it, not one each: under fifty analysts saving, the server spent a
// tenth of its time in those), and before any search, so a search sees every change made before it.
// What a change did is taken from the change itself (StoreChange.after), never read back from the
// store: a store that keeps only some documents in memory need not hold them for the index.
import path from 'node:path';
import type { Disposable } from '../../core/events.ts';
import type { Codebook } from '../../core/model/codebook.ts';
import type { Claim } from '../../core/model/evidence.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import type { SearchQuery } from '../../core/search/query-ast.ts';
import type { SearchChange, SearchDocument, SearchOptions, SearchResults, SearchStatus } from '../../core/search/search-types.ts';
import { SEARCH_INDEX_DIR } from '../store/workspace-layout.ts';
import type { StoreChange, WorkspaceStore } from '../store/workspace-store.ts';
import { changesSinceMarker, logMarker, type IndexLog } from './log-catch-up.ts';
import { documentChange, mergeChanges, searchDocumentOf } from './search-change-parts.ts';
import { openSearchIndex, type SearchIndex } from './search-index.ts';
import { WorkspaceFingerprint } from './workspace-fingerprint.ts';

/** The least time between two progress reports of a rebuild. */
const PROGRESS_INTERVAL_MS = 200;

export class WorkspaceSearch {
  private readonly store: WorkspaceStore;
  /** Where the index lives (a folder for the SQLite file), or how to open it (the team server's, in PostgreSQL). */
  private readonly where: string | (() => Promise<SearchIndex>);
  private readonly onStatus: (status: SearchStatus) => void;
  private readonly stopping = new AbortController();
  private current: SearchStatus = { state: 'checking' };
  private opened: Promise<SearchIndex> | undefined;
  private index: SearchIndex | undefined;
  /** What the index is checked against: the workspace's fingerprint, or the store's change log. */
  private fingerprint: WorkspaceFingerprint | undefined;
  private readonly log: IndexLog | undefined;
  private subscription: Disposable | undefined;
  /** The check, then any rebuild: one at a time. */
  private work: Promise<void> = Promise.resolve();
  /** Changes not yet told to the index (it is being checked or rebuilt), by `keyOf`: the latest of each. */
  private readonly pending = new Map<string, StoreChange>();
  /** What the index holds of the codebook and the claims, to tell it what changed. */
  private codebook: Codebook | undefined;
  private claims = new Map<string, Claim>();
  /** The next claims change tells every claim and drops the index's others (a catch-up from the log: which went is not known). */
  private allClaims = false;
  private waiting: (() => void)[] = [];
  /** Changes made since the index was last told (it is ready), told at the next turn or search. */
  private queued: StoreChange[] = [];
  private flushing: NodeJS.Immediate | undefined;
  /** The last flush (see `flush`). */
  private flushed: Promise<void> = Promise.resolve();

  /**
   * @param onStatus told each new status (checking, building with progress, ready, failed)
   * @param where the folder of the index, the workspace's `index/` by default; or a function
   * opening an index elsewhere (the team server's, in PostgreSQL: main/search/pg/pg-search-index.ts)
   * @param log what the index is checked against instead of a fingerprint: the store's change log by default
   */
  constructor(
    store: WorkspaceStore,
    onStatus: (status: SearchStatus) => void,
    where: string | (() => Promise<SearchIndex>) = path.join(store.dir, SEARCH_INDEX_DIR),
    log: IndexLog | undefined = store.changeFeed,
  ) {
    this.store = store;
    this.onStatus = onStatus;
    this.where = where;
    this.log = log;
  }

  get status(): SearchStatus {
    return this.current;
  }

  /** Opens the index and starts checking it (and rebuilding it if need be) in the background. Idempotent. */
  start(): Promise<SearchIndex> {
    this.opened ??= this.open();
    return this.opened;
  }

  /** Resolves once the index is ready (or has failed, or this was disposed of). */
  whenReady(): Promise<void> {
    void this.start().catch(() => undefined);
    if (this.settled()) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Answers a parsed query from the index as it is (see `status`). */
  async search(query: SearchQuery, options?: SearchOptions): Promise<SearchResults> {
    const index = await this.start();
    await this.flush();
    return index.search(query, options);
  }

  /** Every annotation the query lets through (the annotations table), from the index as it is (see `status`). */
  async matchAnnotations(
    query: SearchQuery,
    options: { readonly matchCase: boolean },
  ): Promise<{ documentId: string; annotationId: string }[]> {
    const index = await this.start();
    await this.flush();
    return index.matchAnnotations(query, options);
  }

  async dispose(): Promise<void> {
    this.stopping.abort(new Error('the workspace was closed'));
    this.subscription?.dispose();
    await this.flush();
    await this.opened?.catch(() => undefined);
    await this.work;
    await this.index?.close();
    this.release();
  }

  private async open(): Promise<SearchIndex> {
    this.stopping.signal.throwIfAborted();
    // From here on every change is noted: the fingerprint's first pass and the index's check run
    // while the workspace is in use.
    if (this.log === undefined) this.fingerprint = new WorkspaceFingerprint(this.store);
    this.codebook = this.store.workspace.codebook;
    this.claims = new Map(this.store.evidence.claims.map((claim) => [claim.id, claim]));
    this.subscription = this.store.onDidChangeRecords((change) => this.follow(change));
    const index = typeof this.where === 'string' ? await openSearchIndex(this.where) : await this.where();
    if (this.stopping.signal.aborted) {
      void index.close();
      this.stopping.signal.throwIfAborted();
    }
    this.index = index;
    this.work = this.fingerprint === undefined ? this.checkLog(index, this.log!) : this.check(index, this.fingerprint);
    return index;
  }

  /** What the index reflects once told every change so far: the fingerprint now, or the log's place. */
  private marker(): string {
    return this.log === undefined ? this.fingerprint!.now! : logMarker(this.log);
  }

  /** Tells the index the records the log names after the place it reflects, or rebuilds it. */
  private async checkLog(index: SearchIndex, log: IndexLog): Promise<void> {
    try {
      const changes = await changesSinceMarker(index.fingerprint, log, this.store, this.stopping.signal);
      if (changes === undefined) return await this.rebuild(index);
      if (changes.some((change) => change.kind === 'workspace')) this.codebook = undefined;
      if (changes.some((change) => change.kind === 'evidence')) this.allClaims = true;
      // The records as they are now, then those changed meanwhile (`pending`, as new or newer), with the place.
      if (changes.length > 0) this.tell(index, this.changeOfAll(changes), changes);
      this.catchUp(index);
      this.setStatus({ state: 'ready' });
    } catch (error) {
      this.failed(error);
    }
  }

  /** Compares the index with the workspace; catches it up, or rebuilds it. */
  private async check(index: SearchIndex, fingerprint: WorkspaceFingerprint): Promise<void> {
    try {
      await fingerprint.scan(this.stopping.signal);
      if (index.fingerprint !== undefined && index.fingerprint === fingerprint.atOpen) {
        this.catchUp(index);
        this.setStatus({ state: 'ready' });
      } else {
        await this.rebuild(index);
      }
    } catch (error) {
      this.failed(error);
    }
  }

  /** Builds the index anew from the store; changes made meanwhile are told to it afterwards. */
  private async rebuild(index: SearchIndex): Promise<void> {
    const { store } = this;
    const total = store.heads.length;
    const signal = this.stopping.signal;
    const codebook = store.workspace.codebook;
    const claims = store.evidence.claims;
    // What changed before now is in what is read below.
    this.pending.clear();
    this.queued = [];
    this.allClaims = false;
    let reported = 0;
    const report = (progress: { documents: number; annotations: number }, force = false) => {
      if (!force && Date.now() - reported < PROGRESS_INTERVAL_MS) return;
      reported = Date.now();
      this.setStatus({ state: 'building', total, ...progress });
    };
    report({ documents: 0, annotations: 0 }, true);
    async function* documents() {
      for await (const file of store.eachDocument({ signal })) yield searchDocumentOf(file);
    }
    // Marked as matching nothing until the changes made meanwhile are in.
    await index.rebuild({ fingerprint: '', codebook, documents: documents(), claims }, report, signal);
    this.codebook = codebook;
    this.claims = new Map(claims.map((claim) => [claim.id, claim]));
    this.catchUp(index);
    this.setStatus({ state: 'ready' });
  }

  /** Tells the index the changes made while it was checked or rebuilt, and the fingerprint it now matches. */
  private catchUp(index: SearchIndex): void {
    const change: { -readonly [K in keyof SearchChange]: SearchChange[K] } = { fingerprint: this.marker() };
    const upsertDocuments: SearchDocument[] = [];
    const deleteDocuments: string[] = [];
    for (const pending of this.pending.values()) {
      if (pending.kind === 'workspace') Object.assign(change, this.codebookChange());
      else if (pending.kind === 'evidence') Object.assign(change, this.claimsChange());
      else if (pending.after === undefined) deleteDocuments.push(pending.documentId);
      else upsertDocuments.push(searchDocumentOf(pending.after));
    }
    this.pending.clear();
    this.tell(index, { ...change, upsertDocuments, deleteDocuments }, []);
  }

  /** Applies `change`; an index that writes it later (in a database server) reports a failure here too. */
  private tell(index: SearchIndex, change: SearchChange, changes: readonly StoreChange[]): void {
    const written = index.applyChange(change);
    if (written instanceof Promise) written.catch((error: unknown) => this.cannotFollow(changes, error));
  }

  /** Every change of the store: noted in the fingerprint, then queued for the index (or kept until it is ready). */
  private follow(change: StoreChange): void {
    try {
      this.fingerprint?.note(change);
    } catch (error) {
      this.cannotFollow([change], error);
      return;
    }
    if (this.current.state !== 'ready' || this.index === undefined) {
      this.pending.set(keyOf(change), change);
      return;
    }
    this.queued.push(change);
    this.flushing ??= setImmediate(() => void this.flush());
  }

  /**
   * Tells the index the changes queued, in one transaction, with the fingerprint it then matches.
   * Flushes run one after another, so the index is told in the order the store changed.
   */
  private flush(): Promise<void> {
    if (this.flushing !== undefined) clearImmediate(this.flushing);
    this.flushing = undefined;
    const changes = this.queued;
    if (changes.length === 0) return this.flushed;
    this.queued = [];
    const fingerprint = this.marker();
    this.flushed = this.flushed.then(() => this.tellQueued(changes, fingerprint));
    return this.flushed;
  }

  /** Tells the index `changes` with the fingerprint they lead to, or keeps them while it is checked or rebuilt. */
  private tellQueued(changes: readonly StoreChange[], fingerprint: string): void {
    const index = this.index;
    if (this.current.state !== 'ready' || index === undefined) {
      this.keepPending(changes);
      return;
    }
    try {
      this.tell(index, { ...this.changeOfAll(changes), fingerprint }, changes);
    } catch (error) {
      this.cannotFollow(changes, error);
    }
  }

  /**
   * Keeps the last of `changes` (in the order they came) of each record for the next catch-up,
   * unless a change of the same record is kept already: that one came after them.
   */
  private keepPending(changes: readonly StoreChange[]): void {
    const latest = new Map(changes.map((change) => [keyOf(change), change]));
    for (const [key, change] of latest) if (!this.pending.has(key)) this.pending.set(key, change);
  }

  /** The index is derived data: one that cannot follow is built again (this must not fail the store's write). */
  private cannotFollow(changes: readonly StoreChange[], error: unknown): void {
    console.error('claimbench: the search index could not follow a change; rebuilding it', error);
    this.keepPending(changes);
    this.rebuildLater();
  }

  /**
   * What `changes` did: per document, the annotations named (all of its rows when one change named
   * none) as the last of its changes left them, the codebook and the claims once.
   */
  private changeOfAll(changes: readonly StoreChange[]): SearchChange {
    const last = new Map<string, DocumentFile | undefined>();
    const whole = new Set<string>();
    const annotations = new Map<string, Set<string>>();
    let workspace = false;
    let evidence = false;
    for (const change of changes) {
      if (change.kind === 'workspace') workspace = true;
      else if (change.kind === 'evidence') evidence = true;
      else {
        last.set(change.documentId, change.after);
        if (change.annotationIds === undefined) whole.add(change.documentId);
        else {
          const ids = annotations.get(change.documentId) ?? new Set<string>();
          for (const id of change.annotationIds) ids.add(id);
          annotations.set(change.documentId, ids);
        }
      }
    }
    const parts: SearchChange[] = [];
    if (workspace) parts.push(this.codebookChange());
    if (evidence) parts.push(this.claimsChange());
    for (const documentId of whole) parts.push(documentChange(documentId, last.get(documentId)));
    for (const [documentId, ids] of annotations)
      if (!whole.has(documentId)) parts.push(documentChange(documentId, last.get(documentId), [...ids]));
    return mergeChanges(parts);
  }

  private codebookChange(): SearchChange {
    const codebook = this.store.workspace.codebook;
    if (codebook === this.codebook) return {};
    this.codebook = codebook;
    return { codebook };
  }

  /** The claims added, changed (a new object) and removed since the index was last told. */
  private claimsChange(): SearchChange {
    const now = new Map(this.store.evidence.claims.map((claim) => [claim.id, claim]));
    if (this.allClaims) {
      this.allClaims = false;
      this.claims = now;
      return { upsertClaims: [...now.values()], replaceClaims: true };
    }
    const upsertClaims = [...now.values()].filter((claim) => this.claims.get(claim.id) !== claim);
    const deleteClaims = [...this.claims.keys()].filter((id) => !now.has(id));
    this.claims = now;
    return { upsertClaims, deleteClaims };
  }

  /** A rebuild after the running work, from the store as it is then. */
  private rebuildLater(): void {
    const index = this.index;
    if (index === undefined || this.current.state === 'building' || this.stopping.signal.aborted) return;
    this.setStatus({ state: 'building', documents: 0, total: this.store.heads.length, annotations: 0 });
    this.work = this.work.then(() => this.rebuild(index).catch((error: unknown) => this.failed(error)));
  }

  private failed(error: unknown): void {
    if (this.stopping.signal.aborted) return this.release();
    this.setStatus({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
  }

  private setStatus(status: SearchStatus): void {
    this.current = status;
    if (!this.stopping.signal.aborted) this.onStatus(status);
    if (this.settled()) this.release();
  }

  private settled(): boolean {
    return this.current.state === 'ready' || this.current.state === 'failed' || this.stopping.signal.aborted;
  }

  private release(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}

/** The key under which a change not yet told to the index is kept (`pending`). */
function keyOf(change: StoreChange): string {
  return change.kind === 'document' ? `document:${change.documentId}` : change.kind;
}
