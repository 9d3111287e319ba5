// The web host in team mode: sign-in, sessions, CSRF, bearer tokens and calls made as the member,
// over a TeamAccess kept in memory here (the PostgreSQL one is main/team/members.ts's, tested there).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { send, type Reply } from '../../tests/support/http-send.ts';
import { makeTempDir } from '../../tests/support/temp-dir.ts';
import type { WorkbenchService } from '../../core/contract/workbench-api.ts';
import { fail, ok } from '../../core/result.ts';
import { UploadStaging } from '../import/upload-staging.ts';
import type { Actor } from '../team/actor.ts';
import { startWebHost, type WebHost } from './server.ts';
import { csrfTokenOf, type TeamAccess } from './team-access.ts';

const ANA: Actor = { userId: 'u-ana', name: 'Ana', role: 'analyst' };

/** Members in memory: Ana's password is "correct horse"; one access token; calls are recorded. */
function memoryAccess() {
  const sessions = new Map<string, Actor>();
  const tokens = new Map<string, Actor>([['script-token-0123456789abcdef', ANA]]);
  const calls: { actor: string; method: string; args: unknown }[] = [];
  const access: TeamAccess = {
    login: async (name, password) => {
      if (name !== 'Ana' || password !== 'correct horse') return { ok: false, reason: 'The name or the password is wrong.' };
      const token = `session-${sessions.size}-0123456789abcdef`;
      sessions.set(token, ANA);
      return { ok: true, token, expiresAt: new Date(Date.now() + 3_600_000) };
    },
    sessionActor: async (token) => sessions.get(token),
    tokenActor: async (token) => tokens.get(token),
    logout: async (token) => void sessions.delete(token),
    call: async (actor, method, args) => {
      calls.push({ actor: actor.name, method, args });
      return method === 'setSettings' ? fail('forbidden', 'setSettings needs the admin role') : ok({ answeredFor: actor.name });
    },
  };
  return { access, calls, tokens };
}

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let host: WebHost;
let members: ReturnType<typeof memoryAccess>;
let origin: string;

beforeEach(async () => {
  temp = await makeTempDir();
  const rendererDir = path.join(temp.dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Claimbench</title>');
  members = memoryAccess();
  const uploads = new UploadStaging(1024);
  host = await startWebHost({ service: {} as WorkbenchService, uploads, rendererDir, port: 0, team: { access: members.access } });
  origin = `http://127.0.0.1:${host.port}`;
});

afterEach(async () => {
  await host.close();
  await temp[Symbol.asyncDispose]();
});

const signIn = async (password = 'correct horse') =>
  send(host.port, {
    method: 'POST',
    path: '/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ name: 'Ana', password }).toString(),
  });

function cookiesOf(reply: Reply): Map<string, string> {
  const header = reply.headers['set-cookie'] ?? [];
  return new Map((Array.isArray(header) ? header : [header]).map((cookie) => [cookie.split('=')[0]!, cookie]));
}

const valueOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1, cookie.indexOf(';'));

describe('a team server', () => {
  it('sends a person without a session to the sign-in form, whose policy lets only that form post here', async () => {
    const app = await send(host.port, { path: '/', headers: { accept: 'text/html' } });
    expect(app.status).toBe(303);
    expect(app.headers.location).toBe('/login');
    const form = await send(host.port, { path: '/login' });
    expect(form.status).toBe(200);
    expect(form.body).toContain('<form method="post" action="/login">');
    expect(form.headers['content-security-policy']).toContain("form-action 'self'");
    // Else Chromium posts the form with `Origin: null`, which the origin check refuses.
    expect(form.headers['referrer-policy']).toBe('same-origin');
    const api = await send(host.port, {
      method: 'POST',
      path: '/api/listDocuments',
      headers: { 'content-type': 'application/json', origin },
      body: '[]',
    });
    expect(api.status).toBe(401);
    expect(members.calls).toEqual([]);
  });

  it('signs in with HttpOnly, SameSite=Strict cookies and shows the form again, escaped, on a wrong password', async () => {
    const wrong = await signIn('nope');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('The name or the password is wrong.');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const right = await signIn();
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/');
    const cookies = cookiesOf(right);
    expect(cookies.get('claimbench-session')).toMatch(/HttpOnly; Path=\/; SameSite=Strict; Expires=/);
    expect(cookies.get('claimbench-csrf')).not.toContain('HttpOnly');
    expect(valueOf(cookies.get('claimbench-csrf')!)).toBe(csrfTokenOf(valueOf(cookies.get('claimbench-session')!)));
  });

  it('makes a cookie call only with the CSRF header, as the signed-in member', async () => {
    const cookies = cookiesOf(await signIn());
    const session = valueOf(cookies.get('claimbench-session')!);
    const headers = { 'content-type': 'application/json', origin, cookie: `claimbench-session=${session}` };
    const withoutCsrf = await send(host.port, { method: 'POST', path: '/api/listDocuments', headers, body: '[]' });
    expect(withoutCsrf.status).toBe(403);
    const wrongCsrf = await send(host.port, {
      method: 'POST',
      path: '/api/listDocuments',
      headers: { ...headers, 'x-claimbench-csrf': csrfTokenOf('another session') },
      body: '[]',
    });
    expect(wrongCsrf.status).toBe(403);
    expect(members.calls).toEqual([]);
    const made = await send(host.port, {
      method: 'POST',
      path: '/api/listDocuments',
      headers: { ...headers, 'x-claimbench-csrf': csrfTokenOf(session) },
      body: '[]',
    });
    expect(made.status).toBe(200);
    expect(JSON.parse(made.body)).toEqual({ value: { answeredFor: 'Ana' } });
    expect(members.calls).toEqual([{ actor: 'Ana', method: 'listDocuments', args: [] }]);
    const who = await send(host.port, { path: '/api/session', headers: { cookie: `claimbench-session=${session}` } });
    expect(JSON.parse(who.body)).toEqual({ name: 'Ana', role: 'analyst' });
  });

  it('answers 403 when the member may not call the method, and refuses a foreign origin before anything else', async () => {
    const bearer = { authorization: 'Bearer script-token-0123456789abcdef', 'content-type': 'application/json' };
    const forbidden = await send(host.port, { method: 'POST', path: '/api/setSettings', headers: bearer, body: '[{}]' });
    expect(forbidden.status).toBe(403);
    expect(JSON.parse(forbidden.body).error.code).toBe('forbidden');
    const foreign = await send(host.port, {
      method: 'POST',
      path: '/api/listDocuments',
      headers: { ...bearer, origin: 'http://evil.example' },
      body: '[]',
    });
    expect(foreign.status).toBe(403);
    expect(members.calls.map((call) => call.method)).toEqual(['setSettings']);
  });

  it('takes an access token from a script until it is revoked', async () => {
    const bearer = { authorization: 'Bearer script-token-0123456789abcdef', 'content-type': 'application/json' };
    expect((await send(host.port, { method: 'POST', path: '/api/listDocuments', headers: bearer, body: '[]' })).status).toBe(200);
    members.tokens.clear();
    expect((await send(host.port, { method: 'POST', path: '/api/listDocuments', headers: bearer, body: '[]' })).status).toBe(401);
  });

  it('signs out: the session is ended and its cookies cleared', async () => {
    const session = valueOf(cookiesOf(await signIn()).get('claimbench-session')!);
    const cookie = `claimbench-session=${session}`;
    const out = await send(host.port, {
      method: 'POST',
      path: '/logout',
      headers: { cookie, origin, 'x-claimbench-csrf': csrfTokenOf(session) },
    });
    expect(out.status).toBe(204);
    expect(cookiesOf(out).get('claimbench-session')).toContain('Max-Age=0');
    expect((await send(host.port, { path: '/api/session', headers: { cookie } })).status).toBe(401);
  });
});
