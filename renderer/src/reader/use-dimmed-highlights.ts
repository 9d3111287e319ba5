// While the annotations panel is filtered, the highlights it leaves out fade in the reader (a
// class laid over theirs), so what the filter finds stands out in the text as in the list.
import { useEffect, useRef, type RefObject } from 'react';
import type { DocumentView } from '../../../core/model/document.ts';
import { monaco } from './monaco.ts';
import { isPlaced, rangeOf } from './reader-highlights.ts';

export function useDimmedHighlights(
  editorRef: RefObject<monaco.editor.IStandaloneCodeEditor | null>,
  shown: ReadonlySet<string> | undefined,
  document: DocumentView,
): void {
  const collection = useRef<monaco.editor.IEditorDecorationsCollection>(null);
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    collection.current ??= editor.createDecorationsCollection();
    const faded = shown === undefined ? [] : document.annotations.filter((annotation) => !shown.has(annotation.id) && isPlaced(annotation));
    collection.current.set(
      faded.map((annotation) => ({
        range: rangeOf(model, annotation),
        options: { inlineClassName: 'cb-dimmed', stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges },
      })),
    );
  }, [editorRef, shown, document.annotations, document.meta.id]);
}
