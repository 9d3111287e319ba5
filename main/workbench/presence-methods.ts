// Presence (core/contract/presence-api.ts): which window shows which document, kept in memory only
// (it is about the people connected now; nothing of it is worth saving). Each entry belongs to the
// member who reported it, so one member cannot move or remove another's window.
import type { Presence, PresenceApi, Viewer } from '../../core/contract/presence-api.ts';
import type { Emitter } from '../../core/events.ts';
import { ok } from '../../core/result.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { currentActor } from '../team/actor.ts';
import { authorName } from './author.ts';

/** A window that has not reported for this long is taken as gone. */
export const PRESENCE_TIMEOUT_MS = 90_000;

interface Entry {
  readonly viewer: Viewer;
  readonly at: number;
}

export function presenceMethods(
  store: WorkspaceStore,
  changed: Emitter<Presence>,
  { now = Date.now, timeoutMs = PRESENCE_TIMEOUT_MS } = {},
): PresenceApi & { disposePresence(): void } {
  const windows = new Map<string, Entry>();
  // The member's id and the window's: a window id alone could be claimed by someone else.
  const keyOf = (windowId: string) => `${currentActor()?.userId ?? ''}\u0000${windowId}`;
  const presence = (): Presence => ({ viewers: [...windows.values()].map((entry) => entry.viewer) });

  /** Forgets windows that stopped reporting; true when any went. */
  const prune = (): boolean => {
    const oldest = now() - timeoutMs;
    let pruned = false;
    for (const [key, entry] of windows)
      if (entry.at < oldest) {
        windows.delete(key);
        pruned = true;
      }
    return pruned;
  };
  const timer = setInterval(() => prune() && changed.fire(presence()), timeoutMs / 3);
  timer.unref();

  return {
    async reportViewing(windowId, documentId) {
      const key = keyOf(windowId);
      const before = windows.get(key)?.viewer;
      const name = authorName(store.workspace.settings);
      const viewer: Viewer = { windowId, name, documentId };
      windows.set(key, { viewer, at: now() });
      const pruned = prune();
      if (pruned || before?.documentId !== documentId || before.name !== name) changed.fire(presence());
      return ok(presence());
    },
    async leaveViewing(windowId) {
      const gone = windows.delete(keyOf(windowId));
      if (prune() || gone) changed.fire(presence());
      return ok(presence());
    },
    disposePresence: () => clearInterval(timer),
  };
}
