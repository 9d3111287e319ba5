// Personal access tokens, for scripts (`claimbench team token NAME`): sent as
// `Authorization: Bearer cbpat_…` to the same `POST /api/<method>` routes. A token acts as its
// member, with the member's role at the time of each request; it is shown once when made, stored as
// its SHA-256 digest, and refused from the moment it is revoked (or its member is disabled).
import { sql } from 'kysely';
import { fail, ok, type Result } from '../../core/result.ts';
import type { Actor } from './actor.ts';
import type { TeamDb } from './db.ts';
import { findMember } from './members.ts';
import { ACCESS_TOKEN_PREFIX, newSecret, presentedDigest } from './secret-tokens.ts';

/** last_used is written when older than this, so a script's every call does not write. */
const TOUCH_SECONDS = 60;

export interface AccessTokenInfo {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly lastUsed: Date | null;
  readonly revokedAt: Date | null;
}

function tokenNameProblem(name: string): string | undefined {
  if (name.trim() !== name || name.length === 0 || name.length > 200 || /\p{Cc}/u.test(name)) {
    return 'A token name has 1 to 200 characters, no control characters and no spaces around it.';
  }
  return undefined;
}

/** Makes a token named `tokenName` for the member; answers the token itself, to print once. */
export async function createToken(
  db: TeamDb,
  memberName: string,
  tokenName: string,
): Promise<Result<{ token: string; info: AccessTokenInfo }, 'not-found' | 'invalid' | 'exists'>> {
  const problem = tokenNameProblem(tokenName);
  if (problem !== undefined) return fail('invalid', problem);
  const member = await findMember(db, memberName);
  if (member === undefined) return fail('not-found', `There is no member named "${memberName}".`);
  const { token, digest } = newSecret(ACCESS_TOKEN_PREFIX);
  const row = await db
    .insertInto('access_tokens')
    .values({ user_id: member.id, name: tokenName, token_hash: digest, revoked_at: null, last_used: null })
    .onConflict((conflict) => conflict.doNothing())
    .returning(['id', 'name', 'created_at', 'last_used', 'revoked_at'])
    .executeTakeFirst();
  if (row === undefined)
    return fail('exists', `${member.name} already has a token named "${tokenName}": revoke it first, or choose another name.`);
  return ok({ token, info: infoOf(row) });
}

function infoOf(row: { id: string; name: string; created_at: Date; last_used: Date | null; revoked_at: Date | null }): AccessTokenInfo {
  return { id: row.id, name: row.name, createdAt: row.created_at, lastUsed: row.last_used, revokedAt: row.revoked_at };
}

/** The member a bearer token acts for, or undefined (not a token, revoked, or its member disabled). */
export async function authenticateBearer(db: TeamDb, token: string): Promise<Actor | undefined> {
  const digest = presentedDigest(token, ACCESS_TOKEN_PREFIX);
  if (digest === undefined) return undefined;
  const row = await db
    .selectFrom('access_tokens')
    .innerJoin('users', 'users.id', 'access_tokens.user_id')
    .select(['users.id', 'users.name', 'users.role', 'access_tokens.id as tokenId'])
    .select(sql<boolean>`coalesce(access_tokens.last_used < now() - make_interval(secs => ${TOUCH_SECONDS}), true)`.as('stale'))
    .where('access_tokens.token_hash', '=', digest)
    .where('access_tokens.revoked_at', 'is', null)
    .where('users.disabled', '=', false)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  if (row.stale)
    await db
      .updateTable('access_tokens')
      .set({ last_used: sql<Date>`now()` })
      .where('id', '=', row.tokenId)
      .execute();
  return { userId: row.id, name: row.name, role: row.role };
}

/** Revokes the member's live token of that name. */
export async function revokeToken(db: TeamDb, memberName: string, tokenName: string): Promise<Result<AccessTokenInfo, 'not-found'>> {
  const member = await findMember(db, memberName);
  if (member === undefined) return fail('not-found', `There is no member named "${memberName}".`);
  const row = await db
    .updateTable('access_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('user_id', '=', member.id)
    .where('name', '=', tokenName)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name', 'created_at', 'last_used', 'revoked_at'])
    .executeTakeFirst();
  return row === undefined ? fail('not-found', `${member.name} has no live token named "${tokenName}".`) : ok(infoOf(row));
}

/** The member's tokens, revoked ones included, newest first (never the secrets: they are not kept). */
export async function listTokens(db: TeamDb, memberName: string): Promise<Result<AccessTokenInfo[], 'not-found'>> {
  const member = await findMember(db, memberName);
  if (member === undefined) return fail('not-found', `There is no member named "${memberName}".`);
  const rows = await db
    .selectFrom('access_tokens')
    .select(['id', 'name', 'created_at', 'last_used', 'revoked_at'])
    .where('user_id', '=', member.id)
    .orderBy('created_at', 'desc')
    .execute();
  return ok(rows.map(infoOf));
}
