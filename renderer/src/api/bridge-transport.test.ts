import { describe, expect, it, vi } from 'vitest';
import { createBridgeTransport, type ExposedBridge } from './bridge-transport.ts';

describe('the Electron bridge transport', () => {
  it('passes main’s reply on as it came, an error reply included', async () => {
    const reply = { error: { code: 'invalid-arguments', message: 'getDocument: expected string' } };
    const bridge = { subscribe: vi.fn(), upload: vi.fn(), getDocument: vi.fn(async () => reply) } as unknown as ExposedBridge;
    await expect(createBridgeTransport(bridge).invoke('getDocument', [42])).resolves.toBe(reply);
  });

  it('turns a failure of IPC itself into a reply with its message as it is, unparsed', async () => {
    const message = "Error invoking remote method 'workbench:upload': Error: An object could not be cloned.";
    const bridge = { subscribe: vi.fn(), upload: vi.fn(async () => Promise.reject(new Error(message))) } as unknown as ExposedBridge;
    await expect(createBridgeTransport(bridge).upload(new ArrayBuffer(1))).resolves.toEqual({ error: { code: 'ipc-failed', message } });
  });
});
