// The window's layout and its keyboard: splitters that resize and fold the library and the side
// panel (remembered), F6 between panes, the annotations list as one tab stop with the annotation
// at the reader's cursor said aloud, and side by side at 1000×700 without a control cut short.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const reader = (page: Page) => page.getByRole('main', { name: 'Reader' });
const library = (page: Page) => page.getByRole('navigation', { name: 'Documents' });
const annotations = (page: Page) => page.getByRole('complementary', { name: 'Annotations' });
const rows = (page: Page) => annotations(page).getByTestId('annotation-item');

async function widthOf(locator: Locator): Promise<number> {
  return Math.round((await locator.boundingBox())!.width);
}

/** The buttons and selects of the panes whose text does not fit them (a select cut to "All docu"). */
async function cutShort(page: Page): Promise<string[]> {
  return page.locator('.panes').evaluate((panes) => {
    const canvas = document.createElement('canvas').getContext('2d')!;
    const found: string[] = [];
    for (const element of panes.querySelectorAll<HTMLElement>('button, select')) {
      if (element.offsetParent === null || element.closest('.monaco-editor')) continue;
      const style = getComputedStyle(element);
      if (style.opacity === '0') continue;
      if (element instanceof HTMLSelectElement) {
        canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const text = element.selectedOptions[0]?.textContent ?? '';
        // The text, the padding and the arrow (about 16 px in Chromium) must fit.
        const needed = canvas.measureText(text).width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + 16;
        if (element.clientWidth < needed - 1) found.push(`select “${text}” (${element.clientWidth} < ${Math.ceil(needed)} px)`);
      } else if (element.scrollWidth > element.clientWidth + 1) found.push(`button “${element.textContent}”`);
      // Nor may its pane cut it off at the side.
      const pane = element.closest<HTMLElement>('.pane, .side-panel, .pane-rail');
      if (pane && element.getBoundingClientRect().right > pane.getBoundingClientRect().right + 1)
        found.push(`“${element.textContent}” past the edge of its pane`);
    }
    return found;
  });
}

test('the library and the side panel resize and fold with their splitters, by keyboard and by mouse, and stay so after a reload', async ({
  page,
  served,
}) => {
  await page.setViewportSize({ width: 1400, height: 860 });
  await page.goto(served.url);
  await expect(rows(page).first()).toBeVisible();
  const librarySplitter = page.getByRole('separator', { name: 'Resize the library' });
  await expect(librarySplitter).toHaveAttribute('aria-valuenow', '308');
  expect(await widthOf(library(page))).toBe(308);

  // Keyboard: arrows resize, Shift for bigger steps; Enter folds.
  await librarySplitter.focus();
  await page.keyboard.press('ArrowRight');
  await expect(librarySplitter).toHaveAttribute('aria-valuenow', '324');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(librarySplitter).toHaveAttribute('aria-valuenow', '196');
  expect(await widthOf(library(page))).toBe(196);
  await page.keyboard.press('Enter');
  await expect(library(page)).toBeHidden();
  await expect(librarySplitter).toHaveAttribute('aria-valuetext', 'folded');
  await expect(page.getByRole('button', { name: 'Library', exact: true })).toBeVisible();

  // The mouse: drag the side panel's splitter 60 px to the left, and it is 60 px wider.
  const sideSplitter = page.getByRole('separator', { name: 'Resize the side panel' });
  const before = await widthOf(annotations(page));
  const box = (await sideSplitter.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 30, box.y + 200, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2 - 60, box.y + 200, { steps: 4 });
  await page.mouse.up();
  expect(Math.abs((await widthOf(annotations(page))) - (before + 60))).toBeLessThanOrEqual(2);
  const sideWidth = await sideSplitter.getAttribute('aria-valuenow');

  // Remembered: the library still folded, the side panel as wide.
  await page.reload();
  await expect(rows(page).first()).toBeVisible();
  await expect(library(page)).toBeHidden();
  await expect(sideSplitter).toHaveAttribute('aria-valuenow', sideWidth!);
  // The rail unfolds it at the width it had.
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  await expect(library(page)).toBeVisible();
  expect(await widthOf(library(page))).toBe(196);

  // The side panel's » folds it; its rail brings it back.
  await annotations(page).getByRole('button', { name: 'Fold the side panel pane' }).click();
  await expect(annotations(page)).toBeHidden();
  await page.getByRole('button', { name: 'Annotations', exact: true }).click();
  await expect(rows(page).first()).toBeVisible();
});

test('F6 moves between the panes; the annotations list is one tab stop that the arrows move through; the reader’s cursor is announced', async ({
  page,
  served,
}) => {
  await page.setViewportSize({ width: 1400, height: 860 });
  await page.goto(served.url);
  await expect(rows(page)).toHaveCount(10);

  // F6: library, reader, side panel, and around; Shift+F6 back.
  await page.keyboard.press('F6');
  await expect(library(page).getByTestId('library-item').first()).toBeFocused();
  await page.keyboard.press('F6');
  await expect(reader(page).locator('.monaco-editor textarea')).toBeFocused();
  await page.keyboard.press('F6');
  await expect(rows(page).first()).toBeFocused();
  await page.keyboard.press('F6');
  await expect(library(page).getByTestId('library-item').first()).toBeFocused();
  await page.keyboard.press('Shift+F6');
  await expect(rows(page).first()).toBeFocused();

  // One tab stop: only one row is in the tab order.
  await expect(annotations(page).locator('.annotation-item[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await expect(rows(page).nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(rows(page).nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(rows(page).last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(rows(page).first()).toBeFocused();
  await expect(annotations(page).locator('.annotation-item[tabindex="0"]')).toHaveCount(1);
  // Tab leaves the list for the chosen row's actions, not the next row.
  await page.keyboard.press('Tab');
  await expect(annotations(page).getByRole('button', { name: 'Edit annotation' })).toBeFocused();

  // The reader's cursor in a highlight: the annotation, its place, tags, status and claim, said aloud.
  const announcement = page.getByTestId('reader-announcement');
  await expect(announcement).toHaveAttribute('aria-live', 'polite');
  await reader(page).locator('.cb-hl').filter({ hasText: 'which supplies most' }).first().click();
  await expect(announcement).toHaveText(
    /^Annotation \d+ of 10: .+\. .+\. In claim “The Lindell reservoir fell to 18 percent of capacity” · True\.$/,
  );
  await reader(page).locator('.cb-hl').filter({ hasText: 'taps will run dry' }).first().click();
  await expect(announcement).toHaveText(
    /^Annotation \d+ of 10: Quote, Prediction, Named official\. Misleading\. Speaker: Teresa Albescu\.$/,
  );
  // Chosen from the panel, the row speaks for itself: the reader says nothing.
  await rows(page).first().click();
  await expect(announcement).toHaveText('');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`side by side at 1000×700 (${colorScheme}): no control cut short, chips wrap with the speaker on its own line, actions below the content`, async ({
    page,
    served,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.goto(served.url);
    await expect(rows(page).first()).toBeVisible();
    await library(page)
      .getByRole('button', { name: /Open “Statement by Mayor Teresa Albescu/ })
      .click();
    await expect(page.getByRole('region', { name: 'Source' }).getByRole('heading', { name: /Statement by Mayor/ })).toBeVisible();
    // Each document keeps a readable width (the panes take a smaller share when two are open).
    for (const pane of [reader(page), page.getByRole('region', { name: 'Source' })])
      expect(await widthOf(pane)).toBeGreaterThanOrEqual(260);

    // The row with three tags and a speaker: every chip inside the row, the speaker on a line below them.
    const row = rows(page).filter({ hasText: 'taps will run dry' });
    await row.click();
    const speaker = row.locator('.annotation-source');
    await expect(speaker).toHaveText('Teresa Albescu · City of Valmont website');
    // Measured once the row is chosen and its text is in, and again until the list stops moving: the
    // row's height may change until then, and the list may scroll the chosen row into view between
    // two measurements (a CI run saw the speaker 20 px below a row measured before the scroll).
    const actions = annotations(page).locator('.row-actions');
    await expect(async () => {
      const rowBox = (await row.boundingBox())!;
      for (const chip of await row.locator('.chip').all()) {
        const chipBox = (await chip.boundingBox())!;
        expect(chipBox.x + chipBox.width).toBeLessThanOrEqual(rowBox.x + rowBox.width + 0.5);
      }
      const tagsBox = (await row.locator('.annotation-tags').boundingBox())!;
      const speakerBox = (await speaker.boundingBox())!;
      expect(speakerBox.y).toBeGreaterThanOrEqual(tagsBox.y + tagsBox.height - 0.5);
      expect(speakerBox.y + speakerBox.height).toBeLessThanOrEqual(rowBox.y + rowBox.height + 0.5);
      // The chosen row's actions sit under its content, covering none of it.
      expect((await actions.boundingBox())!.y).toBeGreaterThanOrEqual(rowBox.y + rowBox.height - 0.5);
      expect((await row.boundingBox())!.y).toBe(rowBox.y);
    }).toPass({ timeout: 10_000 });

    expect(await cutShort(page)).toEqual([]);
    await page.screenshot({ path: `test-results/layout-side-by-side-1000-${colorScheme}.png` });

    // The library's head stays in view while its list scrolls (a short window).
    await page.setViewportSize({ width: 1000, height: 380 });
    await library(page).evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect(library(page).getByRole('button', { name: 'Import…' })).toBeInViewport();
    await expect(library(page).getByRole('searchbox', { name: 'Filter documents' })).toBeInViewport();
  });
}

test('screenshots of the main view at 1400×860, light and dark', async ({ page, served }) => {
  await page.setViewportSize({ width: 1400, height: 860 });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto(served.url);
    await expect(rows(page).first()).toBeVisible();
    await rows(page).filter({ hasText: 'fell to 18 percent' }).click();
    expect(await cutShort(page)).toEqual([]);
    await page.screenshot({ path: `test-results/layout-main-1400-${colorScheme}.png` });
  }
});
