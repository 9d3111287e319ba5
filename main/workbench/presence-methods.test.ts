import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Presence } from '../../core/contract/presence-api.ts';
import { Emitter } from '../../core/events.ts';
import { makeTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { runAs } from '../team/actor.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { presenceMethods } from './presence-methods.ts';

const ana = { userId: 'u-ana', name: 'Ana', role: 'analyst' } as const;
const ben = { userId: 'u-ben', name: 'Ben', role: 'reviewer' } as const;

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let store: WorkspaceStore;
beforeEach(async () => {
  temp = await makeTempDir();
  store = (await openOrCreateWorkspace(path.join(temp.dir, 'ws'), { resourcesDir: RESOURCES_DIR })).store;
});
afterEach(async () => {
  await store.close();
  await temp[Symbol.asyncDispose]();
});

describe('presence', () => {
  it("lists each member's windows where they are, says so on every move, and forgets a window that stops reporting", async () => {
    let clock = 0;
    const changed = new Emitter<Presence>();
    const heard: Presence[] = [];
    changed.event((presence) => heard.push(presence));
    const presence = presenceMethods(store, changed, { now: () => clock, timeoutMs: 1000 });
    await runAs(ana, () => presence.reportViewing('window-ana-1', 'doc-1'));
    await runAs(ben, () => presence.reportViewing('window-ben-1', 'doc-1'));
    // Saying the same again (the 30 s heartbeat) is no news.
    await runAs(ana, () => presence.reportViewing('window-ana-1', 'doc-1'));
    expect(heard).toHaveLength(2);
    expect(heard.at(-1)!.viewers).toEqual([
      { windowId: 'window-ana-1', name: 'Ana', documentId: 'doc-1' },
      { windowId: 'window-ben-1', name: 'Ben', documentId: 'doc-1' },
    ]);
    clock = 800;
    await runAs(ben, () => presence.reportViewing('window-ben-1', 'doc-2'));
    clock = 1500;
    // Ana's window last reported at 0: gone once Ben reports again after the timeout.
    const now = await runAs(ben, () => presence.reportViewing('window-ben-1', 'doc-2'));
    expect(now.ok && now.value.viewers).toEqual([{ windowId: 'window-ben-1', name: 'Ben', documentId: 'doc-2' }]);
    presence.disposePresence();
  });

  it("does not let one member move or remove another's window by its id; outside a team the name is the analyst's", async () => {
    const presence = presenceMethods(store, new Emitter<Presence>());
    await runAs(ana, () => presence.reportViewing('window-shared', 'doc-1'));
    await runAs(ben, () => presence.leaveViewing('window-shared'));
    const after = await runAs(ben, () => presence.reportViewing('window-shared', 'doc-9'));
    expect(after.ok && after.value.viewers.map((viewer) => `${viewer.name}:${viewer.documentId}`)).toEqual(['Ana:doc-1', 'Ben:doc-9']);
    const local = await presence.reportViewing('window-local', null);
    expect(local.ok && local.value.viewers.at(-1)).toEqual({
      windowId: 'window-local',
      name: store.workspace.settings.analystName,
      documentId: null,
    });
    presence.disposePresence();
  });
});
