// The desktop app itself, launched with Playwright's Electron support. Where no Electron binary
// can be had (it downloads lazily and our build machines have no network), this is skipped, and
// the reason is printed.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron } from '@playwright/test';
import { findElectron } from '../../main/cli/start.ts';
import { APP_ROOT, expect, test } from './fixtures.ts';

const binary = findElectron();

test('the desktop app opens the sample workspace in a sandboxed window', async () => {
  if (!binary.ok) console.log(`Skipping the Electron e2e test: no Electron binary (${binary.reason}).`);
  test.skip(!binary.ok, `no Electron binary: ${binary.ok ? '' : binary.reason}`);
  if (!binary.ok) return;

  const root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-electron-'));
  const app = await electron.launch({
    executablePath: binary.path,
    args: [APP_ROOT, '--workspace', path.join(root, 'workspace')],
    env: { ...process.env, XDG_CONFIG_HOME: path.join(root, 'config') },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('library-item')).toHaveCount(3);
    await expect(window.locator('.cb-hl').first()).toBeVisible();
    expect(window.url()).toMatch(/^app:\/\/claimbench\//);
    // The page has the bridge and nothing of Node.
    expect(await window.evaluate(() => typeof (window as unknown as { claimbench?: unknown }).claimbench)).toBe('object');
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  } finally {
    await app.close();
    await rm(root, { recursive: true, force: true });
  }
});
