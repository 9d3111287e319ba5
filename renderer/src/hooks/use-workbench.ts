// React hooks over the api client: load data, and reload it when the service says it changed.
import { useCallback, useEffect, useState } from 'react';
import type { DocumentSummary, DocumentView } from '../../../core/model/document.ts';
import type { SaveState, WorkspaceInfo } from '../../../core/model/workspace.ts';
import { api } from '../api/client.ts';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function useWorkspaceInfo(): Loadable<WorkspaceInfo> {
  const [info, setInfo] = useState<Loadable<WorkspaceInfo>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    api.getWorkspaceInfo().then(
      (value) => live && setInfo({ state: 'ready', value }),
      (error: unknown) => live && setInfo({ state: 'failed', message: messageOf(error) }),
    );
    const subscription = api.onDidChangeWorkspace((value) => setInfo({ state: 'ready', value }));
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

export function useDocumentList(): Loadable<DocumentSummary[]> {
  const [list, setList] = useState<Loadable<DocumentSummary[]>>({ state: 'loading' });
  const load = useCallback(() => {
    api.listDocuments().then(
      (value) => setList({ state: 'ready', value }),
      (error: unknown) => setList({ state: 'failed', message: messageOf(error) }),
    );
  }, []);
  useEffect(() => {
    load();
    const subscription = api.onDidChangeDocuments(load);
    return () => subscription.dispose();
  }, [load]);
  return list;
}

export function useDocument(id: string | undefined): Loadable<DocumentView> | undefined {
  // Keyed by id, so a stale answer for the previous document is never shown for the new one.
  const [loaded, setLoaded] = useState<{ id: string; value: Loadable<DocumentView> }>();
  useEffect(() => {
    if (id === undefined) return;
    let live = true;
    const load = () =>
      api.getDocument(id).then(
        (result) =>
          live && setLoaded({ id, value: result.ok ? { state: 'ready', value: result.value } : { state: 'failed', message: result.error.message } }),
        (error: unknown) => live && setLoaded({ id, value: { state: 'failed', message: messageOf(error) } }),
      );
    void load();
    const subscription = api.onDidChangeDocuments((change) => {
      if (change.changed.includes(id) || change.removed.includes(id)) void load();
    });
    return () => {
      live = false;
      subscription.dispose();
    };
  }, [id]);
  if (id === undefined) return undefined;
  return loaded?.id === id ? loaded.value : { state: 'loading' };
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
