// Who may talk to the web host: only pages of our own loopback origin (Host and Origin headers are
// checked against DNS rebinding and cross-site requests), and only with this run's token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The cookie that carries the token after the first visit; cookies ignore ports, so it names one. */
export function tokenCookieName(port: number): string {
  return `claimbench-token-${port}`;
}

export type Verdict = { readonly allowed: true; readonly tokenFrom: 'query' | 'header' | 'cookie' } | { readonly allowed: false; readonly status: 401 | 403; readonly reason: string };

export interface GuardOptions {
  readonly port: number;
  readonly token: string;
}

/** Decides whether a request may proceed. Host and Origin are checked before the token. */
export function checkRequest(request: IncomingMessage, url: URL, { port, token }: GuardOptions): Verdict {
  const allowedHosts = new Set(LOOPBACK_NAMES.map((name) => `${name}:${port}`));
  const host = request.headers.host?.toLowerCase();
  if (host === undefined || !allowedHosts.has(host)) {
    return { allowed: false, status: 403, reason: `Host "${host ?? ''}" is not this server's loopback address` };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, allowedHosts)) {
    return { allowed: false, status: 403, reason: `Origin "${origin}" is not allowed` };
  }
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null) return verdictFor(fromQuery, token, 'query');
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return verdictFor(authorization.slice(7), token, 'header');
  const fromCookie = readCookie(request.headers.cookie, tokenCookieName(port));
  if (fromCookie !== undefined) return verdictFor(fromCookie, token, 'cookie');
  return { allowed: false, status: 401, reason: 'A token is required: open the URL that `claimbench serve` printed' };
}

function isOwnOrigin(origin: string, allowedHosts: ReadonlySet<string>): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.protocol === 'http:' && allowedHosts.has(parsed.host) && origin === parsed.origin;
}

function verdictFor(given: string, token: string, tokenFrom: 'query' | 'header' | 'cookie'): Verdict {
  return tokensEqual(given, token)
    ? { allowed: true, tokenFrom }
    : { allowed: false, status: 401, reason: 'The token is wrong: open the URL that `claimbench serve` printed' };
}

/** Constant-time comparison (of digests, so the lengths are equal too). */
export function tokensEqual(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
