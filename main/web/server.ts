// The web host: serves the built renderer and the workbench API on a loopback address, to a
// browser holding this run's token. The same service the desktop app uses over IPC.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SECURITY_HEADERS } from '../../core/security/csp.ts';
import type { WorkbenchService } from '../../core/contract/workbench-api.ts';
import type { UploadStaging } from '../import/upload-staging.ts';
import type { ExportStaging } from '../bundle/export-staging.ts';
import { handleCall, handleDownload, handleEvents, handleUpload, sendJson } from './api-routes.ts';
import { checkRequest, newToken, tokenCookieName } from './guard.ts';
import { serveStatic } from './static-files.ts';

export interface WebHostOptions {
  readonly service: WorkbenchService;
  /** Where POST /api/upload puts files. */
  readonly uploads: UploadStaging;
  /** Finished exports, served by GET /api/download/<id>. */
  readonly exports?: ExportStaging;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly token?: string;
}

export interface WebHost {
  readonly port: number;
  readonly token: string;
  /** The URL to open, with the token. */
  readonly url: string;
  /** Stops accepting requests, ends event streams, and resolves when in-flight requests are done. */
  close(): Promise<void>;
}

export const LOOPBACK_ADDRESS = '127.0.0.1';

export async function startWebHost({ service, uploads, exports, rendererDir, port, token = newToken() }: WebHostOptions): Promise<WebHost> {
  const endStreams = new Set<() => void>();
  let boundPort = port;
  // Requests being answered (event streams excepted); closing waits for them, then drops idle sockets.
  let inFlight = 0;
  let closing = false;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    const url = new URL(request.url ?? '/', `http://${LOOPBACK_ADDRESS}:${boundPort}`);
    const verdict = checkRequest(request, url, { port: boundPort, token });
    if (!verdict.allowed) {
      refuse(request, response, verdict.status, verdict.reason);
      return;
    }
    if (verdict.tokenFrom === 'query') {
      // Trade the token in the URL for a cookie, and drop it from the address bar and history.
      response.setHeader('set-cookie', `${tokenCookieName(boundPort)}=${token}; Path=/; HttpOnly; SameSite=Strict`);
      if (request.method === 'GET' && !url.pathname.startsWith('/api/')) {
        url.searchParams.delete('token');
        response.writeHead(303, { location: url.pathname + url.search }).end();
        return;
      }
    }
    if (url.pathname === '/api/events') {
      if (request.method !== 'GET') return methodNotAllowed(response, 'GET');
      const end = handleEvents(service, request, response);
      endStreams.add(end);
      request.on('close', () => endStreams.delete(end));
      return;
    }
    if (url.pathname === '/api/upload') {
      if (request.method !== 'POST') return methodNotAllowed(response, 'POST');
      await handleUpload(uploads, request, response);
      return;
    }
    if (url.pathname.startsWith('/api/download/')) {
      if (request.method !== 'GET') return methodNotAllowed(response, 'GET');
      await handleDownload(exports, url.pathname.slice('/api/download/'.length), response);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') return methodNotAllowed(response, 'POST');
      await handleCall(service, url.pathname.slice('/api/'.length), request, response);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed(response, 'GET, HEAD');
    await serveStatic(rendererDir, url.pathname, response, request.method === 'HEAD');
  };

  const server = createServer((request, response) => {
    inFlight++;
    response.on('close', () => {
      inFlight--;
      if (closing && inFlight === 0) server.closeAllConnections();
    });
    handle(request, response).catch((error: unknown) => {
      console.error('claimbench: request failed:', error);
      if (!response.headersSent) sendJson(response, 500, { error: { code: 'internal', message: 'Internal error; see the server log' } });
      else response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK_ADDRESS, () => {
      server.off('error', reject);
      resolve();
    });
  });
  boundPort = (server.address() as AddressInfo).port;

  return {
    port: boundPort,
    token,
    url: `http://${LOOPBACK_ADDRESS}:${boundPort}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing = true;
        server.close((error) => (error ? reject(error) : resolve()));
        for (const end of endStreams) end();
        // Keep-alive sockets would hold the server open; in-flight answers still complete first.
        if (inFlight === 0) server.closeAllConnections();
        else server.closeIdleConnections();
      }),
  };
}

function refuse(request: IncomingMessage, response: ServerResponse, status: 401 | 403, reason: string): void {
  request.resume();
  if ((request.headers.accept ?? '').includes('text/html')) {
    const title = status === 401 ? 'Claimbench: token required' : 'Claimbench: forbidden';
    response
      .writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(`<!doctype html><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${escapeHtml(reason)}.</p>\n`);
    return;
  }
  sendJson(response, status, { error: { code: status === 401 ? 'unauthorized' : 'forbidden', message: reason } });
}

function methodNotAllowed(response: ServerResponse, allow: string): void {
  response.setHeader('allow', allow);
  sendJson(response, 405, { error: { code: 'method-not-allowed', message: `Use ${allow}` } });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
