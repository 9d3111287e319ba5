// Two server processes on one team database (two stores and services here, as two `team serve`
// would have): a change made in one reaches the other's events once each, in the change log's
// order, with writers in both at once; a change-log row committed after a later-numbered one is
// not skipped; the LISTEN connection comes back after it is dropped. The polling safety net is set
// to a minute, so only NOTIFY and the reconnection can deliver within these tests' waits.
import { sql } from 'kysely';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnnotationsChange } from '../../core/contract/workbench-api.ts';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../tests/support/pg-database.ts';
import { importSample, startTeamProcess, type TeamProcess } from '../../tests/support/team-processes.ts';
import { makeTempDir } from '../../tests/support/temp-dir.ts';
import { runAs, type Actor } from './actor.ts';
import { openTeamDb, type TeamDb } from './db.ts';

const ana: Actor = { userId: 'u-ana', name: 'Ana', role: 'analyst' };
const ben: Actor = { userId: 'u-ben', name: 'Ben', role: 'analyst' };
const WAIT = { timeout: 15_000, interval: 25 };

interface Server extends TeamProcess {
  /** Every change the follower applied, by its place in the log, in the order applied. */
  readonly applied: string[];
  /** The service's didChangeAnnotations events, in the order fired. */
  readonly annotationEvents: AnnotationsChange[];
}

describe.skipIf(pgSkip)('two server processes on one team database', () => {
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
  /** The change log's rows after `seq` in its order (xid, seq). */
  const logAfter = async (seq: string) =>
    (
      await sql<{ seq: string; annotation_ids: string[] | null }>`
        SELECT seq::text AS seq, annotation_ids FROM change_log WHERE seq > ${seq}::bigint ORDER BY xid, seq`.execute(db)
    ).rows;
  const lastSeq = async () =>
    (await sql<{ seq: string }>`SELECT coalesce(max(seq), 0)::text AS seq FROM change_log`.execute(db)).rows[0]!.seq;
  const mark = (server: Server, who: Actor, start: number) =>
    runAs(who, async () => {
      const documentId = server.store.documents[0]!.meta.id;
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
    const documentId = a.store.documents[0]!.meta.id;
    const held = (server: Server) => new Set(server.store.document(documentId)!.annotations.map((annotation) => annotation.id));
    for (const id of made) {
      expect(held(a).has(id)).toBe(true);
      expect(held(b).has(id)).toBe(true);
    }
  });

  it('delivers a change committed after a later-numbered one before it, and skips neither', async () => {
    const a = await start();
    const first = new pg.Client({ connectionString: database.url });
    const second = new pg.Client({ connectionString: database.url });
    await first.connect();
    await second.connect();
    try {
      const insert = `INSERT INTO change_log (actor, kind, origin) VALUES ('Ben', 'archive', 'elsewhere') RETURNING seq::text AS seq`;
      await first.query('BEGIN');
      const early = (await first.query<{ seq: string }>(insert)).rows[0]!.seq;
      // A later seq, committed first, and announced.
      const late = (await second.query<{ seq: string }>(insert)).rows[0]!.seq;
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
    const documentId = a.store.documents[0]!.meta.id;
    const anas = await mark(a, ana, 0);
    await vi.waitFor(() => expect(b.store.document(documentId)!.annotations.some((annotation) => annotation.id === anas)).toBe(true), WAIT);
    const edited = await runAs(ben, () => b.service.updateAnnotation(documentId, anas, { note: "Ben's check" }));
    expect(edited.ok).toBe(true);
    const note = () => a.store.document(documentId)!.annotations.find((annotation) => annotation.id === anas)?.note;
    await vi.waitFor(() => expect(note()).toBe("Ben's check"), WAIT);
    const undone = await runAs(ana, () => a.service.undo());
    expect(undone.ok ? undefined : undone.error.code).toBe('conflict');
    expect((await runAs(ana, () => a.service.getHistory())).canUndo).toBe(true);
  });
});
