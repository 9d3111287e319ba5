// The team database handle: Kysely over a `pg` pool. Every query is built by Kysely or written with
// its `sql` tag, so every value is a parameter, never text spliced into SQL.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { TeamTables } from './tables.ts';

export type TeamDb = Kysely<TeamTables>;

export interface TeamDbOptions {
  /** Pooled connections (the server's concurrency against PostgreSQL). */
  readonly maxConnections?: number;
}

/** Opens a pool to the database at `url` (postgresql://user[:password]@host:port/database). */
export function openTeamDb(url: string, { maxConnections = 10 }: TeamDbOptions = {}): TeamDb {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, application_name: 'claimbench' });
  // An idle client's error (the server restarted, the network dropped) must not crash the process:
  // the pool drops that client and the next query opens a new connection.
  pool.on('error', () => {});
  return new Kysely<TeamTables>({ dialect: new PostgresDialect({ pool }) });
}
