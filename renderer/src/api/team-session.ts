// The signed-in member on a team server (`claimbench team serve`), and signing out. A team server
// sets the `claimbench-csrf` cookie at sign-in (the local host and the desktop app never do), so
// its absence says this window is not on a team server.
const CSRF_COOKIE = 'claimbench-csrf';

/** The CSRF token a team server gave this browser at sign-in, sent with every POST; undefined elsewhere. */
export function csrfToken(cookies: string = typeof document === 'undefined' ? '' : document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === CSRF_COOKIE) return part.slice(separator + 1).trim() || undefined;
  }
  return undefined;
}

/** Whether this window is on a team server (`claimbench team serve`): it has a session's CSRF cookie. */
export function onTeamServer(): boolean {
  return csrfToken() !== undefined;
}

export interface TeamMember {
  readonly name: string;
  readonly role: 'analyst' | 'reviewer' | 'admin';
}

/** Who is signed in, or undefined when this window is not on a team server (or the session ended). */
export async function teamMember(): Promise<TeamMember | undefined> {
  if (csrfToken() === undefined) return undefined;
  const response = await fetch('./api/session', { credentials: 'same-origin' }).catch(() => undefined);
  if (response === undefined || !response.ok) return undefined;
  return (await response.json()) as TeamMember;
}

/** Ends the session, then shows the sign-in form. */
export async function signOut(): Promise<void> {
  const token = csrfToken();
  await fetch('./logout', { method: 'POST', credentials: 'same-origin', headers: token ? { 'x-claimbench-csrf': token } : {} }).catch(
    () => undefined,
  );
  window.location.assign('/login');
}
