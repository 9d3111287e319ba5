import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, WORKBENCH_METHODS, ipcChannel } from '../core/contract/workbench-api.ts';
import { buildBridge, type IpcLike } from './bridge.ts';

function fakeIpc() {
  const listeners = new Set<(...args: unknown[]) => void>();
  const ipc: IpcLike = {
    invoke: vi.fn(async (channel: string, args: readonly unknown[]) => ({ channel, args })),
    on: (channel, listener) => {
      expect(channel).toBe(IPC_EVENT_CHANNEL);
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  const emit = (...args: unknown[]) => listeners.forEach((listener) => listener(...args));
  return { ipc, emit, listeners };
}

describe('buildBridge', () => {
  it('exposes exactly the contract methods and subscribe: no raw IPC', () => {
    const bridge = buildBridge(fakeIpc().ipc);
    expect(Object.keys(bridge).sort()).toEqual([...WORKBENCH_METHODS, 'subscribe', 'upload'].sort());
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('maps each method to its own channel', async () => {
    const { ipc } = fakeIpc();
    const bridge = buildBridge(ipc);
    await expect(bridge.getDocument('d1')).resolves.toEqual({ channel: ipcChannel('getDocument'), args: ['d1'] });
  });

  it('hands main’s reply over as it came: an error reply resolves, nothing is thrown or reworded', async () => {
    const { ipc } = fakeIpc();
    const reply = { error: { code: 'invalid-arguments', message: 'getDocument: expected string' } };
    vi.mocked(ipc.invoke).mockResolvedValueOnce(reply);
    await expect(buildBridge(ipc).getDocument(42)).resolves.toBe(reply);
  });

  it('delivers only the subscribed event, until unsubscribed', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const listener = vi.fn();
    const unsubscribe = buildBridge(ipc).subscribe('didChangeSaveState', listener);
    emit('didChangeDocuments', { changed: [] });
    emit('didChangeSaveState', { pending: 0 });
    unsubscribe();
    emit('didChangeSaveState', { pending: 1 });
    expect(listener.mock.calls).toEqual([[{ pending: 0 }]]);
    expect(listeners.size).toBe(0);
  });

  it('refuses unknown events', () => {
    expect(() => buildBridge(fakeIpc().ipc).subscribe('didExplode' as never, vi.fn())).toThrow(TypeError);
  });
});
