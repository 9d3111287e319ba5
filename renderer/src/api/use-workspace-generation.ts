// "Read again once the workspace has settled": a number that goes up after the workspace changes
// (documents, annotations, links and claims, the workspace's settings and codebook) or the search
// index becomes ready, once no further change has come for a moment. A view puts it in what it
// asks, so it asks again; a burst of changes (a bulk edit announces each document) asks once.
import { useEffect, useState } from 'react';
import { api } from './client.ts';

/**
 * The workspace's generation as this view has seen it: bumped `settleMs` after the last of a burst
 * of changes, while `active` (a hidden view is not re-rendered for changes; it asks anyway when shown).
 * @example const generation = useWorkspaceGeneration(shown, 100); // then ask again when it changes
 */
export function useWorkspaceGeneration(active: boolean, settleMs: number): number {
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!active) return;
    let timer: number | undefined;
    const again = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setGeneration((value) => value + 1), settleMs);
    };
    const subscriptions = [
      // Once the index is ready, an answer given while it was being built may have missed things.
      api.onDidChangeSearchStatus((status) => status.state === 'ready' && again()),
      api.onDidChangeDocuments(again),
      api.onDidChangeAnnotations(again),
      api.onDidChangeEvidence(again),
      api.onDidChangeWorkspace(again),
    ];
    return () => {
      window.clearTimeout(timer);
      for (const subscription of subscriptions) subscription.dispose();
    };
  }, [active, settleMs]);
  return generation;
}
