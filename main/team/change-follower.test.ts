// Two server processes on one team database (two stores and services here, as two `team serve`
// would have): a change made in one reaches the other's events once each, in the change log's
// order, with writers in both at once; a change-log row committed after a later-numbered one is
// not skipped; rows whose xids or seqs cross a power of ten (where their text's order is not the
// log's) are read once each, in order; the LISTEN connection comes back after it is dropped. The
// polling safety net is set to a minute, so only NOTIFY and the reconnection can deliver within
// these tests' waits.
import { sql } from 'kysely';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnnotationsChange } from '../../core/contract/workbench-api.ts';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../tests/support/pg-database.ts';
import { importSample, startTeamProcess, type TeamProcess } from '../../tests/support/team-processes.ts';
import { makeTempDir } from '../../tests/support/temp-dir.ts';
import { runAs, type Actor } from './actor.ts';
import { logPosition } from './change-follower.ts';
import { openTeamDb, type TeamDb } from './db.ts';
import { readHeld } from '../store/document-holds.ts';

const ana: Actor = { userId: 'u-ana', name: 'Ana', role: 'analyst' };
const ben: Actor = { userId: 'u-ben', name: 'Ben', role: 'analyst' };
// Past the minute's poll: a transaction of another test file (xids are the cluster's) can hold delivery back
// when the NOTIFY comes, and then only the poll reads on (seen in a full unit run at load 7).
const WAIT = { timeout: 90_000, interval: 25 };
/** A change-log row as another process writes one (its record is the archive: reading it again is cheap). */
const ELSEWHERE = `INSERT INTO change_log (actor, kind, origin) VALUES ('Ben', 'archive', 'elsewhere') RETURNING seq::text AS seq`;
const NOTIFY = `SELECT pg_notify('claimbench_changes', '')`;
/** The power of ten a number reaches next (99,997 → 100,000): where its text gets a digit longer. */
const nextPowerOfTen = (value: bigint) => 10n ** BigInt(value.toString().length);
/** Compares as PostgreSQL compares text in the C collation (digits by their code). */
const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** At most this many xids are used up to reach a power of ten (~4 s here): each run leaves a cluster ten times as far from its next. */
const MOST_XIDS_USED_UP = 1_000_000n;

/**
 * Ways to write log rows whose (xid, seq) cross a power of ten, where text order ('1000000' < '999999')
 * and the log's order part; each resolves with why it cannot here, if it cannot.
 */
const CROSSINGS: { name: string; cross: (client: pg.Client, lastSeq: bigint) => Promise<string | undefined> }[] = [
  {
    // As the 100,000-document bench's xids did, we infer, while the server ran (its duplicates had this pattern).
    name: 'transaction ids (one row each)',
    async cross(client) {
      const { rows } = await client.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
      const now = BigInt(rows[0]!.xid);
      const below = nextPowerOfTen(now + 3n) - 3n;
      if (below - now > MOST_XIDS_USED_UP)
        return `this cluster's xids are ${below - now} from a power of ten (the sequence-number case tests the same order)`;
      // Each empty transaction committed uses up one xid (the cluster's: other tests may take some too).
      await client.query(`DO $$ BEGIN WHILE pg_current_xact_id() < '${below}'::xid8 LOOP COMMIT; END LOOP; END $$`);
      for (let row = 0; row < 6; row++) await client.query(ELSEWHERE);
      return undefined;
    },
  },
  {
    // Several rows of one transaction: no write logs more than one today, but this case needs no xids used up.
    name: 'sequence numbers (rows of one transaction)',
    async cross(client, lastSeq) {
      const below = nextPowerOfTen(lastSeq + 3n) - 3n;
      await client.query(`SELECT setval(pg_get_serial_sequence('change_log', 'seq'), ${below})`);
      await client.query('BEGIN');
      for (let row = 0; row < 6; row++) await client.query(ELSEWHERE);
      await client.query('COMMIT');
      return undefined;
    },
  },
];

interface Server extends TeamProcess {
  /** Every change the follower applied, by its place in the log, in the order applied. */
  readonly applied: string[];
  /** The service's didChangeAnnotations events, in the order fired. */
  readonly annotationEvents: AnnotationsChange[];
}

describe.skipIf(pgSkip)('two server processes on one team database', { timeout: 300_000 }, () => {
  let database: TestDatabase;
  let db: TeamDb;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const servers: Server[] = [];

  /** One `team serve`'s store and service, recording what it applies and announces. */
  const start = async (): Promise<Server> => {
    const started = await startTeamProcess(database.url, path.join(temp.dir, `work-${servers.length}`));
    const server: Server = { ...started, applied: [], annotationEvents: [] };
    started.service.changeFeed!.onDidApply((change) => server.applied.push(change.position));
    started.service.onDidChangeAnnotations((change) => server.annotationEvents.push(change));
    servers.push(server);
    return server;
  };
  /** The change log's rows after `seq` in its order (xid, seq: the columns, not the text of the same names). */
  const logAfter = async (seq: string) =>
    (
      await sql<{ seq: string; xid: string; annotation_ids: string[] | null }>`
        SELECT seq::text AS seq, xid::text AS xid, annotation_ids FROM change_log
         WHERE seq > ${seq}::bigint ORDER BY change_log.xid, change_log.seq`.execute(db)
    ).rows;
  const lastSeq = async () =>
    (await sql<{ seq: string }>`SELECT coalesce(max(seq), 0)::text AS seq FROM change_log`.execute(db)).rows[0]!.seq;
  const mark = (server: Server, who: Actor, start: number) =>
    runAs(who, async () => {
      const documentId = server.store.heads[0]!.id;
      const made = await server.service.createAnnotation(documentId, { start, end: start + 3, tags: ['statistic'] });
      if (!made.ok) throw new Error(made.error.message);
      return made.value.id;
    });

  beforeEach(async () => {
    temp = await makeTempDir();
    database = await createTestDatabase();
    db = openTeamDb(database.url);
    await importSample(db, path.join(temp.dir, 'ws'));
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
    await db.destroy();
    await database.drop();
    await temp[Symbol.asyncDispose]();
  });

  it("announces each change of the other process once, in the log's order, with writers in both at once", async () => {
    const [a, b] = [await start(), await start()];
    const from = await lastSeq();
    const made = await Promise.all([
      ...Array.from({ length: 15 }, (_, index) => mark(a, ana, index * 4)),
      ...Array.from({ length: 15 }, (_, index) => mark(b, ben, 200 + index * 4)),
    ]);
    const byA = new Set(made.slice(0, 15));
    const byB = new Set(made.slice(15));
    const log = await logAfter(from);
    expect(log).toHaveLength(30);
    const order = log.map((row) => row.seq);
    // Both processes applied every change, own and other, once each, in the log's order.
    await vi.waitFor(() => expect(a.applied.slice(-30)).toEqual(order), WAIT);
    await vi.waitFor(() => expect(b.applied.slice(-30)).toEqual(order), WAIT);
    expect(new Set(a.applied).size).toBe(a.applied.length);
    // Each process's service fired one event for each of the other's annotations, in the log's order.
    const logged = (ids: Set<string>) => log.flatMap((row) => row.annotation_ids ?? []).filter((id) => ids.has(id));
    const announced = (server: Server, ids: Set<string>) =>
      server.annotationEvents.flatMap((event) => event.put.map((put) => put.id)).filter((id) => ids.has(id));
    expect(announced(a, byB)).toEqual(logged(byB));
    expect(announced(b, byA)).toEqual(logged(byA));
    // Its own changes it announced when it made them, and not again when the log brought them back.
    expect(announced(a, byA).toSorted()).toEqual([...byA].toSorted());
    expect(announced(b, byB).toSorted()).toEqual([...byB].toSorted());
    // And each holds all thirty, as the database does.
    const documentId = a.store.heads[0]!.id;
    const held = async (server: Server) =>
      new Set((await readHeld(server.store, documentId))!.annotations.map((annotation) => annotation.id));
    const [inA, inB] = [await held(a), await held(b)];
    for (const id of made) {
      expect(inA.has(id)).toBe(true);
      expect(inB.has(id)).toBe(true);
    }
  });

  it('delivers a change committed after a later-numbered one before it, and skips neither', async () => {
    const a = await start();
    const first = new pg.Client({ connectionString: database.url });
    const second = new pg.Client({ connectionString: database.url });
    await first.connect();
    await second.connect();
    try {
      await first.query('BEGIN');
      const early = (await first.query<{ seq: string }>(ELSEWHERE)).rows[0]!.seq;
      // A later seq, committed first, and announced.
      const late = (await second.query<{ seq: string }>(ELSEWHERE)).rows[0]!.seq;
      await second.query(`SELECT pg_notify('claimbench_changes', $1)`, [late]);
      expect(BigInt(late)).toBeGreaterThan(BigInt(early));
      const waited = Date.now();
      await vi.waitFor(() => expect(Date.now() - waited).toBeGreaterThan(1_000), WAIT);
      expect(a.applied).not.toContain(late);
      await first.query('COMMIT');
      await first.query(`SELECT pg_notify('claimbench_changes', $1)`, [early]);
      await vi.waitFor(() => expect(a.applied.slice(-2)).toEqual([early, late]), WAIT);
    } finally {
      await first.end();
      await second.end();
    }
  });

  // Read in text order, the changes past the power of ten came first, the cursor stopped on the last
  // before it, and the next read brought them again: in the bench, 10 changes twice on all 50 streams.
  it.for(CROSSINGS)('follows the log where its $name cross a power of ten: each change once, in order', async ({ cross }, { skip }) => {
    const a = await start();
    const from = await lastSeq();
    const holder = new pg.Client({ connectionString: database.url });
    const writer = new pg.Client({ connectionString: database.url });
    await holder.connect();
    await writer.connect();
    try {
      // An open transaction holds back delivery: the rows across the power of ten are read at once, as after a stall.
      await holder.query('BEGIN');
      await holder.query(ELSEWHERE);
      const cannot = await cross(writer, BigInt(from));
      if (cannot !== undefined) skip(cannot);
      await holder.query('COMMIT');
      await holder.query(NOTIFY);
      const rows = await logAfter(from);
      const order = rows.map((row) => row.seq);
      // The case is one that text order gets wrong.
      const asText = rows.toSorted((x, y) => byText(x.xid, y.xid) || byText(x.seq, y.seq)).map((row) => row.seq);
      expect(asText).not.toEqual(order);
      await vi.waitFor(() => expect(a.applied.filter((seq) => order.includes(seq)).length).toBeGreaterThanOrEqual(order.length), WAIT);
      // Where a process opening now would start (logPosition in its snapshot), once no transaction older than
      // the rows (another test's) holds the position back, as it must.
      const opening = await vi.waitFor(async () => {
        const { xmin, position } = await db
          .transaction()
          .setIsolationLevel('repeatable read')
          .execute(async (trx) => ({
            xmin: (await sql<{ xmin: string }>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`.execute(trx)).rows[0]!.xmin,
            position: await logPosition(trx),
          }));
        expect(BigInt(xmin)).toBeGreaterThan(BigInt(rows.at(-1)!.xid));
        return position;
      }, WAIT);
      // The next read (the next change) brings only what is new.
      const next = (await writer.query<{ seq: string }>(ELSEWHERE)).rows[0]!.seq;
      await writer.query(NOTIFY);
      await vi.waitFor(() => expect(a.applied).toContain(next), WAIT);
      expect(a.applied.filter((seq) => order.includes(seq) || seq === next)).toEqual([...order, next]);
      // It would start from the log's last row, not the last in text order (and apply the rest again).
      expect(opening.seq).toBe(order.at(-1));
      // A window resuming from before them is sent them in the same order.
      const replayed = await a.store.changeFeed!.changesAfter(from, 100);
      expect(typeof replayed === 'string' ? replayed : replayed.map((change) => change.position)).toEqual([...order, next]);
    } finally {
      await holder.end();
      await writer.end();
    }
  });

  it('listens again after its connection is dropped, and reads what was committed meanwhile', async () => {
    const [a, b] = [await start(), await start()];
    await vi.waitFor(() => expect(a.store.changeFeed!.listenerPid).toBeDefined(), WAIT);
    const dropped = a.store.changeFeed!.listenerPid!;
    await sql`SELECT pg_terminate_backend(${dropped})`.execute(db);
    const meanwhile = await mark(b, ben, 0);
    const seen = (server: Server, id: string) => server.annotationEvents.some((event) => event.put.some((put) => put.id === id));
    await vi.waitFor(() => expect(seen(a, meanwhile)).toBe(true), WAIT);
    // The new connection hears the next notification.
    await vi.waitFor(async () => {
      const { rows } = await sql<{ pid: number }>`
        SELECT pid FROM pg_stat_activity WHERE application_name = 'claimbench-listen' AND query ILIKE 'LISTEN%'`.execute(db);
      expect(rows.map((row) => row.pid)).toContain(a.store.changeFeed!.listenerPid);
      expect(a.store.changeFeed!.listenerPid).not.toBe(dropped);
    }, WAIT);
    const after = await mark(b, ben, 8);
    await vi.waitFor(() => expect(seen(a, after)).toBe(true), WAIT);
    expect(a.annotationEvents.filter((event) => event.put.some((put) => put.id === meanwhile))).toHaveLength(1);
  });

  it("refuses a member's undo over another process's later edit, as over one made in the same process", async () => {
    const [a, b] = [await start(), await start()];
    const documentId = a.store.heads[0]!.id;
    const anas = await mark(a, ana, 0);
    await vi.waitFor(
      async () => expect((await readHeld(b.store, documentId))!.annotations.some((annotation) => annotation.id === anas)).toBe(true),
      WAIT,
    );
    const edited = await runAs(ben, () => b.service.updateAnnotation(documentId, anas, { note: "Ben's check" }));
    expect(edited.ok).toBe(true);
    const note = async () => (await readHeld(a.store, documentId))!.annotations.find((annotation) => annotation.id === anas)?.note;
    await vi.waitFor(async () => expect(await note()).toBe("Ben's check"), WAIT);
    const undone = await runAs(ana, () => a.service.undo());
    expect(undone.ok ? undefined : undone.error.code).toBe('conflict');
    expect((await runAs(ana, () => a.service.getHistory())).canUndo).toBe(true);
  });
});
