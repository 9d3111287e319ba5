import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpTransport } from './http-transport.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => vi.unstubAllGlobals());

describe('the HTTP transport', () => {
  it.each([
    ['a value', () => json(200, { value: [1] }), { value: [1] }],
    ['a value JSON dropped (undefined)', () => json(200, {}), {}],
    [
      'the host’s coded error',
      () => json(400, { error: { code: 'invalid-arguments', message: 'getDocument: bad' } }),
      { error: { code: 'invalid-arguments', message: 'getDocument: bad' } },
    ],
    [
      'no valid token',
      () => json(401, { error: { code: 'unauthorized', message: 'Unauthorized' } }),
      { error: { code: 'unauthorized', message: 'This page no longer has a valid token: open the URL that “claimbench serve” printed.' } },
    ],
    [
      'an answer that is not a reply (a proxy’s page)',
      () => new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }),
      { error: { code: 'http-502', message: 'Bad Gateway' } },
    ],
  ])('resolves with the reply: %s', async (_name, answer, reply) => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answer()),
    );
    await expect(createHttpTransport('/api/').invoke('listDocuments', [])).resolves.toEqual(reply);
  });

  it('says when the host cannot be reached, as a reply', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(createHttpTransport('/api/').upload(new ArrayBuffer(1))).resolves.toEqual({
      error: {
        code: 'unreachable',
        message: 'The Claimbench server cannot be reached (Failed to fetch). Is “claimbench serve” still running?',
      },
    });
  });

  it('says to a member of a team, who did not start the server, what they can do when it cannot be reached', async () => {
    vi.stubGlobal('document', { cookie: 'claimbench-csrf=csrf-value' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(createHttpTransport('/api/').invoke('listDocuments', [])).resolves.toEqual({
      error: {
        code: 'unreachable',
        message: 'The team server cannot be reached: check your network connection, or ask whoever runs the server whether it is up.',
      },
    });
  });

  it("sends a team session's CSRF token with every POST, and says a 401 there is the session's end", async () => {
    vi.stubGlobal('document', { cookie: 'claimbench-csrf=csrf-value' });
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => json(401, { error: { code: 'unauthorized', message: 'x' } }));
    vi.stubGlobal('fetch', fetch);
    await expect(createHttpTransport('/api/').invoke('listDocuments', [])).resolves.toEqual({
      error: { code: 'unauthorized', message: 'Your session has ended: reload the page to sign in again.' },
    });
    expect(fetch.mock.calls[0]![1].headers).toEqual({ 'content-type': 'application/json', 'x-claimbench-csrf': 'csrf-value' });
  });

  it('tells its listeners when the host says events were lost for good (event: reload)', () => {
    const sources: { listeners: Map<string, () => void> }[] = [];
    class FakeEventSource {
      readonly listeners = new Map<string, () => void>();
      constructor() {
        sources.push(this);
      }
      addEventListener(name: string, listener: () => void) {
        this.listeners.set(name, listener);
      }
      removeEventListener() {}
      close() {}
    }
    vi.stubGlobal('EventSource', FakeEventSource);
    const transport = createHttpTransport('/api/');
    let missed = 0;
    transport.watchMissedEvents!(() => missed++);
    transport.subscribe('didChangeEvidence', () => {});
    sources[0]!.listeners.get('reload')!();
    expect(missed).toBe(1);
  });
});
