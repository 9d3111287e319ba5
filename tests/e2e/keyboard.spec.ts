// The keyboard as a VS Code user expects it: the command palette (Ctrl+K, Ctrl+Shift+P) and the
// shortcuts sheet (?), both from the one registry the keys are handled by; keys on an existing
// claim, in the claim form and in the claims panel; Ctrl+Y; what undo did; "Open beside…" by a
// part of a title; and library counts that follow a key press.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { selectWord } from './reader-steps.ts';

const reader = (page: Page) => page.getByRole('main', { name: 'Reader' });
const panel = (page: Page) => page.getByRole('complementary', { name: 'Annotations' });
const claims = (page: Page) => panel(page).getByTestId('annotation-item');
const library = (page: Page) => page.getByRole('navigation', { name: 'Documents' }).getByTestId('library-item');
const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });

/** Puts the reader's cursor inside the highlight whose text is exactly `text`, with nothing selected. */
async function cursorIn(page: Page, text: RegExp): Promise<void> {
  await reader(page)
    .locator('.cb-hl-tag-statistic')
    .filter({ hasText: text })
    .first()
    .click({ position: { x: 10, y: 8 } });
}

test.beforeEach(async ({ page, served }) => {
  await page.goto(served.url);
  await expect(claims(page)).toHaveCount(10);
  await page.getByRole('region', { name: 'Welcome' }).getByRole('button', { name: 'Not now' }).click();
});

test('the command palette lists every action with its keys, filters as you type, and runs the chosen one', async ({ page }) => {
  await library(page).first().focus();
  await page.keyboard.press('Control+k');
  await expect(palette(page)).toBeVisible();
  const input = palette(page).getByRole('combobox', { name: 'Type a command' });
  await expect(input).toBeFocused();
  const options = palette(page).getByRole('option');
  await expect(options.filter({ hasText: /^Redo/ })).toContainText('Ctrl+Shift+Z');
  await expect(options.filter({ hasText: /^Redo/ })).toContainText('Ctrl+Y');
  await expect(options.filter({ hasText: /^Settings…/ })).toContainText('Ctrl+,');
  await expect(options.filter({ hasText: /^Keyboard shortcuts/ })).toContainText('?');
  await page.screenshot({ path: 'test-results/palette.png' });

  await input.fill('cod');
  await expect(options.first()).toHaveText(/^Codebook…/);
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await input.fill('import');
  await expect(options).toHaveText([/^Import files…/, /^Import bundle…/, /^Import a new version/, /^Import annotations/]);
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(options.last()).toHaveAttribute('aria-selected', 'true');
  await input.fill('claims view');
  await page.keyboard.press('Enter');
  await expect(palette(page)).toHaveCount(0);
  await expect(page).toHaveURL(/view=claims/);

  // Ctrl+Shift+P too; a query that matches nothing says so; Escape closes and gives focus back.
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Export…' }).focus();
  await page.keyboard.press('Control+Shift+P');
  await input.fill('zzzz');
  await expect(palette(page)).toContainText('No command matches “zzzz”.');
  await page.keyboard.press('Escape');
  await expect(palette(page)).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Export…' })).toBeFocused();
  await page.keyboard.press('Control+k');
  await input.fill('show the doc');
  await page.keyboard.press('Enter');
  await expect(page).not.toHaveURL(/view=claims/);
  await expect(claims(page)).toHaveCount(10);
});

test('? shows the shortcuts sheet outside text fields, from the same list', async ({ page }) => {
  const filter = page.getByLabel('Filter annotations');
  await filter.fill('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
  await filter.fill('');
  await library(page).first().focus();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('region', { name: 'Anywhere' })).toContainText('Ctrl+YRedo');
  await expect(sheet.getByRole('region', { name: 'In the annotations panel' })).toContainText('EntereEdit the selected annotation');
  await expect(sheet.getByRole('region', { name: 'In the annotation form' })).toContainText('Alt+SNext status');
  await expect(sheet).toContainText('1 Statistic');
  await page.screenshot({ path: 'test-results/shortcuts-sheet.png' });
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  // In the (read-only) reader too.
  await reader(page).locator('.view-line').filter({ hasText: 'By Nadia Okafor' }).click();
  await page.keyboard.press('?');
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
});

test('a tag key updates the library count at once; Ctrl+Z and Ctrl+Y say what they did', async ({ page }) => {
  await expect(library(page).first().locator('.library-count')).toHaveText('10');
  await selectWord(page);
  await page.keyboard.press('1');
  await expect(claims(page)).toHaveCount(11);
  await expect(library(page).first().locator('.library-count')).toHaveText('11');

  await page.keyboard.press('Control+z');
  await expect(claims(page)).toHaveCount(10);
  await expect(page.getByTestId('history-said')).toHaveText('Undid: Tag as Statistic');
  await expect(library(page).first().locator('.library-count')).toHaveText('10');
  await library(page).first().focus();
  await page.keyboard.press('Control+y');
  await expect(claims(page)).toHaveCount(11);
  await expect(page.getByTestId('history-said')).toHaveText('Redid: Tag as Statistic');

  // Undone from another document: that document opens, and the status bar says where the step was.
  await library(page).nth(1).click();
  await expect(claims(page)).toHaveCount(3);
  await library(page).nth(1).focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('history-said')).toHaveText(
    'Undid: Tag as Statistic, in “Valmont declares water emergency as reservoir falls to 18 percent”',
  );
  await expect(claims(page)).toHaveCount(10);
});

test('on an existing claim, Enter edits it and a tag key adds or removes that tag', async ({ page }) => {
  const row = claims(page).filter({ hasText: /^the lowest level since records/ });
  await expect(row.locator('.chip')).toHaveText(['Statistic']);
  // Monaco writes the spaces as no-break spaces: \s matches both.
  await cursorIn(page, /^the\slowest\slevel\ssince\srecords\sbegan\sin\s1974$/);
  await page.keyboard.press('2');
  await expect(row.locator('.chip')).toHaveText(['Statistic', 'Quote']);
  await expect(page.locator('.banner[role=alert]')).toHaveCount(0);
  await page.keyboard.press('2');
  await expect(row.locator('.chip')).toHaveText(['Statistic']);
  await page.keyboard.press('Enter');
  const form = page.getByRole('dialog', { name: 'Edit annotation' });
  await expect(form.locator('blockquote')).toHaveText('the lowest level since records began in 1974');
  await page.keyboard.press('Escape');
  await expect(claims(page)).toHaveCount(10);
  // Outside any claim, with nothing selected, a key says what the keys do.
  await reader(page).locator('.view-line').filter({ hasText: 'By Nadia Okafor' }).click();
  await page.keyboard.press('Enter');
  await expect(reader(page).locator('.monaco-editor-overlaymessage')).toContainText('press a tag key or Enter to mark an annotation');
});

test('in the claim form tag keys toggle tags and Alt+S sets the status; in the panel Enter or e edits the row', async ({ page }) => {
  await selectWord(page);
  await page.keyboard.press('Enter');
  const form = page.getByRole('dialog', { name: 'New annotation' });
  await expect(form.getByRole('checkbox', { name: /Statistic/ })).toBeFocused();
  await page.keyboard.press('3');
  await expect(form.getByRole('checkbox', { name: /Event/ })).toBeChecked();
  await page.keyboard.press('3');
  await expect(form.getByRole('checkbox', { name: /Event/ })).not.toBeChecked();
  await page.keyboard.press('1');
  await expect(form.getByLabel('Status')).toHaveValue('unverified');
  await page.keyboard.press('Alt+s');
  await expect(form.getByLabel('Status')).toHaveValue('supported');
  // While typing a note, a digit is text and Alt+digit the tag.
  await form.getByLabel('Note (Markdown)').fill('Figures from 2024');
  await page.keyboard.press('Alt+6');
  await expect(form.getByRole('checkbox', { name: /Named official/ })).toBeChecked();
  await expect(form.getByLabel('Note (Markdown)')).toHaveValue('Figures from 2024');
  await page.keyboard.press('Control+Enter');
  await expect(form).toHaveCount(0);
  const row = claims(page).filter({ hasText: /^VALMONT/ });
  await expect(row.locator('.chip')).toHaveText(['Statistic', 'Named official']);
  await expect(row.locator('.status')).toHaveText('Supported');

  await row.click();
  await page.keyboard.press('e');
  await expect(page.getByRole('dialog', { name: 'Edit annotation' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(row).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Edit annotation' })).toBeVisible();
});

test('"Open beside…" finds a document by a part of its title, and says when none matches', async ({ page }) => {
  const beside = page.getByRole('combobox', { name: 'Open beside' });
  await beside.fill('nothing like this');
  await beside.press('Enter');
  await expect(page.locator('.banner[role=alert]')).toHaveText(/No other document's title matches “nothing like this”/);
  await beside.fill('MAYOR albescu');
  await beside.press('Enter');
  await expect(page.getByRole('region', { name: 'Source' }).getByRole('heading', { level: 1 })).toHaveText(
    'Statement by Mayor Teresa Albescu on the water emergency',
  );
  await expect(page.locator('.banner[role=alert]')).toHaveCount(0);
});
