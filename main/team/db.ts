// The team database handle: Kysely over a `pg` pool. Every query is built by Kysely or written with
// its `sql` tag, so every value is a parameter, never text spliced into SQL.
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
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
  // Likewise for a client in use when its connection drops (the server restarts): its query fails
  // (that save is refused, and said so), and the pool drops the client when it comes back. Without
  // a listener, Node would throw the 'error' event and end the process.
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<TeamTables>({ dialect: new PostgresDialect({ pool }) });
}

/** Errors that mean the connection was gone, not that the statement was wrong. */
function lostConnection(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (
    code === '57P01' || // admin_shutdown: the server was stopped or restarted
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    /Connection terminated|Client has encountered a connection error/.test(message ?? '')
  );
}

/**
 * One transaction. A pooled connection can have died while idle (the server restarted) without the
 * pool hearing of it: when BEGIN fails so, nothing was done, and the transaction is tried again on
 * another connection (each dead one is dropped as it fails; at most the pool's size of them). A
 * failure after BEGIN is never retried: the transaction may or may not have committed.
 */
export async function inTransaction<T>(db: TeamDb, work: (trx: Transaction<TeamTables>) => Promise<T>, attempts = 11): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let began = false;
    try {
      return await db.transaction().execute((trx) => {
        began = true;
        return work(trx);
      });
    } catch (error) {
      if (began || attempt >= attempts || !lostConnection(error)) throw error;
    }
  }
}
