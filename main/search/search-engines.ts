// The two search indexes the index's behavioural tests run against (search-index.test.ts,
// phrase-exactness.test.ts, lazy-page.test.ts): the desktop's SQLite file (search-index.ts) and
// the team server's PostgreSQL tables (main/search/pg/pg-search-index.ts), each fresh, and
// disposed of with everything it made. PostgreSQL's is skipped, saying why, where there is none.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, pgSkip } from '../../tests/support/pg-database.ts';
import { openTeamDb } from '../team/db.ts';
import { migrateTeamDb } from '../team/migrate.ts';
import { openPgSearchIndex } from './pg/pg-search-index.ts';
import { openSearchIndex, type SearchIndex } from './search-index.ts';

export interface OpenedIndex {
  readonly index: SearchIndex;
  /** The SQLite index's folder. */
  readonly dir?: string;
  dispose(): Promise<void>;
}

export interface SearchEngine {
  readonly name: string;
  /** Why this engine's tests are skipped here, or false. */
  readonly skip: string | false;
  open(): Promise<OpenedIndex>;
}

export const SEARCH_ENGINES: readonly SearchEngine[] = [
  {
    name: 'SQLite FTS5 (desktop)',
    skip: false,
    async open() {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'claimbench-search-'));
      const index = await openSearchIndex(dir);
      return {
        index,
        dir,
        async dispose() {
          index.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'PostgreSQL full-text search and pg_trgm (team server)',
    skip: pgSkip,
    async open() {
      const database = await createTestDatabase();
      const db = openTeamDb(database.url, { maxConnections: 2 });
      const migrated = await migrateTeamDb(db);
      if (!migrated.ok) throw new Error(migrated.error.message);
      const index = await openPgSearchIndex(db);
      return {
        index,
        async dispose() {
          await index.close();
          await db.destroy();
          await database.drop();
        },
      };
    },
  },
];
