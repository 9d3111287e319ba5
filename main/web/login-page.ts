// A team server's sign-in and sign-out: GET /login (a plain form, no script), POST /login (the
// form: a session cookie and a redirect to the workbench, or the form again saying why not),
// POST /logout (ends the session; needs the CSRF header like every other POST) and GET /api/session
// (who is signed in, for the window's header).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from '../../core/security/csp.ts';
import type { Actor } from '../team/actor.ts';
import { clearedSessionCookies, sessionCookies, type TeamAccess } from './team-access.ts';

/** A login form is a name and a password: anything longer is not one. */
const MAX_LOGIN_BYTES = 4096;

/** The page's policy: the app's, but its one form may post to this origin. */
const LOGIN_CSP = SECURITY_HEADERS['content-security-policy']!.replace("form-action 'none'", "form-action 'self'");

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export function loginPage(message?: string, name = ''): string {
  const notice = message === undefined ? '' : `<p class="error" role="alert">${escapeHtml(message)}</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Claimbench</title>
<style>
:root { color-scheme: light dark; font: 16px/1.5 system-ui, sans-serif; }
body { display: grid; place-items: center; min-height: 100vh; margin: 0; background: Canvas; color: CanvasText; }
main { width: min(22rem, 90vw); }
label { display: block; margin-top: 1rem; font-weight: 600; }
input { width: 100%; box-sizing: border-box; padding: .5rem; font: inherit; margin-top: .25rem; }
button { margin-top: 1.5rem; padding: .5rem 1.25rem; font: inherit; }
.error { color: #b00020; font-weight: 600; }
@media (prefers-color-scheme: dark) { .error { color: #ff8a80; } }
:focus-visible { outline: 3px solid #4d90fe; outline-offset: 2px; }
</style></head>
<body><main>
<h1>Claimbench</h1>
<p>Sign in to your team's workspace.</p>
${notice}
<form method="post" action="/login">
<label for="name">Name</label><input id="name" name="name" autocomplete="username" required value="${escapeHtml(name)}" ${name ? '' : 'autofocus'}>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required ${name ? 'autofocus' : ''}>
<button type="submit">Sign in</button>
</form>
</main></body></html>
`;
}

function sendPage(response: ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': LOGIN_CSP,
    // With no-referrer (the app's policy), a browser sends `Origin: null` with the form's POST,
    // which the origin check must refuse; same-origin sends the real origin, and nothing elsewhere.
    'referrer-policy': 'same-origin',
    ...headers,
  });
  response.end(html);
}

export function serveLoginPage(response: ServerResponse, head: boolean): void {
  if (head) return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end();
  sendPage(response, 200, loginPage());
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_LOGIN_BYTES) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** POST /login: signs in, or shows the form again with the reason (401, or 429 with Retry-After). */
export async function handleLogin(request: IncomingMessage, response: ServerResponse, access: TeamAccess, secure: boolean): Promise<void> {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    request.resume();
    sendPage(response, 415, loginPage('Sign in with the form on this page.'));
    return;
  }
  const form = await readForm(request);
  const name = form?.get('name')?.trim() ?? '';
  const password = form?.get('password') ?? '';
  if (form === undefined || name === '' || password === '') {
    response.setHeader('connection', 'close');
    sendPage(response, 400, loginPage('Give your name and your password.', name.slice(0, 200)));
    return;
  }
  const outcome = await access.login(name, password, request.socket.remoteAddress ?? 'unknown');
  if (!outcome.ok) {
    const headers: Record<string, string> =
      outcome.retryAfterSeconds === undefined ? {} : { 'retry-after': String(outcome.retryAfterSeconds) };
    sendPage(response, outcome.retryAfterSeconds === undefined ? 401 : 429, loginPage(outcome.reason, name.slice(0, 200)), headers);
    return;
  }
  response.writeHead(303, {
    location: '/',
    'set-cookie': sessionCookies(outcome.token, outcome.expiresAt, secure),
    'cache-control': 'no-store',
  });
  response.end();
}

/** POST /logout (already authenticated, CSRF checked): ends the session and clears the cookies. */
export async function handleLogout(
  response: ServerResponse,
  access: TeamAccess,
  sessionToken: string | undefined,
  secure: boolean,
): Promise<void> {
  if (sessionToken !== undefined) await access.logout(sessionToken);
  response.writeHead(204, { 'set-cookie': clearedSessionCookies(secure), 'cache-control': 'no-store' });
  response.end();
}

/** GET /api/session: the signed-in member, as the window shows them. */
export function describeSession(actor: Actor): { readonly name: string; readonly role: Actor['role'] } {
  return { name: actor.name, role: actor.role };
}
