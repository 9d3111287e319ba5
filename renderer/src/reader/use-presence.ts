// Presence in a reader pane (core/contract/presence-api.ts): the pane says which document it shows
// (again every 30 s while open, and that it is gone when the page goes away), and answers who else
// is reading that document now, in other windows (another member's, or another of one's own).
import { useEffect, useState } from 'react';
import type { Viewer } from '../../../core/contract/presence-api.ts';
import { api } from '../api/client.ts';

const HEARTBEAT_MS = 30_000;

/** This window's id, the same for all its panes (each pane adds its own name). */
const WINDOW_ID = crypto.randomUUID();

export function usePresence(pane: string, documentId: string | undefined): readonly Viewer[] {
  const [viewers, setViewers] = useState<readonly Viewer[]>([]);
  const windowId = `${WINDOW_ID}-${pane.replace(/\W/g, '')}`;
  useEffect(() => {
    let live = true;
    const take = (all: readonly Viewer[]) => live && setViewers(all);
    const report = () => void api.reportViewing(windowId, documentId ?? null).then((result) => result.ok && take(result.value.viewers));
    report();
    const heartbeat = setInterval(report, HEARTBEAT_MS);
    const subscription = api.onDidChangePresence((presence) => take(presence.viewers));
    const leave = () => void api.leaveViewing(windowId);
    window.addEventListener('pagehide', leave);
    return () => {
      live = false;
      clearInterval(heartbeat);
      subscription.dispose();
      window.removeEventListener('pagehide', leave);
    };
  }, [windowId, documentId]);
  return documentId === undefined ? [] : viewers.filter((viewer) => viewer.documentId === documentId && viewer.windowId !== windowId);
}
