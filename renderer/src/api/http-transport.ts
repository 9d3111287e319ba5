// The web host transport: POST /api/<method> for calls, one EventSource for all events. The token
// travels in an HttpOnly cookie set when the page was opened with ?token=.
import { RpcError, type WorkbenchTransport } from '../../../core/contract/client.ts';
import type { WorkbenchEvent } from '../../../core/contract/workbench-api.ts';
import type { Disposable } from '../../../core/events.ts';

export function createHttpTransport(base = './api/'): WorkbenchTransport {
  let source: EventSource | undefined;
  let listeners = 0;

  return {
    async invoke(method, args) {
      let response: Response;
      try {
        response = await fetch(`${base}${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(args),
          credentials: 'same-origin',
        });
      } catch (error) {
        throw new RpcError('unreachable', `The Claimbench server cannot be reached (${(error as Error).message}). Is \`claimbench serve\` still running?`);
      }
      const body = (await response.json().catch(() => undefined)) as { value?: unknown; error?: { code: string; message: string } } | undefined;
      if (!response.ok || body === undefined) {
        const error = body?.error ?? { code: `http-${response.status}`, message: response.statusText };
        if (response.status === 401) {
          throw new RpcError('unauthorized', 'This page no longer has a valid token: open the URL that `claimbench serve` printed.');
        }
        throw new RpcError(error.code, error.message);
      }
      return body.value;
    },

    subscribe(event: WorkbenchEvent, listener): Disposable {
      source ??= new EventSource(`${base}events`, { withCredentials: true });
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
