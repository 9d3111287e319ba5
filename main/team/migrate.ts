// Creating and migrating the team schema (`claimbench team init`). Kysely's Migrator takes a lock in
// the database, so two servers starting together cannot both migrate. A database that holds tables
// but not ours (no migration table) is refused: init never writes into someone else's data.
import { sql } from 'kysely';
import { Migrator, type MigrationResultSet } from 'kysely/migration';
import { fail, ok, type Result } from '../../core/result.ts';
import type { TeamDb } from './db.ts';
import { TEAM_MIGRATIONS } from './migrations/index.ts';

const MIGRATION_TABLE = 'claimbench_migration';
const MIGRATION_LOCK_TABLE = 'claimbench_migration_lock';

/** Kysely's migrator over the team migrations (tests take a database to an older schema with its `migrateTo`). */
export function teamMigrator(db: TeamDb): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ ...TEAM_MIGRATIONS }) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
}

/** The tables of the database's `public` schema. */
async function publicTables(db: TeamDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`.execute(db);
  return rows.map((row) => row.name);
}

export type MigrateError = 'not-ours' | 'migration-failed';

/** Brings the database to the newest schema; names the migrations it ran. */
export async function migrateTeamDb(db: TeamDb): Promise<Result<string[], MigrateError>> {
  const tables = await publicTables(db);
  if (tables.length > 0 && !tables.includes(MIGRATION_TABLE)) {
    const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? `, … (${tables.length} tables)` : '');
    return fail(
      'not-ours',
      `This database is not empty and is not a Claimbench team database (it holds ${shown}). Give an empty database.`,
    );
  }
  const { error, results }: MigrationResultSet = await teamMigrator(db).migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    return fail('migration-failed', `Migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return ok((results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName));
}

/** Whether the database is at the newest schema (a team server refuses to start on an older one). */
export async function pendingMigrations(db: TeamDb): Promise<string[]> {
  const migrations = await teamMigrator(db).getMigrations();
  return migrations.filter((migration) => migration.executedAt === undefined).map((migration) => migration.name);
}
