// Every undoable change to a workspace goes through here: it is written (all its documents, their
// details, the codebook, the links and claims), and recorded in its member's history with its last
// write (the store's UndoHistory, or one in memory: main/store/undo-history.ts). Undo and redo
// write one side of a recorded change back. A change that fails half-way is rolled back as far as
// the disk allows.
import { randomUUID } from 'node:crypto';
import { withTagGuids } from '../../core/codebook/tag-guids.ts';
import {
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
import { EvidenceData, refKey, type AnnotationRef } from '../../core/model/evidence.ts';
import type { Emitter } from '../../core/events.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { withHeld } from '../store/document-holds.ts';
import type { HistoryOp, HistoryStep, UndoHistory } from '../store/undo-history.ts';
import type { AnnotationPut, WorkspaceStore } from '../store/workspace-store.ts';
import { currentActor } from '../team/actor.ts';
import { MemoryHistory } from './memory-history.ts';
import { announceWritten } from './announce-written.ts';
import { documentsOf } from './change-documents.ts';
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

/**
 * Runs the last write of a side (`write`) with the history's step: `removed()` says what the side
 * has removed by then, the one document the last write removes included.
 */
type LastWrite = <R extends Result<unknown, string>>(write: () => Promise<R>, removed: () => Removed) => Promise<R>;

export class ChangeLog {
  /** One history per member on a team server (undo undoes your own changes), else one under ''. */
  private readonly histories: UndoHistory;
  private readonly store: WorkspaceStore;
  private readonly events: ChangeEvents;

  constructor(store: WorkspaceStore, events: ChangeEvents) {
    this.store = store;
    this.events = events;
    this.histories = store.undoHistory ?? new MemoryHistory();
  }

  private queue: Promise<unknown> = Promise.resolve();
  /** The change being made (in `exclusive`), and whether it may be pipelined. */
  private active: { readonly release: () => void; readonly pipelined: boolean } | undefined;
  /** Pipelined saves made but not yet on disk (see `commit`). */
  private readonly inFlight = new Set<Promise<unknown>>();

  /** Whoever makes the current call: the member whose history it uses. */
  private get member(): string {
    return currentActor()?.userId ?? '';
  }

  /** The history of whoever makes the current call. */
  state(): Promise<HistoryState> {
    return this.histories.state(this.member);
  }

  /**
   * Writes `side`, and applies to the caller's history, with its last write, the op `op` makes of
   * what the side removed. Windows are told the history after the records.
   */
  private async writeWith(side: ChangeSide, op: (removed: () => Removed) => HistoryOp): Promise<WriteResult> {
    let state: HistoryState | undefined;
    const written = await this.write(side, (write, removed) =>
      this.histories.alongside(this.member, op(removed), write, (now) => (state = now)),
    );
    if (state !== undefined) this.events.historyChanged.fire(state);
    return written;
  }

  /**
   * Runs `work` after every change already under way has finished, so a change reads the state
   * the one before it left (an undo pressed while a claim is being written undoes that claim).
   * `pipelined`: `work` makes at most one change of one document's claims, and returns once it is
   * saved; the next change may then start as soon as this one is made, before it is on disk (see
   * `commit`). Any other change first waits until every pipelined one is on disk. `documents`: held
   * for `work` until it returns (store.hold), read from now, not in the queue (reading on demand held it up).
   */
  exclusive<T>(
    work: () => Promise<T>,
    { pipelined = false, documents }: { pipelined?: boolean; documents?: Iterable<string> } = {},
  ): Promise<T> {
    const { promise: released, resolve: release } = Promise.withResolvers<void>();
    const ids = documents === undefined ? undefined : [...documents];
    const early = ids === undefined ? undefined : this.store.hold(ids).catch(() => undefined);
    const start = async () => {
      if (!pipelined) await this.settled();
      const active = { release, pipelined };
      this.active = active;
      try {
        return await (ids === undefined ? work() : withHeld(this.store, ids, work));
      } finally {
        if (this.active === active) this.active = undefined;
        release();
        void early?.then((hold) => hold?.release());
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
   * leaves the history, and every window is told what is on disk. The documents it names are held
   * while it is written (callers that read them first hold them too, through `exclusive`).
   */
  commit(made: Change): Promise<WriteResult> {
    return withHeld(this.store, documentsOf(made), () => this.commitHeld(made));
  }

  private async commitHeld(made: Change): Promise<WriteResult> {
    // A tag is given its GUID for good when it is made (added, imported, merged from a bundle),
    // here, so that undo and redo bring back the same one.
    const change =
      made.codebook === undefined
        ? made
        : { ...made, codebook: { ...made.codebook, after: withTagGuids(made.codebook.after, () => randomUUID()) } };
    const active = this.active;
    const side = this.versioned(sideOf(change, 'after'), true);
    const documentId = active?.pipelined === true ? this.stageable(side) : undefined;
    if (documentId === undefined) {
      if (active?.pipelined) await this.settled();
      return this.writeWith(side, (removed) => ({ kind: 'record', change: () => withRemoved(change, 'after', removed()) }));
    }
    // Recorded as it is staged, so that steps keep the order they were made in; taken back should it fail.
    const fire = (state: HistoryState) => this.events.historyChanged.fire(state);
    const saved = await this.histories.alongside(
      this.member,
      { kind: 'record', change: () => change, early: true },
      () => {
        const pipelined = this.store.stageAnnotations(documentId, side.annotations)!;
        this.inFlight.add(pipelined);
        void pipelined.finally(() => this.inFlight.delete(pipelined));
        active!.release();
        return pipelined;
      },
      fire,
    );
    // The library's counts follow: the document is announced changed (annotationsOnly) too.
    announceWritten(this.store, this.events, new Map(side.annotations.map((edit) => [edit.documentId, edit])), new Map(), side);
    return saved.ok ? ok(true) : saved;
  }

  /** The document of `side`, when it is a change of one document's claims alone that the store can pipeline (`stageAnnotations`). */
  private stageable(side: ChangeSide): string | undefined {
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
    return this.store.document(documentId) === undefined ? undefined : documentId;
  }

  undo(): Promise<Result<{ documentId?: string; label: string }, 'nothing-to-undo' | 'not-found' | 'write-failed' | 'conflict'>> {
    return this.exclusive(async () => {
      const step = await this.histories.peekUndo(this.member);
      if (step === undefined) return fail('nothing-to-undo', 'There is nothing to undo.');
      return withHeld(this.store, documentsOf(step.change), () => this.writeBack(step, 'undo'));
    });
  }

  redo(): Promise<Result<{ documentId?: string; label: string }, 'nothing-to-redo' | 'not-found' | 'write-failed' | 'conflict'>> {
    return this.exclusive(async () => {
      const step = await this.histories.peekRedo(this.member);
      if (step === undefined) return fail('nothing-to-redo', 'There is nothing to redo.');
      return withHeld(this.store, documentsOf(step.change), () => this.writeBack(step, 'redo'));
    });
  }

  /** Writes back the side of `step` that an undo (its before) or a redo (its after) restores; its documents are held. */
  private async writeBack(
    step: HistoryStep,
    kind: 'undo' | 'redo',
  ): Promise<Result<{ documentId?: string; label: string }, 'not-found' | 'write-failed' | 'conflict'>> {
    const { change } = step;
    const [side, current] = kind === 'undo' ? (['before', 'after'] as const) : (['after', 'before'] as const);
    const overwritten = overwrittenSince(this.store, change, current);
    const verb = kind === 'undo' ? 'Undo' : 'Redo';
    if (overwritten !== undefined) return fail('conflict', `${verb} would overwrite ${overwritten}: it was changed by someone else since.`);
    const written = await this.writeWith(this.versioned(sideOf(change, side), false), (removed) => ({
      kind,
      step,
      change: () => withRemoved(change, side, removed()),
    }));
    if (!written.ok) return written;
    return ok(described(change, side));
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
   * that is not there, and the rollback keeps it so. `last`: runs the last write (see LastWrite).
   */
  private async write(side: ChangeSide, last: LastWrite): Promise<WriteResult> {
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
    // What the side has removed by its last write: those already gone, and the one it removes (still in memory).
    const removing = (side.documents ?? []).filter(({ file }) => file === undefined).map(({ documentId }) => documentId);
    const removedNow = (): Removed => {
      const now = new Map(removed);
      for (const id of removing) {
        const held = removed.get(id) ?? this.store.document(id);
        if (held !== undefined) now.set(id, held);
      }
      return now;
    };
    if (steps.length === 0) return last(async () => ok(true as const), removedNow);
    for (const [index, step] of steps.entries()) {
      const written = index === steps.length - 1 ? await last(() => step.write(), removedNow) : await step.write();
      if (!written.ok) {
        // Best effort: put back what was already written, newest first.
        for (const done of steps.slice(0, index).reverse()) await done.restore();
        announceWritten(this.store, this.events, next, present, side);
        return written;
      }
    }
    announceWritten(this.store, this.events, next, present, side);
    return ok(true);
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
}

function described(change: Change, side: 'before' | 'after'): { documentId?: string; label: string } {
  const documentId = documentOf(change, side);
  return documentId === undefined ? { label: change.label } : { documentId, label: change.label };
}
