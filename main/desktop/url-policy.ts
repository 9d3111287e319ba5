// Which URLs the desktop window may show, and which links may go to the system browser.

export const APP_SCHEME = 'app';
export const APP_HOST = 'claimbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True for our own pages (and, in development only, the Vite dev server's origin). */
export function isOwnUrl(url: string, devServerUrl?: string): boolean {
  const parsed = parse(url);
  if (parsed === undefined) return false;
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  const dev = devServerUrl === undefined ? undefined : parse(devServerUrl);
  return dev !== undefined && parsed.origin === dev.origin;
}

/** Links the user clicked may open in the system browser only if they are plain web links. */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== undefined && (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === '';
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
