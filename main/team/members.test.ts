import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../tests/support/pg-database.ts';
import { authenticateBearer, createToken, listTokens, revokeToken } from './access-tokens.ts';
import { openTeamDb, type TeamDb } from './db.ts';
import { addUser, findMember, listMembers, setDisabled, setPassword, setRole } from './members.ts';
import { migrateTeamDb } from './migrate.ts';
import { verifyPassword } from './passwords.ts';
import { login } from './sessions.ts';

/** Every row of the members' tables, as text (bytea as hex), to look for secrets in. */
async function everythingStored(db: TeamDb): Promise<string> {
  const tables = ['users', 'sessions', 'access_tokens', 'login_failures'];
  const dumps = await Promise.all(
    tables.map((table) => sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(table)} t`.execute(db)),
  );
  return dumps.flatMap((dump) => dump.rows.map((row) => row.row)).join('\n');
}

describe.skipIf(pgSkip)('members', () => {
  let database: TestDatabase;
  let db: TeamDb;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = openTeamDb(database.url);
    expect((await migrateTeamDb(db)).ok).toBe(true);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('adds a member with a chosen password, or with a one-time password that is answered once and kept only as a hash', async () => {
    const chosen = await addUser(db, 'Ana', 'analyst', 'a long passphrase');
    expect(chosen.ok && chosen.value.member).toMatchObject({ name: 'Ana', role: 'analyst', disabled: false });
    expect(chosen.ok && chosen.value.oneTimePassword).toBeUndefined();
    const generated = await addUser(db, 'Ben', 'reviewer');
    if (!generated.ok) throw new Error(generated.error.message);
    const password = generated.value.oneTimePassword!;
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect((await login(db, 'Ben', password, 'test')).ok).toBe(true);
    const stored = await everythingStored(db);
    expect(stored).not.toContain(password);
    expect(stored).not.toContain('a long passphrase');
    const hash = await db.selectFrom('users').select('password_hash').where('name', '=', 'Ben').executeTakeFirstOrThrow();
    expect(hash.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(password, hash.password_hash)).toBe(true);
  });

  it.each([
    ['', 'analyst', undefined, 'not empty'],
    [' Ana', 'analyst', undefined, 'no spaces around'],
    ['A\u0007na', 'analyst', undefined, 'control characters'],
    ['Cy', 'owner', undefined, 'one of analyst, reviewer, admin'],
    ['Cy', 'analyst', 'short', 'at least 12'],
  ] as const)('refuses to add %j as %s (%s)', async (name, role, password, message) => {
    const result = await addUser(db, name, role as never, password);
    expect(!result.ok && result.error).toMatchObject({ code: 'invalid' });
    expect(!result.ok && result.error.message).toContain(message);
  });

  it('refuses a second member of the same name, whatever its case', async () => {
    await addUser(db, 'Dana', 'analyst');
    const again = await addUser(db, 'dANA', 'admin');
    expect(!again.ok && again.error.code).toBe('exists');
    expect((await listMembers(db)).filter((member) => member.name.toLowerCase() === 'dana')).toHaveLength(1);
  });

  it('changes a role, and a bearer token acts with the role of the moment', async () => {
    await addUser(db, 'Eve', 'analyst');
    const made = await createToken(db, 'Eve', 'nightly export');
    if (!made.ok) throw new Error(made.error.message);
    expect((await authenticateBearer(db, made.value.token))?.role).toBe('analyst');
    expect((await setRole(db, 'eve', 'reviewer')).ok).toBe(true);
    expect(await authenticateBearer(db, made.value.token)).toMatchObject({ name: 'Eve', role: 'reviewer' });
    expect((await setRole(db, 'Nobody', 'admin')).ok).toBe(false);
  });

  it('refuses a revoked token from the moment it is revoked; its digest alone is stored', async () => {
    await addUser(db, 'Finn', 'analyst');
    const made = await createToken(db, 'Finn', 'script');
    if (!made.ok) throw new Error(made.error.message);
    const { token } = made.value;
    expect(token).toMatch(/^cbpat_[A-Za-z0-9_-]{43}$/);
    expect(await authenticateBearer(db, token)).toMatchObject({ name: 'Finn', role: 'analyst' });
    const stored = await everythingStored(db);
    expect(stored).not.toContain(token.slice(6));
    expect(stored).not.toContain(Buffer.from(token).toString('hex'));
    expect(stored).toContain(createHash('sha256').update(token).digest('hex'));
    const twice = await createToken(db, 'Finn', 'script');
    expect(!twice.ok && twice.error.code).toBe('exists');

    expect((await revokeToken(db, 'Finn', 'script')).ok).toBe(true);
    expect(await authenticateBearer(db, token)).toBeUndefined();
    expect((await revokeToken(db, 'Finn', 'script')).ok).toBe(false);
    // The name is free again; the new token is another secret, and the old one stays refused.
    const again = await createToken(db, 'Finn', 'script');
    expect(again.ok && again.value.token).not.toBe(token);
    expect(await authenticateBearer(db, token)).toBeUndefined();
    const listed = await listTokens(db, 'Finn');
    expect(listed.ok && listed.value.map((info) => [info.name, info.revokedAt === null])).toEqual([
      ['script', true],
      ['script', false],
    ]);
  });

  it('refuses what is not a token: tampered, without its prefix, a session token, or far too long', async () => {
    await addUser(db, 'Gus', 'analyst');
    const made = await createToken(db, 'Gus', 'ci');
    if (!made.ok) throw new Error(made.error.message);
    const { token } = made.value;
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const wrong of [flipped, token.slice(6), token + 'x', 'cbpat_' + 'A'.repeat(10_000), ''])
      expect(await authenticateBearer(db, wrong)).toBeUndefined();
    expect(await authenticateBearer(db, token)).toBeDefined();
  });

  it('disables a member: no login, no session, no token; enabling does not bring the tokens back', async () => {
    await addUser(db, 'Hal', 'reviewer', 'hal passphrase 1');
    const session = await login(db, 'Hal', 'hal passphrase 1', 'laptop');
    const made = await createToken(db, 'Hal', 'bot');
    if (!session.ok || !made.ok) throw new Error('setup');
    expect((await setDisabled(db, 'Hal', true)).ok).toBe(true);
    expect((await findMember(db, 'hal'))?.disabled).toBe(true);
    const refused = await login(db, 'Hal', 'hal passphrase 1', 'laptop');
    expect(!refused.ok && refused.error.code).toBe('disabled');
    expect((await db.selectFrom('sessions').selectAll().where('user_id', '=', session.value.actor.userId).execute()).length).toBe(0);
    expect(await authenticateBearer(db, made.value.token)).toBeUndefined();
    await setDisabled(db, 'Hal', false);
    expect(await authenticateBearer(db, made.value.token)).toBeUndefined();
    expect((await login(db, 'Hal', 'hal passphrase 1', 'laptop')).ok).toBe(true);
  });

  it('sets a new password and ends the sessions made with the old one', async () => {
    await addUser(db, 'Ida', 'analyst', 'first passphrase');
    const before = await login(db, 'Ida', 'first passphrase', 'laptop');
    expect(before.ok).toBe(true);
    const reset = await setPassword(db, 'Ida');
    if (!reset.ok) throw new Error(reset.error.message);
    expect((await login(db, 'Ida', 'first passphrase', 'laptop')).ok).toBe(false);
    expect((await login(db, 'Ida', reset.value.oneTimePassword!, 'laptop')).ok).toBe(true);
    const ida = await findMember(db, 'Ida');
    const sessions = await db.selectFrom('sessions').selectAll().where('user_id', '=', ida!.id).execute();
    expect(sessions).toHaveLength(1);
  });
});
