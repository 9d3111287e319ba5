// Serves the built renderer's files, and nothing outside its folder: not through `..` in any
// spelling, nor through a symbolic link that points out of it. The build writes brotli and gzip
// copies of the larger text assets once (electron.vite.config.ts); a browser that accepts one gets
// it, so nothing is compressed per request.
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

/** The precompressed copies the build writes, best first, by their `Content-Encoding` and file suffix. */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/**
 * The encodings an `Accept-Encoding` header accepts (q > 0), by name; `*` stands for any not named.
 * @example acceptedEncodings('gzip, br;q=0') // → Set { 'gzip' }
 */
export function acceptedEncodings(header: string | undefined): ReadonlySet<string> {
  const accepted = new Set<string>();
  const refused = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...parameters] = part.trim().toLowerCase().split(';');
    if (name === '') continue;
    const q = parameters.map((parameter) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    (q !== undefined && Number(q) === 0 ? refused : accepted).add(name);
  }
  if (accepted.has('*')) for (const { encoding } of PRECOMPRESSED) if (!refused.has(encoding)) accepted.add(encoding);
  return accepted;
}

/**
 * Streams the file if it exists, as its precompressed copy when there is one the browser accepts
 * (`acceptEncoding`, the request's header); answers 404 otherwise.
 */
export async function serveStatic(
  root: string,
  urlPath: string,
  response: ServerResponse,
  headOnly: boolean,
  acceptEncoding?: string,
): Promise<void> {
  const file = await resolveRendererFile(root, urlPath);
  const info = file === undefined ? undefined : await stat(file).catch(() => undefined);
  if (file === undefined || info === undefined || !info.isFile()) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
    return;
  }
  const accepted = acceptedEncodings(acceptEncoding);
  let body = { file, size: info.size, encoding: undefined as string | undefined };
  for (const { encoding, suffix } of PRECOMPRESSED) {
    if (!accepted.has(encoding)) continue;
    // Found the same way as the file itself, so a copy cannot lead out of the folder either.
    const copy = await resolveRendererFile(root, `${urlPath}${suffix}`);
    const copyInfo = copy === undefined ? undefined : await stat(copy).catch(() => undefined);
    if (copy !== undefined && copyInfo?.isFile()) {
      body = { file: copy, size: copyInfo.size, encoding };
      break;
    }
  }
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': body.size,
    ...(body.encoding !== undefined ? { 'content-encoding': body.encoding } : {}),
    // The answer depends on the header wherever a copy could have been sent.
    vary: 'accept-encoding',
    // Vite fingerprints assets; index.html must be fetched afresh so it names the current ones.
    'cache-control': urlPath.startsWith('/assets/') ? 'private, max-age=31536000, immutable' : 'no-cache',
  });
  if (headOnly) {
    response.end();
    return;
  }
  // A file removed between stat and open must not crash the server: pipeline reports it here.
  await pipeline(createReadStream(body.file), response).catch(() => response.destroy());
}
