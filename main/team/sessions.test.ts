import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../tests/support/pg-database.ts';
import { openTeamDb, type TeamDb } from './db.ts';
import { LOGIN_LIMIT } from './login-limit.ts';
import { addUser, findMember } from './members.ts';
import { migrateTeamDb } from './migrate.ts';
import * as passwords from './passwords.ts';
import { authenticateSession, login, logout, revokeSessions, SESSION_POLICY, waitInWords } from './sessions.ts';

vi.mock('./passwords.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof passwords>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

// From the reference implementation's tests: "password" with m=64 MiB, t=2, p=1 (older parameters than ours).
const REFERENCE = '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc';
const PASSWORD = 'ana passphrase';

describe('waitInWords', () => {
  it.each([
    [1, '1 second'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [891, '15 minutes'],
    [900, '15 minutes'],
  ])('%i s is "%s"', (seconds, words) => {
    expect(waitInWords(seconds)).toBe(words);
  });
});

describe.skipIf(pgSkip)('sessions', () => {
  let database: TestDatabase;
  let db: TeamDb;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = openTeamDb(database.url);
    expect((await migrateTeamDb(db)).ok).toBe(true);
    await addUser(db, 'Ana', 'analyst', PASSWORD);
  });
  beforeEach(async () => {
    await db.deleteFrom('sessions').execute();
    await db.deleteFrom('login_failures').execute();
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const sessionRow = (token: string) =>
    db.selectFrom('sessions').selectAll().where('token_hash', '=', createHash('sha256').update(token).digest()).executeTakeFirst();

  it('opens a session whose token only the member gets: the database holds its SHA-256 digest', async () => {
    const opened = await login(db, 'ana', PASSWORD, '10.0.0.1');
    if (!opened.ok) throw new Error(opened.error.message);
    const { token, expiresAt, actor } = opened.value;
    expect(actor).toMatchObject({ name: 'Ana', role: 'analyst' });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Math.abs(expiresAt.getTime() - Date.now() - SESSION_POLICY.idleSeconds * 1000)).toBeLessThan(60_000);
    expect(await authenticateSession(db, token)).toMatchObject({ actor: { name: 'Ana', role: 'analyst', userId: actor.userId } });
    const rows = await sql<{ row: string }>`SELECT s::text AS row FROM sessions s`.execute(db);
    const stored = rows.rows.map((row) => row.row).join('\n');
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(Buffer.from(token).toString('hex'));
    expect((await sessionRow(token))?.token_hash).toHaveLength(32);
  });

  it('refuses an unknown name and a wrong password alike, each after one argon2id verification', async () => {
    vi.mocked(passwords.verifyPassword).mockClear();
    const unknown = await login(db, 'Nobody', PASSWORD, '10.0.0.2');
    const wrong = await login(db, 'Ana', 'not the passphrase', '10.0.0.2');
    expect(!unknown.ok && unknown.error).toEqual({ code: 'refused', message: 'Wrong name or password.' });
    expect(!wrong.ok && wrong.error).toEqual({ code: 'refused', message: 'Wrong name or password.' });
    expect(passwords.verifyPassword).toHaveBeenCalledTimes(2);
    expect(vi.mocked(passwords.verifyPassword).mock.calls[0]![1]).toBe(await passwords.decoyHash());
  });

  it('refuses an expired session, a logged-out one and revoked ones', async () => {
    const tokens = [];
    for (let index = 0; index < 4; index++) {
      const opened = await login(db, 'Ana', PASSWORD, '10.0.0.3');
      if (!opened.ok) throw new Error(opened.error.message);
      tokens.push(opened.value.token);
    }
    const [expiring, leaving, ...others] = tokens as [string, string, string, string];
    await db
      .updateTable('sessions')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where('token_hash', '=', (await sessionRow(expiring))!.token_hash)
      .execute();
    expect(await authenticateSession(db, expiring)).toBeUndefined();
    await logout(db, leaving);
    expect(await authenticateSession(db, leaving)).toBeUndefined();
    for (const token of others) expect(await authenticateSession(db, token)).toBeDefined();
    const revoked = await revokeSessions(db, 'Ana');
    expect(revoked.ok && revoked.value.sessions).toBe(3);
    for (const token of others) expect(await authenticateSession(db, token)).toBeUndefined();
  });

  it('slides the idle end on use (at most once a minute), never past 30 days after login', async () => {
    const opened = await login(db, 'Ana', PASSWORD, '10.0.0.4');
    if (!opened.ok) throw new Error(opened.error.message);
    const { token } = opened.value;
    const digest = (await sessionRow(token))!.token_hash;
    const set = (values: Record<string, ReturnType<typeof sql>>) =>
      db.updateTable('sessions').set(values).where('token_hash', '=', digest).execute();

    // Used within the minute: not written.
    await set({ expires_at: sql`now() + interval '1 hour'` });
    const unchanged = await authenticateSession(db, token);
    expect(Math.abs(unchanged!.expiresAt.getTime() - Date.now() - 3_600_000)).toBeLessThan(60_000);
    // Last seen two minutes ago: the idle end moves to 3 days from now.
    await set({ last_seen: sql`now() - interval '2 minutes'` });
    const slid = await authenticateSession(db, token);
    expect(Math.abs(slid!.expiresAt.getTime() - Date.now() - SESSION_POLICY.idleSeconds * 1000)).toBeLessThan(60_000);
    expect(Date.now() - (await sessionRow(token))!.last_seen.getTime()).toBeLessThan(60_000);
    // Logged in 29 days ago: it ends 30 days after the login, not 3 days from now.
    await set({ created_at: sql`now() - interval '29 days'`, last_seen: sql`now() - interval '2 minutes'` });
    const capped = await authenticateSession(db, token);
    expect(Math.abs(capped!.expiresAt.getTime() - Date.now() - 24 * 3_600_000)).toBeLessThan(60_000);
  });

  it('refuses a sixth failed login of a name from one client for 15 minutes, whatever the password; others are not held up', async () => {
    for (let index = 0; index < LOGIN_LIMIT.perName; index++) {
      const wrong = await login(db, 'Ana', `wrong ${index}`, '10.0.0.5');
      expect(!wrong.ok && wrong.error.code).toBe('refused');
    }
    const held = await login(db, 'Ana', PASSWORD, '10.0.0.5');
    expect(held.ok).toBe(false);
    if (held.ok || held.error.code !== 'rate-limited') throw new Error('not rate limited');
    expect(held.error.retryAfterSeconds).toBeGreaterThan(LOGIN_LIMIT.windowSeconds - 60);
    expect(held.error.retryAfterSeconds).toBeLessThanOrEqual(LOGIN_LIMIT.windowSeconds);
    // In words a person reads at a glance: "891 s" before.
    expect(held.error.message).toBe('Too many failed sign-ins: try again in 15 minutes.');
    expect((await login(db, 'Ana', PASSWORD, '10.0.0.6')).ok).toBe(true);
    // Fifteen minutes later, the client may try again.
    await db
      .updateTable('login_failures')
      .set({ at: sql<Date>`at - interval '15 minutes'` })
      .execute();
    expect((await login(db, 'Ana', PASSWORD, '10.0.0.5')).ok).toBe(true);
  });

  it('forgets the failures of a name and client at a good login', async () => {
    for (let index = 0; index < LOGIN_LIMIT.perName - 1; index++) await login(db, 'Ana', 'wrong', '10.0.0.7');
    expect((await login(db, 'Ana', PASSWORD, '10.0.0.7')).ok).toBe(true);
    for (let index = 0; index < LOGIN_LIMIT.perName - 1; index++) await login(db, 'Ana', 'wrong', '10.0.0.7');
    expect((await login(db, 'Ana', PASSWORD, '10.0.0.7')).ok).toBe(true);
  });

  it('lets no more than five of many simultaneous guesses through to the password check', async () => {
    const results = await Promise.all(Array.from({ length: 9 }, (_, index) => login(db, 'Ana', `guess ${index}`, '10.0.0.8')));
    const codes = results.map((result) => (result.ok ? 'ok' : result.error.code));
    expect(codes.filter((code) => code === 'refused')).toHaveLength(LOGIN_LIMIT.perName);
    expect(codes.filter((code) => code === 'rate-limited')).toHaveLength(9 - LOGIN_LIMIT.perName);
  });

  it('holds up a client that tries many names', async () => {
    for (let index = 0; index < LOGIN_LIMIT.perClient; index++) await login(db, `name-${index}`, 'password123456', '10.0.0.9');
    const held = await login(db, 'Ana', PASSWORD, '10.0.0.9');
    expect(!held.ok && held.error.code).toBe('rate-limited');
  });

  it('replaces a hash made with older parameters at a good login', async () => {
    await addUser(db, 'Old', 'reviewer', 'placeholder passphrase');
    await db.updateTable('users').set({ password_hash: REFERENCE }).where('name', '=', 'Old').execute();
    expect((await login(db, 'Old', 'password', '10.0.0.10')).ok).toBe(true);
    const { password_hash } = await db.selectFrom('users').select('password_hash').where('name', '=', 'Old').executeTakeFirstOrThrow();
    expect(password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await login(db, 'Old', 'password', '10.0.0.10')).ok).toBe(true);
    expect((await findMember(db, 'old'))?.role).toBe('reviewer');
  });
});
