// The web host transport: POST /api/<method> for calls, one EventSource for all events. The token
// travels in an HttpOnly cookie set when the page was opened with ?token=.
import { RpcError, type StagedUpload, type WorkbenchTransport } from '../../../core/contract/client.ts';
import type { WorkbenchEvent } from '../../../core/contract/workbench-api.ts';
import type { Disposable } from '../../../core/events.ts';

export function createHttpTransport(base = './api/'): WorkbenchTransport {
  let source: EventSource | undefined;
  let listeners = 0;
  const connection = new Set<(connected: boolean) => void>();
  let connected = true;
  const setConnected = (value: boolean) => {
    if (value === connected) return;
    connected = value;
    for (const listener of [...connection]) listener(value);
  };

  return {
    invoke(method, args) {
      return post(`${base}${method}`, { 'content-type': 'application/json' }, JSON.stringify(args));
    },

    async upload(bytes: ArrayBuffer): Promise<StagedUpload> {
      return (await post(`${base}upload`, { 'content-type': 'application/octet-stream' }, bytes)) as StagedUpload;
    },

    watchConnection(listener) {
      connection.add(listener);
      return { dispose: () => void connection.delete(listener) };
    },

    subscribe(event: WorkbenchEvent, listener): Disposable {
      if (source === undefined) {
        source = new EventSource(`${base}events`, { withCredentials: true });
        // EventSource retries by itself; meanwhile the window says it is disconnected.
        source.addEventListener('open', () => setConnected(true));
        source.addEventListener('error', () => setConnected(false));
      }
      listeners++;
      const handler = (message: MessageEvent<string>) => listener(JSON.parse(message.data) as never);
      const current = source;
      current.addEventListener(event, handler);
      return {
        dispose() {
          current.removeEventListener(event, handler);
          if (--listeners === 0 && source === current) {
            current.close();
            source = undefined;
          }
        },
      };
    },
  };
}

/** One POST to the web host: the value on success, an RpcError with the host's code otherwise. */
async function post(url: string, headers: Record<string, string>, body: BodyInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body, credentials: 'same-origin' });
  } catch (error) {
    throw new RpcError('unreachable', `The Claimbench server cannot be reached (${(error as Error).message}). Is “claimbench serve” still running?`);
  }
  const parsed = (await response.json().catch(() => undefined)) as { value?: unknown; error?: { code: string; message: string } } | undefined;
  if (!response.ok || parsed === undefined) {
    if (response.status === 401) {
      throw new RpcError('unauthorized', 'This page no longer has a valid token: open the URL that “claimbench serve” printed.');
    }
    const error = parsed?.error ?? { code: `http-${response.status}`, message: response.statusText };
    throw new RpcError(error.code, error.message);
  }
  return parsed.value;
}
