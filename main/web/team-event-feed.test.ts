// The team server's event stream over real HTTP: its ids are places in the team database's change
// log, so a window that reconnects, even to a server restarted meanwhile (nothing kept in memory),
// is sent exactly the changes it missed, in the log's order, then what comes next: other
// processes' changes and this one's own alike.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../tests/support/pg-database.ts';
import { connect, type Frame } from '../../tests/support/sse-client.ts';
import { importSample, startTeamProcess, type TeamProcess } from '../../tests/support/team-processes.ts';
import { makeTempDir } from '../../tests/support/temp-dir.ts';
import { runAs, type Actor } from '../team/actor.ts';
import { openTeamDb } from '../team/db.ts';
import { EventFeed } from './event-feed.ts';

const ana: Actor = { userId: 'u-ana', name: 'Ana', role: 'analyst' };
const ben: Actor = { userId: 'u-ben', name: 'Ben', role: 'analyst' };
const WAIT = { timeout: 15_000, interval: 25 };

/** A team process serving its event stream on a port of its own. */
async function serveEvents(host: TeamProcess): Promise<{ port: number; close(): Promise<void> }> {
  const feed = new EventFeed(host.service, undefined, host.service.changeFeed);
  const server: Server = createServer((request, response) => void feed.serve(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      feed.dispose();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The ids of the annotations a window was sent, in order. */
const annotationIds = (frames: readonly Frame[]) =>
  frames
    .filter((frame) => frame.event === 'didChangeAnnotations')
    .flatMap((frame) => (JSON.parse(frame.data!) as { put: { id: string }[] }).put.map((annotation) => annotation.id));

describe.skipIf(pgSkip)('the team server’s event stream', () => {
  let database: TestDatabase;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const closing: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    temp = await makeTempDir();
    database = await createTestDatabase();
    const db = openTeamDb(database.url);
    await importSample(db, path.join(temp.dir, 'ws'));
    await db.destroy();
  });
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close();
    await database.drop();
    await temp[Symbol.asyncDispose]();
  });

  const start = async (name: string) => {
    const host = await startTeamProcess(database.url, path.join(temp.dir, name));
    let open = true;
    const close = async () => {
      if (open) await host.close();
      open = false;
    };
    closing.push(close);
    return { ...host, close };
  };
  const mark = (host: TeamProcess, who: Actor, start: number) =>
    runAs(who, async () => {
      const made = await host.service.createAnnotation(host.store.heads[0]!.id, { start, end: start + 3, tags: ['statistic'] });
      if (!made.ok) throw new Error(made.error.message);
      return made.value.id;
    });

  it('resumes a window from the change log after a restart: exactly what it missed, in order, then what comes next', async () => {
    const other = await start('other');
    let host = await start('first');
    let events = await serveEvents(host);
    const window = connect(events.port);
    await vi.waitFor(() => expect(window.frames[0]?.id).toMatch(/^\d+$/), WAIT);
    const seen = [await mark(other, ben, 0), await mark(other, ben, 4)];
    await vi.waitFor(() => expect(annotationIds(window.frames)).toEqual(seen), WAIT);
    const lastSeen = window.frames.findLast((frame) => frame.id !== undefined)!.id!;
    window.close();
    await events.close();
    await host.close();

    const missed = [await mark(other, ben, 8), await mark(other, ben, 12), await mark(other, ben, 16)];
    host = await start('restarted');
    events = await serveEvents(host);
    closing.push(() => events.close());
    const again = connect(events.port, lastSeen);
    await vi.waitFor(() => expect(annotationIds(again.frames)).toEqual(missed), WAIT);
    const next = [await mark(other, ben, 20), await mark(host, ana, 24)];
    await vi.waitFor(() => expect(annotationIds(again.frames)).toEqual([...missed, ...next]), WAIT);
    expect(again.frames.some((frame) => frame.event === 'reload')).toBe(false);
    const ids = again.frames.flatMap((frame) => (frame.id === undefined ? [] : [BigInt(frame.id)]));
    expect(ids.length).toBe(5);
    expect(ids.every((id, index) => index === 0 || id > ids[index - 1]!)).toBe(true);
    expect(ids[0]! > BigInt(lastSeen)).toBe(true);
    again.close();
  });
});
