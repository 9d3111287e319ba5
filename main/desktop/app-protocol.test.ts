import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../core/security/csp.ts';
import type { StagedExport } from '../bundle/export-staging.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { APP_SCHEME_PRIVILEGES, appProtocolResponse, type AppProtocolSources } from './app-protocol.ts';

const DOWNLOAD_ID = '0b8f3c1e-8d1c-4c39-9d34-6f0d9a3c1f00';

/** A renderer folder with a page and a script, a secret beside it, and one finished export. */
async function sourcesIn(dir: string): Promise<AppProtocolSources> {
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Claimbench</title>');
  await writeFile(path.join(rendererDir, 'assets', 'index.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'secret.txt'), 'not for pages');
  const exported: StagedExport = { downloadId: DOWNLOAD_ID, path: path.join(dir, 'export.zip'), fileName: 'Übung.zip' };
  await writeFile(exported.path, 'zip bytes');
  return { rendererDir, exportsOf: () => ({ get: (id: string) => (id === DOWNLOAD_ID ? exported : undefined) }) };
}

describe('appProtocolResponse', () => {
  it.each([
    ['app://claimbench/index.html', 200, 'text/html; charset=utf-8'],
    ['app://claimbench/', 200, 'text/html; charset=utf-8'],
    ['app://claimbench/assets/index.js', 200, 'text/javascript; charset=utf-8'],
    ['app://claimbench/missing.js', 404, 'text/plain; charset=utf-8'],
    ['app://claimbench/assets/', 404, 'text/plain; charset=utf-8'],
    ['app://claimbench/..%2fsecret.txt', 404, 'text/plain; charset=utf-8'],
    ['app://claimbench/%2e%2e/secret.txt', 404, 'text/plain; charset=utf-8'],
    ['app://other/index.html', 404, 'text/plain; charset=utf-8'],
    [`app://claimbench/api/download/${DOWNLOAD_ID}`, 200, 'application/octet-stream'],
    ['app://claimbench/api/download/0b8f3c1e-8d1c-4c39-9d34-6f0d9a3c1fff', 404, 'text/plain; charset=utf-8'],
    ['app://claimbench/api/download/..%2f..%2fsecret.txt', 404, 'text/plain; charset=utf-8'],
  ])('%s → %i %s, with the CSP', (url, status, contentType) =>
    withTempDir(async (dir) => {
      const response = await appProtocolResponse(url, await sourcesIn(dir));
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe(contentType);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      if (status === 404) expect(await response.text()).not.toContain('not for pages');
    }),
  );

  it('offers an export as a download under its own name', () =>
    withTempDir(async (dir) => {
      const response = await appProtocolResponse(`app://claimbench/api/download/${DOWNLOAD_ID}`, await sourcesIn(dir));
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Ubung.zip"; filename*=UTF-8''%C3%9Cbung.zip`);
      expect(await response.text()).toBe('zip bytes');
    }));

  it('answers 404 for downloads when no workspace is open', () =>
    withTempDir(async (dir) => {
      const sources = { ...(await sourcesIn(dir)), exportsOf: () => undefined };
      expect((await appProtocolResponse(`app://claimbench/api/download/${DOWNLOAD_ID}`, sources)).status).toBe(404);
    }));
});

describe('APP_SCHEME_PRIVILEGES', () => {
  it('gives app: an origin and a secure context, and no way around the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    for (const privilege of ['bypassCSP', 'allowServiceWorkers', 'stream']) expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty(privilege);
  });
});
