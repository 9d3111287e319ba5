// `claimbench team init` as an administrator runs it, against a real PostgreSQL.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../tests/support/pg-database.ts';
import { APP_ROOT } from '../app-paths.ts';
import { authenticateBearer } from '../team/access-tokens.ts';
import { openTeamDb } from '../team/db.ts';
import { login } from '../team/sessions.ts';
import { databaseUrl, redact } from './team.ts';

function claimbench(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  stdin = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(APP_ROOT, 'bin', 'claimbench.mjs'), ...args], {
      env: { ...process.env, CLAIMBENCH_DATABASE_URL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('databaseUrl and redact', () => {
  it('takes --database, else the environment, and never prints a password', () => {
    expect(databaseUrl('postgresql://a@h/db', {})).toBe('postgresql://a@h/db');
    expect(databaseUrl(undefined, { CLAIMBENCH_DATABASE_URL: 'postgres://b@h/db' })).toBe('postgres://b@h/db');
    expect(() => databaseUrl(undefined, {})).toThrow(/--database URL/);
    expect(() => databaseUrl('mysql://x:secret@h/db', {})).toThrow(/postgresql:\/\//);
    expect(() => databaseUrl('mysql://x:secret@h/db', {})).not.toThrow(/secret/);
    expect(redact('postgresql://claimbench:hunter2@db.example:5432/claims')).toBe('postgresql://claimbench:***@db.example:5432/claims');
  });
});

describe.skipIf(pgSkip)('claimbench team init', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await database.drop();
  });

  it('creates the schema, then says it is up to date; the URL comes from the environment too', async () => {
    const first = await claimbench(['team', 'init', '--database', database.url, '--json']);
    expect(first.code).toBe(0);
    const event = JSON.parse(first.stdout.trim()) as { event: string; migrations: string[] };
    expect(event.event).toBe('initialized');
    expect(event.migrations.length).toBeGreaterThan(0);
    const second = await claimbench(['team', 'init'], { CLAIMBENCH_DATABASE_URL: database.url });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('is up to date');
  });

  it("refuses a database holding someone else's tables (exit 1) and an unreachable server, saying which", async () => {
    const db = openTeamDb(database.url);
    await sql`CREATE TABLE payroll (id int)`.execute(db);
    await db.destroy();
    const refused = await claimbench(['team', 'init', '--database', database.url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('payroll');
    const unreachable = await claimbench(['team', 'init', '--database', 'postgresql://nobody:pw@127.0.0.1:1/none']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('Cannot use the team database at postgresql://nobody:***@127.0.0.1:1/none');
    const usage = await claimbench(['team', 'init']);
    expect(usage.code).toBe(2);
  });
});

describe.skipIf(pgSkip)('claimbench team user and token', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
    expect((await claimbench(['team', 'init', '--database', database.url])).code).toBe(0);
  });
  afterEach(async () => {
    await database.drop();
  });

  it('adds members with a one-time password or one from stdin, who can then sign in; refuses a second of the same name', async () => {
    const env = { CLAIMBENCH_DATABASE_URL: database.url };
    const ana = await claimbench(['team', 'user', 'add', 'Ana', '--role', 'analyst', '--json'], env);
    expect(ana.code).toBe(0);
    const { password } = JSON.parse(ana.stdout) as { password: string };
    expect(password.length).toBeGreaterThanOrEqual(12);
    const ben = await claimbench(
      ['team', 'user', 'add', 'Ben', '--role', 'reviewer', '--password-stdin'],
      env,
      'a long passphrase for ben\n',
    );
    expect(ben.code).toBe(0);
    expect(ben.stdout).not.toContain('passphrase');
    const again = await claimbench(['team', 'user', 'add', 'ana', '--role', 'admin'], env);
    expect(again.code).toBe(1);
    expect((await claimbench(['team', 'user', 'add', 'Cleo', '--role', 'owner'], env)).code).toBe(2);
    const db = openTeamDb(database.url);
    try {
      expect((await login(db, 'Ana', password, 'test')).ok).toBe(true);
      expect((await login(db, 'Ben', 'a long passphrase for ben', 'test')).ok).toBe(true);
    } finally {
      await db.destroy();
    }
    const list = await claimbench(['team', 'user', 'list'], env);
    expect(list.stdout).toBe('Ana\tanalyst\nBen\treviewer\n');
    expect((await claimbench(['team', 'user', 'role', 'Ana', '--role', 'reviewer'], env)).stdout).toContain('Ana is now reviewer.');
  });

  it('prints an access token once, which is taken until it is revoked', async () => {
    const env = { CLAIMBENCH_DATABASE_URL: database.url };
    await claimbench(['team', 'user', 'add', 'Ana', '--role', 'analyst'], env);
    const made = await claimbench(['team', 'token', 'Ana', '--label', 'nightly script'], env);
    expect(made.code).toBe(0);
    const token = made.stdout.trim();
    expect(token).toMatch(/^cbpat_/);
    const db = openTeamDb(database.url);
    try {
      expect((await authenticateBearer(db, token))?.name).toBe('Ana');
      expect((await claimbench(['team', 'token', 'revoke', 'Ana', 'nightly script'], env)).code).toBe(0);
      expect(await authenticateBearer(db, token)).toBeUndefined();
    } finally {
      await db.destroy();
    }
    expect((await claimbench(['team', 'token', 'list', 'Ana'], env)).stdout).toMatch(/^nightly script\tcreated .*\trevoked\n$/);
  });
});
