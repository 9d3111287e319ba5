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

/**
 * Every row of the list, scrolled through from top to bottom (only those near the view are
 * rendered), then scrolled back to where it was.
 */
async function allRows(page: Page): Promise<Map<string, { kind: string; marked: boolean }>> {
  const list = panel(page).getByTestId('suggestions-list');
  const seen = new Map<string, { kind: string; marked: boolean }>();
  const from = await list.evaluate((element) => element.scrollTop);
  await list.evaluate((element) => element.scrollTo({ top: 0 }));
  for (;;) {
    await page.waitForTimeout(50);
    const shown = await list.evaluate((element) =>
      [...element.querySelectorAll<HTMLElement>('[data-testid="suggestion-row"]')].map((row) => ({
        id: row.dataset.suggestion!,
        kind: row.querySelector('.suggestion-kind')!.textContent!,
        marked: row.textContent!.includes('already marked'),
      })),
    );
    for (const row of shown) seen.set(row.id, row);
    const atEnd = await list.evaluate((element) => {
      const end = element.scrollTop + element.clientHeight >= element.scrollHeight - 1;
      element.scrollBy({ top: element.clientHeight });
      return end;
    });
    if (atEnd) break;
  }
  await list.evaluate((element, top) => element.scrollTo({ top }), from);
  await page.waitForTimeout(50);
  return seen;
}

/** What the note above the list says: how many are open and how many already marked. */
async function counts(page: Page): Promise<{ open: number; total: number }> {
  const note = (await panel(page).getByTestId('suggestions-note').textContent())!;
  const [, open, marked] = /(\d+) to look at(?:, (\d+) already marked)?/.exec(note)!;
  return { open: Number(open), total: Number(open) + Number(marked ?? 0) };
}

async function openTab(page: Page) {
  await page.getByRole('tab', { name: /^Suggestions \(\d+\)$/ }).click();
  await expect(rows(page).first()).toBeVisible();
}

test('the Suggestions tab: n moves, a tag key accepts with the speaker, Ctrl+Z undoes it, x rejects for good', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(reader(page).locator('.cb-hl').first()).toBeVisible();
  await openTab(page);
  await expect(reader(page).locator('.cb-suggestion').first()).toBeAttached();
  const total = (await allRows(page)).size;
  expect(total).toBeGreaterThan(5);
  expect((await counts(page)).total).toBe(total);
  // Not all at once: the list renders the rows near its view.
  expect(await rows(page).count()).toBeLessThan(total);

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
  await expect.poll(async () => (await counts(page)).total).toBe(total - 1);
  await page.reload();
  await expect(reader(page).locator('.cb-hl').first()).toBeVisible();
  await openTab(page);
  expect((await counts(page)).total).toBe(total - 1);
  await expect(panel(page).locator(`[data-suggestion="${rejected}"]`)).toHaveCount(0);

  // Shift+A accepts every open suggestion of the chosen one's kind, after saying how many.
  await current(page).locator('.suggestion-choose').focus();
  const kind = (await current(page).locator('.suggestion-kind').textContent())!;
  const before = await counts(page);
  await page.keyboard.press('Shift+A');
  const dialog = page.getByRole('dialog', { name: 'Accept suggestions' });
  await expect(dialog).toContainText(`${kind.toLowerCase()} suggestion`);
  const open = Number(/Accept (\d+)/.exec((await dialog.textContent())!)![1]);
  expect(open).toBeGreaterThan(0);
  await dialog.getByRole('button', { name: `Accept ${open}` }).click();
  await expect(page.locator('footer.statusbar')).toContainText(`Accepted ${open} ${kind.toLowerCase()} suggestion`);
  // At least those fewer to look at (an accepted one also marks the suggestions it overlaps).
  await expect.poll(async () => (await counts(page)).open).toBeLessThanOrEqual(before.open - open);
  await expect.poll(async () => [...(await allRows(page)).values()].filter((row) => row.kind === kind && !row.marked).length).toBe(0);
});
