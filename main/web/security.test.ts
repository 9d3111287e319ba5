// The web host's refusals, over real HTTP on an ephemeral port: each hostile request gets the
// right status, the service is never called, and no file anywhere in the test's folder (the
// workspace, the renderer, the upload and export staging folders) is created or changed. Every
// response of the file is checked for the security headers and for the absence of CORS headers.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkbenchService } from '../../core/contract/workbench-api.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { makeTempDir } from '../../tests/support/temp-dir.ts';
import { DEFAULT_LIMITS } from '../import/extract-types.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import type { UploadStaging } from '../import/upload-staging.ts';
import { createWorkbenchService, type WorkbenchHost } from '../workbench/workbench-service.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { MAX_BODY_BYTES } from './api-routes.ts';
import { startWebHost, type WebHost } from './server.ts';
import { TokenAttempts, type AttemptPolicy } from './token-attempts.ts';
import { serviceCreatorLookup } from '../rpc/creator-lookup.ts';
import { dispatchAs } from '../rpc/dispatch.ts';
import type { Actor } from '../team/actor.ts';
import { tokensEqual } from './guard.ts';
import type { TeamAccess } from './team-access.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

interface Request {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Where to connect (default 127.0.0.1 and this test's port). */
  address?: string;
}

const MAX_UPLOAD_BYTES = 64 * 1024;
const POLICY: AttemptPolicy = { maxFailures: 3, windowMs: 60_000, coolDownMs: 30_000, maxClients: 64 };

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let service: WorkbenchHost;
let host: WebHost;
let clock: { now: number };
/** Every property of the service read by the web host, and every upload staged. */
let touched: string[];
let replies: Reply[];

/** The team host's access token in these tests (an admin's): `host.token`, as the local host's is. */
const TEAM_TOKEN = 'cbpat_security-suite-token-000000000000';

/** A team whose only way in is an admin's access token; calls go through the roles' check. */
function adminAccess(service: WorkbenchService): TeamAccess {
  const admin: Actor = { userId: 'u-admin', name: 'Admin', role: 'admin' };
  return {
    login: async () => ({ ok: false, reason: 'not in these tests' }),
    sessionActor: async () => undefined,
    tokenActor: async (token) => (tokensEqual(token, TEAM_TOKEN) ? admin : undefined),
    logout: async () => {},
    call: (actor, method, args) => dispatchAs(service, actor, method, args, serviceCreatorLookup(service)),
  };
}

function send(options: Request, port = host.port): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: options.address ?? '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        setHost: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const reply = { status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') };
          replies.push(reply);
          resolve(reply);
        });
      },
    );
    // A server that answers before the whole body is sent may close while we still write.
    request.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    request.end(options.body);
  });
}

/** Sends raw bytes and parses the answer, for requests node:http will not write. */
function sendRaw(text: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, '127.0.0.1', () => socket.end(text));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = raw.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      const reply = { status: Number(statusLine.split(' ')[1]), headers, body };
      replies.push(reply);
      resolve(reply);
    });
  });
}

const ownHost = () => `127.0.0.1:${host.port}`;
const withToken = (headers: Record<string, string> = {}) => ({ host: ownHost(), authorization: `Bearer ${host.token}`, ...headers });
const json = (headers: Record<string, string> = {}) => withToken({ 'content-type': 'application/json', ...headers });
const call = (method: string, body: string, headers: Record<string, string> = {}) =>
  send({ method: 'POST', path: `/api/${method}`, headers: json(headers), body });

/** Every file and link under the test's folder, with a digest of what it holds (links not followed). */
async function snapshot(dir = temp.dir, prefix = ''): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  // A temporary file may be renamed away while we look (the store's own writes): not ours to count.
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const name = prefix + entry.name;
    if (entry.isSymbolicLink()) files[name] = `-> ${await readlink(full)}`;
    else if (entry.isDirectory()) Object.assign(files, await snapshot(full, `${name}/`));
    else if (entry.isFile()) {
      const bytes = await readFile(full).catch(() => undefined);
      if (bytes !== undefined) files[name] = createHash('sha256').update(bytes).digest('hex');
    }
  }
  return files;
}

/** Runs `act`, then checks that it reached neither the service nor the disk. */
async function withoutSideEffects<T>(act: () => Promise<T>): Promise<T> {
  const before = await snapshot();
  const result = await act();
  expect(touched).toEqual([]);
  expect(await snapshot()).toEqual(before);
  expect(service.uploads.count).toBe(0);
  return result;
}

/** The service and its upload staging, recording what the web host asks of them. */
function recording(real: WorkbenchHost): { service: WorkbenchService; uploads: UploadStaging } {
  const record = <T extends object>(target: T, label: (property: string) => string | undefined): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        const name = typeof property === 'string' ? label(property) : undefined;
        if (name === undefined || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          touched.push(name);
          return (value as (...args: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  return {
    // Any method at all (contract or not), so a name such as "dispose" or "constructor" would show.
    service: record(real, (property) => (property.startsWith('onDid') ? undefined : property)),
    uploads: record(real.uploads, (property) => `uploads.${property}`),
  };
}

// Both hosts: the local one (a token per run) and a team server's (members' access tokens, here
// one an admin holds; the calls made as that member through the roles' check). Each refusal must
// hold on both; the few tests about the run's token alone are the local host's.
describe.each(['local', 'team'] as const)('the %s web host', (hostMode) => {
  beforeEach(async () => {
    temp = await makeTempDir();
    // The upload and export staging folders are made in os.tmpdir(): here, inside the test's folder,
    // so that the snapshot sees them.
    const tmp = path.join(temp.dir, 'tmp');
    await mkdir(tmp);
    vi.spyOn(os, 'tmpdir').mockReturnValue(tmp);
    const rendererDir = path.join(temp.dir, 'renderer');
    await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Claimbench</title>');
    await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(temp.dir, 'secret.txt'), 'outside the renderer');
    // Links: one within the renderer (served), two out of it (never).
    await symlink(path.join(rendererDir, 'assets', 'app.js'), path.join(rendererDir, 'alias.js'));
    await symlink(path.join(temp.dir, 'secret.txt'), path.join(rendererDir, 'leak.txt'));
    await symlink(temp.dir, path.join(rendererDir, 'outside'));
    const { store } = await openOrCreateWorkspace(path.join(temp.dir, 'ws'), { resourcesDir: RESOURCES_DIR });
    service = createWorkbenchService(store, { extractors: EXTRACTORS, limits: { ...DEFAULT_LIMITS, maxFileBytes: MAX_UPLOAD_BYTES } });
    await store.flush();
    touched = [];
    replies = [];
    clock = { now: 1_000_000 };
    const recorded = recording(service);
    host = await startWebHost({
      service: recorded.service,
      uploads: recorded.uploads,
      exports: service.exports,
      rendererDir,
      port: 0,
      tokenAttempts: new TokenAttempts(POLICY, () => clock.now),
      ...(hostMode === 'team' ? { token: TEAM_TOKEN, team: { access: adminAccess(recorded.service) } } : {}),
    });
  });

  afterEach(async () => {
    await host.close();
    await service.dispose();
    vi.restoreAllMocks();
    await temp[Symbol.asyncDispose]();
    // Whatever the request, the answer carried the headers, and never a CORS header.
    for (const reply of replies) {
      expect(reply.headers['content-security-policy'], `${reply.status} ${reply.body}`).toMatch(
        /default-src 'self'.*frame-ancestors 'none'/,
      );
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
      expect(Object.keys(reply.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  describe('the web host refuses, without side effects', () => {
    it.each<[string, Record<string, string>]>([
      ['no token', { host: 'OWN' }],
      ['a wrong token', { host: 'OWN', authorization: 'Bearer nope' }],
      ['a token one character off', { host: 'OWN', authorization: 'Bearer TOKEN-OFF' }],
      ['a wrong token in the cookie', { host: 'OWN', cookie: 'claimbench-token-PORT=nope' }],
      ['the token in the cookie of another port', { host: 'OWN', cookie: 'claimbench-token-1=TOKEN' }],
      ['the token in another scheme', { host: 'OWN', authorization: 'Basic TOKEN' }],
    ])('a call with %s: 401', async (_name, headers) => {
      const fill = (value: string) =>
        value
          .replace('OWN', ownHost())
          .replace('PORT', String(host.port))
          .replace('TOKEN-OFF', `${host.token.slice(0, -1)}${host.token.endsWith('A') ? 'B' : 'A'}`)
          .replace('TOKEN', host.token);
      const filled = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, fill(value)]));
      const reply = await withoutSideEffects(() =>
        send({
          method: 'POST',
          path: '/api/updateSettings',
          headers: { ...filled, 'content-type': 'application/json' },
          body: '[{"analystName":"Mallory"}]',
        }),
      );
      expect(reply.status).toBe(401);
      expect(JSON.parse(reply.body).error.code).toBe('unauthorized');
    });

    // The run's token in a URL is the local host's; a team's sends a page without a session to its sign-in form.
    it.skipIf(hostMode === 'team')('a wrong token in the URL, on a page or the API: 401', async () => {
      await withoutSideEffects(async () => {
        expect((await send({ path: '/?token=nope', headers: { host: ownHost() } })).status).toBe(401);
        expect(
          (
            await send({
              method: 'POST',
              path: '/api/updateSettings?token=nope',
              headers: { host: ownHost(), 'content-type': 'application/json' },
              body: '[{}]',
            })
          ).status,
        ).toBe(401);
      });
    });

    it.each<[string, Record<string, string>]>([
      ['a foreign Origin', { origin: 'https://evil.example' }],
      ['an Origin on another port', { origin: 'http://127.0.0.1:1' }],
      ['a null Origin (sandboxed frame, file:)', { origin: 'null' }],
      ['an Origin in capitals', { origin: 'HTTP://127.0.0.1:PORT' }],
      ['an Origin with a path', { origin: 'http://127.0.0.1:PORT/' }],
      ['an https Origin', { origin: 'https://127.0.0.1:PORT' }],
      ['the other loopback name as Origin', { origin: 'http://localhost:PORT' }],
      ['an Origin with credentials', { origin: 'http://user@127.0.0.1:PORT' }],
      ['a rebound Host (DNS rebinding)', { host: 'evil.example:PORT' }],
      ['a Host on another port', { host: '127.0.0.1:1' }],
      ['a Host without its port', { host: '127.0.0.1' }],
      ['a Host with a trailing dot', { host: 'localhost.:PORT' }],
      ['a Host under a rebinding name', { host: 'localhost.evil.example:PORT' }],
      ['a Host with a non-canonical IPv6 loopback', { host: '[0:0:0:0:0:0:0:1]:PORT' }],
      ['a Host with a numeric IPv4 form', { host: '2130706433:PORT' }],
      ['a Host with a short IPv4 form', { host: '127.1:PORT' }],
      ['an empty Host', { host: '' }],
      ['a cross-site fetch (Fetch Metadata)', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' }],
      [
        'a same-site fetch from another port of localhost',
        { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' },
      ],
      [
        'a cross-site "navigation" that is a POST',
        { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
      ],
    ])('a call with %s, even with the token: 403', async (_name, headers) => {
      const filled = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.replace('PORT', String(host.port))]));
      const reply = await withoutSideEffects(() => call('updateSettings', '[{"analystName":"Mallory"}]', filled));
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.body).error.code).toBe('forbidden');
    });

    it.each<[string, string, Record<string, string>]>([
      [
        'a script loaded by another site',
        '/assets/app.js',
        { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' },
      ],
      [
        'an image from another port of localhost',
        '/index.html',
        { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' },
      ],
      [
        "the app in another site's frame",
        '/',
        { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' },
      ],
      [
        'another site linking to a download',
        '/api/download/00000000-0000-4000-8000-000000000000',
        { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
      ],
    ])('%s, with the cookie: 403', async (_name, urlPath, headers) => {
      const reply = await withoutSideEffects(() =>
        send({ path: urlPath, headers: { host: ownHost(), cookie: `claimbench-token-${host.port}=${host.token}`, ...headers } }),
      );
      expect(reply.status).toBe(403);
    });

    // The run's token in a URL is the local host's; a team's sends a page without a session to its sign-in form.
    it.skipIf(hostMode === 'team')(
      'lets a top-level navigation from another site show the app (it carries no cookie across sites)',
      async () => {
        const reply = await send({
          path: '/',
          headers: {
            host: ownHost(),
            cookie: `claimbench-token-${host.port}=${host.token}`,
            'sec-fetch-site': 'cross-site',
            'sec-fetch-mode': 'navigate',
            'sec-fetch-dest': 'document',
          },
        });
        expect(reply.status).toBe(200);
        expect((await send({ path: '/', headers: withToken({ 'sec-fetch-site': 'same-origin' }) })).status).toBe(200);
        expect((await send({ path: '/', headers: withToken({ 'sec-fetch-site': 'none' }) })).status).toBe(200);
      },
    );

    it('accepts its Host in any case, and the IPv6 loopback name', async () => {
      expect((await call('listDocuments', '[]', { host: `LOCALHOST:${host.port}` })).status).toBe(200);
      expect((await call('listDocuments', '[]', { host: `[::1]:${host.port}`, origin: `http://[::1]:${host.port}` })).status).toBe(200);
      expect(touched).toEqual(['listDocuments', 'listDocuments']);
    });

    it('refuses a CORS preflight, and never answers with CORS headers', async () => {
      await withoutSideEffects(async () => {
        const preflight = { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' };
        const foreign = await send({
          method: 'OPTIONS',
          path: '/api/updateSettings',
          headers: { host: ownHost(), origin: 'https://evil.example', ...preflight },
        });
        expect(foreign.status).toBe(403);
        const anonymous = await send({ method: 'OPTIONS', path: '/api/updateSettings', headers: { host: ownHost(), ...preflight } });
        expect(anonymous.status).toBe(401);
        const own = await send({
          method: 'OPTIONS',
          path: '/api/updateSettings',
          headers: withToken({ origin: `http://${ownHost()}`, ...preflight }),
        });
        expect(own.status).toBe(405);
        expect((await send({ method: 'OPTIONS', path: '/', headers: withToken(preflight) })).status).toBe(405);
        expect((await send({ method: 'OPTIONS', path: '*', headers: withToken(preflight) })).status).toBe(405);
      });
      // The afterEach check sees every reply: no Access-Control-* header on any of them.
      expect(replies).toHaveLength(5);
    });

    it.each<[string, number, string, string, string]>([
      ['malformed JSON', 400, 'updateSettings', '[{"analystName":', 'malformed-json'],
      ['a body that is not an array', 400, 'updateSettings', '{"analystName":"Mallory"}', 'invalid-arguments'],
      ['a null body', 400, 'updateSettings', 'null', 'invalid-arguments'],
      ['a wrong type', 400, 'updateSettings', '[{"analystName":5}]', 'invalid-arguments'],
      ['an extra property', 400, 'updateSettings', '[{"analystName":"Mallory","admin":true}]', 'invalid-arguments'],
      ['an extra argument', 400, 'updateSettings', '[{"analystName":"Mallory"},{"analystName":"Eve"}]', 'invalid-arguments'],
      ['a missing argument', 400, 'updateSettings', '[]', 'invalid-arguments'],
      ['a __proto__ key', 400, 'updateSettings', '[{"analystName":"Mallory","__proto__":{"polluted":true}}]', 'invalid-arguments'],
      [
        'a nested constructor.prototype',
        400,
        'updateSettings',
        '[{"analystName":"Mallory","constructor":{"prototype":{"polluted":true}}}]',
        'invalid-arguments',
      ],
      // A record of choices: the schema alone would let these keys through.
      ['a __proto__ key in a record', 400, 'applyBundleImport', '["job-12345678",{"__proto__":"mine"}]', 'invalid-arguments'],
      ['a constructor key in a record', 400, 'applyBundleImport', '["job-12345678",{"constructor":"theirs"}]', 'invalid-arguments'],
      ['an escaped __proto__ key', 400, 'applyBundleImport', '["job-12345678",{"\\u005f_proto__":"mine"}]', 'invalid-arguments'],
      [
        'an upload id that is a path',
        400,
        'importUploads',
        '["job-12345678",[{"uploadId":"../../secret.txt","name":"x.txt"}]]',
        'invalid-arguments',
      ],
      ['a document id that is a path', 400, 'getDocument', '["../../secret"]', 'invalid-arguments'],
    ])('%s: %i', async (_name, status, method, body, code) => {
      const reply = await withoutSideEffects(() => call(method, body));
      expect(reply.status).toBe(status);
      expect(JSON.parse(reply.body).error.code).toBe(code);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it.each<[string, Record<string, string>]>([
      ['a form post', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['text/plain (what a foreign page may send without preflight)', { 'content-type': 'text/plain' }],
      ['a multipart form', { 'content-type': 'multipart/form-data; boundary=x' }],
      ['no content type', {}],
    ])('a call as %s: 415', async (_name, headers) => {
      const reply = await withoutSideEffects(() =>
        send({ method: 'POST', path: '/api/updateSettings', headers: withToken(headers), body: '[{"analystName":"Mallory"}]' }),
      );
      expect(reply.status).toBe(415);
    });

    it('an oversized call, declared or streamed: 413 at once', async () => {
      const body = `[{"analystName":"${'x'.repeat(MAX_BODY_BYTES)}"}]`;
      await withoutSideEffects(async () => {
        const declared = await call('updateSettings', body);
        expect(declared.status).toBe(413);
        expect(declared.headers.connection).toBe('close');
        const chunked = await call('updateSettings', body, { 'transfer-encoding': 'chunked' });
        expect(chunked.status).toBe(413);
        expect(JSON.parse(chunked.body).error.code).toBe('body-too-large');
      });
    });

    it.each([
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'dispose',
      'uploads',
      'store',
      'onDidChangeWorkspace',
      '%5F%5Fproto%5F%5F',
      'listDocuments%00',
      'updateSettings%2f..',
      '..%2fupdateSettings',
      'updateSettings/',
      'nothing',
    ])('a call to /api/%s (not a contract method): 404', async (method) => {
      const reply = await withoutSideEffects(() => call(method, '[{"analystName":"Mallory"}]'));
      expect(reply.status).toBe(404);
      expect(JSON.parse(reply.body).error.code).toBe('unknown-method');
    });

    it.each<[string, number]>([
      ['/api/download/..%2F..%2Fsecret.txt', 404],
      ['/api/download/%2e%2e%2f%2e%2e%2fsecret.txt', 404],
      ['/api/download/..%5C..%5Csecret.txt', 404],
      ['/api/download/%2Fetc%2Fpasswd', 404],
      ['/api/download//etc/passwd', 404],
      ['/api/download/00000000-0000-4000-8000-000000000000', 404],
      ['/api/download/00000000-0000-4000-8000-000000000000%00', 404],
      ['/api/download/00000000-0000-4000-8000-00000000000A', 404],
      ['/api/download/', 404],
      // Normalized by the URL parser to /api/secret.txt: the call route, which takes POST only.
      ['/api/download/../secret.txt', 405],
    ])('a download of %s: %i', async (urlPath, status) => {
      const reply = await withoutSideEffects(() => send({ path: urlPath, headers: withToken() }));
      expect(reply.status).toBe(status);
      expect(reply.body).not.toContain('outside the renderer');
    });

    it.each([
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '/%00index.html',
      '/index.html%00.js',
      '/%252e%252e/secret.txt',
      '/%2Fetc%2Fpasswd',
      '//etc/passwd',
      `/${encodeURIComponent(os.tmpdir())}`,
      '/%c0%ae%c0%ae/secret.txt',
      '/leak.txt',
      '/outside/secret.txt',
      '/assets',
    ])('a static file %s (outside the renderer, or no file): 404', async (urlPath) => {
      const reply = await withoutSideEffects(() => send({ path: urlPath, headers: withToken() }));
      expect(reply.status).toBe(404);
      expect(reply.body).not.toContain('outside the renderer');
      expect(reply.body).not.toContain('Claimbench');
    });

    it('serves a link that stays inside the renderer (the check above is not just "no links")', async () => {
      const reply = await send({ path: '/alias.js', headers: withToken() });
      expect(reply.status).toBe(200);
      expect(reply.body).toBe('console.log(1)');
    });

    it.each<[string, string, string]>([
      ['POST', '/index.html', 'GET, HEAD'],
      ['PUT', '/assets/app.js', 'GET, HEAD'],
      ['DELETE', '/', 'GET, HEAD'],
      ['GET', '/api/updateSettings', 'POST'],
      ['GET', '/api/upload', 'POST'],
      ['POST', '/api/events', 'GET'],
      ['DELETE', '/api/download/00000000-0000-4000-8000-000000000000', 'GET'],
    ])('%s %s: 405, Allow: %s', async (method, urlPath, allow) => {
      const reply = await withoutSideEffects(() => send({ method, path: urlPath, headers: json() }));
      expect(reply.status).toBe(405);
      expect(reply.headers.allow).toBe(allow);
    });

    it('never echoes a request as markup in an error', async () => {
      const payload = '<script>alert(1)</script>';
      await withoutSideEffects(async () => {
        const page = await send({ path: '/', headers: { host: `${payload}:${host.port}`, accept: 'text/html' } });
        expect(page.status).toBe(403);
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        expect(page.body).not.toContain('<script>');
        expect(page.body).toContain('&#60;script&#62;');
        const origin = await send({
          path: '/',
          headers: withToken({ origin: `http://x"><img src=x onerror=alert(1)>`, accept: 'text/html' }),
        });
        expect(origin.status).toBe(403);
        expect(origin.body).not.toMatch(/<img/);
        // Elsewhere the input is quoted in JSON only, which nosniff keeps from being read as HTML.
        const method = await call(encodeURIComponent(payload), '[]', { accept: 'text/html' });
        expect(method.status).toBe(404);
        expect(method.headers['content-type']).toMatch(/^application\/json/);
        const file = await send({ path: `/${encodeURIComponent(payload)}`, headers: withToken({ accept: 'text/html' }) });
        expect(file.status).toBe(404);
        expect(file.headers['content-type']).toMatch(/^text\/plain/);
        expect(file.body).not.toContain('script');
      });
    });

    // The run's token in a URL is the local host's; a team's sends a page without a session to its sign-in form.
    it.skipIf(hostMode === 'team')('redirects the token in the URL to this server only', async () => {
      for (const urlPath of ['/.//evil.example/', '/%2e//evil.example/', '/a/..//evil.example']) {
        const reply = await send({ path: `${urlPath}?token=${host.token}`, headers: { host: ownHost() } });
        expect(reply.status).toBe(303);
        expect(reply.headers.location).toBe('/evil.example' + (urlPath.endsWith('/') ? '/' : ''));
      }
    });

    it('answers requests Node refuses itself with the headers too', async () => {
      const malformed = await sendRaw(`GET / HTTP/1.1\r\nHost: ${ownHost()}\r\nNot a header\r\n\r\n`);
      expect(malformed.status).toBe(400);
      const huge = await sendRaw(`GET / HTTP/1.1\r\nHost: ${ownHost()}\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`);
      expect(huge.status).toBe(431);
      const smuggled = await sendRaw(
        `POST /api/listDocuments HTTP/1.1\r\nHost: ${ownHost()}\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      );
      expect(smuggled.status).toBe(400);
      expect(touched).toEqual([]);
    });
  });

  describe('uploads', () => {
    const stagedFiles = async () => (await snapshot(path.join(temp.dir, 'tmp'))) as Record<string, string>;

    it('refuses an upload declared larger than the import limit before staging anything: 413', async () => {
      const reply = await withoutSideEffects(() =>
        send({
          method: 'POST',
          path: '/api/upload',
          headers: withToken({ 'content-type': 'application/octet-stream' }),
          body: Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x61),
        }),
      );
      expect(reply.status).toBe(413);
      expect(JSON.parse(reply.body).error.code).toBe('too-large');
    });

    it('stops a streamed upload at the limit and keeps none of it: 413', async () => {
      const reply = await send({
        method: 'POST',
        path: '/api/upload',
        headers: withToken({ 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' }),
        body: Buffer.alloc(MAX_UPLOAD_BYTES * 4, 0x61),
      });
      expect(reply.status).toBe(413);
      expect(await stagedFiles()).toEqual({});
      expect(service.uploads.count).toBe(0);
      expect(touched).toEqual(['uploads.stageStream']);
    });

    it.each<[string, number, () => Record<string, string>]>([
      ['without the token', 401, () => ({ host: ownHost(), 'content-type': 'application/octet-stream' })],
      ['with a wrong token', 401, () => ({ host: ownHost(), authorization: 'Bearer nope', 'content-type': 'application/octet-stream' })],
      ['from a foreign Origin', 403, () => withToken({ origin: 'https://evil.example', 'content-type': 'application/octet-stream' })],
      ['as a multipart form', 415, () => withToken({ 'content-type': 'multipart/form-data; boundary=x' })],
    ])('refuses an upload %s: %i', async (_name, status, headers) => {
      const reply = await withoutSideEffects(() =>
        send({ method: 'POST', path: '/api/upload', headers: headers(), body: '--x\r\n\r\nhello\r\n--x--' }),
      );
      expect(reply.status).toBe(status);
    });

    it('stages under a random name whatever the request says, and imports under the last segment of the name only', async () => {
      const before = await snapshot();
      const upload = await send({
        method: 'POST',
        path: '/api/upload',
        headers: withToken({
          'content-type': 'application/octet-stream',
          'x-file-name': '../../escaped.txt',
          'content-disposition': 'attachment; filename="../../escaped.txt"',
        }),
        body: 'Uploaded statement',
      });
      expect(upload.status).toBe(200);
      const { uploadId } = JSON.parse(upload.body).value as { uploadId: string };
      const staged = Object.keys(await stagedFiles());
      expect(staged).toHaveLength(1);
      expect(path.basename(staged[0]!)).toBe(uploadId);
      expect(uploadId).toMatch(/^[0-9a-f-]{36}$/);

      const names = ['../../../escaped.txt', '/etc/cron.d/escaped.txt'];
      const uploads = [{ uploadId, name: names[0] }];
      const second = await send({
        method: 'POST',
        path: '/api/upload',
        headers: withToken({ 'content-type': 'application/octet-stream' }),
        body: 'Another statement',
      });
      uploads.push({ uploadId: (JSON.parse(second.body).value as { uploadId: string }).uploadId, name: names[1] });
      const reply = await call('importUploads', JSON.stringify(['job-12345678', uploads]));
      expect(JSON.parse(reply.body).value).toMatchObject([
        { status: 'imported', name: 'escaped.txt' },
        { status: 'imported', name: 'escaped.txt' },
      ]);
      // The only new files are the two documents (with their first backups) and their originals, inside the workspace.
      await service.store.flush();
      const after = await snapshot();
      const added = Object.keys(after).filter((file) => !(file in before));
      expect(
        added.filter(
          (file) => !file.startsWith('ws/documents/') && !file.startsWith('ws/originals/') && !file.startsWith('ws/.backups/documents/'),
        ),
      ).toEqual([]);
      expect(added.filter((file) => file.includes('originals'))).toHaveLength(2);
      expect(added.some((file) => file.includes('escaped'))).toBe(false);
      expect(await stagedFiles()).toEqual({});
    });
  });

  // The local host's guard against guessed tokens; a team's sign-in has its own limit (main/team/login-limit.ts).
  describe.skipIf(hostMode === 'team')('rate of wrong tokens', () => {
    const wrong = () =>
      send({
        method: 'POST',
        path: '/api/listDocuments',
        headers: { host: ownHost(), 'content-type': 'application/json', authorization: 'Bearer guess' },
        body: '[]',
      });
    const right = (headers: Record<string, string> = {}) => call('listDocuments', '[]', headers);

    it('after 3 wrong tokens refuses the address, the right token too, with 429 and Retry-After; lets it in after the cool-down', async () => {
      await withoutSideEffects(async () => {
        for (let attempt = 0; attempt < 3; attempt++) expect((await wrong()).status).toBe(401);
        const locked = await right();
        expect(locked.status).toBe(429);
        expect(locked.headers['retry-after']).toBe('30');
        expect(JSON.parse(locked.body).error.code).toBe('too-many-attempts');
        // Only the socket's address counts: a forwarding header changes nothing.
        expect((await right({ 'x-forwarded-for': '192.0.2.99', forwarded: 'for=192.0.2.99', 'x-real-ip': '192.0.2.99' })).status).toBe(429);
        clock.now += 29_001;
        const later = await wrong();
        expect(later.status).toBe(429);
        expect(later.headers['retry-after']).toBe('1');
      });
      clock.now += 999;
      expect((await right()).status).toBe(200);
    });

    it('counts only wrong tokens: missing ones and refused origins are not guesses', async () => {
      for (let attempt = 0; attempt < 10; attempt++) {
        expect(
          (
            await send({
              method: 'POST',
              path: '/api/listDocuments',
              headers: { host: ownHost(), 'content-type': 'application/json' },
              body: '[]',
            })
          ).status,
        ).toBe(401);
        expect((await send({ path: '/', headers: { host: 'evil.example', authorization: 'Bearer guess' } })).status).toBe(403);
      }
      expect((await right()).status).toBe(200);
    });

    it('forgets wrong tokens after the window', async () => {
      for (let attempt = 0; attempt < 2; attempt++) await wrong();
      clock.now += 60_000;
      for (let attempt = 0; attempt < 2; attempt++) await wrong();
      expect((await right()).status).toBe(200);
    });

    it('explains the cool-down to a browser', async () => {
      for (let attempt = 0; attempt < 3; attempt++) await wrong();
      const page = await send({ path: '/', headers: { host: ownHost(), accept: 'text/html' } });
      expect(page.status).toBe(429);
      expect(page.body).toContain('Claimbench: too many wrong tokens');
    });
  });

  describe('every kind of response', () => {
    it('carries the CSP, nosniff and no-referrer, and no CORS header', async () => {
      const exported = await call('exportBundle', JSON.stringify(['export-job-1', { format: 'bundle', originals: false, sign: false }]));
      const { downloadId, fileName } = (JSON.parse(exported.body).value as { value: { downloadId: string; fileName: string } }).value;
      const download = await send({ path: `/api/download/${downloadId}`, headers: withToken() });
      expect(download.status).toBe(200);
      expect(download.headers['content-disposition']).toMatch(/^attachment; filename="[^"/\\]+"; filename\*=UTF-8''/);
      expect(download.headers['content-disposition']).toContain(encodeURIComponent(fileName));
      expect(download.headers['content-type']).toBe('application/octet-stream');
      const events = await new Promise<Reply>((resolve, reject) => {
        httpRequest({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: withToken() }, (response) => {
          const reply = { status: response.statusCode!, headers: response.headers, body: '' };
          replies.push(reply);
          response.destroy();
          resolve(reply);
        })
          .on('error', reject)
          .end();
      });
      expect(events.headers['content-type']).toMatch(/^text\/event-stream/);
      const kinds = [
        exported,
        download,
        events,
        await send({ path: '/assets/app.js', headers: withToken() }),
        await send({ path: '/missing.js', headers: withToken() }),
        await send({ path: `/?token=${host.token}`, headers: { host: ownHost() } }),
        await send({ path: '/', headers: { host: ownHost(), accept: 'text/html' } }),
        await send({ path: '/', headers: { host: 'evil.example' } }),
        await call('nothing', '[]'),
        await call('updateSettings', '['),
        await sendRaw('BROKEN\r\n\r\n'),
      ];
      // A page asked for without a way in: 401 on the local host, the sign-in form (303) on a team's.
      const unauthorizedPage = hostMode === 'team' ? 303 : 401;
      expect(kinds.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 404, 303, unauthorizedPage, 403, 404, 400, 400]);
      // The headers themselves are checked for every reply after each test.
      expect(replies.length).toBeGreaterThanOrEqual(kinds.length);
    });
  });

  describe('listening elsewhere than 127.0.0.1', () => {
    it('refuses a name, and an address other machines reach unless allowRemote says so', async () => {
      const options = { service, uploads: service.uploads, rendererDir: temp.dir, port: 0 };
      await expect(startWebHost({ ...options, host: 'localhost' })).rejects.toThrow(/IP address/);
      await expect(startWebHost({ ...options, host: '0.0.0.0' })).rejects.toThrow(/allowRemote/);
      await expect(startWebHost({ ...options, host: '192.0.2.7' })).rejects.toThrow(/allowRemote/);
    });

    it('on ::1, answers its own literal and the loopback names, and refuses other Hosts', async () => {
      const v6 = await startWebHost({
        service,
        uploads: service.uploads,
        rendererDir: path.join(temp.dir, 'renderer'),
        port: 0,
        host: '::1',
      });
      try {
        expect(v6.url).toBe(`http://[::1]:${v6.port}/?token=${v6.token}`);
        const ask = (hostHeader: string, origin?: string) =>
          send(
            {
              address: '::1',
              method: 'POST',
              path: '/api/listDocuments',
              headers: {
                host: hostHeader,
                authorization: `Bearer ${v6.token}`,
                'content-type': 'application/json',
                ...(origin ? { origin } : {}),
              },
              body: '[]',
            },
            v6.port,
          );
        expect((await ask(`[::1]:${v6.port}`, `http://[::1]:${v6.port}`)).status).toBe(200);
        expect((await ask(`localhost:${v6.port}`)).status).toBe(200);
        expect((await ask(`evil.example:${v6.port}`)).status).toBe(403);
        expect((await ask(`[::1]:${v6.port}`, `http://localhost:${v6.port}`)).status).toBe(403);
      } finally {
        await v6.close();
      }
    });
  });
});
