// The web host against clients that hold on to it, over raw sockets: two Host headers are refused
// with 400 (RFC 9112 §3.2), a client trickling its headers or sending nothing is cut off, and
// connections over the cap are closed at once with one log line; a browser's requests still pass.
import { connect, type Socket } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../app-paths.ts';
import { makeTempDir } from '../../tests/support/temp-dir.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { createWorkbenchService, type WorkbenchHost } from '../workbench/workbench-service.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { startWebHost, type ConnectionLimits, type WebHost } from './server.ts';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let service: WorkbenchHost;
let rendererDir: string;
let host: WebHost | undefined;
const logged: string[] = [];
const sockets = new Set<Socket>();

beforeEach(async () => {
  temp = await makeTempDir();
  rendererDir = path.join(temp.dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Claimbench</title>');
  const { store } = await openOrCreateWorkspace(path.join(temp.dir, 'ws'), { resourcesDir: RESOURCES_DIR, empty: true });
  service = createWorkbenchService(store, { extractors: EXTRACTORS });
  logged.length = 0;
});

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await host?.close();
  host = undefined;
  await service.dispose();
  await temp[Symbol.asyncDispose]();
});

async function serve(limits: Partial<ConnectionLimits> = {}, launchedAs?: string): Promise<WebHost> {
  host = await startWebHost({
    service,
    uploads: service.uploads,
    rendererDir,
    port: 0,
    limits,
    log: (line) => logged.push(line),
    ...(launchedAs !== undefined ? { launchedAs } : {}),
  });
  return host;
}

/** A raw connection: what it receives, and when the server closed it. */
function open(port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    sockets.add(socket);
    const chunks: Buffer[] = [];
    const opened = Date.now();
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    const closed = new Promise<number>((done) => socket.on('close', () => done(Date.now() - opened)));
    socket.once('connect', () => resolve({ socket, received: () => Buffer.concat(chunks).toString('latin1'), closed }));
    socket.once('error', reject);
  });
}

async function rawRequest(port: number, head: string): Promise<string> {
  const { socket, received, closed } = await open(port);
  socket.end(head);
  await closed;
  return received();
}

const statusOf = (reply: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1]);

describe('the web host against clients that hold on', () => {
  it('answers 400 to a request with two Host headers, whichever comes first', async () => {
    const { port, token } = await serve();
    const good = `127.0.0.1:${port}`;
    const request = (hosts: string[]) =>
      `GET /?token=${token} HTTP/1.1\r\n${hosts.map((value) => `Host: ${value}\r\n`).join('')}Connection: close\r\n\r\n`;
    expect(statusOf(await rawRequest(port, request([good, 'evil.example'])))).toBe(400);
    expect(statusOf(await rawRequest(port, request(['evil.example', good])))).toBe(400);
    expect(statusOf(await rawRequest(port, request([good, good])))).toBe(400);
    expect(
      statusOf(await rawRequest(port, `GET /?token=${token} HTTP/1.1\r\nhost: ${good}\r\nHOST: ${good}\r\nConnection: close\r\n\r\n`)),
    ).toBe(400);
    expect(statusOf(await rawRequest(port, request([good])))).toBe(303);
  });

  it('closes a socket that trickles its headers, and one that sends nothing, after the headers timeout', async () => {
    const { port } = await serve({ headersTimeout: 600, requestTimeout: 1_000, checkInterval: 100 });
    const trickling = await open(port);
    trickling.socket.write('GET / HTTP/1.1\r\n');
    const timer = setInterval(() => trickling.socket.writable && trickling.socket.write('X-Slow: 1\r\n'), 100);
    const silent = await open(port);
    try {
      const [trickled, quiet] = await Promise.all([trickling.closed, silent.closed]);
      expect(trickled).toBeLessThan(3_000);
      expect(quiet).toBeLessThan(3_000);
    } finally {
      clearInterval(timer);
    }
    expect(statusOf(trickling.received())).toBe(408);
  });

  it('closes a request whose body trickles, after the request timeout', async () => {
    const { port, token } = await serve({ headersTimeout: 500, requestTimeout: 800, checkInterval: 100 });
    const slow = await open(port);
    slow.socket.write(
      `POST /api/getWorkspaceInfo HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n[`,
    );
    const timer = setInterval(() => slow.socket.writable && slow.socket.write(' '), 100);
    try {
      expect(await slow.closed).toBeLessThan(4_000);
    } finally {
      clearInterval(timer);
    }
  });

  it('closes connections over the cap at once, says so once, and serves again when they are gone', async () => {
    const { port, token } = await serve({ maxConnections: 3 });
    const held = await Promise.all([open(port), open(port), open(port)]);
    const extra = await Promise.all([open(port), open(port)]);
    for (const connection of extra) expect(await connection.closed).toBeLessThan(2_000);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^claimbench: refused 1 connection\(s\): 3 are open, the most this server takes at once/);
    for (const connection of held) connection.socket.destroy();
    await Promise.all(held.map((connection) => connection.closed));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reply = await rawRequest(port, `GET /?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(reply)).toBe(303);
  });

  it('names the command the analyst ran on the 401 page', async () => {
    const { port } = await serve({}, 'npm start');
    const reply = await rawRequest(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/html\r\nConnection: close\r\n\r\n`);
    expect(statusOf(reply)).toBe(401);
    expect(reply).toContain('open the URL that `npm start` printed');
  });
});
