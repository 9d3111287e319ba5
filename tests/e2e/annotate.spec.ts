// Marking claims as an analyst does: select text in the reader, press a codebook key, see the
// highlight and the claim; reload; undo and redo; delete from the claims panel.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { flashesIn, recordFlashes, selectWord } from './reader-steps.ts';

const reader = (page: Page) => page.getByRole('main', { name: 'Reader' });

const claims = (page: Page) => page.getByRole('complementary', { name: 'Annotations' }).getByTestId('annotation-item');

test('tags a selection with a key, keeps it across a reload, and undoes and redoes it', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(claims(page)).toHaveCount(10);

  // "1" is the Statistic shortcut of the default codebook.
  await selectWord(page);
  await page.keyboard.press('1');
  await expect(claims(page)).toHaveCount(11);
  await expect(claims(page).filter({ hasText: /^VALMONT/ })).toContainText('Statistic');
  await expect(
    reader(page)
      .locator('.cb-hl-tag-statistic')
      .filter({ hasText: /^VALMONT$/ }),
  ).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText(/^All changes saved/);

  await page.reload();
  await expect(claims(page)).toHaveCount(11);

  // Undo from anywhere (focus outside the reader), then redo.
  await page.getByRole('navigation', { name: 'Documents' }).getByTestId('library-item').first().focus();
  await page.keyboard.press('Control+z');
  await expect(claims(page)).toHaveCount(10);
  await page.keyboard.press('Control+Shift+z');
  await expect(claims(page)).toHaveCount(11);

  // Delete from the panel; undo brings it back.
  await claims(page)
    .filter({ hasText: /^VALMONT/ })
    .click();
  await page.getByRole('button', { name: 'Delete annotation' }).click();
  await expect(claims(page)).toHaveCount(10);
  await page.keyboard.press('Control+z');
  await expect(claims(page)).toHaveCount(11);

  // The same keys work with the reader focused.
  await reader(page).locator('.view-line').filter({ hasText: 'By Nadia Okafor' }).click();
  await page.keyboard.press('Control+z');
  await expect(claims(page)).toHaveCount(10);
  await page.keyboard.press('Control+Shift+z');
  await expect(claims(page)).toHaveCount(11);
  await page.screenshot({ path: 'test-results/annotate.png' });
});

test('opens the claim form with Enter, and edits a claim’s status and note', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(claims(page)).toHaveCount(10);
  await selectWord(page);
  await page.keyboard.press('Enter');
  const form = page.getByRole('dialog', { name: 'New annotation' });
  await expect(form.locator('blockquote')).toHaveText('VALMONT');
  await form.getByLabel('Event').check();
  await form.getByLabel('Status').selectOption('refuted');
  await form.getByLabel('Speaker').fill('Teresa Albescu');
  await form.getByLabel('Note (Markdown)').fill('Dateline only; *not* a claim on its own.');
  await form.getByRole('button', { name: 'Save annotation' }).click();
  await expect(form).toHaveCount(0);
  const row = claims(page).filter({ hasText: /^VALMONT/ });
  await expect(row).toContainText('Event');
  await expect(row).toContainText('Refuted');
  await expect(row).toContainText('Teresa Albescu');

  await row.click();
  await page.getByRole('button', { name: 'Edit annotation' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit annotation' });
  await expect(edit.getByLabel('Speaker')).toHaveValue('Teresa Albescu');
  await edit.getByLabel('Status').selectOption('supported');
  await edit.getByLabel('Note (Markdown)').fill('Checked against the city website.');
  await edit.getByRole('button', { name: 'Save annotation' }).click();
  await expect(row).toContainText('Supported');

  await page.reload();
  await expect(claims(page).filter({ hasText: /^VALMONT/ })).toContainText('Supported');
  await reader(page)
    .locator('.cb-hl-tag-event')
    .filter({ hasText: /^VALMONT$/ })
    .hover();
  await expect(page.locator('.monaco-hover').filter({ hasText: 'Checked against the city website.' })).toBeVisible();
});

test('selects the sentence at the cursor with Alt+S, then tags it', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(claims(page)).toHaveCount(10);
  await reader(page)
    .locator('.view-line span span')
    .filter({ hasText: /^Mayor/ })
    .first()
    .click({ position: { x: 30, y: 8 } });
  await page.keyboard.press('Alt+s');
  await page.keyboard.press('3');
  await expect(claims(page)).toHaveCount(11);
  await expect(
    claims(page).filter({ hasText: /^Mayor Teresa Albescu said the city would begin rationing water to households from Monday\./ }),
  ).toContainText('Event');
});

test('a claim tagged around an earlier one makes the earlier one nested, and undo un-nests it', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(claims(page)).toHaveCount(10);
  const mayor = reader(page)
    .locator('.view-line span span')
    .filter({ hasText: /^Mayor/ })
    .first();
  // "Mayor" alone first (double-click), tagged Statistic: an outermost highlight.
  await expect(async () => {
    await mayor.dblclick({ position: { x: 12, y: 8 } });
    await expect(reader(page).locator('.selected-text')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page.keyboard.press('1');
  await expect(claims(page)).toHaveCount(11);
  const nestedMayor = reader(page)
    .locator('.cb-hl-nested')
    .filter({ hasText: /^Mayor$/ });
  await expect(nestedMayor).toHaveCount(0);
  // Then its sentence around it: the word's highlight is now inside another one.
  await reader(page)
    .locator('.view-line span span')
    .filter({ hasText: /^Mayor/ })
    .first()
    .click({ position: { x: 30, y: 8 } });
  await page.keyboard.press('Alt+s');
  await page.keyboard.press('3');
  await expect(claims(page)).toHaveCount(12);
  await expect(nestedMayor).toHaveCount(1);
  await page
    .getByTestId('save-state')
    .filter({ hasText: /^All changes saved/ })
    .waitFor();
  await page.keyboard.press('Control+z');
  await expect(claims(page)).toHaveCount(11);
  await expect(nestedMayor).toHaveCount(0);
});

test('many highlights, nested and overlapping, in the light and the dark theme', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('complementary', { name: 'Annotations' }).getByTestId('annotation-item')).toHaveCount(10);
  // Mark every sentence of the report, and a phrase inside every other one, through the API the
  // page itself uses (the claims differ in tag, so in colour).
  const added = await page.evaluate(async () => {
    const call = async (method: string, args: unknown[]) => {
      const response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      return ((await response.json()) as { value: unknown }).value;
    };
    const id = new URLSearchParams(location.hash.slice(1)).get('doc')!;
    const document = (await call('getDocument', [id])) as { ok: true; value: { text: string } };
    const tags = [
      'statistic',
      'quote',
      'event',
      'prediction',
      'opinion',
      'named-official',
      'anonymous-source',
      'outlet-report',
      'social-media',
    ];
    const text = document.value.text;
    let count = 0;
    for (const match of text.matchAll(/[^.!?\n]+[.!?]/g)) {
      const start = match.index + (match[0].length - match[0].trimStart().length);
      const end = match.index + match[0].length;
      if (end - start < 20) continue;
      await call('createAnnotation', [id, { start, end, tags: [tags[count % tags.length]] }]);
      if (count % 2 === 0)
        await call('createAnnotation', [id, { start: start + 4, end: Math.min(end, start + 24), tags: [tags[(count + 4) % tags.length]] }]);
      count++;
    }
    return count;
  });
  expect(added).toBeGreaterThan(10);
  await expect(reader(page).locator('.cb-hl-nested').first()).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `test-results/reader-many-highlights-${scheme}.png` });
  }
});

test('a claim chosen earlier does not pull the reader back when another is tagged', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(claims(page)).toHaveCount(10);
  // Choose the first claim (the reader scrolls to it and flashes it), then read on at the end.
  await recordFlashes(page);
  await claims(page).first().click();
  await expect.poll(() => flashesIn(page, 'reader')).not.toBe('');
  await page.setViewportSize({ width: 1000, height: 420 });
  // A line on screen, not the lines' container: scrolled to the claim, the container's corner is
  // above the window. The editor lays itself out again after the resize, so try until it holds.
  await expect(async () => {
    await reader(page)
      .locator('.view-line')
      .nth(1)
      .click({ position: { x: 5, y: 5 }, timeout: 2000 });
    await expect(reader(page).locator('.monaco-editor.focused')).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page.keyboard.press('Control+End');
  const editor = reader(page).locator('.monaco-scrollable-element').first();
  await expect
    .poll(() => editor.evaluate((element) => element.querySelector('.lines-content')?.getBoundingClientRect().top ?? 0))
    .toBeLessThan(-100);
  // (The text ends with an empty line: the word starting the line above.)
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Home');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.waitForTimeout(300);
  const scrolled = await editor.evaluate((element) => element.querySelector('.lines-content')!.getBoundingClientRect().top);
  await page.keyboard.press('1');
  await expect(claims(page)).toHaveCount(11);
  await page.waitForTimeout(800);
  const after = await editor.evaluate((element) => element.querySelector('.lines-content')!.getBoundingClientRect().top);
  expect(Math.abs(after - scrolled)).toBeLessThan(30);
});
