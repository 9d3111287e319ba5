// The reader: a read-only Monaco editor showing a document's text with its annotations as
// highlights (coloured by primary tag, nested ones underlined, marked in the overview ruler,
// described on hover). Offsets are JS string indices, which are Monaco's own offset unit.
import { useEffect, useMemo, useRef } from 'react';
import { annotationAt, depthsInTextOrder, textOrdered } from '../../../core/annotations/layout.ts';
import { sentenceAt } from '../../../core/text/sentence.ts';
import type { Annotation } from '../../../core/model/annotation.ts';
import type { Codebook } from '../../../core/model/codebook.ts';
import type { DocumentView } from '../../../core/model/document.ts';
import type { VerificationStatus } from '../../../core/model/workspace.ts';
import { useColorScheme } from '../hooks/use-color-scheme.ts';
import { installHighlightStyles, tagClassName } from './highlight-styles.ts';
import { afterPaint, HighlightLayer, type HighlightSpec, type WantedHighlight } from './highlight-layer.ts';
import { monaco } from './monaco.ts';

export interface RevealRequest {
  readonly annotationId: string;
  /** Changes on every request, so revealing the same annotation twice flashes it twice. */
  readonly serial: number;
}

interface ReaderProps {
  readonly document: DocumentView;
  readonly codebook: Codebook;
  readonly statuses: readonly VerificationStatus[];
  readonly reveal?: RevealRequest;
  /** The innermost annotation under the cursor, when the cursor moves. */
  readonly onCursorAnnotation: (annotationId: string | undefined) => void;
  /** The analyst pressed a tag's shortcut key with text selected: `[start, end)` of the text. */
  readonly onTagSelection: (tagId: string, start: number, end: number) => void;
  /** Enter with text selected: open the claim form for `[start, end)`. */
  readonly onNewClaim: (start: number, end: number) => void;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
}

/** Characters up to which lines wrap at measured word widths (see the model effect). */
const ADVANCED_WRAPPING_LIMIT = 500_000;

monaco.editor.defineTheme('claimbench-light', { base: 'vs', inherit: true, rules: [], colors: { 'editor.background': '#fdfcfa' } });
monaco.editor.defineTheme('claimbench-dark', { base: 'vs-dark', inherit: true, rules: [], colors: { 'editor.background': '#1b1d21' } });

export function Reader({ document, codebook, statuses, reveal, onCursorAnnotation, onTagSelection, onNewClaim, onUndo, onRedo }: ReaderProps) {
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor>(null);
  const highlights = useRef<HighlightLayer>(null);
  /** False until the first sync on a new text (whose highlights are not reported as changes). */
  const synced = useRef(false);
  const ruler = useRef<{ collection: monaco.editor.IEditorDecorationsCollection; signature: string }>(null);
  /** Each highlight's span and colour as the ruler last saw them. */
  const rulerKeys = useRef(new Map<string, string>());
  const specCache = useRef<{ codebook?: Codebook; statuses?: readonly VerificationStatus[]; specs: WeakMap<Annotation, CachedSpec> }>({ specs: new WeakMap() });
  // The editor's listeners outlive renders: they read the latest props through these refs.
  const cursorListener = useRef(onCursorAnnotation);
  const actions = useRef({ onTagSelection, onNewClaim, onUndo, onRedo, shortcuts: new Map<string, string>() });
  // Orphans (not found in this version of the text) have no place to show.
  const placed = useMemo(() => document.annotations.filter((annotation) => annotation.anchor.state !== 'orphaned'), [document.annotations]);
  const annotationsRef = useRef<readonly Annotation[]>(placed);
  useEffect(() => {
    cursorListener.current = onCursorAnnotation;
    annotationsRef.current = placed;
    actions.current = {
      onTagSelection,
      onNewClaim,
      onUndo,
      onRedo,
      shortcuts: new Map(codebook.tags.flatMap((tag) => (tag.shortcut ? [[tag.shortcut, tag.id] as const] : []))),
    };
  });
  const scheme = useColorScheme();

  // The editor lives as long as the component; documents swap models inside it.
  useEffect(() => {
    const editor = monaco.editor.create(container.current!, {
      readOnly: true,
      domReadOnly: true,
      readOnlyMessage: { value: 'Documents are read-only: their text stays exactly as imported.' },
      wordWrap: 'on',
      lineNumbers: 'off',
      glyphMargin: false,
      folding: false,
      minimap: { enabled: false },
      renderLineHighlight: 'none',
      occurrencesHighlight: 'off',
      selectionHighlight: false,
      scrollBeyondLastLine: false,
      fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      fontSize: 15,
      lineHeight: 26,
      padding: { top: 16, bottom: 16 },
      automaticLayout: true,
      fixedOverflowWidgets: true,
      overviewRulerLanes: 1,
      hover: { delay: 250 },
      ariaLabel: 'Document text',
    });
    editorRef.current = editor;
    highlights.current = new HighlightLayer(editor);
    ruler.current = { collection: editor.createDecorationsCollection(), signature: '' };
    const cursor = editor.onDidChangeCursorPosition((event) => {
      const model = editor.getModel();
      if (!model || event.reason === monaco.editor.CursorChangeReason.ContentFlush) return;
      cursorListener.current(annotationAt(annotationsRef.current, model.getOffsetAt(event.position))?.id);
    });
    // A codebook shortcut with text selected tags it at once (the editor is read-only, so keys are free).
    const keys = editor.onKeyDown((event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const key = event.browserEvent.key;
      const tagId = actions.current.shortcuts.get(key.toLowerCase());
      const model = editor.getModel();
      const selection = editor.getSelection();
      if ((tagId === undefined && key !== 'Enter') || !model || !selection || selection.isEmpty()) return;
      event.preventDefault();
      event.stopPropagation();
      const start = model.getOffsetAt(selection.getStartPosition());
      const end = model.getOffsetAt(selection.getEndPosition());
      if (tagId === undefined) actions.current.onNewClaim(start, end);
      else actions.current.onTagSelection(tagId, start, end);
    });
    // Claims are usually sentences: one key (or the context menu) selects the one at the cursor.
    const selectSentence = editor.addAction({
      id: 'claimbench.selectSentence',
      label: 'Select sentence',
      keybindings: [monaco.KeyMod.Alt | monaco.KeyCode.KeyS],
      contextMenuGroupId: '9_cutcopypaste',
      run: (target) => {
        const model = target.getModel();
        const position = target.getPosition();
        if (!model || !position) return;
        const span = sentenceAt(model.getValue(), model.getOffsetAt(position));
        if (!span) return;
        const start = model.getPositionAt(span.start);
        const end = model.getPositionAt(span.end);
        target.setSelection(new monaco.Selection(start.lineNumber, start.column, end.lineNumber, end.column));
      },
    });
    // Undo and redo are the workbench's, not the (read-only) editor's.
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyZ, () => actions.current.onUndo());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyZ, () => actions.current.onRedo());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyY, () => actions.current.onRedo());
    return () => {
      keys.dispose();
      selectSentence.dispose();
      cursor.dispose();
      highlights.current?.dispose();
      highlights.current = null;
      ruler.current?.collection.clear();
      editor.getModel()?.dispose();
      editor.dispose();
      editorRef.current = null;
    };
  }, []);

  useEffect(() => monaco.editor.setTheme(scheme === 'dark' ? 'claimbench-dark' : 'claimbench-light'), [scheme]);

  useEffect(() => installHighlightStyles(codebook.tags), [codebook]);

  // A new document gets a new model (plain text, LF, so offsets map one to one).
  useEffect(() => {
    const editor = editorRef.current!;
    // Wrapping at the real width of each word measures text in the DOM: right for a report, but
    // seconds for a 5 MB text; a long document wraps by average character width instead.
    editor.updateOptions({ wrappingStrategy: document.text.length > ADVANCED_WRAPPING_LIMIT ? 'simple' : 'advanced' });
    const model = monaco.editor.createModel(document.text, 'plaintext');
    model.setEOL(monaco.editor.EndOfLineSequence.LF);
    const old = editor.getModel();
    editor.setModel(model);
    old?.dispose();
    editor.setScrollTop(0);
    synced.current = false;
    const documentId = document.meta.id;
    afterPaint(() => performance.mark('cb:text-painted', { detail: { documentId } }));
  }, [document.meta.id, document.text]);

  // Highlights follow the annotations: only changed ones are touched, visible ones first.
  useEffect(() => {
    const layer = highlights.current;
    const model = editorRef.current?.getModel();
    if (!layer || !model) return;
    const tags = new Map(codebook.tags.map((tag) => [tag.id, tag]));
    const statusLabels = new Map(statuses.map((status) => [status.id, status.label]));
    const ordered = textOrdered(placed);
    const depths = depthsInTextOrder(ordered);
    const wanted = new Array<WantedHighlight>(ordered.length);
    // Specs are remembered per annotation object (unchanged annotations keep theirs between
    // renders), so a new claim in a document with 10,000 builds one spec, not 10,000.
    if (specCache.current.codebook !== codebook || specCache.current.statuses !== statuses) specCache.current = { codebook, statuses, specs: new WeakMap() };
    const { specs } = specCache.current;
    // A plain loop that allocates nothing for an unchanged annotation: it runs 10,000 times
    // on every change of a large document.
    for (let index = 0; index < ordered.length; index++) {
      const annotation = ordered[index]!;
      const nested = depths[index]! > 0;
      const cached = specs.get(annotation);
      if (cached?.nested === nested) {
        wanted[index] = cached.wanted;
        continue;
      }
      const primary = tags.get(annotation.tags[0] ?? '');
      const className = `${tagClassName(primary?.id)}${nested ? ' cb-hl-nested' : ''}`;
      const hover = hoverFor(annotation, tags, statusLabels);
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
      const entry = { id: annotation.id, spec };
      specs.set(annotation, { nested, spec, wanted: entry });
      wanted[index] = entry;
    }
    const documentId = document.meta.id;
    // Marks for benchmarks and diagnostics: what each sync added and removed, once painted.
    const fresh = !synced.current;
    synced.current = true;
    const changes = layer.sync(wanted, {
      // Marks for benchmarks and diagnostics: what each sync changed (not the first of a text), once painted.
      visiblePainted: ({ added, changed, removed }) => {
        performance.mark('cb:highlights-visible', { detail: { documentId, count: wanted.length } });
        if (!fresh && added.length + changed.length + removed.length > 0) {
          performance.mark('cb:highlights-changed', { detail: { documentId, added: added.slice(0, 20), changed: changed.slice(0, 20), removed: removed.slice(0, 20) } });
        }
      },
      completePainted: () => performance.mark('cb:highlights-complete', { detail: { documentId, count: wanted.length } }),
    });
    // The ruler changes only when spans or their colours do (not for a new status or note).
    const keys = rulerKeys.current;
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
      const marks = ruler.current!;
      afterPaint(() => !model.isDisposed() && updateRuler(marks, model, ordered, specs, tags));
    }
  }, [placed, codebook, statuses, document.meta.id]);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    const annotation = placed.find((candidate) => candidate.id === reveal?.annotationId);
    if (!editor || !model || !annotation) return;
    const range = rangeOf(model, annotation);
    editor.revealRangeInCenterIfOutsideViewport(range, monaco.editor.ScrollType.Smooth);
    const flash = editor.createDecorationsCollection([{ range, options: { inlineClassName: 'cb-flash' } }]);
    // Longer than the animation: a smooth scroll may take a moment to bring the line on screen.
    const timer = window.setTimeout(() => flash.clear(), 2500);
    return () => {
      window.clearTimeout(timer);
      flash.clear();
    };
  }, [reveal, placed]);

  return <div className="reader-editor" ref={container} data-testid="reader" />;
}

interface CachedSpec {
  readonly nested: boolean;
  readonly spec: HighlightSpec;
  readonly wanted: WantedHighlight;
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
  specs: WeakMap<Annotation, CachedSpec>,
  tags: ReadonlyMap<string, { color: string }>,
): void {
  const linesPerMark = Math.max(1, Math.ceil(model.getLineCount() / RULER_MARKS));
  const marks = new Map<number, { start: number; end: number; color: string }>();
  for (const annotation of annotations) {
    const cached = specs.get(annotation);
    const line = cached?.spec.line ?? model.getPositionAt(annotation.target.start).lineNumber;
    const bucket = Math.floor((line - 1) / linesPerMark);
    const mark = marks.get(bucket);
    if (mark === undefined) marks.set(bucket, { start: annotation.target.start, end: annotation.target.end, color: tags.get(annotation.tags[0] ?? '')?.color ?? '#888888' });
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
      options: { overviewRuler: { color: mark.color, position: monaco.editor.OverviewRulerLane.Full }, stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges },
    })),
  );
}

function rangeOf(model: monaco.editor.ITextModel, annotation: { readonly target: { readonly start: number; readonly end: number } }): monaco.Range {
  const start = model.getPositionAt(annotation.target.start);
  const end = model.getPositionAt(annotation.target.end);
  return new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
}

function hoverFor(
  annotation: Annotation,
  tags: ReadonlyMap<string, { name: string }>,
  statusLabels: ReadonlyMap<string, string>,
): monaco.IMarkdownString[] {
  const tagNames = annotation.tags.map((id) => tags.get(id)?.name ?? id);
  const lines = [`**${escapeMarkdown(tagNames.join(', ') || 'Untagged')}** · ${escapeMarkdown(statusLabels.get(annotation.status) ?? annotation.status)}`];
  if (annotation.speaker) lines.push(`Speaker: ${escapeMarkdown(annotation.speaker)}`);
  if (annotation.outlet) lines.push(`Outlet: ${escapeMarkdown(annotation.outlet)}`);
  const messages: monaco.IMarkdownString[] = [{ value: lines.join('  \n') }];
  // The note is the analyst's own Markdown; Monaco renders it untrusted (no HTML, no commands).
  if (annotation.note) messages.push({ value: annotation.note, isTrusted: false, supportHtml: false });
  return messages;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
