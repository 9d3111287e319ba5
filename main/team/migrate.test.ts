import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../tests/support/pg-database.ts';
import { openTeamDb, type TeamDb } from './db.ts';
import { migrateTeamDb, pendingMigrations, teamMigrator } from './migrate.ts';

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

  it("0006 fills the heads' columns of the documents a database at 0005 holds, and indexes the meta look-ups", async () => {
    const { error } = await teamMigrator(db).migrateTo('0005-search');
    expect(error).toBeUndefined();
    const meta = (id: string, title: string, importedAt: string) =>
      JSON.stringify({ meta: { id, title, importedAt, textHash: 'a'.repeat(64) }, text: '' });
    await sql`INSERT INTO documents (id, data) VALUES
      ('d1', ${meta('d1', 'Ünïcode 😀 title', '2026-01-02T03:04:05.5Z')}::jsonb),
      ('d2', ${meta('d2', 'Second', '2026-01-02T03:04:05Z')}::jsonb),
      ('broken', '{"text": ""}'::jsonb)`.execute(db);
    const migrated = await migrateTeamDb(db);
    expect(migrated).toEqual({ ok: true, value: ['0006-document-heads'] });
    const { rows } = await sql<{ id: string; title: string; imported_at: string }>`
      SELECT id, title, imported_at FROM documents ORDER BY id`.execute(db);
    expect(rows).toEqual([
      // A row without a meta is not a valid document (opening reports it): it gets empty strings, and the migration goes on.
      { id: 'broken', title: '', imported_at: '' },
      { id: 'd1', title: 'Ünïcode 😀 title', imported_at: '2026-01-02T03:04:05.5Z' },
      { id: 'd2', title: 'Second', imported_at: '2026-01-02T03:04:05Z' },
    ]);
    // A writer that leaves them out is refused.
    await expect(sql`INSERT INTO documents (id, data) VALUES ('d3', '{}'::jsonb)`.execute(db)).rejects.toThrow(/null value/);
    const { rows: indexes } = await sql<{ name: string }>`
      SELECT indexname AS name FROM pg_indexes WHERE tablename = 'documents' AND indexname LIKE 'documents_by_%' ORDER BY indexname`.execute(
      db,
    );
    expect(indexes.map((index) => index.name)).toEqual(['documents_by_original_hash', 'documents_by_source_url', 'documents_by_text_hash']);
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
