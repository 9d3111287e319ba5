import { describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../result.ts';
import { createWorkbenchClient, type WorkbenchTransport } from './client.ts';
import { replyOf, RpcError, unwrapReply, type RpcReply } from './rpc-reply.ts';

describe('replyOf', () => {
  it.each([
    ['a value', ok([1, 2]), { value: [1, 2] }],
    ['no value', ok(undefined), { value: undefined }],
    [
      'a failure, code and message only',
      fail('invalid-arguments', 'getDocument: expected string'),
      { error: { code: 'invalid-arguments', message: 'getDocument: expected string' } },
    ],
  ] as const)('%s', (_name, result, reply) => {
    expect(replyOf(result)).toEqual(reply);
  });
});

describe('unwrapReply', () => {
  it.each([
    ['a value', { value: { id: 'd1' } }, { id: 'd1' }],
    [
      'a method’s own expected failure is its value',
      { value: { ok: false, error: { code: 'not-found', message: 'gone' } } },
      { ok: false, error: { code: 'not-found', message: 'gone' } },
    ],
    ['an undefined value, which JSON drops', {}, undefined],
    ['a falsy value', { value: 0 }, 0],
  ])('%s', (_name, reply, value) => {
    expect(unwrapReply(reply)).toEqual(value);
  });

  it.each([
    ['an error', { error: { code: 'invalid-arguments', message: 'bad' } }, 'invalid-arguments', 'bad'],
    ['an error without a code', { error: { message: 'bad' } }, 'malformed-reply', 'bad'],
    ['an error that is not an object', { error: 'boom' }, 'malformed-reply', 'The call failed'],
    ['no reply at all', undefined, 'malformed-reply', 'The answer to the call was not a reply'],
    ['null', null, 'malformed-reply', 'The answer to the call was not a reply'],
    [
      'a bare string (what an IPC handler used to throw)',
      'invalid-arguments: bad',
      'malformed-reply',
      'The answer to the call was not a reply',
    ],
  ])('%s throws an RpcError', (_name, reply, code, message) => {
    let thrown: unknown;
    try {
      unwrapReply(reply);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RpcError);
    expect(thrown).toMatchObject({ code, message });
  });
});

describe('createWorkbenchClient over replies', () => {
  const transport = (reply: RpcReply): WorkbenchTransport => ({
    invoke: vi.fn(async () => reply),
    upload: vi.fn(async () => reply as RpcReply<never>),
    subscribe: vi.fn(),
  });

  it('resolves with the value and rejects with the reply’s code, for calls and uploads alike', async () => {
    await expect(createWorkbenchClient(transport({ value: [] })).listDocuments()).resolves.toEqual([]);
    await expect(createWorkbenchClient(transport({ value: { uploadId: 'u1', size: 3 } })).upload(new ArrayBuffer(3))).resolves.toEqual({
      uploadId: 'u1',
      size: 3,
    });
    const refused = transport({ error: { code: 'too-large', message: 'the file is too large' } });
    await expect(createWorkbenchClient(refused).listDocuments()).rejects.toMatchObject({
      name: 'RpcError',
      code: 'too-large',
      message: 'the file is too large',
    });
    await expect(createWorkbenchClient(refused).upload(new ArrayBuffer(3))).rejects.toMatchObject({ name: 'RpcError', code: 'too-large' });
  });
});
