// The reader's highlights: which annotation looks how (colour by primary tag, nested ones
// underlined, a hover with tags, status, speaker and note), kept in step with the annotations by
// a HighlightLayer, and summarized in the overview ruler.
import { depthsInTextOrder, textOrderIndex, textOrdered } from '../../../core/annotations/layout.ts';
import { earlierQuote } from '../../../core/annotations/review.ts';
import type { Annotation } from '../../../core/model/annotation.ts';
import { versionMadeOn, type DocumentVersion } from '../../../core/model/document-versions.ts';
import type { Codebook, Tag } from '../../../core/model/codebook.ts';
import type { VerificationStatus } from '../../../core/model/workspace.ts';
import { deltaBetween } from '../annotations/annotation-delta.ts';
import { tagClassName } from './highlight-styles.ts';
import { afterPaint, type HighlightLayer, type HighlightSpec, type SyncListener, type WantedHighlight } from './highlight-layer.ts';
import { escapeMarkdown, noteMarkdown } from './hover-markdown.ts';
import { monaco } from './monaco.ts';

/**
 * Makes the highlights show `annotations`. A few changes since the last time (an annotation tagged
 * or edited) are applied at once and the full comparison (the nesting of their neighbours, the
 * overview ruler) runs after the frame is painted; anything else is compared in full now.
 */
export function showAnnotations(state: HighlightState, documentId: string, annotations: readonly Annotation[], context: SpecContext): void {
  const { layer, lastSync } = state;
  const { model, codebook, statuses } = context;
  const serial = ++state.serial.current;
  const last = lastSync.current;
  const same =
    last !== null && last.model === model && last.codebook === codebook && last.statuses === statuses && last.versions === context.versions;
  const delta = same ? deltaBetween(last.annotations, annotations) : undefined;
  const marks = markingListener(documentId, last?.model !== model);
  if (last === null || delta === undefined || delta.put.size + delta.removed.size > QUICK_CHANGES)
    return fullSync(state, annotations, context, marks);
  const put: WantedHighlight[] = [];
  const removed = [...delta.removed];
  for (const annotation of delta.put.values()) {
    if (isPlaced(annotation)) put.push({ id: annotation.id, spec: specOf(annotation, enclosed(last.ordered, annotation), context) });
    else removed.push(annotation.id);
  }
  layer.update(put, removed, marks);
  lastSync.current = { ...last, annotations };
  afterPaint(() => {
    if (state.serial.current === serial && !model.isDisposed()) fullSync(state, annotations, context, markingListener(documentId, false));
  });
}

/** Makes every highlight match `annotations`; remembers them for the next quick update. */
function fullSync(state: HighlightState, annotations: readonly Annotation[], context: SpecContext, listener: SyncListener): void {
  const { layer, lastSync, rulerKeys, ruler } = state;
  const { model, codebook, statuses } = context;
  const fresh = lastSync.current?.model !== model;
  // Orphans (not found in this version of the text) have no place to show.
  const ordered = textOrdered(annotations.filter(isPlaced));
  const depths = depthsInTextOrder(ordered);
  const wanted = new Array<WantedHighlight>(ordered.length);
  // A plain loop that allocates nothing for an unchanged annotation (specs are remembered per
  // annotation object): it runs 10,000 times in a large document.
  for (let index = 0; index < ordered.length; index++)
    wanted[index] = { id: ordered[index]!.id, spec: specOf(ordered[index]!, depths[index]! > 0, context) };
  const changes = layer.sync(wanted, listener);
  lastSync.current = { model, codebook, statuses, versions: context.versions, annotations, ordered };
  // The ruler changes only when spans or their colours do (not for a new status or note).
  const keys = rulerKeys;
  if (fresh) keys.clear();
  const touched = new Set([...changes.added, ...changes.changed]);
  let rulerChanged = fresh || changes.removed.length > 0;
  for (const id of changes.removed) keys.delete(id);
  if (touched.size > 0) {
    for (const { id, spec } of wanted) {
      if (!touched.has(id)) continue;
      const key = `${spec.start}:${spec.end}:${spec.rulerColor}`;
      if (keys.get(id) !== key) rulerChanged = true;
      keys.set(id, key);
    }
  }
  // After the frame: the ruler is not needed to paint the highlight itself.
  if (rulerChanged) {
    afterPaint(() => !model.isDisposed() && updateRuler(ruler, model, ordered, context));
  }
}

export interface CachedSpec {
  readonly nested: boolean;
  readonly wanted: WantedHighlight;
}

export interface LastSync {
  readonly model: monaco.editor.ITextModel;
  readonly codebook: Codebook;
  readonly statuses: readonly VerificationStatus[];
  readonly versions: readonly DocumentVersion[] | undefined;
  readonly annotations: readonly Annotation[];
  /** The placed annotations in text order, as of the last full comparison. */
  readonly ordered: readonly Annotation[];
}

export interface SpecContext {
  readonly model: monaco.editor.ITextModel;
  readonly codebook: Codebook;
  readonly statuses: readonly VerificationStatus[];
  readonly specs: WeakMap<Annotation, CachedSpec>;
  readonly tags: ReadonlyMap<string, Tag>;
  readonly statusLabels: ReadonlyMap<string, string>;
  /** The document's versions, when known: the hover says which one an annotation was made on. */
  readonly versions?: readonly DocumentVersion[] | undefined;
}

/** The reader's highlights: the layer, the overview ruler, and what they were last made from. */
export interface HighlightState {
  readonly layer: HighlightLayer;
  readonly ruler: { collection: monaco.editor.IEditorDecorationsCollection; signature: string };
  /** Each highlight's span and colour as the ruler last saw them. */
  readonly rulerKeys: Map<string, string>;
  readonly lastSync: { current: LastSync | null };
  /** Bumped by every update; a deferred full comparison runs only if still the latest. */
  readonly serial: { current: number };
}

/** Changes up to this size are applied at once, before the full comparison. */
const QUICK_CHANGES = 50;

/** Orphans keep the span they had on an older text: they are listed, not highlighted. */
export const isPlaced = (annotation: Annotation) => annotation.anchor.state !== 'orphaned';

/** The highlight of `annotation`, made once per annotation object and nesting. */
function specOf(annotation: Annotation, nested: boolean, { model, specs, tags, statusLabels, versions }: SpecContext): HighlightSpec {
  const cached = specs.get(annotation);
  if (cached?.nested === nested) return cached.wanted.spec;
  const primary = tags.get(annotation.tags[0] ?? '');
  const className = `${tagClassName(primary?.id)}${nested ? ' cb-hl-nested' : ''}`;
  const hover = hoverFor(annotation, tags, statusLabels, versions);
  const color = primary?.color ?? '#888888';
  const { start, end } = annotation.target;
  const spec: HighlightSpec = {
    start,
    end,
    line: model.getPositionAt(start).lineNumber,
    rulerColor: color,
    signature: `${start}:${end}:${className}:${color}:${hover.map((message) => message.value).join('\u0000')}`,
    options: () => ({
      inlineClassName: className,
      hoverMessage: hover,
      stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
    }),
  };
  specs.set(annotation, { nested, wanted: { id: annotation.id, spec } });
  return spec;
}

/** Spans looked at before `annotation` for one that encloses it; the full comparison settles it. */
const ENCLOSING_LOOKBACK = 256;

/** Whether another span of `ordered` (text order) encloses `annotation`, looking back a little. */
function enclosed(ordered: readonly Annotation[], annotation: Annotation): boolean {
  const { start, end } = annotation.target;
  const index = textOrderIndex(ordered, annotation);
  for (let other = index - 1; other >= Math.max(0, index - ENCLOSING_LOOKBACK); other--) {
    const candidate = ordered[other]!;
    if (candidate.id !== annotation.id && candidate.target.start <= start && candidate.target.end >= end) return true;
  }
  return false;
}

/** Performance marks for benchmarks and diagnostics: what each update changed, once painted. */
function markingListener(documentId: string, fresh: boolean): SyncListener {
  return {
    visiblePainted: ({ added, changed, removed }) => {
      performance.mark('cb:highlights-visible', { detail: { documentId } });
      // The first highlights of a text are not a change.
      if (!fresh && added.length + changed.length + removed.length > 0) {
        performance.mark('cb:highlights-changed', {
          detail: { documentId, added: added.slice(0, 20), changed: changed.slice(0, 20), removed: removed.slice(0, 20) },
        });
      }
    },
    completePainted: (count) => performance.mark('cb:highlights-complete', { detail: { documentId, count } }),
  };
}

/** Marks in the overview ruler: at most this many, however many annotations there are. */
const RULER_MARKS = 300;

/**
 * Shows where the highlights are in the overview ruler: one mark per stretch of lines that has
 * any (coloured by the first one's tag), so 10,000 annotations make a few hundred marks, not
 * 10,000 that the ruler would redraw on every change.
 */
function updateRuler(
  ruler: { collection: monaco.editor.IEditorDecorationsCollection; signature: string },
  model: monaco.editor.ITextModel,
  annotations: readonly Annotation[],
  { specs, tags }: SpecContext,
): void {
  const linesPerMark = Math.max(1, Math.ceil(model.getLineCount() / RULER_MARKS));
  const marks = new Map<number, { start: number; end: number; color: string }>();
  for (const annotation of annotations) {
    const cached = specs.get(annotation);
    const line = cached?.wanted.spec.line ?? model.getPositionAt(annotation.target.start).lineNumber;
    const bucket = Math.floor((line - 1) / linesPerMark);
    const mark = marks.get(bucket);
    if (mark === undefined)
      marks.set(bucket, {
        start: annotation.target.start,
        end: annotation.target.end,
        color: tags.get(annotation.tags[0] ?? '')?.color ?? '#888888',
      });
    else {
      mark.start = Math.min(mark.start, annotation.target.start);
      mark.end = Math.max(mark.end, annotation.target.end);
    }
  }
  const signature = [...marks.values()].map((mark) => `${mark.start}:${mark.end}:${mark.color}`).join(',');
  if (signature === ruler.signature) return;
  ruler.signature = signature;
  ruler.collection.set(
    [...marks.values()].map((mark) => ({
      range: rangeOf(model, { target: mark }),
      options: {
        overviewRuler: { color: mark.color, position: monaco.editor.OverviewRulerLane.Full },
        stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
      },
    })),
  );
}

export function rangeOf(
  model: monaco.editor.ITextModel,
  annotation: { readonly target: { readonly start: number; readonly end: number } },
): monaco.Range {
  const start = model.getPositionAt(annotation.target.start);
  const end = model.getPositionAt(annotation.target.end);
  return new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
}

function hoverFor(
  annotation: Annotation,
  tags: ReadonlyMap<string, { name: string }>,
  statusLabels: ReadonlyMap<string, string>,
  versions: readonly DocumentVersion[] | undefined,
): monaco.IMarkdownString[] {
  const tagNames = annotation.tags.map((id) => tags.get(id)?.name ?? id);
  const lines = [
    `**${escapeMarkdown(tagNames.join(', ') || 'Untagged')}** · ${escapeMarkdown(statusLabels.get(annotation.status) ?? annotation.status)}`,
  ];
  if (annotation.speaker) lines.push(`Speaker: ${escapeMarkdown(annotation.speaker)}`);
  if (annotation.outlet) lines.push(`Outlet: ${escapeMarkdown(annotation.outlet)}`);
  // Only once there is more than one version: "made on version 1 of 1" says nothing.
  if (versions !== undefined && versions.length > 1) {
    const madeOn = versionMadeOn(versions, annotation.created);
    lines.push(escapeMarkdown(`Made on version ${madeOn.number} of ${versions.length}${madeOn.current ? ' (current)' : ''}`));
  }
  const was = earlierQuote(annotation);
  if (was !== undefined) lines.push(`Was: “${escapeMarkdown(was.length > 200 ? `${was.slice(0, 200)}…` : was)}”`);
  const messages: monaco.IMarkdownString[] = [{ value: lines.join('  \n') }];
  // The note is the analyst's own Markdown; Monaco renders it untrusted (no HTML, no commands), without images.
  if (annotation.note) messages.push({ value: noteMarkdown(annotation.note), isTrusted: false, supportHtml: false });
  return messages;
}
