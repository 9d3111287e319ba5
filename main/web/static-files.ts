// Serves the built renderer's files, and nothing outside its folder: not through `..` in any
// spelling, nor through a symbolic link that points out of it.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Resolves a URL path to a file inside `root`, or undefined when it would leave it (`..`, encoded
 * separators, NUL) or is not a plain relative path.
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolved = path.resolve(root, relative);
  return isInside(path.resolve(root), resolved) ? resolved : undefined;
}

/**
 * Like `resolveStaticPath`, and then the file's real path (links followed) must still be inside
 * the real `root`: a link in the renderer folder to /etc/passwd resolves to undefined.
 */
export async function resolveRendererFile(root: string, urlPath: string): Promise<string | undefined> {
  const file = resolveStaticPath(root, urlPath);
  if (file === undefined) return undefined;
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)].map((pending) => pending.catch(() => undefined)));
  return realRoot !== undefined && realFile !== undefined && isInside(realRoot, realFile) ? realFile : undefined;
}

function isInside(root: string, file: string): boolean {
  return file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** Streams the file if it exists; answers 404 otherwise. */
export async function serveStatic(root: string, urlPath: string, response: ServerResponse, headOnly: boolean): Promise<void> {
  const file = await resolveRendererFile(root, urlPath);
  const info = file === undefined ? undefined : await stat(file).catch(() => undefined);
  if (file === undefined || info === undefined || !info.isFile()) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
    return;
  }
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': info.size,
    // Vite fingerprints assets; index.html must be fetched afresh so it names the current ones.
    'cache-control': urlPath.startsWith('/assets/') ? 'private, max-age=31536000, immutable' : 'no-cache',
  });
  if (headOnly) {
    response.end();
    return;
  }
  // A file removed between stat and open must not crash the server: pipeline reports it here.
  await pipeline(createReadStream(file), response).catch(() => response.destroy());
}
