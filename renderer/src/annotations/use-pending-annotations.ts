// Annotations shown before the service has written them: an annotation tagged with a key, or an
// edit saved from the annotation form, appears at once; the status bar says "Saving…" until it is on
// disk. When the service answers, the written annotation replaces the pending one (in the same
// render, so nothing flickers); a failed write is withdrawn and reported.
import { useCallback, useMemo, useState } from 'react';
import { textOrderIndex } from '../../../core/annotations/layout.ts';
import type { Annotation } from '../../../core/model/annotation.ts';
import type { DocumentView } from '../../../core/model/document.ts';
import { recordDerivation } from './annotation-delta.ts';

export function usePendingAnnotations(open: DocumentView | undefined) {
  const [pending, setPending] = useState<readonly { documentId: string; annotation: Annotation }[]>([]);

  const propose = useCallback(
    (documentId: string, annotation: Annotation) =>
      setPending((current) => [...current.filter((entry) => entry.annotation.id !== annotation.id), { documentId, annotation }]),
    [],
  );

  /**
   * Stops showing the pending `annotationId` (written and applied, or failed); with `only`, only if
   * that is still the version waiting: a later edit of the same annotation stays shown until its
   * own write answers.
   */
  const withdraw = useCallback(
    (annotationId: string, only?: Annotation) =>
      setPending((current) =>
        current.filter((entry) => entry.annotation.id !== annotationId || (only !== undefined && entry.annotation !== only)),
      ),
    [],
  );

  const shown = useMemo(() => {
    if (open === undefined) return undefined;
    const waiting = new Map(
      pending.filter((entry) => entry.documentId === open.meta.id).map((entry) => [entry.annotation.id, entry.annotation]),
    );
    if (waiting.size === 0) return open;
    const put = [...waiting.values()];
    // A copy, then each pending one in place of its written version or in text order: no
    // function call per annotation of a document with 10,000 while the analyst waits.
    const annotations = open.annotations.slice();
    for (const annotation of put) {
      const index = indexOfId(annotations, annotation.id);
      if (index >= 0) annotations[index] = annotation;
      else annotations.splice(textOrderIndex(annotations, annotation), 0, annotation);
    }
    recordDerivation(annotations, open.annotations, put, []);
    return { ...open, annotations };
  }, [open, pending]);

  return { shown, propose, withdraw };
}

function indexOfId(annotations: readonly Annotation[], id: string): number {
  for (let index = 0; index < annotations.length; index++) if (annotations[index]!.id === id) return index;
  return -1;
}
