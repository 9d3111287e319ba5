// The web host's event stream (GET /api/events, Server-Sent Events) with resumption: every event
// gets an id (this server run's id, then a counter), the last 1,000 are kept, and a browser that
// reconnects (EventSource sends the last id it saw as Last-Event-ID) is sent the ones it missed, in
// order, once each, before anything new. One it cannot be given (too far behind, or from another
// run of the server) gets `event: reload`: the window must read everything again.
//
// On the team server (a service with a `changeFeed`), the changes of records come from the team
// database's change log instead, whichever process made them: each change's events are sent when
// this process's follower reaches it, in the log's order, under the change's place in the log as
// id; a window that reconnects is sent, from the log itself, what follows the id it last saw (up to
// TEAM_REPLAY_LIMIT changes, else `reload`), across restarts of the server. Other events (history,
// presence, workspace info) are state, sent as they happen without an id.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WorkbenchEvent, WorkbenchService } from '../../core/contract/workbench-api.ts';
import type { Disposable } from '../../core/events.ts';
import { forwardEvents } from '../rpc/dispatch.ts';
import type { ChangeEvents, ServiceChangeFeed } from '../workbench/committed-changes.ts';

/** How many events are kept for reconnecting browsers. */
export const REPLAY_LIMIT = 1000;
/** How many changes of the team database's log a reconnecting window is sent before it is told to reload. */
export const TEAM_REPLAY_LIMIT = 10_000;
const HEARTBEAT_MS = 20_000;

/** Events that say how something is going right now: not worth replaying, and they can come by the thousand. */
const TRANSIENT: ReadonlySet<WorkbenchEvent> = new Set([
  'didProgressImport',
  'didProgressBundle',
  'didProgressSuggestions',
  'didProgressMatching',
  'didChangeSaveState',
  'didChangeSearchStatus',
]);

/** Events that the team database's change log carries (committed-changes.ts): sent from it, with its ids. */
const LOGGED: ReadonlySet<WorkbenchEvent> = new Set([
  'didChangeDocuments',
  'didChangeAnnotations',
  'didChangeEvidence',
  'didChangeArchive',
]);

/** A change's events as one write; the id goes on the last, so a stream cut between them resumes before the change. */
function changeFrames({ position, events }: ChangeEvents): string {
  return events
    .map(
      ({ event, payload }, index) =>
        `${index === events.length - 1 ? `id: ${position}\n` : ''}event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`,
    )
    .join('');
}

interface Sent {
  readonly seq: number;
  readonly frame: string;
}

export class EventFeed implements Disposable {
  /** Different on every run, so an id from before a restart is never taken for one of this run. */
  private readonly run = randomBytes(6).toString('base64url');
  private seq = 0;
  private readonly kept: Sent[] = [];
  private readonly streams = new Set<(frame: string) => void>();
  /** Subscribed when the first window connects, then kept, so that windows can resume. */
  private subscription: Disposable | undefined;
  private readonly service: WorkbenchService;
  private readonly heartbeatMs: number;
  private readonly changes: ServiceChangeFeed | undefined;

  /** `changes`: the team database's change log (the service's `changeFeed`), when there is one. */
  constructor(service: WorkbenchService, heartbeatMs = HEARTBEAT_MS, changes?: ServiceChangeFeed) {
    this.service = service;
    this.heartbeatMs = heartbeatMs;
    this.changes = changes;
  }

  private subscribe(): Disposable {
    const events = forwardEvents(this.service, (event, payload) => {
      if (this.changes === undefined || !LOGGED.has(event)) this.publish(event, payload);
    });
    if (this.changes === undefined) return events;
    const changes = this.changes.onDidApply((change) => {
      const frames = changeFrames(change);
      for (const send of this.streams) send(frames);
    });
    return {
      dispose() {
        events.dispose();
        changes.dispose();
      },
    };
  }

  private publish(event: WorkbenchEvent, payload: unknown): void {
    const data = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    if (TRANSIENT.has(event) || this.changes !== undefined) {
      for (const send of this.streams) send(data);
      return;
    }
    const seq = ++this.seq;
    const frame = `id: ${this.run}.${seq}\n${data}`;
    this.kept.push({ seq, frame });
    if (this.kept.length > REPLAY_LIMIT) this.kept.splice(0, this.kept.length - REPLAY_LIMIT);
    for (const send of this.streams) send(frame);
  }

  /**
   * What a browser that last saw `lastId` missed: the frames after it, or undefined when they are
   * not all here (another run's id, or older than the oldest kept).
   */
  missedSince(lastId: string): string[] | undefined {
    const match = /^([\w-]+)\.(\d+)$/.exec(lastId);
    if (match === null || match[1] !== this.run) return undefined;
    const last = Number(match[2]);
    if (last > this.seq) return undefined;
    const oldest = this.kept[0]?.seq ?? this.seq + 1;
    if (last < oldest - 1) return undefined;
    return this.kept.filter((sent) => sent.seq > last).map((sent) => sent.frame);
  }

  /** Serves one GET /api/events; returns a function that ends the stream (used at shutdown). */
  serve(request: IncomingMessage, response: ServerResponse): () => void {
    this.subscription ??= this.subscribe();
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write('retry: 2000\n\n');
    const lastId = request.headers['last-event-id'];
    let send = (frame: string): void => void response.write(frame);
    if (this.changes !== undefined) send = this.resume(this.changes, typeof lastId === 'string' ? lastId : '', response);
    else if (typeof lastId === 'string' && lastId !== '') {
      const missed = this.missedSince(lastId);
      if (missed === undefined) response.write(`id: ${this.run}.${this.seq}\nevent: reload\ndata: {}\n\n`);
      else for (const frame of missed) response.write(frame);
    } else if (this.seq > 0) {
      // A new window starts from now: its first reconnect resumes from here.
      response.write(`id: ${this.run}.${this.seq}\ndata: {}\n\n`);
    }
    send = gatheredPerTurn(send, response);
    this.streams.add(send);
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), this.heartbeatMs);
    const end = () => {
      clearInterval(heartbeat);
      this.streams.delete(send);
      if (!response.writableEnded) response.end();
    };
    request.on('close', end);
    return end;
  }

  /**
   * Starts a team window's stream: from the change after `lastId` (read from the log, while what
   * comes meanwhile waits), or from now. Returns what sends it a frame.
   */
  private resume(changes: ServiceChangeFeed, lastId: string, response: ServerResponse): (frame: string) => void {
    const now = changes.position;
    if (lastId === '') {
      response.write(`id: ${now}\ndata: {}\n\n`);
      return (frame) => response.write(frame);
    }
    const reload = `id: ${now}\nevent: reload\ndata: {}\n\n`;
    let waiting: string[] | undefined = [];
    // Called in the same turn as `now` was read: the changes up to `now` come from the log, those after it live.
    void changes.eventsAfter(lastId, TEAM_REPLAY_LIMIT).then(
      (missed) => {
        if (response.writableEnded) return;
        if (typeof missed === 'string') response.write(reload);
        else response.write(missed.map(changeFrames).join(''));
        for (const frame of waiting!) response.write(frame);
        waiting = undefined;
      },
      () => {
        // The log could not be read (the database is unreachable): the window reads everything again.
        response.write(reload);
        for (const frame of waiting!) response.write(frame);
        waiting = undefined;
      },
    );
    return (frame) => {
      if (waiting === undefined) response.write(frame);
      else waiting.push(frame);
    };
  }

  dispose(): void {
    this.subscription?.dispose();
    this.streams.clear();
  }
}

/**
 * `send`, with the frames of one turn of the event loop written together: a save sends a window
 * several frames (its change, the history, the save state), and one write each was a third of the
 * team server's CPU per save with 50 windows open (docs/ARCHITECTURE.md, team server).
 */
export function gatheredPerTurn(send: (frame: string) => void, response: ServerResponse): (frame: string) => void {
  let pending = '';
  return (frame) => {
    if (pending === '')
      setImmediate(() => {
        const frames = pending;
        pending = '';
        if (!response.writableEnded) send(frames);
      });
    pending += frame;
  };
}
