// Serves the built renderer from app://claimbench/, never from file:// or a remote URL.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../../core/security/csp.ts';
import { attachmentHeader, type ExportStaging } from '../bundle/export-staging.ts';
import { APP_HOST, APP_SCHEME } from '../desktop/url-policy.ts';
import { CONTENT_TYPES, resolveStaticPath } from '../web/static-files.ts';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

/**
 * Serves the renderer, and app://claimbench/api/download/<id>: a finished export of the current
 * workspace's service (`exportsOf`), which Electron offers to save with its save dialog.
 */
export function serveRenderer(rendererDir: string, exportsOf: () => ExportStaging | undefined): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host === APP_HOST && url.pathname.startsWith('/api/download/')) {
      const downloadId = url.pathname.slice('/api/download/'.length);
      const staged = /^[0-9a-f-]{36}$/.test(downloadId) ? exportsOf()?.get(downloadId) : undefined;
      if (staged === undefined) return new Response('Not found', { status: 404 });
      const body = await readFile(staged.path).catch(() => undefined);
      if (body === undefined) return new Response('Not found', { status: 404 });
      return new Response(body, { headers: { ...SECURITY_HEADERS, 'content-type': 'application/octet-stream', 'content-disposition': attachmentHeader(staged.fileName) } });
    }
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
