// The ⇄ after each linked highlight, which follows the link when clicked (a few per document:
// built whole each time). Moved out of Reader.tsx unchanged, but for its own decorations collection.
import { useEffect, useRef, type RefObject } from 'react';
import type { DocumentView } from '../../../core/model/document.ts';
import { monaco } from './monaco.ts';
import { isPlaced } from './reader-highlights.ts';

export function useLinkMarkers(
  editorRef: RefObject<monaco.editor.IStandaloneCodeEditor | null>,
  linked: ReadonlySet<string> | undefined,
  document: DocumentView,
): void {
  const markers = useRef<monaco.editor.IEditorDecorationsCollection>(null);
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    markers.current ??= editor.createDecorationsCollection();
    const ends =
      linked === undefined || linked.size === 0
        ? []
        : document.annotations.filter((annotation) => linked.has(annotation.id) && isPlaced(annotation));
    markers.current.set(
      ends.map((annotation) => {
        // On the last character, drawn after it by CSS (a click just right of the text is on it).
        const start = model.getPositionAt(annotation.target.end - 1);
        const end = model.getPositionAt(annotation.target.end);
        return {
          range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
          options: {
            afterContentClassName: 'cb-link-marker',
            hoverMessage: { value: 'Evidence link: click the ⇄ (or press Alt+Enter in the annotation) to open the other end' },
          },
        };
      }),
    );
  }, [editorRef, linked, document.annotations, document.meta.id]);
}
