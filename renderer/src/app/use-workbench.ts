// React hooks over the api client: load data, and reload it when the service says it changed.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnnotationsChange, DocumentListPage } from '../../../core/contract/workbench-api.ts';
import { textOrderIndex } from '../../../core/annotations/layout.ts';
import type { Annotation } from '../../../core/model/annotation.ts';
import type { DocumentSummary, DocumentView } from '../../../core/model/document.ts';
import type { SaveState, WorkspaceInfo } from '../../../core/model/workspace.ts';
import { api } from '../api/client.ts';
import { FIRST_ANNOTATIONS, FIRST_DOCUMENTS } from '../api/first-calls.ts';
import { recordDerivation } from '../annotations/annotation-delta.ts';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function useWorkspaceInfo(): Loadable<WorkspaceInfo> {
  const [info, setInfo] = useState<Loadable<WorkspaceInfo>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    // An event carries the workspace as it is now: a first read answered after one is older.
    let heard = false;
    api.getWorkspaceInfo().then(
      (value) => live && !heard && setInfo({ state: 'ready', value }),
      (error: unknown) => live && !heard && setInfo({ state: 'failed', message: messageOf(error) }),
    );
    const subscription = api.onDidChangeWorkspace((value) => {
      heard = true;
      setInfo({ state: 'ready', value });
    });
    return () => {
      live = false;
      subscription.dispose();
    };
  }, []);
  return info;
}

/** The save state as events report it; `initial` (from the workspace info) until the first event. */
export function useSaveState(initial: SaveState | undefined): SaveState | undefined {
  const [state, setState] = useState<SaveState>();
  useEffect(() => {
    const subscription = api.onDidChangeSaveState(setState);
    return () => subscription.dispose();
  }, []);
  return state ?? initial;
}

/** The library's first page (what a window shows first, FIRST_DOCUMENTS), then pages of the rest, in idle time. */
const DOCUMENT_PAGE = 2000;
const RECOUNT_DELAY_MS = 100;

export function useDocumentList(): Loadable<DocumentSummary[]> {
  const [list, setList] = useState<Loadable<DocumentSummary[]>>({ state: 'loading' });
  // A change of documents reads the library again, a page at a time; answers may come back out of
  // order (the web host answers requests on several connections): only the latest reading is shown.
  // A change of annotations only (every save, anyone's) reads the rows of the documents it names.
  const latest = useRef(0);
  const load = useCallback(() => {
    const request = ++latest.current;
    const failed = (error: unknown) => request === latest.current && setList({ state: 'failed', message: messageOf(error) });
    /** The pages after `page`, in idle time (the browser paints and handles input between them). */
    const rest = async (page: DocumentListPage, documents: DocumentSummary[]) => {
      for (let next = page.next; next !== undefined;) {
        await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 100 }));
        const more = await api.listDocumentsPage(DOCUMENT_PAGE, next);
        if (request !== latest.current) return;
        documents = [...documents, ...more.documents];
        setList({ state: 'ready', value: documents });
        next = more.next;
      }
    };
    api
      .listDocumentsPage(FIRST_DOCUMENTS)
      .then((page) => {
        if (request !== latest.current) return;
        setList({ state: 'ready', value: page.documents });
        return rest(page, page.documents);
      }, failed)
      .catch(failed);
  }, []);
  const recount = useCallback(async (ids: readonly string[]) => {
    const request = latest.current;
    try {
      const rows = new Map((await api.getDocumentSummaries([...ids])).map((row) => [row.meta.id, row]));
      if (request !== latest.current) return;
      setList((shown) =>
        shown.state === 'ready' ? { state: 'ready', value: shown.value.map((row) => rows.get(row.meta.id) ?? row) } : shown,
      );
    } catch {
      // The counts stay as they were; the next change (or reading the library again) brings them.
    }
  }, []);
  useEffect(() => {
    load();
    // The documents whose counts changed, read together a moment later (a team saves many times a second).
    const stale = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscription = api.onDidChangeDocuments((change) => {
      if (change.annotationsOnly !== true) return load();
      for (const id of change.changed) stale.add(id);
      timer ??= setTimeout(() => {
        timer = undefined;
        const ids = [...stale];
        stale.clear();
        void recount(ids);
      }, RECOUNT_DELAY_MS);
    });
    return () => {
      subscription.dispose();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [load, recount]);
  return list;
}

/** Annotations sent with the text (FIRST_ANNOTATIONS), then per request. */
const ANNOTATION_PAGE = 500;

export interface OpenDocument {
  readonly document: Loadable<DocumentView> | undefined;
  /**
   * Applies a change this window has just had written (the service's answer), at once: the same
   * change also arrives as an event, and applying it twice does nothing more.
   */
  readonly apply: (change: AnnotationsChange) => void;
}

export function useDocument(id: string | undefined): OpenDocument {
  // Keyed by id, so a stale answer for the previous document is never shown for the new one.
  const [loaded, setLoaded] = useState<{ id: string; value: Loadable<DocumentView> }>();
  const touchedRef = useRef(new Set<string>());
  const apply = useCallback((change: AnnotationsChange) => {
    for (const annotation of change.put) touchedRef.current.add(annotation.id);
    for (const removed of change.removed) touchedRef.current.add(removed);
    setLoaded((shown) =>
      shown?.id === change.documentId && shown.value.state === 'ready'
        ? { id: shown.id, value: { state: 'ready', value: withAnnotations(shown.value.value, change) } }
        : shown,
    );
  }, []);
  useEffect(() => {
    if (id === undefined) return;
    performance.mark('cb:open', { detail: { documentId: id } });
    let live = true;
    let generation = 0;
    // Annotation changes arrive with their content and are applied in place (a 5 MB document is
    // not fetched again for one new highlight). Those that arrive before the document are
    // applied to it when it comes; an annotation a change touched is not taken from a later page.
    let early: AnnotationsChange[] | undefined;
    const current = (loop: number) => live && loop === generation;
    const load = async () => {
      const loop = ++generation;
      early = [];
      touchedRef.current = new Set();
      try {
        const result = await api.getDocument(id, FIRST_ANNOTATIONS);
        if (!current(loop)) return;
        performance.mark('cb:document-loaded', { detail: { documentId: id } });
        if (!result.ok) return setLoaded({ id, value: { state: 'failed', message: result.error.message } });
        const { annotationTotal: _, nextAnnotations, ...view } = result.value;
        setLoaded({ id, value: { state: 'ready', value: early.reduce(withAnnotations, view) } });
        early = undefined;
        // The rest of the annotations, a page per task, after the first paint.
        for (let next = nextAnnotations; next !== undefined;) {
          // In idle time: the browser paints, handles input and collects garbage between pages.
          await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 100 }));
          const page = await api.getAnnotations(id, next, ANNOTATION_PAGE);
          if (!current(loop) || !page.ok) return;
          const fresh = page.value.annotations.filter((annotation) => !touchedRef.current.has(annotation.id));
          setLoaded((shown) =>
            shown?.id === id && shown.value.state === 'ready'
              ? { id, value: { state: 'ready', value: withAnnotations(shown.value.value, { documentId: id, put: fresh, removed: [] }) } }
              : shown,
          );
          next = page.value.next;
        }
      } catch (error) {
        if (current(loop)) setLoaded({ id, value: { state: 'failed', message: messageOf(error) } });
      }
    };
    void load();
    const documents = api.onDidChangeDocuments((change) => {
      if (!change.annotationsOnly && (change.changed.includes(id) || change.removed.includes(id))) void load();
    });
    const annotations = api.onDidChangeAnnotations((change) => {
      if (change.documentId !== id) return;
      if (early) {
        for (const annotation of change.put) touchedRef.current.add(annotation.id);
        for (const removed of change.removed) touchedRef.current.add(removed);
        return void early.push(change);
      }
      apply(change);
    });
    return () => {
      live = false;
      documents.dispose();
      annotations.dispose();
    };
  }, [id, apply]);
  if (id === undefined) return { document: undefined, apply };
  return { document: loaded?.id === id ? loaded.value : { state: 'loading' }, apply };
}

/** `view` with a change applied: removed annotations gone, put ones replaced in place or added. */
export function withAnnotations(view: DocumentView, change: AnnotationsChange): DocumentView {
  const put = new Map(change.put.map((annotation) => [annotation.id, annotation]));
  const removed = new Set(change.removed);
  const annotations: Annotation[] = [];
  for (const annotation of view.annotations) {
    if (removed.has(annotation.id)) continue;
    const replacement = put.get(annotation.id);
    put.delete(annotation.id);
    annotations.push(replacement ?? annotation);
  }
  // New ones go in text order (a page arrives in order after those already there; a new
  // annotation finds its place), so the reader and the annotations panel need not sort 10,000 again.
  for (const added of put.values()) annotations.splice(textOrderIndex(annotations, added), 0, added);
  recordDerivation(annotations, view.annotations, change.put, change.removed);
  return { ...view, annotations };
}

/** False while the window has lost its connection to the backend (the web host stopped). */
export function useConnected(): boolean {
  const [connected, setConnected] = useState(true);
  useEffect(() => {
    const subscription = api.onDidChangeConnection(setConnected);
    return () => subscription.dispose();
  }, []);
  return connected;
}
