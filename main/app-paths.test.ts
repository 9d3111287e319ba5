import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APP_LAYOUT, resolveAppLayout, WORKER_SOURCES } from './app-paths.ts';
import { withTempDir } from '../tests/support/temp-dir.ts';

function app(root: string, version = '9.8.7'): void {
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'claimbench', version }));
}

describe('resolveAppLayout', () => {
  it("runs from sources in this checkout: workers are the .ts files, the version is package.json's", () => {
    expect(APP_LAYOUT.mode).toBe('sources');
    expect(APP_LAYOUT.rendererDir).toBe(path.join(APP_LAYOUT.root, 'out', 'renderer'));
    for (const [name, source] of Object.entries(WORKER_SOURCES)) {
      expect(fileURLToPath(APP_LAYOUT.workerUrl(name as keyof typeof WORKER_SOURCES))).toBe(path.join(APP_LAYOUT.root, source));
    }
    expect(APP_LAYOUT.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    // [where the module sits, relative to the app root], mode
    ['main', 'sources'],
    ['out/main', 'built'],
    ['out/main/chunks', 'built'],
  ] as const)('a module in %s is in the %s layout, with paths from the folder holding package.json', async (moduleDir, mode) =>
    withTempDir(async (dir) => {
      const root = path.join(dir, 'claimbench');
      app(root);
      const layout = resolveAppLayout(path.join(root, moduleDir));
      expect(layout.mode).toBe(mode);
      expect(layout.root).toBe(root);
      expect(layout.resourcesDir).toBe(path.join(root, 'resources'));
      expect(layout.preloadPath).toBe(path.join(root, 'out', 'preload', 'index.cjs'));
      expect(layout.version).toBe('9.8.7');
      const worker = fileURLToPath(layout.workerUrl('export-worker'));
      expect(worker).toBe(
        mode === 'sources' ? path.join(root, 'main', 'bundle', 'export-worker.ts') : path.join(root, 'out', 'main', 'export-worker.js'),
      );
    }),
  );

  it('inside app.asar: files from the package, workers from app.asar.unpacked', async () =>
    withTempDir(async (dir) => {
      const asar = path.join(dir, 'Claimbench', 'resources', 'app.asar');
      app(asar, '1.2.3');
      const layout = resolveAppLayout(path.join(asar, 'out', 'main'));
      expect(layout.mode).toBe('packaged');
      expect(layout.rendererDir).toBe(path.join(asar, 'out', 'renderer'));
      expect(layout.resourcesDir).toBe(path.join(asar, 'resources'));
      expect(fileURLToPath(layout.workerUrl('pdf-worker'))).toBe(path.join(`${asar}.unpacked`, 'out', 'main', 'pdf-worker.js'));
      expect(layout.version).toBe('1.2.3');
    }));

  it('says so when there is no package.json above it', () => {
    expect(() => resolveAppLayout(path.parse(process.cwd()).root)).toThrow(/cannot find its package.json/);
  });
});
