// Which URLs the desktop window may show, and which links may go to the system browser. Both are
// decided on the parsed URL (scheme, host, origin), never by comparing strings: a prefix test
// would let `app://claimbench.evil.example/` or `https://user@our-host/` through.

export const APP_SCHEME = 'app';
export const APP_HOST = 'claimbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True for our own pages (and, in development only, the Vite dev server's origin). */
export function isOwnUrl(url: string, devServerUrl?: string): boolean {
  const parsed = parse(url);
  if (parsed === undefined) return false;
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  const dev = devServerUrl === undefined ? undefined : parse(devServerUrl);
  // An origin of 'null' (data:, about:, any non-web scheme) equals every other 'null' origin.
  return dev !== undefined && dev.origin !== 'null' && parsed.origin === dev.origin;
}

/**
 * The URL to hand to the system browser, or undefined when it must not go there: only plain web
 * links (`http:`/`https:`, no user name or password) leave the app, never `file:` or a custom
 * scheme another program has registered. The URL is returned as we parsed it, so the OS receives
 * exactly what was checked rather than a string it might read differently.
 *
 * @example safeExternalUrl('https://example.org/a b') // 'https://example.org/a%20b'
 */
export function safeExternalUrl(url: string): string | undefined {
  const parsed = parse(url);
  if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return undefined;
  if (parsed.username !== '' || parsed.password !== '') return undefined;
  return parsed.href;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
