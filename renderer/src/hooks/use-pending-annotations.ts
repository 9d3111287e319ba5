// Annotations shown before the service has written them: a claim tagged with a key, or an edit
// saved from the claim form, appears at once; the status bar says "Saving…" until it is on
// disk. When the service answers, the written annotation replaces the pending one (in the same
// render, so nothing flickers); a failed write is withdrawn and reported.
import { useCallback, useMemo, useState } from 'react';
import { textOrderIndex } from '../../../core/annotations/layout.ts';
import type { Annotation } from '../../../core/model/annotation.ts';
import type { DocumentView } from '../../../core/model/document.ts';

export function usePendingAnnotations(open: DocumentView | undefined) {
  const [pending, setPending] = useState<readonly { documentId: string; annotation: Annotation }[]>([]);

  const propose = useCallback(
    (documentId: string, annotation: Annotation) => setPending((current) => [...current.filter((entry) => entry.annotation.id !== annotation.id), { documentId, annotation }]),
    [],
  );

  /** Stops showing the pending `annotationId` (written and applied, or failed). */
  const withdraw = useCallback((annotationId: string) => setPending((current) => current.filter((entry) => entry.annotation.id !== annotationId)), []);

  const shown = useMemo(() => {
    if (open === undefined) return undefined;
    const waiting = new Map(pending.filter((entry) => entry.documentId === open.meta.id).map((entry) => [entry.annotation.id, entry.annotation]));
    if (waiting.size === 0) return open;
    const annotations = open.annotations.map((annotation) => {
      const replacement = waiting.get(annotation.id);
      waiting.delete(annotation.id);
      return replacement ?? annotation;
    });
    // New ones in text order, so the reader need not sort 10,000 claims for one.
    for (const added of waiting.values()) annotations.splice(textOrderIndex(annotations, added), 0, added);
    return { ...open, annotations };
  }, [open, pending]);

  return { shown, propose, withdraw };
}
