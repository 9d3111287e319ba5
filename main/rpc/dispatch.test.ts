import { describe, expect, it, vi } from 'vitest';
import { dispatch } from './dispatch.ts';

const service = { getDocument: vi.fn(async (id: string) => ({ ok: true, value: id })), listDocuments: vi.fn(async () => []) };

describe('dispatch', () => {
  it('calls the method with the parsed arguments', async () => {
    await expect(dispatch(service as never, 'getDocument', ['d1'])).resolves.toEqual({ ok: true, value: { ok: true, value: 'd1' } });
  });

  it.each([
    ['toString', [], 'unknown-method'],
    ['constructor', [], 'unknown-method'],
    ['getDocument', ['has space'], 'invalid-arguments'],
    ['getDocument', { 0: 'd1' }, 'invalid-arguments'],
    ['getDocument', null, 'invalid-arguments'],
    ['listDocuments', [1], 'invalid-arguments'],
  ])('%s(%j) fails with %s without calling the service', async (method, args, code) => {
    service.getDocument.mockClear();
    const result = await dispatch(service as never, method, args);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe(code);
    expect(service.getDocument).not.toHaveBeenCalled();
  });
});
