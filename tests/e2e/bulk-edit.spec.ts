// Recoding several annotations at once, as in MAXQDA or INCEpTION: select rows of the annotations
// panel with the keyboard (Shift+↓, Shift+J) or the mouse (Ctrl+click, Shift+click), or all those
// a filter shows (Ctrl+A); set their status and speaker and add a tag in the bar that appears;
// see it on every row and after a reload; Ctrl+Z takes the whole change back in one step.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const panel = (page: Page) => page.getByRole('complementary', { name: 'Annotations' });
const grid = (page: Page) => panel(page).getByRole('grid', { name: 'Annotations in text order' });
const rows = (page: Page) => grid(page).getByRole('row');
const bar = (page: Page) => panel(page).getByRole('form', { name: 'Change the selected annotations' });

/** Which of the rows shown are selected, as a screen reader is told. */
async function selectedRows(page: Page): Promise<boolean[]> {
  return (await rows(page).evaluateAll((elements) => elements.map((row) => row.getAttribute('aria-selected')))).map(
    (value) => value === 'true',
  );
}

/** The rows' text (without the actions under the chosen one), to compare with after an undo. */
const texts = (page: Page) => rows(page).getByTestId('annotation-item').allInnerTexts();

test.beforeEach(async ({ page, served }) => {
  await page.goto(served.url);
  await expect(rows(page)).toHaveCount(10);
  await page.getByRole('region', { name: 'Welcome' }).getByRole('button', { name: 'Not now' }).click();
});

test('selects three rows from the keyboard, sets status, speaker and a tag at once, and Ctrl+Z undoes it all', async ({ page }) => {
  const before = (await texts(page)).slice(0, 3);
  await expect(grid(page)).toHaveAttribute('aria-multiselectable', 'true');

  // A plain click selects one row, as before; no bar.
  await rows(page).first().getByTestId('annotation-item').click();
  expect(await selectedRows(page)).toEqual([true, false, false, false, false, false, false, false, false, false]);
  await expect(bar(page)).toHaveCount(0);
  // Shift+↓ and Shift+J extend the selection; the cursor (and the focus) go along.
  await page.keyboard.press('Shift+ArrowDown');
  await expect(bar(page)).toBeVisible();
  await expect(bar(page).getByTestId('bulk-count')).toHaveText('2 selected');
  await page.keyboard.press('Shift+J');
  await expect(bar(page).getByTestId('bulk-count')).toHaveText('3 selected');
  expect(await selectedRows(page)).toEqual([true, true, true, false, false, false, false, false, false, false]);
  await expect(rows(page).nth(2).getByTestId('annotation-item')).toBeFocused();
  await expect(rows(page).nth(2).getByTestId('annotation-item')).toHaveAttribute('aria-current', 'true');
  // Several selected: the single row's actions give way to the bar.
  await expect(panel(page).getByRole('button', { name: 'Delete annotation' })).toHaveCount(0);

  // Apply with nothing chosen: said, and nothing changes.
  await bar(page).getByRole('button', { name: 'Apply to 3' }).click();
  await expect(bar(page).getByRole('alert')).toHaveText('Choose a speaker, a status or a tag to change.');

  await bar(page).getByLabel('Set speaker').fill('Teresa Albescu');
  await bar(page).getByLabel('Set status').selectOption({ label: 'Refuted' });
  await bar(page).getByLabel('Add tag').selectOption({ label: 'Opinion' });
  await page.screenshot({ path: 'test-results/bulk-bar.png' });
  await bar(page).getByRole('button', { name: 'Apply to 3' }).click();
  await expect(page.getByTestId('history-said')).toHaveText(
    'Edited 3 annotations: status Refuted, speaker Teresa Albescu, tag Opinion added. Ctrl+Z undoes it.',
  );
  await expect(bar(page).getByRole('alert')).toHaveCount(0);
  // The fields are emptied for the next change; the selection stays.
  await expect(bar(page).getByLabel('Set speaker')).toHaveValue('');
  await expect(bar(page).getByTestId('bulk-count')).toHaveText('3 selected');
  for (const index of [0, 1, 2]) {
    const row = rows(page).nth(index);
    await expect(row.locator('.annotation-tags .status')).toHaveText('Refuted');
    await expect(row.locator('.annotation-source')).toContainText('Teresa Albescu');
    await expect(row.locator('.chip').filter({ hasText: 'Opinion' })).toHaveCount(1);
  }
  await expect(rows(page).nth(3).locator('.chip').filter({ hasText: 'Opinion' })).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveText(/^All changes saved/);

  // On disk: a reload shows the same, with the single selection back.
  await page.reload();
  await expect(rows(page)).toHaveCount(10);
  await expect(bar(page)).toHaveCount(0);
  for (const index of [0, 1, 2]) {
    await expect(rows(page).nth(index).locator('.annotation-tags .status')).toHaveText('Refuted');
    await expect(rows(page).nth(index).locator('.annotation-source')).toContainText('Teresa Albescu');
  }

  // One step back for all three.
  await page.getByRole('navigation', { name: 'Documents' }).getByTestId('library-item').first().focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('history-said')).toHaveText('Undid: Edit 3 annotations');
  await expect.poll(async () => (await texts(page)).slice(0, 3)).toEqual(before);
  await page.reload();
  await expect(rows(page)).toHaveCount(10);
  expect((await texts(page)).slice(0, 3)).toEqual(before);
});

test('Ctrl+click and Shift+click pick rows, Ctrl+A selects what the filter shows, Esc clears; a tag comes off all at once', async ({
  page,
}) => {
  const items = rows(page).getByTestId('annotation-item');
  await items.nth(1).click();
  await items.nth(4).click({ modifiers: ['ControlOrMeta'] });
  await items.nth(6).click({ modifiers: ['ControlOrMeta'] });
  await expect(bar(page).getByTestId('bulk-count')).toHaveText('3 selected');
  expect(await selectedRows(page)).toEqual([false, true, false, false, true, false, true, false, false, false]);
  // Ctrl+click again takes a row out.
  await items.nth(4).click({ modifiers: ['ControlOrMeta'] });
  expect(await selectedRows(page)).toEqual([false, true, false, false, false, false, true, false, false, false]);
  // Shift+click selects the range from the row last clicked.
  await items.nth(8).click({ modifiers: ['Shift'] });
  expect(await selectedRows(page)).toEqual([false, false, false, false, true, true, true, true, true, false]);
  await expect(items.nth(8)).toBeFocused();
  // Esc clears: the row at the cursor alone again.
  await page.keyboard.press('Escape');
  await expect(bar(page)).toHaveCount(0);
  expect(await selectedRows(page)).toEqual([false, false, false, false, false, false, false, false, true, false]);
  // From the keyboard, rows apart: Ctrl+↑ moves without changing the selection, x or Ctrl+Space adds the row.
  await page.keyboard.press('Control+ArrowUp');
  await page.keyboard.press('Control+ArrowUp');
  await expect(items.nth(6)).toBeFocused();
  expect(await selectedRows(page)).toEqual([false, false, false, false, false, false, false, false, true, false]);
  await page.keyboard.press('x');
  await expect(bar(page).getByTestId('bulk-count')).toHaveText('2 selected');
  await page.keyboard.press('Control+ArrowUp');
  await page.keyboard.press('Control+ArrowUp');
  // On a busy machine the second key can be handled after the next one is sent: the cursor first.
  await expect(items.nth(4)).toBeFocused();
  await page.keyboard.press('Control+Space');
  await expect(bar(page).getByTestId('bulk-count')).toHaveText('3 selected');
  expect(await selectedRows(page)).toEqual([false, false, false, false, true, false, true, false, true, false]);
  await page.keyboard.press('Escape');
  await expect(bar(page)).toHaveCount(0);

  // Ctrl+A with a filter: the rows it shows, no others.
  await panel(page).getByLabel('Tag', { exact: true }).selectOption('named-official');
  const shown = await rows(page).count();
  expect(shown).toBeGreaterThan(2);
  await items.first().click();
  await page.keyboard.press('Control+a');
  await expect(bar(page).getByTestId('bulk-count')).toHaveText(`${shown} selected`);
  const remove = bar(page).getByLabel('Remove tag');
  await expect(remove.locator('option', { hasText: 'Named official' })).toHaveText(`Named official (${shown} of ${shown})`);
  await remove.selectOption({ label: `Named official (${shown} of ${shown})` });
  await bar(page)
    .getByRole('button', { name: `Apply to ${shown}` })
    .click();
  await expect(page.getByTestId('history-said')).toHaveText(`Edited ${shown} annotations: tag Named official removed. Ctrl+Z undoes it.`);
  await expect(panel(page).getByText('No annotation matches.')).toBeVisible();
  await panel(page).getByLabel('Tag', { exact: true }).selectOption('');
  await expect(rows(page)).toHaveCount(10);
  await expect(rows(page).locator('.chip').filter({ hasText: 'Named official' })).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Documents' }).getByTestId('library-item').first().focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('history-said')).toHaveText(`Undid: Edit ${shown} annotations`);
  await expect(rows(page).locator('.chip').filter({ hasText: 'Named official' })).toHaveCount(shown);
});

test('the command palette selects all the annotations shown and clears the selection; the shortcuts sheet lists the keys', async ({
  page,
}) => {
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await page.getByRole('navigation', { name: 'Documents' }).getByTestId('library-item').first().focus();
  await page.keyboard.press('Control+k');
  await palette.getByRole('combobox', { name: 'Type a command' }).fill('select all');
  await expect(palette.getByRole('option').first()).toContainText('Ctrl+A');
  await page.keyboard.press('Enter');
  await expect(bar(page).getByTestId('bulk-count')).toHaveText('10 selected');
  await page.keyboard.press('Control+k');
  await palette.getByRole('combobox', { name: 'Type a command' }).fill('clear the selection');
  await page.keyboard.press('Enter');
  await expect(bar(page)).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Documents' }).getByTestId('library-item').first().focus();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('region', { name: 'In the annotations panel' });
  await expect(sheet).toContainText('Shift+↓Shift+JExtend the selection down');
  await expect(sheet).toContainText('Ctrl+ASelect all the annotations shown');
  await expect(sheet).toContainText('EscClear the selection of annotations');
});
