// Every undoable change to a workspace goes through here: it is written (all its documents, their
// details, the codebook, the links and claims), then recorded in the session's history. Undo and
// redo write one side of a recorded change back. A change that fails half-way is rolled back as
// far as the disk allows.
import { randomUUID } from 'node:crypto';
import { withTagGuids } from '../../core/codebook/tag-guids.ts';
import {
  History,
  sideOf,
  documentOf,
  withDetails,
  withRemoved,
  type Change,
  type ChangeSide,
  type HistoryState,
} from '../../core/history/history.ts';
import { currentRecords, withVersions } from '../../core/history/versions.ts';
import type { AnnotationsChange, DocumentsChange } from '../../core/contract/workbench-api.ts';
import { applyEvidenceEdits } from '../../core/evidence/edits.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import { EvidenceData, refKey, type AnnotationRef } from '../../core/model/evidence.ts';
import type { Emitter } from '../../core/events.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { AnnotationPut, WorkspaceStore } from '../store/workspace-store.ts';
import { currentActor } from '../team/actor.ts';
import { batchOf, type Step } from './step-batch.ts';
import { overwrittenSince } from './undo-check.ts';

export interface ChangeEvents {
  readonly documentsChanged: Emitter<DocumentsChange>;
  readonly annotationsChanged: Emitter<AnnotationsChange>;
  readonly historyChanged: Emitter<HistoryState>;
  /** The codebook changed (the service fires its workspace event). */
  readonly codebookChanged: () => void;
  readonly evidenceChanged: Emitter<EvidenceData>;
  /** The fact-check archive changed (how many entries it has now). */
  readonly archiveChanged?: Emitter<{ readonly entries: number }>;
}

const noop = () => undefined;

type WriteResult = Result<true, 'not-found' | 'write-failed'>;

/** What writing a side removed, by document id (see `withRemoved`). */
type Removed = ReadonlyMap<string, DocumentFile>;

export class ChangeLog {
  /** One history per member on a team server (undo undoes your own changes), else one under ''. */
  private readonly histories = new Map<string, History>();
  private readonly store: WorkspaceStore;
  private readonly events: ChangeEvents;

  constructor(store: WorkspaceStore, events: ChangeEvents) {
    this.store = store;
    this.events = events;
  }

  private queue: Promise<unknown> = Promise.resolve();
  /** The change being made (in `exclusive`), and whether it may be pipelined. */
  private active: { readonly release: () => void; readonly pipelined: boolean } | undefined;
  /** Pipelined saves made but not yet on disk (see `commit`). */
  private readonly inFlight = new Set<Promise<unknown>>();

  /** The history of whoever makes the current call. */
  private get history(): History {
    const key = currentActor()?.userId ?? '';
    return this.histories.get(key) ?? this.histories.set(key, new History()).get(key)!;
  }

  get state(): HistoryState {
    return this.history.state;
  }

  /**
   * Runs `work` after every change already under way has finished, so a change reads the state
   * the one before it left (an undo pressed while a claim is being written undoes that claim).
   * `pipelined`: `work` makes at most one change of one document's claims, and returns once it is
   * saved; the next change may then start as soon as this one is made, before it is on disk (see
   * `commit`). Any other change first waits until every pipelined one is on disk.
   */
  exclusive<T>(work: () => Promise<T>, { pipelined = false } = {}): Promise<T> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const start = async () => {
      if (!pipelined) await this.settled();
      const active = { release, pipelined };
      this.active = active;
      try {
        return await work();
      } finally {
        if (this.active === active) this.active = undefined;
        release();
      }
    };
    const run = this.queue.then(start);
    this.queue = Promise.race([run.then(noop, noop), released]);
    return run;
  }

  /** Resolves once every pipelined save made so far is on disk (or has failed). */
  private async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Writes `change` and makes it the next to undo. In a pipelined `exclusive`, a change of one
   * document's claims alone is pipelined: the store holds it at once, it is recorded, and the
   * next change may start while it goes to disk, so changes made in a burst (a script, a fast
   * typist, several windows) share the disk's time instead of queueing for it. Should it fail, it
   * leaves the history, and every window is told what is on disk.
   */
  async commit(made: Change): Promise<WriteResult> {
    // A tag is given its GUID for good when it is made (added, imported, merged from a bundle),
    // here, so that undo and redo bring back the same one.
    const change =
      made.codebook === undefined
        ? made
        : { ...made, codebook: { ...made.codebook, after: withTagGuids(made.codebook.after, () => randomUUID()) } };
    const active = this.active;
    const side = this.versioned(sideOf(change, 'after'), true);
    const pipelined = active?.pipelined === true ? this.stage(side) : undefined;
    if (pipelined === undefined) {
      if (active?.pipelined) await this.settled();
      const written = await this.write(side);
      if (!written.ok) return written;
      this.history.record(withRemoved(change, 'after', written.value));
      this.events.historyChanged.fire(this.history.state);
      return ok(true);
    }
    this.history.record(change);
    this.events.historyChanged.fire(this.history.state);
    this.inFlight.add(pipelined);
    void pipelined.finally(() => this.inFlight.delete(pipelined));
    active!.release();
    const saved = await pipelined;
    if (!saved.ok) {
      this.history.discard(change);
      this.events.historyChanged.fire(this.history.state);
    }
    // The library's counts follow: the document is announced changed (annotationsOnly) too.
    this.announce(new Map(side.annotations.map((edit) => [edit.documentId, edit])), new Map(), side);
    return saved.ok ? ok(true) : saved;
  }

  /** The store's pipelined save of `side`, when it is a change of one document's claims alone that the store can pipeline. */
  private stage(side: ChangeSide): Promise<Result<unknown, 'write-failed'>> | undefined {
    if (
      (side.documents?.length ?? 0) > 0 ||
      (side.details?.length ?? 0) > 0 ||
      side.evidence !== undefined ||
      side.codebook !== undefined ||
      side.archive !== undefined ||
      side.annotations.length === 0
    )
      return undefined;
    const documentId = side.annotations[0]!.documentId;
    if (side.annotations.some((edit) => edit.documentId !== documentId)) return undefined;
    return this.store.stageAnnotations(documentId, side.annotations);
  }

  undo(): Promise<Result<{ documentId?: string; label: string }, 'nothing-to-undo' | 'not-found' | 'write-failed' | 'conflict'>> {
    return this.exclusive(() => this.undoNow());
  }

  redo(): Promise<Result<{ documentId?: string; label: string }, 'nothing-to-redo' | 'not-found' | 'write-failed' | 'conflict'>> {
    return this.exclusive(() => this.redoNow());
  }

  private async undoNow(): Promise<
    Result<{ documentId?: string; label: string }, 'nothing-to-undo' | 'not-found' | 'write-failed' | 'conflict'>
  > {
    const change = this.history.peekUndo();
    if (change === undefined) return fail('nothing-to-undo', 'There is nothing to undo.');
    const overwritten = overwrittenSince(this.store, change, 'after');
    if (overwritten !== undefined) return fail('conflict', `Undo would overwrite ${overwritten}: it was changed by someone else since.`);
    const written = await this.write(this.versioned(sideOf(change, 'before'), false));
    if (!written.ok) return written;
    this.history.confirmUndo(withRemoved(change, 'before', written.value));
    this.events.historyChanged.fire(this.history.state);
    return ok(described(change, 'before'));
  }

  private async redoNow(): Promise<
    Result<{ documentId?: string; label: string }, 'nothing-to-redo' | 'not-found' | 'write-failed' | 'conflict'>
  > {
    const change = this.history.peekRedo();
    if (change === undefined) return fail('nothing-to-redo', 'There is nothing to redo.');
    const overwritten = overwrittenSince(this.store, change, 'before');
    if (overwritten !== undefined) return fail('conflict', `Redo would overwrite ${overwritten}: it was changed by someone else since.`);
    const written = await this.write(this.versioned(sideOf(change, 'after'), false));
    if (!written.ok) return written;
    this.history.confirmRedo(withRemoved(change, 'after', written.value));
    this.events.historyChanged.fire(this.history.state);
    return ok(described(change, 'after'));
  }

  /**
   * `side` with the versions its annotations, claims and links get by being written (core/history/versions.ts):
   * one more than each has now. `fresh`: a change being made, not an undo or a redo.
   */
  private versioned(side: ChangeSide, fresh: boolean): ChangeSide {
    const current = currentRecords({
      annotations: (documentId) => this.store.document(documentId)?.annotations ?? [],
      claims: () => this.store.evidence.claims,
      links: () => this.store.evidence.links,
    });
    return withVersions(side, current, fresh);
  }

  /**
   * Puts one side of a change on disk. A codebook that loses tags is written after the documents
   * (which stop using them); one that gains tags before (so documents never name a missing tag).
   * Evidence goes likewise: after the documents when it points at annotations they add, else
   * before them (it stops pointing at annotations they remove). A whole document put back goes
   * first (evidence may point at it) and one removed goes last (after the evidence that stopped
   * pointing at it). So if a write fails half-way, no file on disk names a tag or an annotation
   * that is not there, and the rollback keeps it so. Resolves with the documents it removed.
   */
  private async write(side: ChangeSide): Promise<Result<Removed, 'not-found' | 'write-failed'>> {
    const refusal = (side.evidence && this.store.evidenceWriteRefusal) || (side.archive && this.store.archiveWriteRefusal);
    if (refusal) return fail(refusal.code, refusal.message);
    const whole = new Set(side.documents?.map((edit) => edit.documentId));
    // The annotations each document gets and loses: the store is told those edits, not handed a new document.
    const next = new Map<string, AnnotationPut[]>();
    for (const edit of side.annotations) {
      if (whole.has(edit.documentId)) throw new Error(`a change edits document ${edit.documentId} both whole and by annotation`);
      if (this.store.document(edit.documentId) === undefined)
        return fail('not-found', `There is no document "${edit.documentId}" in this workspace.`);
      next.set(edit.documentId, [...(next.get(edit.documentId) ?? []), edit]);
    }
    const steps: Step[] = [];
    for (const [documentId, puts] of next) {
      const original = this.store.document(documentId)!;
      steps.push({ write: () => this.store.putAnnotations(documentId, puts), restore: () => this.store.putDocument(original) });
    }
    const { puts, removals, removed } = this.documentSteps(side.documents ?? []);
    // Whole documents put point at nothing of each other: written side by side, as one batch.
    steps.unshift(...batchOf(puts));
    // Details are the document's own fields, which nothing else points at: written first (its
    // annotation edits, if any, are then applied to the document with its new details).
    const detailed = side.details ?? [];
    for (const { documentId, fields } of detailed) {
      if (whole.has(documentId)) throw new Error(`a change edits document ${documentId}'s details and puts it whole`);
      const original = this.store.document(documentId);
      if (original === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
      steps.unshift({
        write: () => this.store.putDocument({ ...original, meta: withDetails(original.meta, fields) }),
        restore: () => this.store.putDocument(original),
      });
    }
    const evidence = side.evidence && this.evidenceStep(side.evidence, side);
    if (evidence?.pointsAtNew) steps.push(evidence.step);
    else if (evidence) steps.unshift(evidence.step);
    if (side.codebook !== undefined) {
      const workspace = this.store.workspace;
      const codebook = side.codebook;
      const step = {
        write: () => this.store.updateWorkspace({ ...workspace, codebook }),
        restore: () => this.store.updateWorkspace(workspace),
      };
      const kept = new Set(codebook.tags.map((tag) => tag.id));
      const losesTags = workspace.codebook.tags.some((tag) => !kept.has(tag.id));
      if (losesTags) steps.push(step);
      else steps.unshift(step);
    }
    if (side.archive !== undefined) {
      // Nothing else points at the archive's entries: it may go in any order.
      const original = this.store.archive;
      const entries = side.archive;
      steps.push({ write: () => this.store.putArchive(entries), restore: () => this.store.putArchive(original) });
    }
    steps.push(...removals);
    const present = new Map([...whole, ...detailed.map((edit) => edit.documentId)].map((id) => [id, this.store.document(id)]));
    for (const [index, step] of steps.entries()) {
      const written = await step.write();
      if (!written.ok) {
        // Best effort: put back what was already written, newest first.
        for (const done of steps.slice(0, index).reverse()) await done.restore();
        this.announce(next, present, side);
        return written;
      }
    }
    this.announce(next, present, side);
    return ok(removed);
  }

  /**
   * Writing whole documents: those put (first, before anything points at them) and those removed
   * (last). A removal notes what it removed in `removed`, and its rollback puts exactly that back.
   */
  private documentSteps(edits: NonNullable<ChangeSide['documents']>): { puts: Step[]; removals: Step[]; removed: Removed } {
    const removed = new Map<string, DocumentFile>();
    const puts: Step[] = [];
    const removals: Step[] = [];
    for (const { documentId, file } of edits) {
      const original = this.store.document(documentId);
      const restore = () =>
        original === undefined
          ? this.store.removeDocument(documentId, { neverExisted: true })
          : this.store.putDocument(removed.get(documentId) ?? original);
      if (file !== undefined) {
        puts.push({ write: () => this.store.putDocument(file), restore });
        continue;
      }
      const write = async () => {
        const gone = await this.store.removeDocument(documentId);
        if (gone.ok && gone.value !== undefined) removed.set(documentId, gone.value);
        return gone;
      };
      removals.push({ write, restore });
    }
    return { puts, removals, removed };
  }

  /**
   * Writing one side of evidence edits, and whether it points at annotations that `written` (the
   * side being written) adds: new annotations, or those of a document it puts back.
   */
  private evidenceStep({ edits, side }: NonNullable<ChangeSide['evidence']>, written: ChangeSide): { step: Step; pointsAtNew: boolean } {
    const original = this.store.evidence;
    // Checked before anything is written: an invalid result is a bug, and must not stop a change half-way.
    const evidence = EvidenceData.parse(applyEvidenceEdits(original, edits, side));
    const refs = edits.flatMap((edit): AnnotationRef[] => {
      if (edit.kind === 'link') return edit[side] ? [edit[side].from, edit[side].to] : [];
      return edit[side]?.mentions ?? [];
    });
    const ids = new Map<string, ReadonlySet<string>>();
    const onDisk = (documentId: string, annotationId: string): boolean => {
      let set = ids.get(documentId);
      if (set === undefined) {
        set = new Set(this.store.document(documentId)?.annotations.map((annotation) => annotation.id));
        ids.set(documentId, set);
      }
      return set.has(annotationId);
    };
    const put = [
      ...written.annotations.filter(({ annotation }) => annotation !== undefined),
      ...(written.documents ?? []).flatMap(({ documentId, file }) =>
        (file?.annotations ?? []).map((annotation) => ({ documentId, annotationId: annotation.id })),
      ),
    ];
    const added = new Set(put.filter(({ documentId, annotationId }) => !onDisk(documentId, annotationId)).map(refKey));
    return {
      step: { write: () => this.store.putEvidence(evidence), restore: () => this.store.putEvidence(original) },
      pointsAtNew: refs.some((ref) => added.has(refKey(ref))),
    };
  }

  /**
   * Tells every window what is now on disk (after a failure, what it was rolled back to).
   * `present`: the whole documents of the side as they were before it was written; those now
   * gone are announced removed, those now different changed (a window showing one reloads it).
   */
  private announce(
    documents: ReadonlyMap<string, unknown>,
    present: ReadonlyMap<string, DocumentFile | undefined>,
    side: ChangeSide,
  ): void {
    if (side.codebook !== undefined) this.events.codebookChanged();
    if (side.evidence !== undefined) this.events.evidenceChanged.fire(this.store.evidence);
    if (side.archive !== undefined) this.events.archiveChanged?.fire({ entries: this.store.archive.length });
    const byDocument = new Map<string, { put: Annotation[]; removed: string[] }>();
    for (const { documentId, annotationId } of side.annotations) {
      const stored = this.store.document(documentId)?.annotations.find((annotation) => annotation.id === annotationId);
      const entry = byDocument.get(documentId) ?? { put: [], removed: [] };
      if (stored === undefined) entry.removed.push(annotationId);
      else entry.put.push(stored);
      byDocument.set(documentId, entry);
    }
    for (const [documentId, { put, removed }] of byDocument) this.events.annotationsChanged.fire({ documentId, put, removed });
    if (documents.size > 0) this.events.documentsChanged.fire({ changed: [...documents.keys()], removed: [], annotationsOnly: true });
    const changed: string[] = [];
    const removed: string[] = [];
    for (const [documentId, before] of present) {
      const now = this.store.document(documentId);
      if (now === before) continue;
      if (now === undefined) removed.push(documentId);
      else changed.push(documentId);
    }
    if (changed.length > 0 || removed.length > 0) this.events.documentsChanged.fire({ changed, removed });
  }
}

function described(change: Change, side: 'before' | 'after'): { documentId?: string; label: string } {
  const documentId = documentOf(change, side);
  return documentId === undefined ? { label: change.label } : { documentId, label: change.label };
}
