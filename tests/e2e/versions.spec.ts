// A document's version history as an analyst uses it after a correction: open it from the reader
// (button or Alt+V), see each version with when and from where it came, read an earlier version,
// compare any two, and see in a highlight's hover which version its claim was made on.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { APP_ROOT, expect, test } from './fixtures.ts';

const reader = (page: Page) => page.getByRole('main', { name: 'Reader' });

async function importVersion(page: Page, name: string, text: string, marker: string) {
  await reader(page)
    .getByTestId('version-input')
    .setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
  await expect(reader(page).locator('.view-lines')).toContainText(marker);
}

test('lists the versions, reads an earlier one, compares any two, and says which version a claim was made on', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Documents' }).getByTestId('library-item').filter({ hasText: 'Statement by Mayor' }).click();
  await expect(reader(page).getByRole('heading', { name: /Statement by Mayor/ })).toBeVisible();
  const original = await readFile(path.join(APP_ROOT, 'resources', 'sample', 'valmont-mayor-statement.txt'), 'utf8');
  const v2 = `Correction, 15 August: an earlier version gave the wrong date for rationing.\n\n${original}`;
  const v3 = v2.replace('18 percent of capacity', '17 percent of capacity');
  await importVersion(page, 'statement-v2.txt', v2, 'Correction, 15 August');
  await importVersion(page, 'statement-v3.txt', v3, '17 percent of capacity');

  // Alt+V from the reader opens the history: three versions, the current one last.
  await reader(page).locator('.view-lines').click();
  await page.keyboard.press('Alt+v');
  const dialog = page.getByRole('dialog', { name: /^Versions of “Statement by Mayor/ });
  await expect(dialog).toBeVisible();
  const rows = dialog.getByTestId('version-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Version 1');
  await expect(rows.nth(0)).toContainText('valmont-mayor-statement.txt');
  await expect(rows.nth(0)).toContainText('3 annotations made on it');
  await expect(rows.nth(1)).toContainText('from statement-v2.txt');
  await expect(rows.nth(2)).toContainText(/Version 3\s*current/);
  await expect(rows.nth(2)).toContainText('from statement-v3.txt');

  // It opens on the latest change: version 2 against version 3, one passage changed.
  await expect(dialog.getByTestId('version-caption')).toHaveText('Version 2 (left) against version 3 (right): 1 changed passage.');
  const diff = dialog.getByTestId('version-diff');
  await expect(diff.locator('.monaco-diff-editor')).toBeVisible();
  await expect(diff.locator('.char-delete, .char-insert').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/versions-compare.png' });

  // Any two, by keyboard: version 1 against version 2 shows the inserted correction note.
  await dialog.getByRole('combobox', { name: 'Earlier version (the base)' }).focus();
  await dialog.getByRole('combobox', { name: 'Earlier version (the base)' }).selectOption('1');
  await dialog.getByRole('combobox', { name: 'Later version' }).selectOption('2');
  await expect(dialog.getByTestId('version-caption')).toHaveText(
    /^Version 1 \(left\) against version 2 \(right\): \d+ changed passages?\.$/,
  );
  await expect(diff.locator('.editor.modified .view-lines')).toContainText('Correction, 15 August');

  // Read version 1, read-only: the text as it was, without the correction.
  await rows.nth(0).getByRole('button', { name: 'Read version 1' }).press('Enter');
  await expect(dialog.getByTestId('version-caption')).toHaveText(
    /^Version 1 of 3, imported .* from sample:valmont-mayor-statement\.txt\. Read-only\.$/,
  );
  const text = dialog.getByTestId('version-text');
  await expect(text.locator('.view-lines')).toContainText('18 percent of capacity');
  await expect(text.locator('.view-lines')).not.toContainText('Correction, 15 August');
  await text.locator('.view-lines').click();
  await page.keyboard.type('x');
  await expect(text.locator('.view-lines')).not.toContainText('x18');
  await expect(rows.nth(0)).toHaveAttribute('aria-current', 'true');

  // Escape closes it and gives the focus back.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The button opens it too; Compare with current from a row.
  await reader(page).getByRole('button', { name: 'Versions…' }).click();
  await expect(dialog).toBeVisible();
  await rows.nth(0).getByRole('button', { name: 'Compare version 1 with the current one' }).click();
  await expect(dialog.getByTestId('version-caption')).toHaveText(/^Version 1 \(left\) against version 3 \(right\)/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // A claim's hover says which version it was made on.
  await reader(page)
    .locator('.cb-hl')
    .filter({ hasText: /Lindell/ })
    .first()
    .hover();
  await expect(page.locator('.monaco-hover').filter({ hasText: 'Made on version 1 of 3' }).first()).toBeVisible();

  // Version 3 changed "18 percent" in a sentence the sample's rated claim mentions: its timeline
  // keeps the words the verdict was made on.
  await page
    .getByRole('navigation', { name: 'View' })
    .getByRole('button', { name: /^Claims/ })
    .click();
  await page.getByTestId('claim-row').filter({ hasText: 'The Lindell reservoir fell to 18 percent' }).click();
  await expect(page.getByTestId('timeline-was')).toHaveText('was: “The Lindell reservoir stands at 18 percent of capacity.”');
});

test('the versions view in the dark and in a 1000×700 window', async ({ page, served }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Documents' }).getByTestId('library-item').filter({ hasText: 'Statement by Mayor' }).click();
  const original = await readFile(path.join(APP_ROOT, 'resources', 'sample', 'valmont-mayor-statement.txt'), 'utf8');
  await importVersion(page, 'statement-v2.txt', original.replace('could run dry', 'may run dry'), 'may run dry');
  await reader(page).getByRole('button', { name: 'Versions…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Versions of/ });
  await expect(dialog.getByTestId('version-diff').locator('.char-delete, .char-insert').first()).toBeVisible();
  // Everything fits: the dialog's controls are inside the window.
  for (const control of [dialog.getByRole('button', { name: 'Close' }), dialog.getByRole('combobox', { name: 'Later version' })]) {
    await control.scrollIntoViewIfNeeded();
    const box = (await control.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1000);
  }
  await page.screenshot({ path: 'test-results/versions-dark-1000x700.png' });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: 'test-results/versions-light-1000x700.png' });
});
