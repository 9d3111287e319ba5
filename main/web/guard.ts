// Who may talk to the web host: only pages of its own origin (Host and Origin against DNS rebinding
// and cross-site requests, Fetch Metadata against cross-site loads that carry no Origin), only with
// this run's token, and not while the client is cooling down from guessing tokens.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TokenAttempts } from './token-attempts.ts';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The cookie that carries the token after the first visit; cookies ignore ports, so it names one. */
export function tokenCookieName(port: number): string {
  return `claimbench-token-${port}`;
}

export type TokenSource = 'query' | 'header' | 'cookie';

export type Refusal = {
  readonly allowed: false;
  readonly status: 400 | 401 | 403 | 429;
  readonly reason: string;
  readonly retryAfterSeconds?: number;
};

export type Verdict = { readonly allowed: true; readonly tokenFrom: TokenSource } | Refusal;

export interface GuardOptions {
  readonly port: number;
  readonly token: string;
  /** Whether a Host header value (lower-cased) names this server: see host-policy.ts. */
  readonly isAllowedHost: (host: string) => boolean;
  readonly attempts: TokenAttempts;
  /** The command the analyst ran to start the server (`npm start`), which printed the URL with the token. */
  readonly launchedAs: string;
}

/**
 * Decides whether a request may proceed. Host, Origin and Fetch Metadata come first (a foreign page
 * gets 403 whatever it sends), then the cool-down, then the token, so that only a wrong token (not a
 * missing one, nor a refused origin) counts as a guess.
 */
export function checkRequest(
  request: IncomingMessage,
  url: URL,
  { port, token, isAllowedHost, attempts, launchedAs }: GuardOptions,
): Verdict {
  const foreign = originRefusal(request, url, isAllowedHost);
  if (foreign !== undefined) return foreign;

  const remoteAddress = request.socket.remoteAddress;
  const wait = attempts.waitFor(remoteAddress);
  if (wait > 0) {
    const retryAfterSeconds = Math.ceil(wait / 1000);
    return {
      allowed: false,
      status: 429,
      reason: `Too many wrong tokens from this address: try again in ${retryAfterSeconds} s`,
      retryAfterSeconds,
    };
  }
  const given = presentedToken(request, url, port);
  if (given === undefined)
    return { allowed: false, status: 401, reason: `A token is required: open the URL that \`${launchedAs}\` printed` };
  if (!tokensEqual(given.value, token)) {
    attempts.recordFailure(remoteAddress);
    return { allowed: false, status: 401, reason: `The token is wrong: open the URL that \`${launchedAs}\` printed` };
  }
  return { allowed: true, tokenFrom: given.from };
}

/**
 * Host, Origin and Fetch Metadata: a request that is not from a page of this server's own origin is
 * refused (403; 400 for a duplicated Host) whatever it carries. Undefined: it may go on to be
 * authenticated (by the run's token here, or a member's session on a team server).
 */
export function originRefusal(
  request: IncomingMessage,
  url: URL,
  isAllowedHost: (host: string) => boolean,
  publicOrigin?: URL,
): Refusal | undefined {
  // Node keeps the first of two Host headers; RFC 9112 §3.2 says such a request gets 400.
  if (hostHeaderCount(request) > 1) return { allowed: false, status: 400, reason: 'A request has one Host header, not several' };
  const host = request.headers.host?.toLowerCase();
  if (host === undefined || !(isAllowedHost(host) || host === publicOrigin?.host)) {
    return { allowed: false, status: 403, reason: `Host "${host ?? ''}" is not this server's address` };
  }
  const origin = request.headers.origin;
  // Browsers send Origin on every cross-origin request and on same-origin POSTs; ours is exactly
  // http://<Host> ("null", another scheme or port, a path, or different case are all foreign), or
  // the public origin a team server is reached at through its TLS proxy.
  if (origin !== undefined && origin !== new URL(`http://${host}`).origin && origin !== publicOrigin?.origin) {
    return { allowed: false, status: 403, reason: `Origin "${origin}" is not allowed` };
  }
  const crossSite = crossSiteRefusal(request, url);
  if (crossSite !== undefined) return { allowed: false, status: 403, reason: crossSite };
  return undefined;
}

/** How many Host headers the request has (`rawHeaders` keeps every one, in any case). */
function hostHeaderCount(request: IncomingMessage): number {
  let count = 0;
  for (let index = 0; index < request.rawHeaders.length; index += 2) if (request.rawHeaders[index]!.toLowerCase() === 'host') count++;
  return count;
}

/**
 * Fetch Metadata (sent by current browsers): a request another site's page caused. Such a page can
 * load our URLs without an Origin header (`<img>`, `<script>`), and a page on another port of
 * localhost is the same *site*, so the SameSite=Strict cookie goes with it. Only a top-level
 * navigation to a page (a link the user followed) is let through; it carries no cookie from
 * another site and shows its answer to the user only.
 */
function crossSiteRefusal(request: IncomingMessage, url: URL): string | undefined {
  const site = request.headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin' || site === 'none') return undefined;
  const topLevelNavigation =
    (request.method === 'GET' || request.method === 'HEAD') &&
    request.headers['sec-fetch-mode'] === 'navigate' &&
    request.headers['sec-fetch-dest'] === 'document' &&
    !url.pathname.startsWith('/api/');
  return topLevelNavigation ? undefined : `A ${site} request is not allowed`;
}

function presentedToken(request: IncomingMessage, url: URL, port: number): { value: string; from: TokenSource } | undefined {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null) return { value: fromQuery, from: 'query' };
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return { value: authorization.slice(7), from: 'header' };
  const fromCookie = readCookie(request.headers.cookie, tokenCookieName(port));
  if (fromCookie !== undefined) return { value: fromCookie, from: 'cookie' };
  return undefined;
}

/** Constant-time comparison (of digests, so the lengths are equal too). */
export function tokensEqual(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
