// The team-server benchmark's load generator: analysts calling `POST /api/<method>` over HTTP
// keep-alive (one socket each, as a window's calls mostly are), each with an SSE stream of
// `GET /api/events`, and the two loads of issue 24: an open loop (saves at Poisson-distributed
// times, timed from when each was due, so a slow server cannot slow the clock) and a closed loop
// (each analyst's next save as soon as the last is answered). Used against `claimbench team serve`
// and `claimbench serve` alike; the SQL floor (team-floor.ts) uses `runOpenLoop`/`runClosedLoop` too.
import { Agent, request } from 'node:http';

export interface Reply {
  readonly status: number;
  readonly body: { value?: unknown; error?: { code: string; message: string } };
}

/** One analyst's connection to a server: its token and its own keep-alive socket. */
export class Analyst {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  readonly port: number;
  readonly token: string;
  readonly name: string;

  constructor(port: number, token: string, name: string) {
    this.port = port;
    this.token = token;
    this.name = name;
  }

  /** Calls sent again because the server had closed the kept-alive socket as they went out. */
  retries = 0;

  /**
   * `POST /api/<method>` with `args`; resolves with the status and the parsed reply. A call that
   * fails on a reused socket before any answer (the server's keep-alive timeout closed it as the
   * call went out) is sent once more on a new one, as browsers do; `retries` counts them.
   */
  async call(method: string, args: unknown[]): Promise<Reply> {
    try {
      return await this.send(method, args, true);
    } catch (error) {
      if (!(error instanceof ReusedSocketError)) throw error;
      this.retries++;
      return this.send(method, args, false);
    }
  }

  private send(method: string, args: unknown[], mayRetry: boolean): Promise<Reply> {
    const body = JSON.stringify(args);
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: 'POST',
          path: `/api/${method}`,
          agent: this.agent,
          headers: {
            authorization: `Bearer ${this.token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: response.statusCode ?? 0, body: text === '' ? {} : (JSON.parse(text) as Reply['body']) });
            } catch {
              resolve({ status: response.statusCode ?? 0, body: { error: { code: 'not-json', message: text.slice(0, 200) } } });
            }
          });
          response.on('error', reject);
        },
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        const closedUnderIt = error.code === 'ECONNRESET' || error.message === 'socket hang up';
        reject(mayRetry && outgoing.reusedSocket && closedUnderIt ? new ReusedSocketError(error.message) : error);
      });
      outgoing.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

class ReusedSocketError extends Error {}

/** An annotation change an SSE stream received: `id@version`, when, and the stream's event number. */
export interface Receipt {
  readonly key: string;
  readonly at: number;
}

/**
 * One analyst's `GET /api/events`. While `recording`, every didChangeAnnotations it gets is kept as
 * receipts (`annotationId@version` per annotation put); the ids of the stream's changes (places in
 * the team database's change log, not consecutive: main/web/event-feed.ts) are checked never to come
 * twice. What is missing or out of order shows in the receipts.
 */
export class EventStream {
  recording = false;
  readonly receipts: Receipt[] = [];
  events = 0;
  repeatedIds = 0;
  private readonly ids = new Set<string>();
  private buffer = '';
  private readonly destroy: () => void;
  readonly opened: Promise<void>;

  constructor(port: number, token: string) {
    let destroy = () => {};
    this.opened = new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/events',
          agent: false,
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        },
        (response) => {
          if (response.statusCode !== 200) return reject(new Error(`GET /api/events: ${response.statusCode}`));
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => this.receive(chunk));
          response.on('error', () => {});
          resolve();
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
      destroy = () => outgoing.destroy();
    });
    this.destroy = () => destroy();
  }

  private receive(chunk: string): void {
    const at = performance.now();
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) !== -1) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.frame(frame, at);
    }
  }

  private frame(frame: string, at: number): void {
    let event = '';
    let data = '';
    let id: string | undefined;
    for (const line of frame.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data = line.slice(6);
      else if (line.startsWith('id: ')) id = line.slice(4);
    }
    // An event with an id is a change of the log (the first id a stream gets, without an event, says where it starts).
    if (id !== undefined && event !== '') {
      if (this.ids.has(id)) this.repeatedIds++;
      this.ids.add(id);
    }
    if (event !== 'didChangeAnnotations') return;
    this.events++;
    if (!this.recording) return;
    const change = JSON.parse(data) as { put: { id: string; version?: number }[] };
    for (const annotation of change.put) this.receipts.push({ key: `${annotation.id}@${annotation.version ?? 0}`, at });
  }

  close(): void {
    this.destroy();
  }
}

/** A save as the load made it: which analyst, when it was due and sent, how long, and what it made. */
export interface Save {
  readonly analyst: number;
  readonly due: number;
  readonly ms: number;
  readonly ok: boolean;
  readonly error?: string;
  /** `annotationId@version` of what it wrote, for matching the streams' receipts. */
  readonly key?: string;
}

export type SaveOnce = (analyst: number) => Promise<{ ok: boolean; error?: string; key?: string }>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Each analyst saves at `ratePerSecond` on average (exponential gaps) for `seconds`; saves may overlap. */
export async function runOpenLoop(analysts: number, ratePerSecond: number, seconds: number, save: SaveOnce, random: () => number) {
  const saves: Save[] = [];
  const started = performance.now();
  const stopAt = started + seconds * 1000;
  const pending: Promise<void>[] = [];
  await Promise.all(
    Array.from({ length: analysts }, async (_, analyst) => {
      let due = started + (-Math.log(1 - random()) * 1000) / ratePerSecond;
      while (due < stopAt) {
        await sleep(due - performance.now());
        const at = due;
        pending.push(
          save(analyst).then(
            (outcome) => void saves.push({ analyst, due: at, ms: performance.now() - at, ...outcome }),
            (error: unknown) => void saves.push({ analyst, due: at, ms: performance.now() - at, ok: false, error: String(error) }),
          ),
        );
        due += (-Math.log(1 - random()) * 1000) / ratePerSecond;
      }
    }),
  );
  await Promise.all(pending);
  return { saves, seconds: (performance.now() - started) / 1000 };
}

/** Each analyst saves again as soon as its last save is answered, for `seconds`. */
export async function runClosedLoop(analysts: number, seconds: number, save: SaveOnce) {
  const saves: Save[] = [];
  const started = performance.now();
  const stopAt = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: analysts }, async (_, analyst) => {
      while (performance.now() < stopAt) {
        const due = performance.now();
        try {
          saves.push({ analyst, due, ...(await save(analyst)), ms: performance.now() - due });
        } catch (error) {
          saves.push({ analyst, due, ms: performance.now() - due, ok: false, error: String(error) });
        }
      }
    }),
  );
  return { saves, seconds: (performance.now() - started) / 1000 };
}

const round = (value: number) => Math.round(value * 10) / 10;

/** The `q` quantile (0–1) of `values`, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** p50/p99/max, count, errors (with the first few messages) and saves/s of a load's saves. */
export function summarizeSaves({ saves, seconds }: { saves: readonly Save[]; seconds: number }) {
  const ok = saves.filter((save) => save.ok).map((save) => save.ms);
  const errors = saves.filter((save) => !save.ok);
  return {
    saves: saves.length,
    savesPerSecond: round(ok.length / seconds),
    p50Ms: round(quantile(ok, 0.5)),
    p99Ms: round(quantile(ok, 0.99)),
    maxMs: round(Math.max(...ok)),
    errors: errors.length,
    ...(errors.length > 0 ? { firstErrors: [...new Set(errors.map((save) => save.error))].slice(0, 3) } : {}),
  };
}

/** p50/p99 of timed calls. */
export function summarizeMs(values: readonly number[]) {
  return { n: values.length, p50Ms: round(quantile(values, 0.5)), p99Ms: round(quantile(values, 0.99)), maxMs: round(Math.max(...values)) };
}

/**
 * T3 from the open loop's saves and the streams' receipts: for each save and each stream other
 * than its analyst's, the time from when the save was sent until that stream had it; and whether
 * every stream had every save exactly once, all in one same order.
 */
export function realtimeFigures(saves: readonly Save[], streams: readonly EventStream[]) {
  const delays: number[] = [];
  let missing = 0;
  let duplicates = 0;
  const keys = new Set(saves.filter((save) => save.ok && save.key !== undefined).map((save) => save.key!));
  const orders = streams.map((stream) => stream.receipts.filter((receipt) => keys.has(receipt.key)).map((receipt) => receipt.key));
  const reference = orders[0]!.join(' ');
  const sameOrder = orders.every((order) => order.join(' ') === reference);
  const byStream = streams.map((stream) => {
    const first = new Map<string, number>();
    for (const receipt of stream.receipts) {
      if (!keys.has(receipt.key)) continue;
      if (first.has(receipt.key)) duplicates++;
      else first.set(receipt.key, receipt.at);
    }
    return first;
  });
  for (const save of saves) {
    if (!save.ok || save.key === undefined) continue;
    byStream.forEach((received, index) => {
      if (index === save.analyst) return;
      const at = received.get(save.key!);
      if (at === undefined) missing++;
      else delays.push(at - save.due);
    });
  }
  return {
    ...summarizeMs(delays),
    deliveries: delays.length,
    missing,
    duplicates,
    sameOrderOnEveryStream: sameOrder,
    feedRepeatedIds: streams.reduce((sum, stream) => sum + stream.repeatedIds, 0),
  };
}

/** CPU seconds (user + system) process `pid` has used so far (Linux, /proc/<pid>/stat). */
export async function cpuSecondsOf(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are the 14th and 15th fields; the 3rd (state) is fields[0] here.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** VmRSS and VmHWM of process `pid`, in MB (Linux). */
export async function memoryOf(pid: number): Promise<{ rssMb: number; peakRssMb: number }> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}
