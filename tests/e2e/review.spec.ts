// The review queue after a new version, as an analyst works through it: a claim whose text
// changed a lot is proposed at its new place and accepted; one whose text is gone is re-pinned to
// text selected in the reader; undo puts it back in the queue.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { APP_ROOT, expect, test } from './fixtures.ts';

const reader = (page: Page) => page.getByRole('main', { name: 'Reader' });

test('works through the review queue: accept a proposed span, re-pin an orphan, undo', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Documents' }).getByTestId('library-item').filter({ hasText: 'Statement by Mayor' }).click();
  await expect(page.getByRole('complementary', { name: 'Annotations' }).getByTestId('annotation-item')).toHaveCount(3);
  const original = await readFile(path.join(APP_ROOT, 'resources', 'sample', 'valmont-mayor-statement.txt'), 'utf8');
  const corrected = original
    .replace(
      'If we do nothing, the taps could run dry by the end of September.',
      'Unless we act now, taps across the city may run dry before the end of September.',
    )
    .replace('cut water losses by almost half', 'reduced leaks');
  await reader(page)
    .getByTestId('version-input')
    .setInputFiles({ name: 'statement-corrected.txt', mimeType: 'text/plain', buffer: Buffer.from(corrected) });
  await expect(reader(page).locator('.view-lines')).toContainText('Unless we act now');

  await page.getByRole('tab', { name: 'Review (2)' }).click();
  const queue = page.getByRole('complementary', { name: 'Review' });
  const fuzzy = queue.getByTestId('review-item').filter({ hasText: 'Approximate match' });
  await expect(fuzzy).toContainText('If we do nothing, the taps could run dry');
  await expect(fuzzy).toContainText('may run dry before the end of September');
  const orphan = queue.getByTestId('review-item').filter({ hasText: 'Not found in this version' });
  await expect(orphan).toContainText('cut water losses by almost half');
  await expect(orphan.getByRole('button', { name: 'Re-pin to selection' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/review-queue.png' });

  await fuzzy.getByRole('button', { name: 'Accept' }).click();
  await expect(queue.getByTestId('review-item')).toHaveCount(1);

  // Select "reduced leaks" in the reader (double-click a word, shift+ctrl+right for the next).
  await expect(async () => {
    await reader(page)
      .locator('.view-line span span')
      .filter({ hasText: /^reduced/ })
      .first()
      .dblclick({ position: { x: 12, y: 8 } });
    await expect(reader(page).locator('.selected-text')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.press('Control+Shift+ArrowRight');
  await expect(orphan.getByRole('button', { name: 'Re-pin to selection' })).toBeEnabled();
  await orphan.getByRole('button', { name: 'Re-pin to selection' }).click();
  await expect(queue.getByTestId('review-item')).toHaveCount(0);
  await expect(queue).toContainText('Nothing to review');
  await expect(
    reader(page)
      .locator('.cb-hl')
      .filter({ hasText: /reduced\sleaks/ }),
  ).toBeVisible();

  await page
    .getByTestId('save-state')
    .filter({ hasText: /^All changes saved/ })
    .waitFor();
  await queue.click();
  await page.keyboard.press('Control+z');
  await expect(queue.getByTestId('review-item')).toHaveCount(1);
  await expect(queue.getByTestId('review-item')).toContainText('cut water losses by almost half');
});

test('a new version that changes the words of a quote with evidence sends it to review and keeps the words the link was made on', async ({
  page,
  served,
}) => {
  await page.goto(served.url);
  // The sample's misquote: the Courier quotes the taps "will" run dry; the mayor's statement says "could".
  await page.getByRole('navigation', { name: 'Documents' }).getByTestId('library-item').filter({ hasText: 'Statement by Mayor' }).click();
  await expect(page.getByRole('complementary', { name: 'Annotations' }).getByTestId('annotation-item')).toHaveCount(3);
  const original = await readFile(path.join(APP_ROOT, 'resources', 'sample', 'valmont-mayor-statement.txt'), 'utf8');
  // The city "corrects" its statement to the Courier's word: one word, well above the review threshold.
  const corrected = original.replace('the taps could run dry', 'the taps will run dry');
  await reader(page)
    .getByTestId('version-input')
    .setInputFiles({ name: 'statement-v2.txt', mimeType: 'text/plain', buffer: Buffer.from(corrected) });
  await expect(reader(page).locator('.view-lines')).toContainText('the taps will run dry');

  // It waits for review although the match is close, and shows the words it had.
  await page.getByRole('tab', { name: 'Review (1)' }).click();
  const queue = page.getByRole('complementary', { name: 'Review' });
  const item = queue.getByTestId('review-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(/Approximate match, 9\d% alike · has evidence/);
  await expect(item.getByTestId('review-was')).toHaveText('If we do nothing, the taps could run dry by the end of September.');
  await expect(item).toContainText('Proposed');
  await expect(item).toContainText('the taps will run dry by the end of September.');
  await page.screenshot({ path: 'test-results/review-evidence-was.png' });

  // The reservoir sentence has a link and a claim mention too, but its words did not change: not in review.
  await expect(queue).not.toContainText('Lindell reservoir');

  // The link's comparison still shows the misquote the link was made on, and says what the text reads now.
  await page.getByRole('tab', { name: /^Links/ }).click();
  await page.getByTestId('link-item').filter({ hasText: 'If we do nothing' }).getByRole('button', { name: 'Compare' }).click();
  const fidelity = page.getByRole('dialog', { name: 'Quote against its source' });
  await expect(fidelity.getByRole('listitem').filter({ hasText: /^Changed/ })).toHaveText(/could\s*→\s*will/);
  await expect(fidelity.getByTestId('fidelity-was')).toContainText('It now reads “If we do nothing, the taps will run dry');
  await page.screenshot({ path: 'test-results/review-evidence-compare.png' });
  await fidelity.getByRole('button', { name: 'Close' }).click();

  // Accepting it takes it out of the queue; the comparison keeps the earlier words.
  await page.getByRole('tab', { name: 'Review (1)' }).click();
  await item.getByRole('button', { name: 'Accept' }).click();
  await expect(queue).toContainText('Nothing to review');
});
