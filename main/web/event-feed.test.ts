// The event stream's resumption: what a reconnecting browser is sent, over real HTTP.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { subscriptionName, WORKBENCH_EVENTS, type WorkbenchEvent, type WorkbenchService } from '../../core/contract/workbench-api.ts';
import { Emitter } from '../../core/events.ts';
import { connect } from '../../tests/support/sse-client.ts';
import { EventFeed, gatheredPerTurn, REPLAY_LIMIT } from './event-feed.ts';

/** A service that only has events, each fired by the test. */
function eventSource() {
  const emitters = new Map(WORKBENCH_EVENTS.map((event) => [event, new Emitter<unknown>()]));
  const service = Object.fromEntries(WORKBENCH_EVENTS.map((event) => [subscriptionName(event), emitters.get(event)!.event]));
  return {
    service: service as unknown as WorkbenchService,
    fire: (event: WorkbenchEvent, payload: unknown) => emitters.get(event)!.fire(payload),
  };
}

const until = async (condition: () => boolean) => {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

let server: Server;
let feed: EventFeed;
let source: ReturnType<typeof eventSource>;
let port: number;

beforeEach(async () => {
  source = eventSource();
  feed = new EventFeed(source.service);
  server = createServer((request, response) => void feed.serve(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  feed.dispose();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const change = (n: number) => ({ documentId: 'd', put: [], removed: [`a${n}`] });

describe('EventFeed', () => {
  it('sends a reconnecting window exactly the events it missed, in order, then what comes next', async () => {
    const first = connect(port);
    await until(() => feed['streams'].size === 1);
    source.fire('didChangeAnnotations', change(1));
    await until(() => first.frames.length === 1);
    const lastSeen = first.frames[0]!.id!;
    first.close();
    await until(() => feed['streams'].size === 0);
    for (const n of [2, 3, 4]) source.fire('didChangeAnnotations', change(n));
    // Progress is for whoever is connected now, never replayed.
    source.fire('didProgressImport', { jobId: 'j', done: 1, total: 2 });
    const again = connect(port, lastSeen);
    await until(() => again.frames.length === 3);
    source.fire('didChangeAnnotations', change(5));
    await until(() => again.frames.length === 4);
    expect(again.frames.map((frame) => JSON.parse(frame.data!).removed[0])).toEqual(['a2', 'a3', 'a4', 'a5']);
    const ids = again.frames.map((frame) => Number(frame.id!.split('.')[1]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(4);
    again.close();
  });

  it('tells a window to read everything again when its last event is from another run or no longer kept', async () => {
    const stranger = connect(port, 'another-run.3');
    await until(() => stranger.frames.length === 1);
    expect(stranger.frames[0]!.event).toBe('reload');
    stranger.close();
    const watcher = connect(port);
    await until(() => feed['streams'].size >= 1);
    source.fire('didChangeEvidence', { links: [], claims: [] });
    await until(() => watcher.frames.length === 1);
    const early = watcher.frames[0]!.id!;
    watcher.close();
    for (let n = 0; n < REPLAY_LIMIT + 5; n++) source.fire('didChangeAnnotations', change(n));
    const behind = connect(port, early);
    await until(() => behind.frames.length === 1);
    expect(behind.frames[0]!.event).toBe('reload');
    behind.close();
  });
});

describe('frames of one turn', () => {
  it('are written together, in order, and not after the stream ended', async () => {
    const writes: string[] = [];
    const response = { writableEnded: false } as { writableEnded: boolean };
    const send = gatheredPerTurn((frames) => writes.push(frames), response as unknown as ServerResponse);
    send('a\n\n');
    send('b\n\n');
    send('c\n\n');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['a\n\nb\n\nc\n\n']);
    send('d\n\n');
    response.writableEnded = true;
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['a\n\nb\n\nc\n\n']);
  });
});
