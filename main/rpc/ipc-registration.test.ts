import { describe, expect, it, vi } from 'vitest';
import {
  IPC_EVENT_CHANNEL,
  IPC_UPLOAD_CHANNEL,
  WORKBENCH_EVENTS,
  WORKBENCH_METHODS,
  ipcChannel,
  subscriptionName,
} from '../../core/contract/workbench-api.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { createWorkbenchService } from '../workbench/workbench-service.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { isOwnUrl } from '../desktop/url-policy.ts';
import { registerIpc, type IpcMainLike } from './ipc-registration.ts';

type Handler = Parameters<IpcMainLike['handle']>[1];

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain: IpcMainLike = {
    handle: (channel, handler) => void handlers.set(channel, handler),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const call = (channel: string, frameUrl: string | null, ...args: unknown[]) =>
    handlers.get(channel)!({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args);
  return { ipcMain, handlers, call };
}

// The desktop shell's own policy (main/electron/ipc.ts passes the same), not a stand-in.
const trusted = (url: string) => isOwnUrl(url);

describe('registerIpc', () => {
  it('registers one handler per contract method, checks the sender frame and the arguments', () =>
    withTempDir(async (dir) => {
      const { store } = await openOrCreateWorkspace(dir, { resourcesDir: RESOURCES_DIR });
      const service = createWorkbenchService(store, { extractors: EXTRACTORS });
      const { ipcMain, handlers, call } = fakeIpcMain();
      const sent: unknown[][] = [];
      const registration = registerIpc(ipcMain, service, service.uploads, trusted, (...message) => sent.push(message));

      expect([...handlers.keys()].sort()).toEqual([...WORKBENCH_METHODS.map(ipcChannel), IPC_UPLOAD_CHANNEL].sort());

      const staged = (await call(IPC_UPLOAD_CHANNEL, 'app://claimbench/index.html', new TextEncoder().encode('Uploaded words').buffer)) as {
        value: { uploadId: string; size: number };
      };
      expect(staged.value.size).toBe(14);
      await expect(call(IPC_UPLOAD_CHANNEL, 'https://evil.example/', new ArrayBuffer(1))).rejects.toThrow(/refused upload/);
      // Our page gets the web host's reply: a value, or a coded error it need not parse out of a message.
      await expect(call(IPC_UPLOAD_CHANNEL, 'app://claimbench/index.html', 'not bytes')).resolves.toEqual({
        error: { code: 'invalid-arguments', message: "upload takes the file's bytes" },
      });
      const outcomes = await call(ipcChannel('importUploads'), 'app://claimbench/index.html', 'job-00000001', [
        { uploadId: staged.value.uploadId, name: 'up.txt' },
      ]);
      expect(outcomes).toMatchObject({ value: [{ status: 'imported', title: 'Uploaded words' }] });

      const list = (await call(ipcChannel('listDocuments'), 'app://claimbench/index.html')) as { value: unknown[] };
      expect(list.value).toHaveLength(4);
      // An expected failure of the method is its value, as over HTTP.
      await expect(call(ipcChannel('getDocument'), 'app://claimbench/index.html', 'no-such-document')).resolves.toMatchObject({
        value: { ok: false, error: { code: 'not-found' } },
      });

      await expect(call(ipcChannel('listDocuments'), 'https://evil.example/')).rejects.toThrow(/refused listDocuments/);
      await expect(call(ipcChannel('listDocuments'), null)).rejects.toThrow(/detached frame/);
      await expect(call(ipcChannel('getDocument'), 'app://claimbench/index.html', { id: 1 })).resolves.toEqual({
        error: { code: 'invalid-arguments', message: expect.stringMatching(/^getDocument: /) },
      });

      await call(ipcChannel('updateSettings'), 'app://claimbench/index.html', { analystName: 'Ada' });
      expect(sent.some(([channel, name]) => channel === IPC_EVENT_CHANNEL && name === 'didChangeWorkspace')).toBe(true);

      registration.dispose();
      expect(handlers.size).toBe(0);
      const before = sent.length;
      await service.updateSettings({ analystName: 'Grace' });
      expect(sent.length).toBe(before);
    }));

  it.each([
    ['https://evil.example/'],
    ['app://claimbench.evil.example/index.html'],
    ['app://other/index.html'],
    ['file:///home/ada/Downloads/report.html'],
    ['http://localhost:5173/'],
    ['about:blank'],
    [null],
  ])('refuses every channel from the frame %s, before the service or the upload staging sees anything', async (frameUrl) => {
    const touched: string[] = [];
    const recorder = new Proxy({}, { get: (_target, name) => (touched.push(String(name)), () => ({ dispose() {} })) });
    const { ipcMain, handlers, call } = fakeIpcMain();
    registerIpc(ipcMain, recorder as never, recorder as never, trusted, () => undefined);
    touched.length = 0; // subscribing to the service's events at registration is expected
    expect(handlers.size).toBe(WORKBENCH_METHODS.length + 1);
    for (const channel of handlers.keys()) {
      await expect(call(channel, frameUrl, 'd1', new ArrayBuffer(1))).rejects.toThrow(/^refused /);
    }
    expect(touched).toEqual([]);
  });

  it('does not call the service when the frame is foreign', async () => {
    const listDocuments = vi.fn(async () => []);
    const subscriptions = Object.fromEntries(WORKBENCH_EVENTS.map((event) => [subscriptionName(event), () => ({ dispose() {} })]));
    const service = { listDocuments, ...subscriptions };
    const { ipcMain, call } = fakeIpcMain();
    registerIpc(ipcMain, service as never, {} as never, trusted, () => undefined);
    await expect(call(ipcChannel('listDocuments'), 'file:///etc/passwd')).rejects.toThrow();
    expect(listDocuments).not.toHaveBeenCalled();
  });

  it('answers a failure of the service itself with code internal, as the web host does, and logs it', async () => {
    const subscriptions = Object.fromEntries(WORKBENCH_EVENTS.map((event) => [subscriptionName(event), () => ({ dispose() {} })]));
    const service = { listDocuments: async () => Promise.reject(new Error('disk on fire')), ...subscriptions };
    const { ipcMain, call } = fakeIpcMain();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    registerIpc(ipcMain, service as never, {} as never, trusted, () => undefined);
    await expect(call(ipcChannel('listDocuments'), 'app://claimbench/index.html')).resolves.toEqual({
      error: { code: 'internal', message: 'Internal error: disk on fire' },
    });
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });
});
