// Every undoable change to a workspace goes through here: it is written (all its documents, the
// codebook, the links and claims), then recorded in the session's history. Undo and redo write one
// side of a recorded change back. A change that fails half-way is rolled back as far as the disk
// allows.
import { History, sideOf, documentOf, type Change, type ChangeSide, type HistoryState } from '../../core/annotations/history.ts';
import { putAnnotation } from '../../core/annotations/operations.ts';
import type { AnnotationsChange, DocumentsChange } from '../../core/contract/workbench-api.ts';
import { applyEvidenceEdits } from '../../core/evidence/operations.ts';
import type { Annotation } from '../../core/model/annotation.ts';
import { EvidenceData, refKey, type AnnotationRef } from '../../core/model/evidence.ts';
import type { Emitter } from '../../core/events.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';

export interface ChangeEvents {
  readonly documentsChanged: Emitter<DocumentsChange>;
  readonly annotationsChanged: Emitter<AnnotationsChange>;
  readonly historyChanged: Emitter<HistoryState>;
  /** The codebook changed (the service fires its workspace event). */
  readonly codebookChanged: () => void;
  readonly evidenceChanged: Emitter<EvidenceData>;
}

type Step = { write: () => Promise<Result<unknown, 'write-failed'>>; restore: () => Promise<unknown> };

type WriteResult = Result<true, 'not-found' | 'write-failed'>;

export class ChangeLog {
  private readonly history = new History();
  private readonly store: WorkspaceStore;
  private readonly events: ChangeEvents;

  constructor(store: WorkspaceStore, events: ChangeEvents) {
    this.store = store;
    this.events = events;
  }

  private queue: Promise<unknown> = Promise.resolve();

  get state(): HistoryState {
    return this.history.state;
  }

  /**
   * Runs `work` after every change already under way has finished, so a change reads the state
   * the one before it left (an undo pressed while a claim is being written undoes that claim).
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Writes `change` and makes it the next to undo. */
  async commit(change: Change): Promise<WriteResult> {
    const written = await this.write(sideOf(change, 'after'));
    if (!written.ok) return written;
    this.history.record(change);
    this.events.historyChanged.fire(this.history.state);
    return written;
  }

  undo(): Promise<Result<{ documentId?: string; label: string }, 'nothing-to-undo' | 'not-found' | 'write-failed'>> {
    return this.exclusive(() => this.undoNow());
  }

  redo(): Promise<Result<{ documentId?: string; label: string }, 'nothing-to-redo' | 'not-found' | 'write-failed'>> {
    return this.exclusive(() => this.redoNow());
  }

  private async undoNow(): Promise<Result<{ documentId?: string; label: string }, 'nothing-to-undo' | 'not-found' | 'write-failed'>> {
    const change = this.history.peekUndo();
    if (change === undefined) return fail('nothing-to-undo', 'There is nothing to undo.');
    const written = await this.write(sideOf(change, 'before'));
    if (!written.ok) return written;
    this.history.confirmUndo();
    this.events.historyChanged.fire(this.history.state);
    return ok(described(change));
  }

  private async redoNow(): Promise<Result<{ documentId?: string; label: string }, 'nothing-to-redo' | 'not-found' | 'write-failed'>> {
    const change = this.history.peekRedo();
    if (change === undefined) return fail('nothing-to-redo', 'There is nothing to redo.');
    const written = await this.write(sideOf(change, 'after'));
    if (!written.ok) return written;
    this.history.confirmRedo();
    this.events.historyChanged.fire(this.history.state);
    return ok(described(change));
  }

  /**
   * Puts one side of a change on disk. A codebook that loses tags is written after the documents
   * (which stop using them); one that gains tags before (so documents never name a missing tag).
   * Evidence goes likewise: after the documents when it points at annotations they add, else
   * before them (it stops pointing at annotations they remove). So if a write fails half-way, no
   * file on disk names a tag or an annotation that is not there, and the rollback keeps it so.
   */
  private async write(side: ChangeSide): Promise<WriteResult> {
    const refusal = side.evidence && this.store.evidenceWriteRefusal;
    if (refusal) return fail(refusal.code, refusal.message);
    const next = new Map<string, DocumentFile>();
    for (const { documentId, annotationId, annotation } of side.annotations) {
      const file = next.get(documentId) ?? this.store.document(documentId);
      if (file === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
      next.set(documentId, putAnnotation(file, annotationId, annotation));
    }
    const steps: Step[] = [];
    for (const file of next.values()) {
      const original = this.store.document(file.meta.id)!;
      steps.push({ write: () => this.store.putDocument(file), restore: () => this.store.putDocument(original) });
    }
    const evidence = side.evidence && this.evidenceStep(side.evidence, side.annotations);
    if (evidence?.pointsAtNew) steps.push(evidence.step);
    else if (evidence) steps.unshift(evidence.step);
    if (side.codebook !== undefined) {
      const workspace = this.store.workspace;
      const codebook = side.codebook;
      const step = { write: () => this.store.updateWorkspace({ ...workspace, codebook }), restore: () => this.store.updateWorkspace(workspace) };
      const kept = new Set(codebook.tags.map((tag) => tag.id));
      const losesTags = workspace.codebook.tags.some((tag) => !kept.has(tag.id));
      if (losesTags) steps.push(step);
      else steps.unshift(step);
    }
    for (const [index, step] of steps.entries()) {
      const written = await step.write();
      if (!written.ok) {
        // Best effort: put back what was already written, newest first.
        for (const done of steps.slice(0, index).reverse()) await done.restore();
        this.announce(next, side);
        return written;
      }
    }
    this.announce(next, side);
    return ok(true);
  }

  /** Writing one side of evidence edits, and whether it points at annotations that `annotations` add. */
  private evidenceStep({ edits, side }: NonNullable<ChangeSide['evidence']>, annotations: ChangeSide['annotations']): { step: Step; pointsAtNew: boolean } {
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
    const added = new Set(
      annotations.filter(({ documentId, annotationId, annotation }) => annotation !== undefined && !onDisk(documentId, annotationId)).map(refKey),
    );
    return {
      step: { write: () => this.store.putEvidence(evidence), restore: () => this.store.putEvidence(original) },
      pointsAtNew: refs.some((ref) => added.has(refKey(ref))),
    };
  }

  /** Tells every window what is now on disk (after a failure, what it was rolled back to). */
  private announce(documents: ReadonlyMap<string, DocumentFile>, side: ChangeSide): void {
    if (side.codebook !== undefined) this.events.codebookChanged();
    if (side.evidence !== undefined) this.events.evidenceChanged.fire(this.store.evidence);
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
  }
}

function described(change: Change): { documentId?: string; label: string } {
  const documentId = documentOf(change);
  return documentId === undefined ? { label: change.label } : { documentId, label: change.label };
}
