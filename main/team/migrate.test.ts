import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../tests/support/pg-database.ts';
import { openTeamDb, type TeamDb } from './db.ts';
import { migrateTeamDb, pendingMigrations } from './migrate.ts';

describe.skipIf(pgSkip)('migrateTeamDb', () => {
  let database: TestDatabase;
  let db: TeamDb;
  beforeEach(async () => {
    database = await createTestDatabase();
    db = openTeamDb(database.url);
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  it('creates the schema in an empty database, then finds nothing left to do', async () => {
    const first = await migrateTeamDb(db);
    expect(first.ok).toBe(true);
    expect(await pendingMigrations(db)).toEqual([]);
    const second = await migrateTeamDb(db);
    expect(second).toEqual({ ok: true, value: [] });
  });

  it('refuses a database that holds tables of someone else, and leaves them alone', async () => {
    await sql`CREATE TABLE invoices (id int primary key)`.execute(db);
    await sql`INSERT INTO invoices VALUES (1)`.execute(db);
    const result = await migrateTeamDb(db);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('not-ours');
      expect(result.error.message).toContain('invoices');
    }
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM invoices`.execute(db);
    expect(rows[0]!.n).toBe(1);
  });
});
