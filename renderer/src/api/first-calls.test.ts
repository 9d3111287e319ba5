import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkbenchTransport } from '../../../core/contract/client.ts';
import type { RpcReply } from '../../../core/contract/rpc-reply.ts';
import { EARLY_ANSWER_LIFETIME_MS, FIRST_ANNOTATIONS, FIRST_DOCUMENTS, startFirstCalls, withEarlyAnswers } from './first-calls.ts';

/** A transport that records its calls and answers each with its method, arguments and a serial number. */
function recordingTransport(documents: string[] = ['doc-1', 'doc-2']) {
  const calls: string[] = [];
  const transport: WorkbenchTransport = {
    invoke: vi.fn(async (method, args) => {
      calls.push(`${method} ${JSON.stringify(args)}`);
      if (method === 'listDocumentsPage') return { value: { documents: documents.map((id) => ({ meta: { id } })) } };
      return { value: { method, args, serial: calls.length } };
    }),
    subscribe: () => ({ dispose() {} }),
    upload: async () => ({ error: { code: 'unused', message: 'unused' } }),
  };
  return { calls, transport };
}

/** Lets the promise callbacks (the library page's answer) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => vi.useRealTimers());

describe('the first paint’s calls', () => {
  it('start the workspace, the library’s first page and then its first document', async () => {
    const { calls, transport } = recordingTransport();
    startFirstCalls(withEarlyAnswers(transport), '');
    await settle();
    expect(calls).toEqual(['getWorkspaceInfo []', `listDocumentsPage [${FIRST_DOCUMENTS}]`, `getDocument ["doc-1",${FIRST_ANNOTATIONS}]`]);
  });

  it('open the document the address names at once, without waiting for the library', async () => {
    const { calls, transport } = recordingTransport();
    startFirstCalls(withEarlyAnswers(transport), '#view=claims&doc=doc-2');
    expect(calls).toContain(`getDocument ["doc-2",${FIRST_ANNOTATIONS}]`);
    await settle();
    expect(calls.filter((call) => call.startsWith('getDocument'))).toHaveLength(1);
  });

  it('start no document when the library is empty', async () => {
    const { calls, transport } = recordingTransport([]);
    startFirstCalls(withEarlyAnswers(transport), '');
    await settle();
    expect(calls.some((call) => call.startsWith('getDocument'))).toBe(false);
  });

  it('hand each early answer to the first identical call, once; other calls go to the backend', async () => {
    const { calls, transport } = recordingTransport();
    const early = withEarlyAnswers(transport);
    startFirstCalls(early, '');
    await settle();
    const first = (await early.invoke('getDocument', ['doc-1', FIRST_ANNOTATIONS])) as RpcReply<{ serial: number }>;
    expect(calls).toHaveLength(3);
    expect(first).toEqual({ value: { method: 'getDocument', args: ['doc-1', FIRST_ANNOTATIONS], serial: 3 } });
    // The same call again reads the backend as it is now.
    await early.invoke('getDocument', ['doc-1', FIRST_ANNOTATIONS]);
    // Other arguments, another call.
    await early.invoke('getDocument', ['doc-2', FIRST_ANNOTATIONS]);
    expect(calls.slice(3)).toEqual([`getDocument ["doc-1",${FIRST_ANNOTATIONS}]`, `getDocument ["doc-2",${FIRST_ANNOTATIONS}]`]);
  });

  it('drop an answer no call has taken in time', async () => {
    vi.useFakeTimers();
    const { calls, transport } = recordingTransport();
    const early = withEarlyAnswers(transport);
    startFirstCalls(early, '');
    vi.advanceTimersByTime(EARLY_ANSWER_LIFETIME_MS);
    await early.invoke('getWorkspaceInfo', []);
    expect(calls.filter((call) => call === 'getWorkspaceInfo []')).toHaveLength(2);
  });

  it('are not started on a transport without early answers', () => {
    const { calls, transport } = recordingTransport();
    startFirstCalls(transport, '');
    expect(calls).toEqual([]);
  });
});
