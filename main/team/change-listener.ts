// LISTEN for the team database's change notifications on one dedicated connection (not the pool's:
// a pooled connection is handed to other queries and would lose the subscription). A write's NOTIFY
// is sent after its COMMIT (`notifyChange`), never inside the transaction: a NOTIFY in the write
// takes a lock held to the commit that serialises every writer (design: team-server.md §5). The
// notification only wakes the follower, which reads the change log itself; so a lost notification
// (the connection dropped meanwhile) costs nothing but time: each reconnect wakes it too.
import { sql } from 'kysely';
import pg from 'pg';
import type { TeamDb } from './db.ts';

export const CHANGES_CHANNEL = 'claimbench_changes';
const FIRST_RETRY_MS = 100;
const LAST_RETRY_MS = 5_000;

/** Tells every listening process that change `seq` is committed; a failure is ignored (followers also poll). */
export async function notifyChange(db: TeamDb, seq: string): Promise<void> {
  try {
    await sql`SELECT pg_notify(${CHANGES_CHANNEL}, ${seq})`.execute(db);
  } catch {
    // The database is unreachable or the handle closed: the followers' reconnect or poll finds the change.
  }
}

export class ChangeListener {
  private client: pg.Client | undefined;
  private retryMs = FIRST_RETRY_MS;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly url: string;
  private readonly wake: () => void;

  /** Connects to `url` and calls `wake` on every notification and after every (re)connection. */
  constructor(url: string, wake: () => void) {
    this.url = url;
    this.wake = wake;
    this.connect();
  }

  private connect(): void {
    const client = new pg.Client({ connectionString: this.url, application_name: 'claimbench-listen' });
    this.client = client;
    let lost = false;
    const reconnect = () => {
      if (lost) return;
      lost = true;
      client.removeAllListeners('notification');
      void client.end().catch(() => {});
      if (this.closed) return;
      this.retry = setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
    };
    // Without an 'error' listener, a dropped connection (server restart, pg_terminate_backend)
    // would be thrown as an uncaught 'error' event and end the process (as in db.ts).
    client.on('error', reconnect);
    client.on('end', reconnect);
    client.on('notification', () => this.wake());
    client
      .connect()
      .then(() => client.query(`LISTEN ${CHANGES_CHANNEL}`))
      .then(() => {
        this.retryMs = FIRST_RETRY_MS;
        // What was committed while no one listened is read now.
        this.wake();
      }, reconnect);
  }

  /** The backend's process id of the listening connection (for tests that drop it), once connected. */
  get backendPid(): number | undefined {
    return (this.client as unknown as { processID?: number } | undefined)?.processID ?? undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => {});
  }
}
