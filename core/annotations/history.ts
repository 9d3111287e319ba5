// Undo and redo across documents for one session. A change is a set of edits made together —
// "annotation X of document D went from `before` to `after`", and possibly "the codebook went
// from `before` to `after`", and edits of links and claims — so deleting a tag used in ten
// documents, or an annotation with its links, is one step to undo.
import type { EvidenceEdit } from '../evidence/operations.ts';
import type { Annotation } from '../model/annotation.ts';
import type { Codebook } from '../model/codebook.ts';

export interface AnnotationEdit {
  readonly documentId: string;
  readonly annotationId: string;
  readonly before: Annotation | undefined;
  readonly after: Annotation | undefined;
}

export interface Change {
  /** "Tag as Statistic", "Delete tag Quote", for the Edit menu and the status bar. */
  readonly label: string;
  readonly annotations: readonly AnnotationEdit[];
  readonly codebook?: { readonly before: Codebook; readonly after: Codebook };
  /** Links and claims changed with it (each edit holds both sides; see applyEvidenceEdits). */
  readonly evidence?: readonly EvidenceEdit[];
}

/** One side of a change: the state to write to undo it (`before`) or to redo it (`after`). */
export interface ChangeSide {
  readonly annotations: readonly { readonly documentId: string; readonly annotationId: string; readonly annotation: Annotation | undefined }[];
  readonly codebook?: Codebook;
  /** The evidence edits, and which of their sides to write. */
  readonly evidence?: { readonly edits: readonly EvidenceEdit[]; readonly side: 'before' | 'after' };
}

export function sideOf(change: Change, side: 'before' | 'after'): ChangeSide {
  return {
    annotations: change.annotations.map((edit) => ({ documentId: edit.documentId, annotationId: edit.annotationId, annotation: edit[side] })),
    ...(change.codebook ? { codebook: change.codebook[side] } : {}),
    ...(change.evidence && change.evidence.length > 0 ? { evidence: { edits: change.evidence, side } } : {}),
  };
}

/**
 * The document to show after undoing or redoing `change`: the one whose claim it changed. A
 * codebook change may touch many documents, and a change of links or claims alone joins several
 * (the claims view may be open, too): for those the analyst stays where they are. A link made
 * from new spans shows the document of its first new annotation.
 */
export function documentOf(change: Change): string | undefined {
  return change.codebook === undefined ? change.annotations[0]?.documentId : undefined;
}

export interface HistoryState {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly undoLabel?: string;
  readonly redoLabel?: string;
}

export class History {
  private readonly done: Change[] = [];
  private readonly undone: Change[] = [];
  private readonly limit: number;

  constructor(limit = 500) {
    this.limit = limit;
  }

  /** A new change: it can be undone, and whatever was undone before can no longer be redone. */
  record(change: Change): void {
    this.done.push(change);
    if (this.done.length > this.limit) this.done.shift();
    this.undone.length = 0;
  }

  /** The change to undo; call `confirmUndo` once it has been applied. */
  peekUndo(): Change | undefined {
    return this.done.at(-1);
  }

  confirmUndo(): void {
    const change = this.done.pop();
    if (change) this.undone.push(change);
  }

  peekRedo(): Change | undefined {
    return this.undone.at(-1);
  }

  confirmRedo(): void {
    const change = this.undone.pop();
    if (change) this.done.push(change);
  }

  get state(): HistoryState {
    return { canUndo: this.done.length > 0, canRedo: this.undone.length > 0, undoLabel: this.done.at(-1)?.label, redoLabel: this.undone.at(-1)?.label };
  }
}
