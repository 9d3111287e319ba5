// The reader: a read-only Monaco editor showing a document's text with its annotations as
// highlights (coloured by primary tag, nested ones underlined, marked in the overview ruler,
// described on hover). Offsets are JS string indices, which are Monaco's own offset unit.
import { useEffect, useRef } from 'react';
import { annotationAt } from '../../../core/annotations/layout.ts';
import type { ClaimMembership } from '../../../core/evidence/membership.ts';
import type { Annotation } from '../../../core/model/annotation.ts';
import type { Codebook } from '../../../core/model/codebook.ts';
import type { DocumentView } from '../../../core/model/document.ts';
import type { DocumentVersion } from '../../../core/model/document-versions.ts';
import type { VerificationStatus } from '../../../core/model/workspace.ts';
import { useColorScheme } from '../ui/use-color-scheme.ts';
import { installHighlightStyles } from './highlight-styles.ts';
import { afterPaint, HighlightLayer } from './highlight-layer.ts';
import { monaco } from './monaco.ts';
import { loadSentences, monacoKeybindings, readerKeyOf, type ReaderKey } from './reader-keys.ts';
import { useClaimHovers } from './use-claim-hovers.ts';
import { useLinkMarkers } from './use-link-markers.ts';
import { useDimmedHighlights } from './use-dimmed-highlights.ts';
import { useReaderMarks, type ReaderMarks } from './use-reader-marks.ts';
import { isPlaced, rangeOf, showAnnotations, type CachedSpec, type HighlightState, type LastSync } from './reader-highlights.ts';

/** Scroll to an annotation, or (`span`) to a span of the text, which is selected and focused (a search hit). */
export type RevealRequest = (
  | { readonly annotationId: string; readonly span?: undefined }
  | { readonly annotationId?: undefined; readonly span: { readonly start: number; readonly end: number } }
) & {
  /** Changes on every request, so revealing the same annotation twice flashes it twice. */
  readonly serial: number;
};

interface ReaderProps extends ReaderMarks {
  readonly document: DocumentView;
  readonly codebook: Codebook;
  readonly statuses: readonly VerificationStatus[];
  readonly reveal?: RevealRequest;
  /** The innermost annotation under the cursor, and the cursor's offset, when the cursor moves. */
  readonly onCursorAnnotation: (annotationId: string | undefined, offset: number) => void;
  /** The analyst pressed a tag's shortcut key with text selected: `[start, end)` of the text. */
  readonly onTagSelection: (tagId: string, start: number, end: number) => void;
  /** Enter with text selected: open the annotation form for `[start, end)`. */
  readonly onNewAnnotation: (start: number, end: number) => void;
  /** Enter with nothing selected, in an annotation: open the form on it. */
  readonly onEditAnnotation?: (annotationId: string) => void;
  /** A tag's key with nothing selected, in an annotation: add the tag to it, or remove it. */
  readonly onToggleTag?: (annotationId: string, tagId: string) => void;
  /** A key press the window may act on (undo, the palette…); true if it did. */
  readonly onWindowKey?: (event: KeyboardEvent) => boolean;
  /** The selected span when the selection changes (undefined when nothing is selected). */
  readonly onTextSelection?: (span: { start: number; end: number } | undefined) => void;
  /** Annotations with evidence links: they carry a marker that follows the link when clicked. */
  readonly linked?: ReadonlySet<string>;
  /** The marker was clicked, or Alt+Enter pressed in a linked annotation. */
  readonly onFollowLink?: (annotationId: string) => void;
  /** Alt+L: link what is selected here with what is selected in the other pane. */
  readonly onLink?: () => void;
  /** Names the editor for screen readers ("Document text", "Source text"). */
  readonly label?: string;
  /** The document's versions: a hover says which one an annotation was made on. */
  readonly versions?: readonly DocumentVersion[];
  /** The claims each annotation belongs to: their statements and verdicts join the hover card. */
  readonly claims?: ReadonlyMap<string, readonly ClaimMembership[]>;
  /** While the annotations panel is filtered, the annotations it shows: the others fade. */
  readonly filterShown?: ReadonlySet<string>;
}

/** Characters up to which lines wrap at measured word widths (see the model effect). */
const ADVANCED_WRAPPING_LIMIT = 500_000;

export function Reader({
  document,
  codebook,
  statuses,
  reveal,
  onCursorAnnotation,
  onTagSelection,
  onNewAnnotation,
  onEditAnnotation,
  onToggleTag,
  onWindowKey,
  onTextSelection,
  linked,
  onFollowLink,
  onLink,
  label = 'Document text',
  versions,
  claims,
  filterShown,
  checked,
  suggestions,
}: ReaderProps) {
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor>(null);
  const highlights = useRef<HighlightLayer>(null);
  /** What the highlights were last made from, and the text order of their last full comparison. */
  const lastSync = useRef<LastSync>(null);
  /** Bumped by every highlight update; a deferred full comparison runs only if still the latest. */
  const syncSerial = useRef(0);
  const ruler = useRef<{ collection: monaco.editor.IEditorDecorationsCollection; signature: string }>(null);
  /** Each highlight's span and colour as the ruler last saw them. */
  const rulerKeys = useRef(new Map<string, string>());
  const specCache = useRef<{
    codebook?: Codebook;
    statuses?: readonly VerificationStatus[];
    versions?: readonly DocumentVersion[] | undefined;
    specs: WeakMap<Annotation, CachedSpec>;
  }>({
    specs: new WeakMap(),
  });
  // The editor's listeners outlive renders: they read the latest props through these refs.
  const cursorListener = useRef(onCursorAnnotation);
  const actions = useRef({
    onTagSelection,
    onNewAnnotation,
    onEditAnnotation,
    onToggleTag,
    onWindowKey,
    onTextSelection,
    onFollowLink,
    onLink,
    linked,
    shortcuts: new Map<string, string>(),
  });
  /** The last reveal request carried out, and its flash. */
  const revealed = useRef<RevealRequest>(undefined);
  const flash = useRef<monaco.editor.IEditorDecorationsCollection>(null);
  const annotationsRef = useRef<readonly Annotation[]>(document.annotations);
  useEffect(() => {
    cursorListener.current = onCursorAnnotation;
    annotationsRef.current = document.annotations;
    actions.current = {
      onTagSelection,
      onNewAnnotation,
      onEditAnnotation,
      onToggleTag,
      onWindowKey,
      onTextSelection,
      onFollowLink,
      onLink,
      linked,
      shortcuts: new Map(codebook.tags.flatMap((tag) => (tag.shortcut ? [[tag.shortcut, tag.id] as const] : []))),
    };
  });
  const scheme = useColorScheme();

  // The editor lives as long as the component; documents swap models inside it.
  useEffect(() => {
    const editor = monaco.editor.create(container.current!, {
      readOnly: true,
      domReadOnly: true,
      readOnlyMessage: {
        value:
          'The text stays exactly as imported. Select a span and press a tag key or Enter to mark an annotation; in an annotation, Enter edits it.',
      },
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
    });
    editorRef.current = editor;
    highlights.current = new HighlightLayer(editor);
    ruler.current = { collection: editor.createDecorationsCollection(), signature: '' };
    const cursor = editor.onDidChangeCursorPosition((event) => {
      const model = editor.getModel();
      if (!model || event.reason === monaco.editor.CursorChangeReason.ContentFlush) return;
      const offset = model.getOffsetAt(event.position);
      cursorListener.current(annotationAt(annotationsRef.current, offset, isPlaced)?.id, offset);
    });
    const selection = editor.onDidChangeCursorSelection((event) => {
      const model = editor.getModel();
      if (!model || event.reason === monaco.editor.CursorChangeReason.ContentFlush) return;
      const span = event.selection.isEmpty()
        ? undefined
        : { start: model.getOffsetAt(event.selection.getStartPosition()), end: model.getOffsetAt(event.selection.getEndPosition()) };
      actions.current.onTextSelection?.(span);
    });
    // The ⇄ after a linked highlight follows the link: a click right of the last character's text.
    const markerClick = editor.onMouseDown((event) => {
      const element = event.target.element;
      const model = editor.getModel();
      if (!model || !element?.classList.contains('cb-link-marker') || event.target.position === null) return;
      const text = window.document.createRange();
      text.selectNodeContents(element);
      if (event.event.posx < text.getBoundingClientRect().right) return;
      // The click lands just after the highlight's end (a character or two, by where the browser puts it).
      const offset = model.getOffsetAt(event.target.position);
      let linkedEnd: Annotation | undefined;
      for (const annotation of annotationsRef.current) {
        const { end } = annotation.target;
        if (
          actions.current.linked?.has(annotation.id) &&
          isPlaced(annotation) &&
          end <= offset &&
          end >= offset - 2 &&
          (linkedEnd === undefined || end > linkedEnd.target.end)
        )
          linkedEnd = annotation;
      }
      if (linkedEnd) actions.current.onFollowLink?.(linkedEnd.id);
    });
    const follow = editor.addAction({
      id: 'claimbench.followLink',
      label: 'Follow evidence link',
      keybindings: monacoKeybindings('reader.followLink'),
      contextMenuGroupId: 'navigation',
      run: (target) => {
        const model = target.getModel();
        const position = target.getPosition();
        if (!model || !position) return;
        const annotation = annotationAt(annotationsRef.current, model.getOffsetAt(position), isPlaced);
        if (annotation) actions.current.onFollowLink?.(annotation.id);
      },
    });
    const link = editor.addAction({
      id: 'claimbench.link',
      label: 'Link with the other pane…',
      keybindings: monacoKeybindings('reader.link'),
      contextMenuGroupId: 'navigation',
      run: () => actions.current.onLink?.(),
    });
    // Alt+S selects a sentence once the splitter is loaded (the first time, a moment later); a key
    // pressed meanwhile waits for that selection instead of finding none.
    let selectingSentence: Promise<void> | undefined;
    // A codebook shortcut with text selected tags it at once (the editor is read-only, so keys are free).
    // With nothing selected, the same keys act on the annotation at the cursor (as in brat and INCEpTION).
    const applyKey = (key: NonNullable<ReaderKey>): boolean => {
      const model = editor.getModel();
      const selection = editor.getSelection();
      if (!model || !selection) return false;
      const start = model.getOffsetAt(selection.getStartPosition());
      const end = model.getOffsetAt(selection.getEndPosition());
      if (selection.isEmpty()) {
        const annotation = annotationAt(annotationsRef.current, start, isPlaced);
        if (!annotation) return false;
        if (key.kind === 'claim') actions.current.onEditAnnotation?.(annotation.id);
        else actions.current.onToggleTag?.(annotation.id, key.tagId);
        return true;
      }
      if (key.kind === 'claim') actions.current.onNewAnnotation(start, end);
      else actions.current.onTagSelection(key.tagId, start, end);
      return true;
    };
    const keys = editor.onKeyDown((event) => {
      // The window's keys first (undo, redo, the palette, settings): Monaco's own would take them.
      if (actions.current.onWindowKey?.(event.browserEvent)) return void (event.preventDefault(), event.stopPropagation());
      const key = readerKeyOf(event.browserEvent, actions.current.shortcuts);
      if (key === undefined) return;
      if (selectingSentence !== undefined) {
        event.preventDefault();
        event.stopPropagation();
        void selectingSentence.then(() => applyKey(key));
        return;
      }
      if (!applyKey(key)) return;
      event.preventDefault();
      event.stopPropagation();
    });
    // Annotations are usually sentences: one key (or the context menu) selects the one at the cursor.
    const selectSentenceAt = async (target: monaco.editor.ICodeEditor): Promise<void> => {
      const model = target.getModel();
      const position = target.getPosition();
      if (!model || !position) return;
      const offset = model.getOffsetAt(position);
      const version = model.getVersionId();
      // The sentence splitter carries its language model (a few MB): loaded on first use, as a
      // chunk of its own, so that opening the app does not wait for it.
      const { sentenceAt } = await loadSentences();
      if (target.getModel() !== model || model.getVersionId() !== version) return;
      const span = sentenceAt(model.getValue(), offset);
      if (!span) return;
      const start = model.getPositionAt(span.start);
      const end = model.getPositionAt(span.end);
      target.setSelection(new monaco.Selection(start.lineNumber, start.column, end.lineNumber, end.column));
    };
    const selectSentence = editor.addAction({
      id: 'claimbench.selectSentence',
      label: 'Select sentence',
      keybindings: monacoKeybindings('reader.selectSentence'),
      contextMenuGroupId: '9_cutcopypaste',
      run: (target) => {
        const selecting = selectSentenceAt(target).finally(() => {
          if (selectingSentence === selecting) selectingSentence = undefined;
        });
        selectingSentence = selecting;
        return selecting;
      },
    });
    return () => {
      selection.dispose();
      markerClick.dispose();
      follow.dispose();
      link.dispose();
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

  useEffect(() => editorRef.current?.updateOptions({ ariaLabel: label }), [label]);

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
    const documentId = document.meta.id;
    afterPaint(() => performance.mark('cb:text-painted', { detail: { documentId } }));
  }, [document.meta.id, document.text]);

  // Highlights follow the annotations: only changed ones are touched, visible ones first.
  useEffect(() => {
    const layer = highlights.current;
    const model = editorRef.current?.getModel();
    if (!layer || !model) return;
    const state: HighlightState = { layer, ruler: ruler.current!, rulerKeys: rulerKeys.current, lastSync, serial: syncSerial };
    if (specCache.current.codebook !== codebook || specCache.current.statuses !== statuses || specCache.current.versions !== versions)
      specCache.current = { codebook, statuses, versions, specs: new WeakMap() };
    const tags = new Map(codebook.tags.map((tag) => [tag.id, tag]));
    const statusLabels = new Map(statuses.map((status) => [status.id, status.label]));
    showAnnotations(state, document.meta.id, document.annotations, {
      model,
      codebook,
      statuses,
      specs: specCache.current.specs,
      tags,
      statusLabels,
      versions,
    });
  }, [document.annotations, codebook, statuses, versions, document.meta.id]);

  useLinkMarkers(editorRef, linked, document);
  useClaimHovers(editorRef, claims, document);
  useDimmedHighlights(editorRef, filterShown, document);
  useReaderMarks(editorRef, document, { checked, suggestions });

  // Each reveal request scrolls and flashes once, when its annotation is there (it may arrive with
  // a later page); later changes of the annotations must not pull the reader back to it. A span
  // (a search hit) is selected, and the reader focused, so a tag key tags it at once.
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (reveal === undefined || reveal === revealed.current || !editor || !model) return;
    let range: monaco.Range;
    if (reveal.span !== undefined) {
      if (reveal.span.end > model.getValueLength()) return;
      range = monaco.Range.fromPositions(model.getPositionAt(reveal.span.start), model.getPositionAt(reveal.span.end));
      revealed.current = reveal;
      editor.setSelection(range);
      editor.focus();
    } else {
      const annotation = document.annotations.find((candidate) => candidate.id === reveal.annotationId);
      if (!annotation || !isPlaced(annotation)) return;
      revealed.current = reveal;
      range = rangeOf(model, annotation);
    }
    editor.revealRangeInCenterIfOutsideViewport(range, monaco.editor.ScrollType.Smooth);
    flash.current?.clear();
    const decorations = editor.createDecorationsCollection([{ range, options: { inlineClassName: 'cb-flash' } }]);
    flash.current = decorations;
    // Longer than the animation, counted from when it is painted: a smooth scroll may take a moment
    // to bring the line on screen, and a busy machine a moment more to paint it.
    afterPaint(() => window.setTimeout(() => decorations.clear(), 2500));
  }, [reveal, document.annotations, document.text]);

  return <div className="reader-editor" ref={container} data-testid="reader" />;
}
