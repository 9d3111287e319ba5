import { request as httpRequest } from 'node:http';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../app-paths.ts';
import { send } from '../../tests/support/http-send.ts';
import { makeTempDir } from '../../tests/support/temp-dir.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { createWorkbenchService, type WorkbenchHost } from '../workbench/workbench-service.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { MAX_BODY_BYTES } from './api-routes.ts';
import { startWebHost, type WebHost } from './server.ts';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let service: WorkbenchHost;
let host: WebHost;
let rendererDir: string;

beforeEach(async () => {
  temp = await makeTempDir();
  rendererDir = path.join(temp.dir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Claimbench</title>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(temp.dir, 'secret.txt'), 'outside the renderer');
  const { store } = await openOrCreateWorkspace(path.join(temp.dir, 'ws'), { resourcesDir: RESOURCES_DIR });
  service = createWorkbenchService(store, { extractors: EXTRACTORS });
  host = await startWebHost({ service, uploads: service.uploads, exports: service.exports, rendererDir, port: 0 });
});

afterEach(async () => {
  await host.close();
  await temp[Symbol.asyncDispose]();
});

const auth = () => ({ authorization: `Bearer ${host.token}`, host: `127.0.0.1:${host.port}` });
const call = (method: string, args: unknown, headers: Record<string, string> = {}) =>
  send(host.port, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { ...auth(), 'content-type': 'application/json', ...headers },
    body: JSON.stringify(args),
  });

describe('the web host', () => {
  it('listens on 127.0.0.1 and prints a URL with the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('exports a bundle through the API and serves it once from GET /api/download/<id>, with the token only', async () => {
    const reply = await call('exportBundle', ['export-job-1', { format: 'bundle', originals: false, sign: false }]);
    expect(reply.status).toBe(200);
    const result = JSON.parse(reply.body).value as {
      ok: true;
      value: { downloadId: string; fileName: string; size: number; files: number };
    };
    expect(result.ok).toBe(true);
    expect(result.value.fileName).toMatch(/\.claimbundle$/);
    const download = await send(host.port, { path: `/api/download/${result.value.downloadId}`, headers: auth() });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.claimbundle"; filename\*=UTF-8''/);
    expect(Number(download.headers['content-length'])).toBe(result.value.size);
    expect(download.body.slice(0, 2)).toBe('PK');
    expect(
      (await send(host.port, { path: `/api/download/${result.value.downloadId}`, headers: { host: `127.0.0.1:${host.port}` } })).status,
    ).toBe(401);
    expect((await send(host.port, { path: '/api/download/00000000-0000-4000-8000-000000000000', headers: auth() })).status).toBe(404);
    expect((await send(host.port, { path: '/api/download/..%2F..%2Fsecret.txt', headers: auth() })).status).toBe(404);
    expect((await send(host.port, { method: 'POST', path: `/api/download/${result.value.downloadId}`, headers: auth() })).status).toBe(405);
  });

  it('answers API calls with the service result', async () => {
    const reply = await call('listDocuments', []);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body).value).toHaveLength(3);
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it.each([
    ['no token', {}, 401],
    ['a wrong token', { authorization: 'Bearer nope' }, 401],
    ['a wrong token in a cookie', { cookie: 'claimbench-token-PORT=nope' }, 401],
  ])('refuses a call with %s (401) without touching the workspace', async (_name, headers, status) => {
    const fixed = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, value.replace('PORT', String(host.port))]));
    const reply = await send(host.port, {
      method: 'POST',
      path: '/api/updateSettings',
      headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json', ...fixed },
      body: JSON.stringify([{ analystName: 'Mallory' }]),
    });
    expect(reply.status).toBe(status);
    expect(JSON.parse(reply.body).error.code).toBe('unauthorized');
    expect(service.store.workspace.settings.analystName).not.toBe('Mallory');
  });

  it.each([
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['an Origin on another port', { origin: 'http://127.0.0.1:1' }],
    ['a null Origin', { origin: 'null' }],
    ['a rebound Host (DNS rebinding)', { host: 'evil.example:80' }],
    ['a Host on another port', { host: '127.0.0.1:1' }],
  ])('refuses %s with 403, even with the token', async (_name, headers) => {
    const reply = await call('updateSettings', [{ analystName: 'Mallory' }], headers);
    expect(reply.status).toBe(403);
    expect(service.store.workspace.settings.analystName).not.toBe('Mallory');
  });

  it('accepts its own origin under either loopback name', async () => {
    expect((await call('listDocuments', [], { origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
    expect((await call('listDocuments', [], { origin: `http://localhost:${host.port}`, host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('trades the token in the URL for an HttpOnly cookie and drops it from the address', async () => {
    const first = await send(host.port, { path: `/?token=${host.token}`, headers: { host: `127.0.0.1:${host.port}` } });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await send(host.port, { path: '/', headers: { host: `127.0.0.1:${host.port}`, cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Claimbench</title>');
  });

  it('explains itself to a browser that comes without the token', async () => {
    const reply = await send(host.port, { path: '/', headers: { host: `127.0.0.1:${host.port}`, accept: 'text/html' } });
    expect(reply.status).toBe(401);
    expect(reply.headers['content-type']).toMatch(/text\/html/);
    expect(reply.body).toContain('claimbench serve');
  });

  it('sends the security headers on every response', async () => {
    for (const reply of [
      await call('listDocuments', []),
      await send(host.port, { path: '/', headers: auth() }),
      await send(host.port, { path: '/' }),
    ]) {
      expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
      expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it.each([
    ['an unknown method', 'dropTables', '[]', 'application/json', 404, 'unknown-method'],
    ['invalid arguments', 'getDocument', '[{"id": 1}]', 'application/json', 400, 'invalid-arguments'],
    ['malformed JSON', 'getDocument', '[', 'application/json', 400, 'malformed-json'],
    ['a form post', 'listDocuments', 'a=b', 'application/x-www-form-urlencoded', 415, 'unsupported-media-type'],
    [
      'an oversized body',
      'updateSettings',
      `[{"analystName": "${'x'.repeat(MAX_BODY_BYTES)}"}]`,
      'application/json',
      413,
      'body-too-large',
    ],
  ])('refuses %s', async (_name, method, body, contentType, status, code) => {
    const reply = await send(host.port, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { ...auth(), 'content-type': contentType },
      body,
    });
    expect(reply.status).toBe(status);
    expect(JSON.parse(reply.body).error.code).toBe(code);
  });

  it('answers a document that is not there with an expected failure, not an error', async () => {
    const reply = await call('getDocument', ['no-such-document']);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body).value).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00index.html', '/..\\secret.txt'])(
    'never serves a file outside the renderer: %s',
    async (traversal) => {
      const reply = await send(host.port, { path: traversal, headers: auth() });
      expect(reply.status).toBe(404);
      expect(reply.body).not.toContain('outside the renderer');
    },
  );

  it('serves the renderer files and refuses other verbs', async () => {
    const script = await send(host.port, { path: '/assets/app.js', headers: auth() });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/text\/javascript/);
    expect((await send(host.port, { method: 'DELETE', path: '/index.html', headers: auth() })).status).toBe(405);
    expect((await send(host.port, { method: 'GET', path: '/api/listDocuments', headers: auth() })).status).toBe(405);
  });

  it('streams workbench events over SSE and ends the stream on close', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: auth() }, (response) => {
        expect(response.headers['content-type']).toMatch(/text\/event-stream/);
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          if (text.includes('event: didChangeWorkspace')) resolve(text);
        });
        response.on('end', () => resolve(text));
        // Once the stream is open, make a change that fires an event.
        setTimeout(() => void call('updateSettings', [{ analystName: 'Ada' }]), 50);
      });
      request.on('error', reject);
      request.end();
    });
    const text = await received;
    expect(text).toMatch(/event: didChangeSaveState\ndata: \{"pending":1\}/);
    const data = /event: didChangeWorkspace\ndata: (.*)\n/.exec(text)![1]!;
    expect(JSON.parse(data).settings.analystName).toBe('Ada');
  });

  it('streams evidence changes over SSE', async () => {
    const claim = service.store.evidence.claims[0]!;
    const received = new Promise<string>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: auth() }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          if (text.includes('event: didChangeEvidence')) resolve(text);
        });
        response.on('end', () => resolve(text));
        setTimeout(() => void call('deleteClaim', [claim.id]), 50);
      });
      request.on('error', reject);
      request.end();
    });
    const data = /event: didChangeEvidence\ndata: (.*)\n/.exec(await received)![1]!;
    expect(JSON.parse(data)).toEqual({ links: service.store.evidence.links, claims: [] });
  });

  it('closes with an open event stream', async () => {
    const opened = new Promise<void>((resolve) => {
      httpRequest({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: auth() }, (response) => {
        response.resume();
        resolve();
      }).end();
    });
    await opened;
    await host.close();
    await expect(send(host.port, { path: '/', headers: auth() })).rejects.toThrow(/ECONNREFUSED/);
    host = await startWebHost({ service, uploads: service.uploads, rendererDir, port: 0 });
    expect(await readdir(rendererDir)).toContain('index.html');
  });

  it('takes a file upload and imports it, reporting progress as events', async () => {
    const upload = await send(host.port, {
      method: 'POST',
      path: '/api/upload',
      headers: { ...auth(), 'content-type': 'application/octet-stream' },
      body: 'Uploaded statement\nwith two lines',
    });
    expect(upload.status).toBe(200);
    const { uploadId, size } = JSON.parse(upload.body).value;
    expect(size).toBe(33);
    const progress: unknown[] = [];
    service.onDidProgressImport((event) => progress.push(event));
    const reply = await call('importUploads', ['job-12345678', [{ uploadId, name: 'statement.txt' }]]);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body).value).toMatchObject([{ status: 'imported', name: 'statement.txt', title: 'Uploaded statement' }]);
    expect(progress.at(-1)).toMatchObject({ jobId: 'job-12345678', finished: true, done: 1, total: 1 });
    expect(service.store.documents).toHaveLength(4);
    // An upload is taken once.
    const again = await call('importUploads', ['job-87654321', [{ uploadId, name: 'statement.txt' }]]);
    expect(JSON.parse(again.body).value).toMatchObject([{ status: 'rejected', code: 'unreadable' }]);
  });

  it('refuses uploads that are not octet-streams, and uploads without the token', async () => {
    const form = await send(host.port, {
      method: 'POST',
      path: '/api/upload',
      headers: { ...auth(), 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x--',
    });
    expect(form.status).toBe(415);
    const anonymous = await send(host.port, {
      method: 'POST',
      path: '/api/upload',
      headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/octet-stream' },
      body: 'x',
    });
    expect(anonymous.status).toBe(401);
    expect(service.uploads.count).toBe(0);
  });
});
