// Following the team database's change log from one server process: every change, whichever
// process made it, applied once and announced once, in the log's order, so that every window of
// every process sees the same changes in the same order and can resume from the last it saw.
//
// The order is (xid, seq), read only below the oldest transaction still running (design:
// team-server.md §4.6). seq alone is not it: a bigserial is taken when the row is inserted, not when
// its transaction commits, so transaction A can take seq 5, B seq 6, and B commit first; a reader
// that saw 6 and moved its cursor past it would never read 5. Every transaction with an xid below
// pg_snapshot_xmin(pg_current_snapshot()) has ended, so no row can appear behind the cursor later.
// The cost: one long transaction (a big import), or one left idle, anywhere on the PostgreSQL
// server (xids are the cluster's, not the database's), holds back delivery until it ends.
import { sql } from 'kysely';
import type { Annotation } from '../../core/model/annotation.ts';
import { Emitter } from '../../core/events.ts';
import type { CommittedChange, StoreChangeFeed } from '../store/workspace-store.ts';
import { ChangeListener } from './change-listener.ts';
import type { TeamDb } from './db.ts';

/** A place in the log: the last row read, by (xid, seq). */
export interface LogCursor {
  readonly xid: string;
  readonly seq: string;
}

export const LOG_START: LogCursor = { xid: '0', seq: '0' };
const BATCH = 500;
const POLL_MS = 2_000;

interface LogRow {
  readonly seq: string;
  readonly xid: string;
  readonly origin: string | null;
  readonly actor: string;
  readonly kind: CommittedChange['kind'];
  readonly document_id: string | null;
  readonly annotation_ids: string[] | null;
  readonly payload: unknown;
}

/**
 * The log's order, named by table: a bare `ORDER BY xid, seq` means the select list's `xid::text AS
 * xid` and `seq::text AS seq` (output names come first in ORDER BY), text order, where '1000000'
 * sorts before '999999'. Read so, a catch-up across a power of ten fired the later rows first and
 * left the cursor on an earlier one, and the next read fired the later rows again: the pattern of the
 * 100,000-document bench's 10 changes twice on every stream (its xids, we infer, passed a power of
 * ten mid-run). By the columns, the (xid, seq) index also serves the order, instead of a sort of the
 * whole log at every read.
 */
const LOG_ORDER = sql`change_log.xid, change_log.seq`;
const LOG_ORDER_DESC = sql`change_log.xid DESC, change_log.seq DESC`;

/** The last row every transaction before `db`'s current snapshot has finished writing (call it in the snapshot that read the records). */
export async function logPosition(db: TeamDb): Promise<LogCursor> {
  const { rows } = await sql<LogCursor>`
    SELECT xid::text AS xid, seq::text AS seq FROM change_log
     WHERE xid < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY ${LOG_ORDER_DESC} LIMIT 1`.execute(db);
  return rows[0] ?? LOG_START;
}

function committed(row: LogRow, origin: string): CommittedChange {
  const put = row.kind === 'annotations' ? (row.payload as { put?: Annotation[] } | null)?.put : undefined;
  return {
    position: row.seq,
    own: row.origin === origin,
    actor: row.actor,
    kind: row.kind,
    ...(row.document_id === null ? {} : { documentId: row.document_id }),
    ...(row.annotation_ids === null ? {} : { annotationIds: row.annotation_ids }),
    ...(put === undefined ? {} : { put }),
  };
}

const COLUMNS = sql`seq::text AS seq, xid::text AS xid, origin, actor, kind, document_id, annotation_ids, payload`;

function after(a: LogCursor, b: LogCursor): boolean {
  const [ax, bx] = [BigInt(a.xid), BigInt(b.xid)];
  return ax !== bx ? ax > bx : BigInt(a.seq) > BigInt(b.seq);
}

export interface FollowerOptions {
  /** The store's id, written in its own rows (change_log.origin). */
  readonly origin: string;
  /** Where the records in memory were read (logPosition in their snapshot). */
  readonly start: LogCursor;
  /** The database's URL, for the LISTEN connection. */
  readonly url: string;
  /** Reads a change another process made into memory; a rejection is retried at the next wake. */
  readonly apply: (change: CommittedChange) => Promise<void>;
  /** How often the log is read without a notification (a safety net: a NOTIFY that was never sent). */
  readonly pollMs?: number;
}

export class ChangeFollower implements StoreChangeFeed {
  private cursor: LogCursor;
  private readonly db: TeamDb;
  private readonly options: FollowerOptions;
  private readonly listener: ChangeListener;
  private readonly poll: NodeJS.Timeout;
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private readonly applied = new Emitter<CommittedChange>();
  readonly onDidApply = this.applied.event;

  constructor(db: TeamDb, options: FollowerOptions) {
    this.db = db;
    this.options = options;
    this.cursor = options.start;
    this.listener = new ChangeListener(options.url, () => this.wake());
    this.poll = setInterval(() => this.wake(), options.pollMs ?? POLL_MS);
    this.poll.unref();
  }

  get position(): string {
    return this.cursor.seq;
  }

  /** The LISTEN connection's backend process id (tests drop it with pg_terminate_backend). */
  get listenerPid(): number | undefined {
    return this.listener.backendPid;
  }

  /** Reads the log now (again, once the read under way ends, if one is). */
  wake(): void {
    if (this.closed) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.catchUp();
        } catch {
          // The database is unreachable: the cursor stays, and the next wake (reconnect, poll) reads on.
        }
      } while (this.again && !this.closed);
      this.running = undefined;
    })();
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const { rows } = await sql<LogRow>`
        SELECT ${COLUMNS} FROM change_log
         WHERE (xid, seq) > (${this.cursor.xid}::xid8, ${this.cursor.seq}::bigint)
           AND xid < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY ${LOG_ORDER} LIMIT ${BATCH}`.execute(this.db);
      for (const row of rows) {
        if (this.closed) return;
        const change = committed(row, this.options.origin);
        if (!change.own) await this.options.apply(change);
        this.cursor = { xid: row.xid, seq: row.seq };
        this.applied.fire(change);
      }
      if (rows.length < BATCH) return;
    }
  }

  async changesAfter(position: string, limit: number): Promise<readonly CommittedChange[] | 'unknown' | 'too-many'> {
    const upTo = this.cursor;
    if (!/^\d{1,18}$/.test(position)) return 'unknown';
    let from = LOG_START;
    if (position !== '0') {
      const { rows } = await sql<{ xid: string }>`SELECT xid::text AS xid FROM change_log WHERE seq = ${position}::bigint`.execute(this.db);
      if (rows[0] === undefined) return 'unknown';
      from = { xid: rows[0].xid, seq: position };
    }
    // A place this process has not reached (another process's, further on): not one to resume from here.
    if (after(from, upTo)) return 'unknown';
    const { rows } = await sql<LogRow>`
      SELECT ${COLUMNS} FROM change_log
       WHERE (xid, seq) > (${from.xid}::xid8, ${from.seq}::bigint) AND (xid, seq) <= (${upTo.xid}::xid8, ${upTo.seq}::bigint)
       ORDER BY ${LOG_ORDER} LIMIT ${limit + 1}`.execute(this.db);
    if (rows.length > limit) return 'too-many';
    return rows.map((row) => committed(row, this.options.origin));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.poll);
    await this.listener.close();
    await this.running;
    this.applied.dispose();
  }
}
