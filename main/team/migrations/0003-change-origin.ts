// Which server process wrote each change-log row, so that a process following the log (LISTEN,
// main/team/change-follower.ts) knows its own rows, whose records it already holds, from other
// processes' rows, whose records it reads again. Rows written before this migration have none.
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const changeOriginMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE change_log ADD COLUMN origin text`.execute(db);
  },
};
