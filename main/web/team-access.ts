// Who is calling a team server (`claimbench team serve`): a member signed in through the login page
// (a session token in an HttpOnly, SameSite=Strict cookie) or a script with a personal access token
// (`Authorization: Bearer …`). The local web host's token per run is not used there. The members,
// sessions and tokens live in PostgreSQL (main/team/members.ts); this module only reads requests.
//
// Cookie sessions also need a CSRF token on every POST: the `x-claimbench-csrf` header must equal
// HMAC-SHA-256 of the session token, which the login put in a cookie that page scripts of this
// origin can read and no other page can (SameSite=Strict, and the Origin check before this).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Result } from '../../core/result.ts';
import type { Actor } from '../team/actor.ts';
import { readCookie, type Refusal } from './guard.ts';

export const SESSION_COOKIE = 'claimbench-session';
export const CSRF_COOKIE = 'claimbench-csrf';
export const CSRF_HEADER = 'x-claimbench-csrf';

export type LoginOutcome =
  | { readonly ok: true; readonly token: string; readonly expiresAt: Date }
  | { readonly ok: false; readonly reason: string; readonly retryAfterSeconds?: number };

/** What a team server needs from the team database to let people in and to make their calls. */
export interface TeamAccess {
  /** A member's name and password, from a client (its address): a new session, or why not (rate limited). */
  login(name: string, password: string, client: string): Promise<LoginOutcome>;
  /** The member a session token is for; undefined when it is unknown, expired or revoked. */
  sessionActor(token: string): Promise<Actor | undefined>;
  /** The member a personal access token is for; undefined when it is unknown or revoked. */
  tokenActor(token: string): Promise<Actor | undefined>;
  /** Ends a session (a no-op for an unknown token). */
  logout(token: string): Promise<void>;
  /** Calls a workbench method as `actor`; the member's role is checked before the service sees it. */
  call(actor: Actor, method: string, args: unknown): Promise<Result<unknown, string>>;
}

export type TeamVerdict =
  { readonly allowed: true; readonly actor: Actor; readonly via: 'session' | 'bearer'; readonly sessionToken?: string } | Refusal;

/** The CSRF token of a session: derived from it, so nothing more is stored, and unguessable without it. */
export function csrfTokenOf(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('claimbench-csrf').digest('base64url');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Authenticates a request that passed the origin checks. A bearer token is taken when present
 * (scripts); else the session cookie, and then a POST must carry the session's CSRF header.
 */
export async function checkTeamRequest(request: IncomingMessage, access: TeamAccess): Promise<TeamVerdict> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const token = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(authorization)?.[1];
    const actor = token === undefined ? undefined : await access.tokenActor(token);
    if (actor === undefined) return { allowed: false, status: 401, reason: 'The access token is unknown or was revoked' };
    return { allowed: true, actor, via: 'bearer' };
  }
  const sessionToken = readCookie(request.headers.cookie, SESSION_COOKIE);
  const actor = sessionToken === undefined ? undefined : await access.sessionActor(sessionToken);
  if (sessionToken === undefined || actor === undefined) {
    return { allowed: false, status: 401, reason: 'Sign in: you are not signed in, or your session has ended' };
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const given = request.headers[CSRF_HEADER];
    if (typeof given !== 'string' || !sameSecret(given, csrfTokenOf(sessionToken))) {
      return { allowed: false, status: 403, reason: 'The request has no valid CSRF token: reload the page' };
    }
  }
  return { allowed: true, actor, via: 'session', sessionToken };
}

/** The two cookies a sign-in sets (Secure when the server is reached over HTTPS through its proxy). */
export function sessionCookies(token: string, expiresAt: Date, secure: boolean): string[] {
  const flags = `Path=/; SameSite=Strict; Expires=${expiresAt.toUTCString()}${secure ? '; Secure' : ''}`;
  return [`${SESSION_COOKIE}=${token}; HttpOnly; ${flags}`, `${CSRF_COOKIE}=${csrfTokenOf(token)}; ${flags}`];
}

/** Cookies that remove both (sign-out). */
export function clearedSessionCookies(secure: boolean): string[] {
  const flags = `Path=/; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
  return [`${SESSION_COOKIE}=; HttpOnly; ${flags}`, `${CSRF_COOKIE}=; ${flags}`];
}
