// The web host: serves the built renderer and the workbench API on a loopback address (another
// address only when asked to, explicitly), to a browser holding this run's token. The same service
// the desktop app uses over IPC.
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { SECURITY_HEADERS } from '../../core/security/csp.ts';
import type { WorkbenchService } from '../../core/contract/workbench-api.ts';
import type { UploadStaging } from '../import/upload-staging.ts';
import type { ExportStaging } from '../bundle/export-staging.ts';
import type { ServiceChangeFeed } from '../workbench/committed-changes.ts';
import { dispatchTo, handleCall, handleDownload, handleUpload, sendJson, type Caller } from './api-routes.ts';
import { EventFeed } from './event-feed.ts';
import { checkRequest, newToken, originRefusal, tokenCookieName, type Refusal } from './guard.ts';
import { describeSession, handleLogin, handleLogout, serveLoginPage } from './login-page.ts';
import { checkTeamRequest, type TeamAccess } from './team-access.ts';
import { hostPolicy } from './host-policy.ts';
import { addressKind, urlHost } from './ip-address.ts';
import { serveStatic } from './static-files.ts';
import { TokenAttempts } from './token-attempts.ts';

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
  /** The IP address to listen on; default 127.0.0.1. */
  readonly host?: string;
  /**
   * Must be true to listen on an address other machines can reach (anything but loopback), so that
   * no caller exposes the workspace by passing an address alone.
   */
  readonly allowRemote?: boolean;
  readonly token?: string;
  /** Counts wrong tokens per client; tests pass one with their own clock. */
  readonly tokenAttempts?: TokenAttempts;
  /** The command the analyst ran (`npm start`, `claimbench serve`), named by the 401 page. Default: `claimbench serve`. */
  readonly launchedAs?: string;
  /** Timeouts and the connection cap; DEFAULT_CONNECTION_LIMITS where absent. */
  readonly limits?: Partial<ConnectionLimits>;
  /** Where the server says what it refused (the connection cap); default: stderr. */
  readonly log?: (line: string) => void;
  /**
   * A team server's members (`claimbench team serve`): sign-in with sessions and access tokens
   * instead of the token per run, and every call made as the member (team-access.ts).
   */
  readonly team?: {
    readonly access: TeamAccess;
    /** The https:// origin people reach the server at through a TLS proxy (Host and Origin accepted; cookies Secure). */
    readonly publicOrigin?: URL;
  };
}

/**
 * How long a client may take and how many may be connected: a browser needs a handful of
 * connections and sends its headers at once, so a client that trickles them (slowloris), holds a
 * socket idle, or opens hundreds is cut off before it can use up the server's file descriptors.
 */
export interface ConnectionLimits {
  /** A request's headers must have arrived this long (ms) after it began. */
  readonly headersTimeout: number;
  /** A whole request, body included (ms): an upload must come faster than its size over this. */
  readonly requestTimeout: number;
  /** An idle keep-alive connection is closed after this (ms). */
  readonly keepAliveTimeout: number;
  /** How often (ms) Node checks the two timeouts above. */
  readonly checkInterval: number;
  /** Connections open at once; a further one is closed at once (and logged, once a minute at most). */
  readonly maxConnections: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeout: 10_000,
  requestTimeout: 120_000,
  keepAliveTimeout: 5_000,
  checkInterval: 1_000,
  maxConnections: 128,
};

/** How often at most the connection cap is logged. */
const DROP_LOG_INTERVAL_MS = 60_000;

export interface WebHost {
  /** The address listened on, as given (127.0.0.1 unless `host` said otherwise). */
  readonly address: string;
  readonly port: number;
  readonly token: string;
  /** The URL to open, with the token. */
  readonly url: string;
  /** Stops accepting requests, ends event streams, and resolves when in-flight requests are done. */
  close(): Promise<void>;
}

export const LOOPBACK_ADDRESS = '127.0.0.1';

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const {
    service,
    uploads,
    exports,
    rendererDir,
    port,
    host = LOOPBACK_ADDRESS,
    token = newToken(),
    tokenAttempts = new TokenAttempts(),
    launchedAs = 'claimbench serve',
    log = (line: string) => process.stderr.write(`${line}\n`),
    team,
  } = options;
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  const kind = addressKind(host);
  if (kind === undefined) throw new Error(`The web host listens on an IP address, not "${host}"`);
  if (kind !== 'loopback' && options.allowRemote !== true)
    throw new Error(`Listening on ${host} exposes the workspace to the network; pass allowRemote to mean it`);
  const endStreams = new Set<() => void>();
  // The team server's service follows the team database's change log (workbench-service.ts `changeFeed`).
  const feed = new EventFeed(service, undefined, (service as { readonly changeFeed?: ServiceChangeFeed }).changeFeed);
  let boundPort = port;
  let isAllowedHost: (host: string) => boolean = () => false;
  // Requests being answered (event streams excepted); closing waits for them, then drops idle sockets.
  let inFlight = 0;
  let closing = false;

  const receive = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    const url = new URL(request.url ?? '/', `http://${LOOPBACK_ADDRESS}:${boundPort}`);
    if (team !== undefined) return handleTeam(request, response, url);
    const verdict = checkRequest(request, url, { port: boundPort, token, isAllowedHost, attempts: tokenAttempts, launchedAs });
    if (!verdict.allowed) {
      refuse(request, response, verdict);
      return;
    }
    if (verdict.tokenFrom === 'query') {
      // Trade the token in the URL for a cookie, and drop it from the address bar and history.
      response.setHeader('set-cookie', `${tokenCookieName(boundPort)}=${token}; Path=/; HttpOnly; SameSite=Strict`);
      if (request.method === 'GET' && !url.pathname.startsWith('/api/')) {
        url.searchParams.delete('token');
        // One leading slash: a path such as /.//evil.example normalizes to //evil.example, which a
        // browser would follow to another host.
        response.writeHead(303, { location: `/${url.pathname.replace(/^\/+/, '')}${url.search}` }).end();
        return;
      }
    }
    await serveApp(request, response, url, local);
  };
  const local = dispatchTo(service);

  /** The app and its API, once the request is let in; `call` makes its workbench calls. */
  const serveApp = async (request: IncomingMessage, response: ServerResponse, url: URL, call: Caller): Promise<void> => {
    if (url.pathname === '/api/events') {
      if (request.method !== 'GET') return methodNotAllowed(response, 'GET');
      const end = feed.serve(request, response);
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
      await handleCall(call, url.pathname.slice('/api/'.length), request, response);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed(response, 'GET, HEAD');
    await serveStatic(rendererDir, url.pathname, response, request.method === 'HEAD', request.headers['accept-encoding']);
  };

  /** A team server's request: its origin, then /login, then the member, then the app as that member. */
  const handleTeam = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const { access, publicOrigin } = team!;
    const secure = publicOrigin?.protocol === 'https:';
    const foreign = originRefusal(request, url, isAllowedHost, publicOrigin);
    if (foreign !== undefined) return refuse(request, response, foreign);
    if (url.pathname === '/login') {
      if (request.method === 'GET' || request.method === 'HEAD') return serveLoginPage(response, request.method === 'HEAD');
      if (request.method === 'POST') return handleLogin(request, response, access, secure);
      return methodNotAllowed(response, 'GET, HEAD, POST');
    }
    const verdict = await checkTeamRequest(request, access);
    if (!verdict.allowed) {
      // A person opening the app is shown the sign-in form; scripts and the window's calls get the refusal.
      const page = (request.method === 'GET' || request.method === 'HEAD') && !url.pathname.startsWith('/api/');
      if (page && verdict.status === 401) return void response.writeHead(303, { location: '/login', 'cache-control': 'no-store' }).end();
      return refuse(request, response, verdict);
    }
    const { actor } = verdict;
    if (url.pathname === '/logout') {
      if (request.method !== 'POST') return methodNotAllowed(response, 'POST');
      return handleLogout(response, access, verdict.sessionToken, secure);
    }
    if (url.pathname === '/api/session') {
      if (request.method !== 'GET') return methodNotAllowed(response, 'GET');
      return sendJson(response, 200, describeSession(actor));
    }
    await serveApp(request, response, url, (method, args) => access.call(actor, method, args));
  };

  // The answer being written on each socket, so a parse error on it knows whether it may still answer.
  const answering = new WeakMap<Duplex, ServerResponse>();

  const server = createServer(
    {
      headersTimeout: limits.headersTimeout,
      requestTimeout: limits.requestTimeout,
      keepAliveTimeout: limits.keepAliveTimeout,
      connectionsCheckingInterval: limits.checkInterval,
    },
    (request, response) => {
      inFlight++;
      answering.set(request.socket, response);
      response.on('close', () => {
        if (answering.get(request.socket) === response) answering.delete(request.socket);
        inFlight--;
        if (closing && inFlight === 0) server.closeAllConnections();
      });
      receive(request, response).catch((error: unknown) => {
        // A request the client gave up on, or the request timeout cut off, is no failure of ours.
        if (request.destroyed && (error as NodeJS.ErrnoException).code === 'ECONNRESET') return void response.destroy();
        console.error('claimbench: request failed:', error);
        if (!response.headersSent) sendJson(response, 500, { error: { code: 'internal', message: 'Internal error; see the server log' } });
        else response.destroy();
      });
    },
  );
  server.maxConnections = limits.maxConnections;
  let droppedSince: number | undefined;
  let dropped = 0;
  server.on('drop', () => {
    dropped++;
    const now = Date.now();
    if (droppedSince !== undefined && now - droppedSince < DROP_LOG_INTERVAL_MS) return;
    log(
      `claimbench: refused ${dropped} connection(s): ${limits.maxConnections} are open, the most this server takes at once (a browser needs a few; something is opening many)`,
    );
    droppedSince = now;
    dropped = 0;
  });

  // Requests Node refuses before they reach us (a malformed request line or header, headers too
  // large, too slow) are answered here, so that they too carry the security headers.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket, answering.get(socket)));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  boundPort = (server.address() as AddressInfo).port;
  isAllowedHost = hostPolicy({ address: host, port: boundPort });
  // On every address at once, the URL to print is the loopback one: other machines use this
  // machine's own address in its place.
  const urlAddress = kind === 'unspecified' ? (host.includes(':') ? '[::1]' : LOOPBACK_ADDRESS) : urlHost(host);

  return {
    address: host,
    port: boundPort,
    token,
    url: `http://${urlAddress}:${boundPort}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing = true;
        server.close((error) => (error ? reject(error) : resolve()));
        for (const end of endStreams) end();
        feed.dispose();
        // Keep-alive sockets would hold the server open; in-flight answers still complete first.
        if (inFlight === 0) server.closeAllConnections();
        else server.closeIdleConnections();
      }),
  };
}

const REFUSALS = {
  400: { code: 'bad-request', title: 'Claimbench: bad request' },
  401: { code: 'unauthorized', title: 'Claimbench: token required' },
  403: { code: 'forbidden', title: 'Claimbench: forbidden' },
  429: { code: 'too-many-attempts', title: 'Claimbench: too many wrong tokens' },
} as const;

function refuse(request: IncomingMessage, response: ServerResponse, { status, reason, retryAfterSeconds }: Refusal): void {
  request.resume();
  if (retryAfterSeconds !== undefined) response.setHeader('retry-after', String(retryAfterSeconds));
  const { code, title } = REFUSALS[status];
  if ((request.headers.accept ?? '').includes('text/html')) {
    // The reason may quote the request's Host or Origin: escaped, it is text, never markup.
    response
      .writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(`<!doctype html><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${escapeHtml(reason)}.</p>\n`);
    return;
  }
  sendJson(response, status, { error: { code, message: reason } });
}

const CLIENT_ERROR_STATUS: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * Answers a request Node's parser refused, as Node itself would (same statuses, then close), plus
 * our headers. `current` is the answer in progress on that socket, if any.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, current: ServerResponse | undefined): void {
  // Nothing can be said on a socket that is gone, or in the middle of another answer.
  if (error.code === 'ECONNRESET' || !socket.writable || current?.headersSent === true) {
    socket.destroy();
    return;
  }
  const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? 400;
  const body = `${STATUS_CODES[status]}\n`;
  const headers = {
    ...SECURITY_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head.join('')}\r\n${body}`);
}

function methodNotAllowed(response: ServerResponse, allow: string): void {
  response.setHeader('allow', allow);
  sendJson(response, 405, { error: { code: 'method-not-allowed', message: `Use ${allow}` } });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
