// Undo and redo across documents for one session: a stack of changes, each "annotation X of
// document D went from `before` to `after`". Undoing puts `before` back; redoing puts `after`.
import type { Annotation } from '../model/annotation.ts';

export interface Change {
  readonly documentId: string;
  readonly annotationId: string;
  readonly before: Annotation | undefined;
  readonly after: Annotation | undefined;
  /** "Tag as Statistic", "Delete claim", for the Edit menu and the status bar. */
  readonly label: string;
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
