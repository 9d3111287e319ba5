// The claim suggestions of an open document (issue 21): asked of the service once the text has
// painted (it analyses in slices, off this thread, and reports progress; they come a stretch of
// text at a time, so no answer is big enough to hold the reader up), kept per text, and
// marked as already marked wherever an annotation of the document now overlaps them. Accepting
// and rejecting go to the service; a rejected suggestion leaves the list at once.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DocumentSuggestion, SuggestionChoice } from '../../../core/contract/workbench-api.ts';
import type { Annotation } from '../../../core/model/annotation.ts';
import type { DocumentView } from '../../../core/model/document.ts';
import { api } from '../api/client.ts';
import { overlapTest } from './suggestion-list.ts';
import type { SuggestionMarks } from './use-suggestion-marks.ts';

/** Characters of text per getSuggestions call: answers of a few hundred KB, each parsed well within a frame. */
const PAGE_CHARS = 100_000;

export interface DocumentSuggestionsState {
  /** In text order; undefined until the analysis is done. */
  readonly suggestions: readonly DocumentSuggestion[] | undefined;
  readonly state: 'none' | 'analysing' | 'done' | 'failed';
  /** How far the analysis got (0–1) while analysing. */
  readonly progress: number;
  readonly message?: string;
  /** Makes suggestions annotations (one undoable step); resolves to an error message, or undefined. */
  readonly accept: (choices: readonly SuggestionChoice[]) => Promise<string | undefined>;
  readonly reject: (ids: readonly string[]) => Promise<string | undefined>;
  /** The suggestion n and p are on (shown in the reader), by id. */
  readonly activeId: string | undefined;
  readonly setActiveId: (id: string | undefined) => void;
  /** What the reader underlines (the same object while neither changes). */
  readonly marks: SuggestionMarks;
}

export function useSuggestions(
  document: DocumentView | undefined,
  annotations: readonly Annotation[] | undefined,
): DocumentSuggestionsState {
  const documentId = document?.meta.id;
  const textKey = document === undefined ? undefined : `${document.meta.id}:${document.meta.textHash}`;
  const textLength = document?.text.length;
  const [answer, setAnswer] = useState<{ textKey: string; suggestions?: readonly DocumentSuggestion[]; message?: string }>();
  const [rejected, setRejected] = useState<{ textKey: string; ids: ReadonlySet<string> }>();
  const [progress, setProgress] = useState<{ documentId: string; fraction: number }>();
  const [active, setActive] = useState<{ textKey: string | undefined; id: string | undefined }>();
  const setActiveId = useCallback((id: string | undefined) => setActive({ textKey, id }), [textKey]);

  useEffect(() => {
    const subscription = api.onDidProgressSuggestions((step) =>
      setProgress({ documentId: step.documentId, fraction: step.total === 0 ? 1 : step.done / step.total }),
    );
    return () => subscription.dispose();
  }, []);

  useEffect(() => {
    if (documentId === undefined || textKey === undefined || textLength === undefined) return;
    let current = true;
    // A stretch of text at a time: one answer for a 5 MB report's hundred thousand suggestions
    // would take the reader's thread for hundreds of milliseconds to parse.
    const load = async () => {
      const found: DocumentSuggestion[] = [];
      for (let start = 0; start === 0 || start < textLength; start += PAGE_CHARS) {
        const result = await api.getSuggestions(documentId, { start, end: start + PAGE_CHARS });
        if (!current) return;
        if (!result.ok) return setAnswer({ textKey, message: result.error.message });
        // A new version while the stretches came: its own textKey asks again.
        if (`${documentId}:${result.value.textHash}` !== textKey) return;
        for (const suggestion of result.value.suggestions) found.push(suggestion);
      }
      // For bench/suggest-reader.ts: the answer is here (the reader applies its underlines next).
      performance.mark('cb:suggestions-received', { detail: { documentId, count: found.length } });
      setAnswer({ textKey, suggestions: found });
    };
    // After the first paint of the text: the reader comes first.
    const timer = window.setTimeout(() => {
      load().catch((error: unknown) => current && setAnswer({ textKey, message: (error as Error).message }));
    }, 0);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [documentId, textKey, textLength]);

  const known = answer !== undefined && answer.textKey === textKey ? answer : undefined;
  const hidden = rejected !== undefined && rejected.textKey === textKey ? rejected.ids : undefined;
  const suggestions = useMemo(() => {
    if (known?.suggestions === undefined) return undefined;
    const overlapsAnnotation = overlapTest(annotations ?? []);
    return known.suggestions
      .filter((suggestion) => !hidden?.has(suggestion.id))
      .map((suggestion) => {
        const marked = overlapsAnnotation(suggestion);
        return marked === suggestion.marked ? suggestion : { ...suggestion, marked };
      });
  }, [known, hidden, annotations]);

  const accept = useCallback(
    async (choices: readonly SuggestionChoice[]) => {
      if (documentId === undefined) return 'No document is open.';
      try {
        const result = await api.acceptSuggestions(documentId, choices);
        return result.ok ? undefined : result.error.message;
      } catch (error) {
        return (error as Error).message;
      }
    },
    [documentId],
  );

  const reject = useCallback(
    async (ids: readonly string[]) => {
      if (documentId === undefined || textKey === undefined) return 'No document is open.';
      setRejected((previous) => ({ textKey, ids: new Set([...(previous?.textKey === textKey ? previous.ids : []), ...ids]) }));
      try {
        const result = await api.rejectSuggestions(documentId, ids);
        return result.ok ? undefined : result.error.message;
      } catch (error) {
        return (error as Error).message;
      }
    },
    [documentId, textKey],
  );

  const activeId = active !== undefined && active.textKey === textKey ? active.id : undefined;
  const marks = useMemo(() => ({ suggestions, activeId }), [suggestions, activeId]);
  const state = document === undefined ? 'none' : known === undefined ? 'analysing' : known.message !== undefined ? 'failed' : 'done';
  return {
    suggestions,
    state,
    progress: progress !== undefined && progress.documentId === documentId ? progress.fraction : 0,
    ...(known?.message !== undefined ? { message: known.message } : {}),
    accept,
    reject,
    activeId,
    setActiveId,
    marks,
  };
}
