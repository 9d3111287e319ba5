// The web host's event stream (GET /api/events, Server-Sent Events) with resumption: every event
// gets an id (this server run's id, then a counter), the last 1,000 are kept, and a browser that
// reconnects (EventSource sends the last id it saw as Last-Event-ID) is sent the ones it missed, in
// order, once each, before anything new. One it cannot be given (too far behind, or from another
// run of the server) gets `event: reload`: the window must read everything again.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WorkbenchEvent, WorkbenchService } from '../../core/contract/workbench-api.ts';
import type { Disposable } from '../../core/events.ts';
import { forwardEvents } from '../rpc/dispatch.ts';

/** How many events are kept for reconnecting browsers. */
export const REPLAY_LIMIT = 1000;
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

  constructor(service: WorkbenchService, heartbeatMs = HEARTBEAT_MS) {
    this.service = service;
    this.heartbeatMs = heartbeatMs;
  }

  private publish(event: WorkbenchEvent, payload: unknown): void {
    const data = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    if (TRANSIENT.has(event)) {
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
    this.subscription ??= forwardEvents(this.service, (event, payload) => this.publish(event, payload));
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write('retry: 2000\n\n');
    const lastId = request.headers['last-event-id'];
    if (typeof lastId === 'string' && lastId !== '') {
      const missed = this.missedSince(lastId);
      if (missed === undefined) response.write(`id: ${this.run}.${this.seq}\nevent: reload\ndata: {}\n\n`);
      else for (const frame of missed) response.write(frame);
    } else if (this.seq > 0) {
      // A new window starts from now: its first reconnect resumes from here.
      response.write(`id: ${this.run}.${this.seq}\ndata: {}\n\n`);
    }
    const send = (frame: string) => response.write(frame);
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

  dispose(): void {
    this.subscription?.dispose();
    this.streams.clear();
  }
}
