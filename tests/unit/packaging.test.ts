// The packaging config (electron-builder.yml), read by electron-builder's own loader and checked
// against its own schema, so a misspelt key fails here rather than when a release is cut. The
// fuses are asserted one by one: flipping or removing any of them fails this test.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  asar?: unknown;
  files?: { filter?: string[] }[];
  electronFuses?: Record<string, boolean>;
  linux?: { target?: string[] };
  win?: { target?: string[] };
  mac?: { target?: string[] };
}
// app-builder-lib is electron-builder's engine; these are the functions its CLI uses to read a config.
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (isEnabled: boolean) => unknown };

async function loadConfig(projectDir: string): Promise<BuilderConfig> {
  const config = await getConfig(projectDir, path.join(projectDir, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder.yml', () => {
  it.each([
    // Electron cannot be started as plain Node, with NODE_OPTIONS or a debugger port.
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    // Code loads only from app.asar, which is checked against its recorded hash.
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['enableCookieEncryption', true],
    ['loadBrowserProcessSpecificV8Snapshot', false],
    // We serve pages from app://, so file:// gets no privileges beyond a browser's.
    ['grantFileProtocolExtraPrivileges', false],
  ])('sets the fuse %s to %s', async (fuse, value) => {
    expect((await loadConfig(root)).electronFuses?.[fuse]).toBe(value);
  });

  it('packs the app into asar, from the build output (not the web host’s compressed copies), resources and package.json', async () => {
    const config = await loadConfig(root);
    expect(config.asar).toBe(true);
    expect(config.files?.flatMap((set) => set.filter ?? [])).toEqual([
      'out/**',
      '!out/renderer/**/*.{br,gz}',
      'resources/**',
      'package.json',
    ]);
    const { main } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(path.posix.normalize(main)).toMatch(/^out\//);
  });

  it('targets Linux AppImage and deb, a Windows installer and a macOS dmg', async () => {
    const config = await loadConfig(root);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it("is checked against electron-builder's schema: a misspelt fuse is refused", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'claimbench-builder-'));
    try {
      const yml = await readFile(path.join(root, 'electron-builder.yml'), 'utf8');
      await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }));
      await writeFile(path.join(dir, 'electron-builder.yml'), yml.replace('  runAsNode: false', '  runAsnode: false'));
      await expect(loadConfig(dir)).rejects.toThrow(/Invalid configuration object[\s\S]*electronFuses/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
