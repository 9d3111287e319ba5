// The team server's search index in PostgreSQL: what its first build does to the schema. That
// build drops the GIN indexes and makes them again (pg-search-index.ts); they must come back as
// the migration made them, fastupdate off included (team-server.md §5: pending lists made searches
// ~100× slower after ~45k writes).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../../core/search/query.ts';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../../tests/support/pg-database.ts';
import { openTeamDb, type TeamDb } from '../../team/db.ts';
import { migrateTeamDb } from '../../team/migrate.ts';
import { doc } from '../search-fixtures.ts';
import { openPgSearchIndex } from './pg-search-index.ts';

let database: TestDatabase;
let db: TeamDb;

async function indexDefinitions(): Promise<string[]> {
  const { rows } = await sql<{
    def: string;
  }>`SELECT indexdef AS def FROM pg_indexes WHERE tablename LIKE 'search\\_%' ORDER BY indexname`.execute(db);
  return rows.map((row) => row.def);
}

describe.skipIf(pgSkip)('the PostgreSQL search index', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    db = openTeamDb(database.url, { maxConnections: 2 });
    const migrated = await migrateTeamDb(db);
    if (!migrated.ok) throw new Error(migrated.error.message);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('leaves the indexes as the migration made them, every GIN one with fastupdate off, after a first build and a rebuild', async () => {
    const migrated = await indexDefinitions();
    const gin = migrated.filter((definition) => definition.includes('USING gin'));
    expect(gin).toHaveLength(6);
    for (const definition of gin) expect(definition).toContain('fastupdate=off');
    const index = await openPgSearchIndex(db);
    const documents = [doc('a', 'Ten times bigger than in 2019.'), doc('b', 'Café owners in Zürich.')];
    await index.rebuild({ fingerprint: 'f1', codebook: { tags: [] }, documents, claims: [] });
    expect(await indexDefinitions()).toEqual(migrated);
    await index.rebuild({ fingerprint: 'f2', codebook: { tags: [] }, documents: documents.slice(1), claims: [] });
    expect(await indexDefinitions()).toEqual(migrated);
    const parsed = parseQuery('zürich OR "times"');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect((await index.search(parsed.value)).groups.map((group) => group.documentId)).toEqual(['b']);
    expect(index.fingerprint).toBe('f2');
  });
});
