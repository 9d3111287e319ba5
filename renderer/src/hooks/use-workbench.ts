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

export function useSaveState(initial: SaveState | undefined): SaveState | undefined {
  const [state, setState] = useState(initial);
  useEffect(() => setState(initial), [initial]);
  useEffect(() => {
    const subscription = api.onDidChangeSaveState(setState);
    return () => subscription.dispose();
  }, []);
  return state;
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
  const [document, setDocument] = useState<Loadable<DocumentView>>();
  useEffect(() => {
    if (id === undefined) {
      setDocument(undefined);
      return;
    }
    let live = true;
    const load = () =>
      api.getDocument(id).then(
        (result) => live && setDocument(result.ok ? { state: 'ready', value: result.value } : { state: 'failed', message: result.error.message }),
        (error: unknown) => live && setDocument({ state: 'failed', message: messageOf(error) }),
      );
    setDocument({ state: 'loading' });
    void load();
    const subscription = api.onDidChangeDocuments((change) => {
      if (change.changed.includes(id) || change.removed.includes(id)) void load();
    });
    return () => {
      live = false;
      subscription.dispose();
    };
  }, [id]);
  return document;
}
