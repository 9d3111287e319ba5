// Logging in and out of a team server. A session is a random token (the host puts it in an HttpOnly,
// SameSite=Strict cookie); the database keeps its SHA-256 digest only. A session ends after 3 days
// without use or 30 days after login, whichever comes first: each use slides the idle end (written
// at most once a minute, so a busy member's saves do not each write their session row). Logging
// out, a new password, disabling the member or `revokeSessions` end it at once. The member's role
// is read at every request, so a new role applies to the next one.
import { sql } from 'kysely';
import type { Failure } from '../../core/result.ts';
import { fail, ok } from '../../core/result.ts';
import type { Actor } from './actor.ts';
import type { TeamDb } from './db.ts';
import { attemptSucceeded, beginAttempt } from './login-limit.ts';
import { findMember } from './members.ts';
import { decoyHash, hashPassword, needsRehash, PASSWORD_MAX_LENGTH, verifyPassword } from './passwords.ts';
import { newSecret, presentedDigest } from './secret-tokens.ts';

export const SESSION_POLICY = {
  idleSeconds: 3 * 24 * 3600,
  maxSeconds: 30 * 24 * 3600,
  /** last_seen and the idle end are written when older than this. */
  touchSeconds: 60,
} as const;

export interface NewSession {
  /** The secret for the cookie: shown here once, never stored. */
  readonly token: string;
  readonly expiresAt: Date;
  readonly actor: Actor;
}

export type LoginRefusal = Failure<'refused'> | Failure<'disabled'> | (Failure<'rate-limited'> & { readonly retryAfterSeconds: number });

const REFUSED = fail('refused', 'Wrong name or password.');

/**
 * How long to wait, as the sign-in form says it: seconds under a minute, else whole minutes rounded
 * up (never "0 minutes" while there is still a wait).
 * @example waitInWords(891) // "15 minutes"
 */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * Checks a member's name and password and opens a session. Refused alike for an unknown name and a
 * wrong password (both take one argon2id hash), `disabled` only with the right password, and
 * `rate-limited` with the seconds to wait (see login-limit.ts). A hash made with older parameters
 * is replaced by one with today's.
 */
export async function login(
  db: TeamDb,
  name: string,
  password: string,
  clientKey: string,
): Promise<{ readonly ok: true; readonly value: NewSession } | { readonly ok: false; readonly error: LoginRefusal }> {
  if (name.length > 200 || password.length > PASSWORD_MAX_LENGTH) return REFUSED;
  const attempt = await beginAttempt(db, name, clientKey);
  if (!attempt.allowed) {
    const { retryAfterSeconds } = attempt;
    return {
      ok: false,
      error: {
        code: 'rate-limited',
        message: `Too many failed sign-ins: try again in ${waitInWords(retryAfterSeconds)}.`,
        retryAfterSeconds,
      },
    };
  }
  const member = await findMember(db, name);
  const stored = member && (await db.selectFrom('users').select('password_hash').where('id', '=', member.id).executeTakeFirst());
  const matches = await verifyPassword(password, stored?.password_hash ?? (await decoyHash()));
  if (member === undefined || stored === undefined || !matches) return REFUSED;
  if (member.disabled) return fail('disabled', `${member.name}'s account is disabled: ask an admin.`);
  await attemptSucceeded(db, name, clientKey);
  if (needsRehash(stored.password_hash)) {
    const rehashed = await hashPassword(password);
    await db.updateTable('users').set({ password_hash: rehashed }).where('id', '=', member.id).execute();
  }
  const { token, digest } = newSecret();
  const row = await db
    .insertInto('sessions')
    .values({
      token_hash: digest,
      user_id: member.id,
      expires_at: sql<Date>`now() + make_interval(secs => ${Math.min(SESSION_POLICY.idleSeconds, SESSION_POLICY.maxSeconds)})`,
    })
    .returning('expires_at')
    .executeTakeFirstOrThrow();
  return ok({ token, expiresAt: row.expires_at, actor: { userId: member.id, name: member.name, role: member.role } });
}

/**
 * The member a session token belongs to, or undefined when it is not a live session (unknown,
 * expired, logged out, revoked, or its member disabled). Slides the idle end.
 */
export async function authenticateSession(db: TeamDb, token: string): Promise<{ actor: Actor; expiresAt: Date } | undefined> {
  const digest = presentedDigest(token);
  if (digest === undefined) return undefined;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.name', 'users.role', 'sessions.expires_at'])
    .select(sql<boolean>`sessions.last_seen < now() - make_interval(secs => ${SESSION_POLICY.touchSeconds})`.as('stale'))
    .where('sessions.token_hash', '=', digest)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('users.disabled', '=', false)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  let expiresAt = row.expires_at;
  if (row.stale) {
    const touched = await db
      .updateTable('sessions')
      .set({
        last_seen: sql<Date>`now()`,
        expires_at: sql<Date>`least(created_at + make_interval(secs => ${SESSION_POLICY.maxSeconds}),
                                    now() + make_interval(secs => ${SESSION_POLICY.idleSeconds}))`,
      })
      .where('token_hash', '=', digest)
      .returning('expires_at')
      .executeTakeFirst();
    if (touched === undefined) return undefined;
    expiresAt = touched.expires_at;
  }
  return { actor: { userId: row.id, name: row.name, role: row.role }, expiresAt };
}

/** Ends the session of this token (nothing happens for one that is not a session). */
export async function logout(db: TeamDb, token: string): Promise<void> {
  const digest = presentedDigest(token);
  if (digest !== undefined) await db.deleteFrom('sessions').where('token_hash', '=', digest).execute();
}

/** Ends every session of the member; answers how many there were. */
export async function revokeSessions(db: TeamDb, name: string) {
  const member = await findMember(db, name);
  if (member === undefined) return fail('not-found', `There is no member named "${name}".`);
  const result = await db.deleteFrom('sessions').where('user_id', '=', member.id).executeTakeFirst();
  return ok({ sessions: Number(result.numDeletedRows) });
}
