// The renderer's files are sent as the build's brotli or gzip copy when the browser accepts one,
// and as themselves otherwise; a copy is found the same guarded way as the file.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { createServer, get, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { acceptedEncodings, serveStatic } from './static-files.ts';

const SCRIPT = `export const greeting = ${JSON.stringify('hello '.repeat(500))};\n`;

async function rendererWithCopies(dir: string): Promise<string> {
  const root = path.join(dir, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'assets', 'app.js'), SCRIPT);
  await writeFile(path.join(root, 'assets', 'app.js.br'), brotliCompressSync(SCRIPT));
  await writeFile(path.join(root, 'assets', 'app.js.gz'), gzipSync(SCRIPT));
  await writeFile(path.join(root, 'assets', 'plain.css'), 'body { color: red }\n');
  return root;
}

/** GETs `urlPath` from a server that only serves `root`; the body as sent (not decompressed). */
async function fetchRaw(root: string, urlPath: string, acceptEncoding?: string): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  const server = createServer((request, response) => void serveStatic(root, urlPath, response, false, request.headers['accept-encoding']));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      get(
        { host: '127.0.0.1', port, path: '/', headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
        },
      ).on('error', reject);
    });
  } finally {
    server.close();
  }
}

describe('precompressed renderer files', () => {
  it('reads Accept-Encoding with its q-values and wildcard', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')]).toEqual(['gzip', 'deflate', 'br', 'zstd']);
    expect([...acceptedEncodings('gzip;q=1.0, br;q=0')]).toEqual(['gzip']);
    expect([...acceptedEncodings('*')].sort()).toEqual(['*', 'br', 'gzip']);
    expect([...acceptedEncodings('*, br;q=0')].sort()).toEqual(['*', 'gzip']);
    expect(acceptedEncodings(undefined).size).toBe(0);
  });

  it('sends the brotli copy, else the gzip one, else the file, always with its own type and Vary', () =>
    withTempDir(async (dir) => {
      const root = await rendererWithCopies(dir);
      const br = await fetchRaw(root, '/assets/app.js', 'gzip, deflate, br');
      expect(br.headers).toMatchObject({
        'content-encoding': 'br',
        'content-type': 'text/javascript; charset=utf-8',
        vary: 'accept-encoding',
      });
      expect(Number(br.headers['content-length'])).toBe(br.body.length);
      expect(br.body.length).toBeLessThan(SCRIPT.length / 10);
      expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);

      const gz = await fetchRaw(root, '/assets/app.js', 'gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);

      for (const header of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
        const plain = await fetchRaw(root, '/assets/app.js', header);
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(plain.body.toString()).toBe(SCRIPT);
      }
      // No copy: the file itself, whatever the browser accepts.
      const css = await fetchRaw(root, '/assets/plain.css', 'br, gzip');
      expect(css.headers['content-encoding']).toBeUndefined();
      expect(css.body.toString()).toBe('body { color: red }\n');
    }));

  it('never sends a "copy" that is a link out of the renderer folder', () =>
    withTempDir(async (dir) => {
      const root = await rendererWithCopies(dir);
      await writeFile(path.join(dir, 'secret.txt'), 'not for the browser');
      await writeFile(path.join(root, 'assets', 'other.js'), SCRIPT);
      await symlink(path.join(dir, 'secret.txt'), path.join(root, 'assets', 'other.js.br'));
      const answer = await fetchRaw(root, '/assets/other.js', 'br');
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.body.toString()).toBe(SCRIPT);
    }));
});
