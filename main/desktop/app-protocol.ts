// What app://claimbench/ answers: the built renderer's files, and finished exports at
// /api/download/<id>. Pages come from this custom scheme rather than file://, so they have an
// origin of their own (which the IPC sender check and the navigation policy compare against) and
// never file://'s extra privileges. Every response, a 404 included, carries our CSP and security
// headers. main/electron/protocol.ts hands Electron's requests to `appProtocolResponse`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SECURITY_HEADERS } from '../../core/security/csp.ts';
import { attachmentHeader, type ExportStaging } from '../bundle/export-staging.ts';
import { CONTENT_TYPES, resolveStaticPath } from '../web/static-files.ts';
import { APP_HOST } from './url-policy.ts';

/**
 * The privileges app: is registered with. `standard` and `secure` give it an origin and a secure
 * context; `supportFetchAPI` and `corsEnabled` let module scripts and workers load. Deliberately
 * absent: `bypassCSP`, `allowServiceWorkers`, `stream` (none is needed, each widens what a page may do).
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } as const;

export interface AppProtocolSources {
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** The current workspace's finished exports, if a workspace is open. */
  exportsOf(): Pick<ExportStaging, 'get'> | undefined;
}

const DOWNLOAD_PREFIX = '/api/download/';

/** The response to an app: request (as the web host would answer the same path). */
export async function appProtocolResponse(requestUrl: string, sources: AppProtocolSources): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.host !== APP_HOST) return notFound();
  if (url.pathname.startsWith(DOWNLOAD_PREFIX)) return download(url.pathname.slice(DOWNLOAD_PREFIX.length), sources);
  const file = resolveStaticPath(sources.rendererDir, url.pathname);
  const body = file === undefined ? undefined : await readFile(file).catch(() => undefined);
  if (file === undefined || body === undefined) return notFound();
  return new Response(body, {
    headers: { ...SECURITY_HEADERS, 'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' },
  });
}

async function download(downloadId: string, sources: AppProtocolSources): Promise<Response> {
  const staged = /^[0-9a-f-]{36}$/.test(downloadId) ? sources.exportsOf()?.get(downloadId) : undefined;
  const body = staged === undefined ? undefined : await readFile(staged.path).catch(() => undefined);
  if (staged === undefined || body === undefined) return notFound();
  return new Response(body, {
    headers: { ...SECURITY_HEADERS, 'content-type': 'application/octet-stream', 'content-disposition': attachmentHeader(staged.fileName) },
  });
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
}
