// Serves the built renderer from app://claimbench/, never from file:// or a remote URL.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../../core/security/csp.ts';
import { APP_HOST, APP_SCHEME } from '../desktop/url-policy.ts';
import { CONTENT_TYPES, resolveStaticPath } from '../web/static-files.ts';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveStaticPath(rendererDir, url.pathname) : undefined;
    if (file === undefined) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: { ...SECURITY_HEADERS, 'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
