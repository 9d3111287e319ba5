// Undo and redo on the team server kept in the database (history-steps.ts): a member's history
// survives closing and reopening the store, is the same on another process on the database, is the
// member's own, keeps its redo stack, is bounded, and every step is written in the transaction of
// the change it records.
import { sql } from 'kysely';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../tests/support/pg-database.ts';
import { importSample, startTeamProcess, type TeamProcess } from '../../tests/support/team-processes.ts';
import { makeTempDir } from '../../tests/support/temp-dir.ts';
import { runAs, type Actor } from './actor.ts';
import { openTeamDb, type TeamDb } from './db.ts';
import { readHeld } from '../store/document-holds.ts';

const ana: Actor = { userId: 'u-ana', name: 'Ana', role: 'analyst' };
const ben: Actor = { userId: 'u-ben', name: 'Ben', role: 'analyst' };
const WAIT = { timeout: 15_000, interval: 25 };

describe.skipIf(pgSkip)('undo history in the team database', () => {
  let database: TestDatabase;
  let db: TeamDb;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const running: TeamProcess[] = [];

  /** One `team serve`'s store and service on the test database. */
  const start = async (options: { historyLimit?: number } = {}) => {
    const started = await startTeamProcess(database.url, path.join(temp.dir, `work-${running.length}`), options);
    running.push(started);
    return started;
  };
  /** Stops `server` (its store closed: a restart's first half). */
  const stop = async (server: TeamProcess) => {
    running.splice(running.indexOf(server), 1);
    await server.close();
  };
  const documentOf = (server: TeamProcess) => server.store.heads[0]!.id;
  const mark = (server: TeamProcess, who: Actor, start: number) =>
    runAs(who, async () => {
      const made = await server.service.createAnnotation(documentOf(server), { start, end: start + 3, tags: ['statistic'] });
      if (!made.ok) throw new Error(made.error.message);
      return made.value.id;
    });
  const holds = async (server: TeamProcess, id: string) =>
    (await readHeld(server.store, documentOf(server)))!.annotations.some((annotation) => annotation.id === id);
  const history = (server: TeamProcess, who: Actor) => runAs(who, () => server.service.getHistory());

  beforeEach(async () => {
    temp = await makeTempDir();
    database = await createTestDatabase();
    db = openTeamDb(database.url);
    await importSample(db, path.join(temp.dir, 'ws'));
  });
  afterEach(async () => {
    for (const server of running.splice(0)) await server.close();
    await db.destroy();
    await database.drop();
    await temp[Symbol.asyncDispose]();
  });

  it("undoes a member's last step after the store is closed and opened again", async () => {
    const first = await start();
    const older = await mark(first, ana, 0);
    const newer = await mark(first, ana, 10);
    const before = await history(first, ana);
    await stop(first);
    const second = await start();
    expect(await history(second, ana)).toEqual(before);
    const undone = await runAs(ana, () => second.service.undo());
    expect(undone.ok ? undone.value.label : undone.error.message).toBe(before.undoLabel);
    expect(await holds(second, newer)).toBe(false);
    expect(await holds(second, older)).toBe(true);
    expect((await history(second, ana)).canRedo).toBe(true);
  });

  it('undoes on one process a step the same member made on another, and the first sees it', async () => {
    const [a, b] = [await start(), await start()];
    const made = await mark(a, ana, 0);
    await vi.waitFor(async () => expect(await holds(b, made)).toBe(true), WAIT);
    expect((await history(b, ana)).canUndo).toBe(true);
    const undone = await runAs(ana, () => b.service.undo());
    expect(undone.ok).toBe(true);
    expect(await holds(b, made)).toBe(false);
    await vi.waitFor(async () => expect(await holds(a, made)).toBe(false), WAIT);
    // The step is now Ana's to redo, on either process.
    expect(await history(a, ana)).toMatchObject({ canUndo: false, canRedo: true });
    expect((await runAs(ana, () => a.service.redo())).ok).toBe(true);
    expect(await holds(a, made)).toBe(true);
  });

  it('lets one of two undos of the same step at once, on two processes, go through', async () => {
    const [a, b] = [await start(), await start()];
    await mark(a, ana, 0);
    const made = await mark(a, ana, 10);
    await vi.waitFor(async () => expect(await holds(b, made)).toBe(true), WAIT);
    const both = await Promise.all([runAs(ana, () => a.service.undo()), runAs(ana, () => b.service.undo())]);
    expect(both.filter((undone) => undone.ok)).toHaveLength(1);
    // One step moved to the redo stack; the older one is still Ana's to undo.
    const { rows } = await sql<{ stack: string; steps: number }>`
      SELECT stack, count(*)::int AS steps FROM history_steps GROUP BY stack ORDER BY stack`.execute(db);
    expect(rows).toEqual([
      { stack: 'done', steps: 1 },
      { stack: 'undone', steps: 1 },
    ]);
  });

  it("never undoes another member's steps, before or after a restart", async () => {
    const first = await start();
    const anas = await mark(first, ana, 0);
    expect((await runAs(ben, () => first.service.undo())).ok).toBe(false);
    await stop(first);
    const second = await start();
    expect(await history(second, ben)).toMatchObject({ canUndo: false, canRedo: false });
    const refused = await runAs(ben, () => second.service.undo());
    expect(refused.ok ? 'undone' : refused.error.code).toBe('nothing-to-undo');
    expect(await holds(second, anas)).toBe(true);
    expect((await history(second, ana)).canUndo).toBe(true);
  });

  it('redoes after a restart, and a new step clears what could be redone', async () => {
    const first = await start();
    const made = await mark(first, ana, 0);
    expect((await runAs(ana, () => first.service.undo())).ok).toBe(true);
    await stop(first);
    const second = await start();
    expect(await history(second, ana)).toMatchObject({ canUndo: false, canRedo: true });
    expect((await runAs(ana, () => second.service.redo())).ok).toBe(true);
    expect(await holds(second, made)).toBe(true);
    expect((await runAs(ana, () => second.service.undo())).ok).toBe(true);
    await mark(second, ana, 20);
    expect(await history(second, ana)).toMatchObject({ canUndo: true, canRedo: false });
    expect((await runAs(ana, () => second.service.redo())).ok).toBe(false);
  });

  it('keeps only the last steps of each member, up to the limit', async () => {
    const server = await start({ historyLimit: 3 });
    const made: string[] = [];
    for (let index = 0; index < 5; index++) made.push(await mark(server, ana, index * 5));
    const bens = await mark(server, ben, 40);
    const { rows } = await sql<{ member: string; steps: number }>`
      SELECT member, count(*)::int AS steps FROM history_steps GROUP BY member ORDER BY member`.execute(db);
    expect(rows).toEqual([
      { member: ana.userId, steps: 3 },
      { member: ben.userId, steps: 1 },
    ]);
    for (let undo = 0; undo < 3; undo++) expect((await runAs(ana, () => server.service.undo())).ok).toBe(true);
    const refused = await runAs(ana, () => server.service.undo());
    expect(refused.ok ? 'undone' : refused.error.code).toBe('nothing-to-undo');
    expect(await Promise.all(made.map((id) => holds(server, id)))).toEqual([true, true, false, false, false]);
    expect(await holds(server, bens)).toBe(true);
  });

  it('writes each step in the transaction of its change, and none for a change that fails', async () => {
    const server = await start();
    const made = await mark(server, ana, 0);
    const sameTransaction = async () =>
      (
        await sql<{ same: boolean }>`
          SELECT (SELECT xmin::text FROM history_steps ORDER BY position DESC LIMIT 1)
               = (SELECT xmin::text FROM change_log ORDER BY seq DESC LIMIT 1) AS same`.execute(db)
      ).rows[0]!.same;
    expect(await sameTransaction()).toBe(true);
    expect((await runAs(ana, () => server.service.undo())).ok).toBe(true);
    expect(await sameTransaction()).toBe(true);
    expect((await runAs(ana, () => server.service.redo())).ok).toBe(true);
    // Someone changes the row behind this process's back: Ana's next edit is refused, and leaves no step.
    await sql`UPDATE annotations SET version = version + 1 WHERE id = ${made}`.execute(db);
    const steps = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM history_steps`.execute(db)).rows[0]!.n;
    const count = await steps();
    const edited = await runAs(ana, () => server.service.updateAnnotation(documentOf(server), made, { note: 'refused' }));
    expect(edited.ok).toBe(false);
    expect(await steps()).toBe(count);
    expect(await history(server, ana)).toMatchObject({ canUndo: true, canRedo: false });
  });
});
