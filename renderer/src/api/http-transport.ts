// The web host transport: POST /api/<method> for calls, one EventSource for all events. The token
// travels in an HttpOnly cookie set when the page was opened with ?token=; on a team server, the
// session does, and every POST carries the session's CSRF token (team-session.ts).
import type { StagedUpload, WorkbenchTransport } from '../../../core/contract/client.ts';
import type { RpcReply } from '../../../core/contract/rpc-reply.ts';
import type { WorkbenchEvent } from '../../../core/contract/workbench-api.ts';
import type { Disposable } from '../../../core/events.ts';
import { csrfToken } from './team-session.ts';

export function createHttpTransport(base = './api/'): WorkbenchTransport {
  let source: EventSource | undefined;
  let listeners = 0;
  const connection = new Set<(connected: boolean) => void>();
  const missed = new Set<() => void>();
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

    upload(bytes: ArrayBuffer) {
      return post(`${base}upload`, { 'content-type': 'application/octet-stream' }, bytes) as Promise<RpcReply<StagedUpload>>;
    },

    watchConnection(listener) {
      connection.add(listener);
      return { dispose: () => void connection.delete(listener) };
    },

    watchMissedEvents(listener) {
      missed.add(listener);
      return { dispose: () => void missed.delete(listener) };
    },

    subscribe(event: WorkbenchEvent, listener): Disposable {
      if (source === undefined) {
        source = new EventSource(`${base}events`, { withCredentials: true });
        // EventSource retries by itself; meanwhile the window says it is disconnected.
        source.addEventListener('open', () => setConnected(true));
        source.addEventListener('error', () => setConnected(false));
        // The server could not send what was missed while away (main/web/event-feed.ts).
        source.addEventListener('reload', () => {
          for (const listener of [...missed]) listener();
        });
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

/** One POST to the web host: its reply, or a reply that says why there is none. */
async function post(url: string, headers: Record<string, string>, body: BodyInit): Promise<RpcReply> {
  let response: Response;
  const csrf = csrfToken();
  if (csrf !== undefined) headers = { ...headers, 'x-claimbench-csrf': csrf };
  try {
    response = await fetch(url, { method: 'POST', headers, body, credentials: 'same-origin' });
  } catch (error) {
    // A member of a team did not start the server and cannot restart it: they are told what they can do.
    return failed(
      'unreachable',
      csrf === undefined
        ? `The Claimbench server cannot be reached (${(error as Error).message}). Is “claimbench serve” still running?`
        : 'The team server cannot be reached: check your network connection, or ask whoever runs the server whether it is up.',
    );
  }
  const parsed = (await response.json().catch(() => undefined)) as RpcReply | undefined;
  if (!response.ok || parsed === undefined) {
    if (response.status === 401)
      return csrf === undefined
        ? failed('unauthorized', 'This page no longer has a valid token: open the URL that “claimbench serve” printed.')
        : failed('unauthorized', 'Your session has ended: reload the page to sign in again.');
    return typeof parsed === 'object' && parsed !== null && 'error' in parsed
      ? parsed
      : failed(`http-${response.status}`, response.statusText);
  }
  return parsed;
}

const failed = (code: string, message: string): RpcReply => ({ error: { code, message } });
