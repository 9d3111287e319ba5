// Claim suggestions (issue 21), as an analyst triages them on the sample report: the Suggestions
// tab lists what core/suggest found, n and p move through it (the reader underlines each, and
// the one chosen more strongly), a tag key accepts one as an annotation with its speaker (one
// Ctrl+Z takes it back), x rejects one, which stays rejected after a reload.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const reader = (page: Page) => page.getByRole('main', { name: 'Reader' });
const panel = (page: Page) => page.getByRole('complementary', { name: 'Suggestions' });
const rows = (page: Page) => panel(page).getByTestId('suggestion-row');
const current = (page: Page) => panel(page).locator('[data-testid="suggestion-row"][aria-current="true"]');

async function openTab(page: Page) {
  await page.getByRole('tab', { name: /^Suggestions \(\d+\)$/ }).click();
  await expect(rows(page).first()).toBeVisible();
}

test('the Suggestions tab: n moves, a tag key accepts with the speaker, Ctrl+Z undoes it, x rejects for good', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(reader(page).locator('.cb-hl').first()).toBeVisible();
  await openTab(page);
  await expect(reader(page).locator('.cb-suggestion').first()).toBeAttached();
  const total = await rows(page).count();
  expect(total).toBeGreaterThan(5);

  // n moves to the next suggestion; p back.
  await current(page).locator('.suggestion-choose').focus();
  const first = await current(page).getAttribute('data-suggestion');
  await page.keyboard.press('n');
  await expect(current(page)).not.toHaveAttribute('data-suggestion', first!);
  await page.keyboard.press('p');
  await expect(current(page)).toHaveAttribute('data-suggestion', first!);
  await expect(reader(page).locator('.cb-suggestion-active').first()).toBeAttached();

  // Move to an open suggestion of Teresa Albescu's; 2 (the Quote tag's key) accepts it.
  const quote = rows(page).filter({ hasText: 'Teresa Albescu' }).filter({ hasNotText: 'already marked' }).first();
  const quoteId = (await quote.getAttribute('data-suggestion'))!;
  const quoteText = (await quote.locator('.suggestion-text').textContent())!;
  for (let step = 0; step < total && (await current(page).getAttribute('data-suggestion')) !== quoteId; step++)
    await page.keyboard.press('n');
  await expect(current(page)).toHaveAttribute('data-suggestion', quoteId);
  const highlights = await reader(page).locator('.cb-hl').count();
  await page.keyboard.press('2');
  await expect(page.locator('footer.statusbar')).toContainText(/Accepted the .+ as Quote \(Teresa Albescu\)/);
  await expect(panel(page).locator(`[data-suggestion="${quoteId}"]`)).toContainText('already marked');
  await expect.poll(() => reader(page).locator('.cb-hl').count()).toBeGreaterThan(highlights);

  // An ordinary annotation, with the speaker: in the Annotations tab.
  await page.getByRole('tab', { name: 'Annotations' }).click();
  const annotation = page
    .getByRole('complementary', { name: 'Annotations' })
    .getByRole('row')
    .filter({ hasText: quoteText.slice(0, 30) });
  await expect(annotation.first()).toContainText('Teresa Albescu');

  // One Ctrl+Z takes it back; the suggestion is open again.
  await openTab(page);
  await current(page).locator('.suggestion-choose').focus();
  await page.keyboard.press('Control+z');
  await expect(page.locator('footer.statusbar')).toContainText('Undid: Accept a suggestion');
  await expect(panel(page).locator(`[data-suggestion="${quoteId}"]`)).not.toContainText('already marked');

  // x rejects the suggestion chosen: gone, and still gone after a reload.
  const rejected = (await current(page).getAttribute('data-suggestion'))!;
  await current(page).locator('.suggestion-choose').focus();
  await page.keyboard.press('x');
  await expect(page.locator('footer.statusbar')).toContainText('it will not be suggested again');
  await expect(panel(page).locator(`[data-suggestion="${rejected}"]`)).toHaveCount(0);
  await expect(rows(page)).toHaveCount(total - 1);
  await page.reload();
  await expect(reader(page).locator('.cb-hl').first()).toBeVisible();
  await openTab(page);
  await expect(rows(page)).toHaveCount(total - 1);
  await expect(panel(page).locator(`[data-suggestion="${rejected}"]`)).toHaveCount(0);

  // Shift+A accepts every open suggestion of the chosen one's kind, after saying how many.
  await current(page).locator('.suggestion-choose').focus();
  const kind = (await current(page).locator('.suggestion-kind').textContent())!;
  const open = await rows(page)
    .filter({ has: page.locator('.suggestion-kind', { hasText: kind }) })
    .filter({ hasNotText: 'already marked' })
    .count();
  await page.keyboard.press('Shift+A');
  const dialog = page.getByRole('dialog', { name: 'Accept suggestions' });
  await expect(dialog).toContainText(`Accept ${open} ${kind.toLowerCase()} suggestion`);
  await dialog.getByRole('button', { name: `Accept ${open}` }).click();
  await expect(page.locator('footer.statusbar')).toContainText(`Accepted ${open} ${kind.toLowerCase()} suggestion`);
  await expect(
    rows(page)
      .filter({ has: page.locator('.suggestion-kind', { hasText: kind }) })
      .filter({ hasNotText: 'already marked' }),
  ).toHaveCount(0);
});
