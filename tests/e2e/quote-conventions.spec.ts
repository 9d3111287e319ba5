// Quote fidelity as a fact-checker reads a transcript against an article quoting it: the source is
// the base of the comparison, and an editor's bracketed words and a contraction are reported as
// what they are, not as word changes, while a real change still is.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const left = (page: Page) => page.getByRole('main', { name: 'Reader' });
const right = (page: Page) => page.getByRole('region', { name: 'Source' });

async function paste(page: Page, title: string, text: string) {
  await page.getByRole('button', { name: 'Paste' }).click();
  const dialog = page.getByRole('dialog', { name: 'New document from pasted text' });
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Text').fill(text);
  await dialog.getByRole('button', { name: 'Create document' }).click();
  await expect(dialog).toBeHidden();
}

async function selectSentence(page: Page, pane: ReturnType<typeof left>) {
  await pane
    .locator('.view-line span span')
    .filter({ hasText: /^Despite/ })
    .first()
    .click({ position: { x: 8, y: 8 } });
  await page.keyboard.press('Alt+s');
  await expect(pane.locator('.selected-text').first()).toBeVisible();
}

test('Compare names editorial insertions and contractions, with the source as the base', async ({ page, served }) => {
  await page.goto(served.url);
  await paste(
    page,
    'Press conference transcript',
    'Despite the losses, they have ten times more shells, and we will hold the number of positions.',
  );
  await paste(
    page,
    'Live blog',
    'Despite the losses, [the Russians] have ten times more shells, and we’ll hold the quantity of positions.',
  );
  await expect(left(page).getByRole('heading', { name: 'Live blog' })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Documents' })
    .getByRole('button', { name: 'Open “Press conference transcript” beside' })
    .click();
  await expect(right(page).getByRole('heading', { name: 'Press conference transcript' })).toBeVisible();

  await selectSentence(page, left(page));
  await selectSentence(page, right(page));
  await page.keyboard.press('Alt+l');
  const form = page.getByRole('dialog', { name: 'Link evidence' });
  await form.getByRole('radio', { name: /Source of/ }).check();
  await form.getByRole('button', { name: 'Save link' }).click();
  await expect(form).toBeHidden();

  await page.getByRole('tab', { name: /^Links/ }).click();
  await page.getByTestId('link-item').first().getByRole('button', { name: 'Compare' }).click();
  const fidelity = page.getByRole('dialog', { name: 'Quote against its source' });
  // The source is on the left, the base; the quote on the right.
  await expect(fidelity.locator('.fidelity-heads span').first()).toHaveText('Source · Press conference transcript');
  await expect(fidelity.getByTestId('fidelity-diff').locator('.editor.original .view-lines')).toContainText('they have');
  const items = fidelity.getByRole('listitem');
  await expect(items.filter({ hasText: /^Editorial insertion/ })).toHaveText(/they\s*→\s*\[the Russians\]/);
  await expect(items.filter({ hasText: /^Contraction/ })).toHaveText(/we will\s*→\s*we’ll/);
  await expect(items.filter({ hasText: /^Changed/ })).toHaveText(/number\s*→\s*quantity/);
  await expect(fidelity.getByTestId('fidelity-verdict')).toHaveText(
    'The quote differs from its source in its words. 1 changed, 0 dropped, 0 added, 1 editorial insertion, 1 contraction.',
  );
  await page.screenshot({ path: 'test-results/quote-conventions.png' });
});
