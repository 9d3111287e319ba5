// The search view's results beyond the first page, and hits inside annotations, as an analyst
// meets them from the keyboard: 130 reports mention "reservoir level"; the first 100 are listed
// and the counts say so; Tab reaches "Show more results", Enter adds the rest and the arrow keys
// go on from the first new hit; words found inside an annotation say its tag and its claim; the
// command palette opens the annotations table and the tag matrix.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

test.use({ serveOptions: { empty: true } });

const REPORTS = 130;
const searchView = (page: Page) => page.getByRole('main', { name: 'Search' });
const queryBox = (page: Page) => page.getByRole('combobox', { name: 'Search the workspace' });
const results = (page: Page) => searchView(page).getByRole('listbox', { name: 'Results' });
const counts = (page: Page) => searchView(page).getByTestId('search-counts');

/** Calls the workbench as the page does (page.request shares its cookie). */
async function call<T>(page: Page, origin: string, method: string, ...args: unknown[]): Promise<T> {
  const reply = await page.request.post(`${origin}/api/${method}`, { data: args });
  expect(reply.status(), `${method} answers`).toBe(200);
  return ((await reply.json()) as { value: T }).value;
}

test('more results a page at a time from the keyboard; a hit inside an annotation names its tag and claim', async ({ page, served }) => {
  test.setTimeout(120_000);
  await page.goto(served.url);
  await call(page, served.origin, 'updateSettings', { welcomed: true });
  let first = '';
  for (let n = 0; n < REPORTS; n++) {
    // Each report a little longer than the one before, so that no two rank alike: documents tied
    // with the last one a page needs are all checked, and the counts would be exact.
    const text = `Report ${n}. The reservoir level fell to ${n} percent.${n === 0 ? ' The minister said the reservoir level was safe.' : ''}${' Noted.'.repeat(n)}`;
    const imported = await call<{ documentId: string }>(page, served.origin, 'importText', `Report ${n}`, text);
    if (n === 0) first = imported.documentId;
  }
  const quote = 'The reservoir level fell to 0 percent';
  const created = await call<{ ok: boolean; value: { id: string } }>(page, served.origin, 'createAnnotation', first, {
    start: 'Report 0. '.length,
    end: 'Report 0. '.length + quote.length,
    tags: ['statistic'],
  });
  expect(created.ok).toBe(true);
  const claim = await call<{ ok: boolean }>(page, served.origin, 'createClaim', {
    statement: 'The reservoir is empty',
    mentions: [{ documentId: first, annotationId: created.value.id }],
  });
  expect(claim.ok).toBe(true);

  await page.keyboard.press('Control+Shift+F');
  await expect(queryBox(page)).toBeFocused();
  await page.keyboard.type('"reservoir level"');
  // Only enough documents are checked to fill the page, so the counts are bounds until all are shown.
  await expect(counts(page)).toHaveText(`101+ hits in at most ${REPORTS} documents; the first 100 shown`);
  await expect(results(page).getByRole('group')).toHaveCount(100);
  const more = searchView(page).getByRole('button', { name: 'Show more results' });
  await expect(more).toBeVisible();

  // From the keyboard only: into the list, to its last hit, on to the button, Enter.
  await results(page).focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Tab');
  await expect(more).toBeFocused();
  await page.screenshot({ path: 'test-results/search-show-more.png' });
  await page.keyboard.press('Enter');
  await expect(results(page).getByRole('group')).toHaveCount(REPORTS);
  await expect(counts(page)).toHaveText(`${REPORTS + 1} hits in ${REPORTS} documents`);
  await expect(more).toBeHidden();
  // The list has the focus, on the first hit of the new page; the arrow keys go on from there.
  await expect(results(page)).toBeFocused();
  await expect(results(page).getByRole('group').nth(100).getByRole('option', { selected: true })).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await expect(results(page).getByRole('group').nth(101).getByRole('option', { selected: true })).toHaveCount(1);

  // The report whose figure is annotated: that hit says its tag and claim, the other hit nothing.
  const report = results(page).getByRole('group', { name: /^Report 0\b/ });
  await expect(report.getByRole('option')).toHaveCount(2);
  // (In text order: the figure's sentence first, the minister's second; each snippet shows both.)
  const [annotated, other] = [report.getByRole('option').nth(0), report.getByRole('option').nth(1)];
  await expect(annotated.getByTestId('search-hit-in')).toHaveText('In Statistic · In claim “The reservoir is empty” · no verdict yet');
  await expect(other.getByTestId('search-hit-in')).toHaveCount(0);
  await annotated.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/search-hit-in-annotation.png' });

  // The command palette opens the annotations table (and the matrix) from anywhere.
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Documents' }).click();
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Type a command' }).fill('all annotations');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/find=table/);
  await expect(page.getByRole('tab', { name: 'All annotations' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('1 annotation', { exact: true })).toBeVisible();
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Type a command' }).fill('tag matrix');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Tags × documents' })).toHaveAttribute('aria-selected', 'true');
});
