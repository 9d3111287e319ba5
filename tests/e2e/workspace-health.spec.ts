// A workspace that was damaged while Claimbench was not running: opening it sets the damaged file
// aside and says so, and the check run once it is open reports what opening does not look at.
// The analyst sees both in the status bar; `claimbench serve` prints both.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, startServe, stopServe, test } from './fixtures.ts';

test('the status bar says which file was set aside and what the opening check found', async ({ page }) => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-e2e-health-'));
  try {
    const workspace = path.join(root, 'workspace');
    const first = await startServe(workspace);
    expect(await stopServe(first.child)).toBe(0);

    // Damage done behind Claimbench's back: a document cut short (no backup of it exists yet),
    // and a file in originals/ whose content no longer matches its name.
    const documents = (await readdir(path.join(workspace, 'documents'))).filter((name) => name.endsWith('.json'));
    await writeFile(path.join(workspace, 'documents', documents[0]!), '{"schemaVersion": 2, "meta": {');
    const forged = 'a'.repeat(64);
    await mkdir(path.join(workspace, 'originals'), { recursive: true });
    await writeFile(path.join(workspace, 'originals', forged), 'not what its name says');

    const { served, child } = await startServe(workspace);
    try {
      await page.goto(served.url);
      const status = page.getByRole('status').last();
      await expect(status.getByRole('button', { name: '1 unreadable file' })).toBeVisible();
      // The forged original, and the links and claim mentions of the document set aside.
      const found = status.getByRole('button', { name: /^\d+ problems found by the check$/ });
      await expect(found).toBeVisible();

      await status.getByRole('button', { name: '1 unreadable file' }).click();
      await expect(page.getByRole('dialog', { name: 'Damaged files' })).toContainText(`documents/${documents[0]}`);
      await expect(page.getByRole('dialog', { name: 'Damaged files' })).toContainText(/set aside as documents\/.*\.corrupt-/);
      await status.getByRole('button', { name: '1 unreadable file' }).click();

      await found.click();
      const list = page.getByRole('dialog', { name: 'Problems found by the check' });
      await expect(list).toContainText(`originals/${forged}: its content does not match its name`);
      const missing = documents[0]!.replace(/\.json$/, '');
      await expect(list).toContainText(
        new RegExp(`evidence.json: (link|claim) \\S+ (points at|mentions) annotation \\S+ of document ${missing}, which does not exist`),
      );
      await page.screenshot({ path: test.info().outputPath('workspace-health.png') });

      // The server printed the same, for whoever started it.
      await expect
        .poll(() => new Set(served.events.filter((event) => event.event === 'check-finding').map((event) => event.file)))
        .toEqual(new Set([`originals/${forged}`, 'evidence.json']));
    } finally {
      await page.close();
      expect(await stopServe(child)).toBe(0);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
