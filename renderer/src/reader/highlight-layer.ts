// Keeps an editor's highlight decorations equal to a wanted set, cheaply: only annotations whose
// look changed are touched (one new annotation in a document with 10,000 is one decoration), and a
// large change is applied in slices of a few milliseconds each, those on screen first, so the
// text and its visible highlights paint at once and the page never freezes while the rest of a
// big document's highlights are added. (One `deltaDecorations` call with 10,000 decorations is a
// single ~100 ms task that delays the first paint.)
import { monaco } from './monaco.ts';

export interface HighlightSpec {
  readonly start: number;
  readonly end: number;
  /** The model line it starts on. */
  readonly line: number;
  /** Its colour in the overview ruler. */
  readonly rulerColor: string;
  /** Equal signatures mean equal decorations: nothing to do. */
  readonly signature: string;
  readonly options: () => monaco.editor.IModelDecorationOptions;
}

export interface WantedHighlight {
  readonly id: string;
  readonly spec: HighlightSpec;
}

/** Which annotations a sync added, changed (their look) and removed. */
export interface SyncChanges {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

/** What happens once a sync reaches a stage (for the app's performance marks). */
export interface SyncListener {
  /** The highlights on screen are applied and painted. */
  visiblePainted?(changes: SyncChanges): void;
  /** Every highlight is applied and painted; `count` of them. */
  completePainted?(count: number): void;
}

/** Milliseconds of work per slice; a frame is ~16 ms and a long task is > 50 ms. */
const SLICE_BUDGET_MS = 8;
/** Lines above and below the viewport treated as visible, so a short scroll finds them there. */
const MARGIN_LINES = 60;

type Operation =
  { readonly kind: 'remove'; readonly id: string } | { readonly kind: 'add'; readonly id: string; readonly spec: HighlightSpec };

export class HighlightLayer {
  private readonly editor: monaco.editor.IStandaloneCodeEditor;
  /** Annotation id → its decoration and the signature it was made from. */
  private shown = new Map<string, { decorationId: string; signature: string; seen: number }>();
  private generation = 0;
  private model: monaco.editor.ITextModel | null = null;
  private queue: Operation[] = [];
  private scheduled: number | undefined;
  private listener: SyncListener = {};
  private changes: SyncChanges = { added: [], changed: [], removed: [] };
  private sliceSize = 400;
  private readonly scrolled: monaco.IDisposable;

  constructor(editor: monaco.editor.IStandaloneCodeEditor) {
    this.editor = editor;
    // Work still queued is reordered so highlights come to where the analyst scrolled.
    this.scrolled = editor.onDidScrollChange((event) => {
      if (event.scrollTopChanged && this.queue.length > 0) this.prioritize();
    });
  }

  /**
   * Makes the decorations match `wanted` (one spec per annotation id). Work left from an earlier sync
   * is replaced by this one's.
   */
  sync(wanted: readonly WantedHighlight[], listener: SyncListener = {}): SyncChanges {
    const model = this.editor.getModel();
    if (model !== this.model) {
      // A new model starts bare; the old one's decorations went with it.
      this.shown = new Map();
      this.model = model;
    }
    this.listener = listener;
    this.queue = [];
    const changes = { added: [] as string[], changed: [] as string[], removed: [] as string[] };
    // Mark what is still wanted with this sync's number (no map of 10,000 ids built per change).
    const generation = ++this.generation;
    for (let index = 0; index < wanted.length; index++) {
      const { id, spec } = wanted[index]!;
      const shown = this.shown.get(id);
      if (shown !== undefined) shown.seen = generation;
      if (shown?.signature === spec.signature) continue;
      (shown === undefined ? changes.added : changes.changed).push(id);
      this.queue.push({ kind: 'add', id, spec });
    }
    this.shown.forEach((shown, id) => {
      if (shown.seen === generation) return;
      changes.removed.push(id);
      this.queue.push({ kind: 'remove', id });
    });
    this.changes = changes;
    this.prioritize();
    this.cancel();
    // The first slice runs now, so what is on screen is in this frame.
    this.runSlice(true);
    return changes;
  }

  /**
   * Applies a few known changes at once, without comparing the rest: `put` are added or replace
   * their annotation's highlight, `removed` go. Work queued by a sync for the same annotations is
   * dropped (it is older); the rest of the queue goes on.
   */
  update(put: readonly WantedHighlight[], removed: readonly string[], listener: SyncListener = {}): SyncChanges {
    const model = this.editor.getModel();
    const changes = { added: [] as string[], changed: [] as string[], removed: [] as string[] };
    if (!model || model !== this.model) return changes;
    const operations: Operation[] = [];
    for (const id of removed) {
      if (!this.shown.has(id)) continue;
      changes.removed.push(id);
      operations.push({ kind: 'remove', id });
    }
    for (const { id, spec } of put) {
      const shown = this.shown.get(id);
      if (shown?.signature === spec.signature) continue;
      (shown === undefined ? changes.added : changes.changed).push(id);
      operations.push({ kind: 'add', id, spec });
    }
    if (this.queue.length > 0 && operations.length > 0) {
      const touched = new Set(operations.map((operation) => operation.id));
      this.queue = this.queue.filter((operation) => !touched.has(operation.id));
    }
    if (operations.length > 0) this.apply(model, operations);
    afterPaint(() => listener.visiblePainted?.(changes));
    return changes;
  }

  dispose(): void {
    this.cancel();
    this.scrolled.dispose();
    const ids = [...this.shown.values()].map((shown) => shown.decorationId);
    if (this.model && !this.model.isDisposed()) this.model.deltaDecorations(ids, []);
    this.shown.clear();
  }

  /** Removals first (they are cheap and stale looks must go), then additions nearest the viewport. */
  private prioritize(): void {
    const { start, end } = this.visibleOffsets();
    const distance = (operation: Operation) => {
      if (operation.kind === 'remove') return -1;
      const { spec } = operation;
      return spec.end < start ? start - spec.end : spec.start > end ? spec.start - end : 0;
    };
    this.queue.sort((a, b) => distance(b) - distance(a));
  }

  /** The viewport's text offsets, widened by a margin; the whole start of the text before layout. */
  private visibleOffsets(): { start: number; end: number } {
    const model = this.editor.getModel();
    const ranges = this.editor.getVisibleRanges();
    if (!model || ranges.length === 0) return { start: 0, end: 20_000 };
    const first = Math.max(1, ranges[0]!.startLineNumber - MARGIN_LINES);
    const last = Math.min(model.getLineCount(), ranges.at(-1)!.endLineNumber + MARGIN_LINES);
    return {
      start: model.getOffsetAt({ lineNumber: first, column: 1 }),
      end: model.getOffsetAt({ lineNumber: last, column: model.getLineMaxColumn(last) }),
    };
  }

  /**
   * Applies queued operations for about SLICE_BUDGET_MS (the queue is sorted with the most urgent
   * at its end). The first slice of a sync takes everything on screen, whatever it costs.
   */
  private runSlice(first: boolean): void {
    this.scheduled = undefined;
    const model = this.editor.getModel();
    if (!model || model !== this.model) return;
    const started = performance.now();
    const { start, end } = first ? this.visibleOffsets() : { start: 0, end: -1 };
    const onScreen = (operation: Operation) => operation.kind === 'remove' || (operation.spec.end >= start && operation.spec.start <= end);
    let taken = 0;
    while (this.queue.length > 0 && performance.now() - started < SLICE_BUDGET_MS) {
      const batch: Operation[] = [];
      while (this.queue.length > 0 && (batch.length < this.sliceSize || (first && onScreen(this.queue.at(-1)!))))
        batch.push(this.queue.pop()!);
      this.apply(model, batch);
      taken += batch.length;
    }
    // Aim each batch at about half the budget on this machine.
    const elapsed = performance.now() - started;
    if (taken > 0 && elapsed > 0) this.sliceSize = Math.max(50, Math.min(1000, Math.round((taken / elapsed) * (SLICE_BUDGET_MS / 2))));
    if (first) {
      const { listener, changes } = this;
      afterPaint(() => listener.visiblePainted?.(changes));
    }
    if (this.queue.length > 0) this.scheduled = schedule(() => this.runSlice(false));
    else {
      const { listener } = this;
      const count = this.shown.size;
      afterPaint(() => listener.completePainted?.(count));
    }
  }

  private apply(model: monaco.editor.ITextModel, batch: readonly Operation[]): void {
    const removals: string[] = [];
    const additions: { id: string; spec: HighlightSpec }[] = [];
    for (const operation of batch) {
      if (operation.kind === 'remove') {
        const shown = this.shown.get(operation.id);
        if (shown) removals.push(shown.decorationId);
        this.shown.delete(operation.id);
      } else {
        additions.push(operation);
      }
    }
    // An annotation changed in one slice may still have its old decoration; replace it.
    for (const { id } of additions) {
      const stale = this.shown.get(id);
      if (stale) removals.push(stale.decorationId);
    }
    const decorations = additions.map(({ spec }) => ({ range: rangeOf(model, spec.start, spec.end), options: spec.options() }));
    // The model's own decorations (the reader is the model's only editor).
    const ids = model.deltaDecorations(removals, decorations);
    additions.forEach(({ id, spec }, index) =>
      this.shown.set(id, { decorationId: ids[index]!, signature: spec.signature, seen: this.generation }),
    );
  }

  private cancel(): void {
    if (this.scheduled !== undefined) clearTimeout(this.scheduled);
    this.scheduled = undefined;
  }
}

function rangeOf(model: monaco.editor.ITextModel, start: number, end: number): monaco.Range {
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(end);
  return new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column);
}

/** Next task, letting the browser paint and handle input in between. */
function schedule(callback: () => void): number {
  return window.setTimeout(callback, 0);
}

/** Runs `callback` once the next frame has been painted. */
export function afterPaint(callback: () => void): void {
  requestAnimationFrame(() => setTimeout(callback, 0));
}
