// The team's members (`claimbench team user …`): adding one (with a chosen password, or a one-time
// password printed once), changing a role, disabling, resetting a password. A member is named as
// they appear as an author; names are unique whatever their case. Disabling a member or setting a
// new password ends their sessions; disabling revokes their access tokens too.
import { sql } from 'kysely';
import { fail, ok, type Result } from '../../core/result.ts';
import { TEAM_ROLES, type TeamRole } from '../../core/team/roles.ts';
import type { TeamDb } from './db.ts';
import { hashPassword, oneTimePassword, passwordProblem } from './passwords.ts';

export interface Member {
  readonly id: string;
  readonly name: string;
  readonly role: TeamRole;
  readonly disabled: boolean;
  readonly createdAt: Date;
}

const MEMBER_COLUMNS = ['id', 'name', 'role', 'disabled', 'created_at'] as const;

function memberOf(row: { id: string; name: string; role: TeamRole; disabled: boolean; created_at: Date }): Member {
  return { id: row.id, name: row.name, role: row.role, disabled: row.disabled, createdAt: row.created_at };
}

/** Why a name cannot be a member's, or undefined. */
export function nameProblem(name: string): string | undefined {
  if (name !== name.trim() || name.length === 0) return 'A name is not empty and has no spaces around it.';
  if (name.length > 200) return 'A name has at most 200 characters.';
  if (/\p{Cc}/u.test(name)) return 'A name has no control characters.';
  if (name !== name.normalize('NFC')) return 'A name is written in Unicode NFC.';
  return undefined;
}

function roleProblem(role: string): string | undefined {
  return (TEAM_ROLES as readonly string[]).includes(role) ? undefined : `A role is one of ${TEAM_ROLES.join(', ')}.`;
}

/** The member of that name, whatever its case. */
export async function findMember(db: TeamDb, name: string): Promise<Member | undefined> {
  const row = await db
    .selectFrom('users')
    .select(MEMBER_COLUMNS)
    .where(sql<string>`lower(name)`, '=', sql<string>`lower(${name})`)
    .executeTakeFirst();
  return row && memberOf(row);
}

export async function listMembers(db: TeamDb): Promise<Member[]> {
  const rows = await db.selectFrom('users').select(MEMBER_COLUMNS).orderBy('created_at').orderBy('name').execute();
  return rows.map(memberOf);
}

/**
 * Adds a member. Without `password`, a one-time password is made and answered (to print once: it
 * is not kept); a chosen password must pass `passwordProblem`.
 */
export async function addUser(
  db: TeamDb,
  name: string,
  role: TeamRole,
  password?: string,
): Promise<Result<{ member: Member; oneTimePassword?: string }, 'invalid' | 'exists'>> {
  const problem = nameProblem(name) ?? roleProblem(role) ?? (password === undefined ? undefined : passwordProblem(password));
  if (problem !== undefined) return fail('invalid', problem);
  const generated = password === undefined ? oneTimePassword() : undefined;
  const passwordHash = await hashPassword(password ?? generated!);
  const row = await db
    .insertInto('users')
    .values({ name, role, password_hash: passwordHash })
    .onConflict((conflict) => conflict.doNothing())
    .returning(MEMBER_COLUMNS)
    .executeTakeFirst();
  if (row === undefined) return fail('exists', `There is already a member named "${name}" (names are compared ignoring case).`);
  return ok({ member: memberOf(row), ...(generated === undefined ? {} : { oneTimePassword: generated }) });
}

function notFound(name: string) {
  return fail('not-found', `There is no member named "${name}".`);
}

/** Gives a member another role; it applies to their next request (roles are read at each one). */
export async function setRole(db: TeamDb, name: string, role: TeamRole): Promise<Result<Member, 'not-found' | 'invalid'>> {
  const problem = roleProblem(role);
  if (problem !== undefined) return fail('invalid', problem);
  const row = await db
    .updateTable('users')
    .set({ role })
    .where(sql<string>`lower(name)`, '=', sql<string>`lower(${name})`)
    .returning(MEMBER_COLUMNS)
    .executeTakeFirst();
  return row === undefined ? notFound(name) : ok(memberOf(row));
}

/** Disables a member (or enables one again): a disabled member cannot log in, and loses their sessions and tokens. */
export async function setDisabled(db: TeamDb, name: string, disabled: boolean): Promise<Result<Member, 'not-found'>> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('users')
      .set({ disabled })
      .where(sql<string>`lower(name)`, '=', sql<string>`lower(${name})`)
      .returning(MEMBER_COLUMNS)
      .executeTakeFirst();
    if (row === undefined) return notFound(name);
    if (disabled) {
      await trx.deleteFrom('sessions').where('user_id', '=', row.id).execute();
      await trx
        .updateTable('access_tokens')
        .set({ revoked_at: sql<Date>`now()` })
        .where('user_id', '=', row.id)
        .where('revoked_at', 'is', null)
        .execute();
    }
    return ok(memberOf(row));
  });
}

/** Sets a new password (a one-time one when none is given) and ends the member's sessions. */
export async function setPassword(
  db: TeamDb,
  name: string,
  password?: string,
): Promise<Result<{ member: Member; oneTimePassword?: string }, 'not-found' | 'invalid'>> {
  const problem = password === undefined ? undefined : passwordProblem(password);
  if (problem !== undefined) return fail('invalid', problem);
  const generated = password === undefined ? oneTimePassword() : undefined;
  const passwordHash = await hashPassword(password ?? generated!);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where(sql<string>`lower(name)`, '=', sql<string>`lower(${name})`)
      .returning(MEMBER_COLUMNS)
      .executeTakeFirst();
    if (row === undefined) return notFound(name);
    await trx.deleteFrom('sessions').where('user_id', '=', row.id).execute();
    return ok({ member: memberOf(row), ...(generated === undefined ? {} : { oneTimePassword: generated }) });
  });
}
