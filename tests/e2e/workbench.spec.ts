// The workbench as a user meets it: open the served URL, browse the sample, read, follow claims.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { flashesIn, recordFlashes } from './reader-steps.ts';

const SAMPLE = [
  {
    title: 'Valmont declares water emergency as reservoir falls to 18 percent',
    outlet: 'The Valley Courier',
    line: 'The city of Valmont declared a water emergency',
    claims: 10,
  },
  {
    title: 'Statement by Mayor Teresa Albescu on the water emergency',
    outlet: 'City of Valmont',
    line: 'Today I have declared a water emergency',
    claims: 3,
  },
  {
    title: 'Ministry of Environment: drought briefing, 13 August',
    outlet: 'Ministry of Environment',
    line: 'Rainfall across the northern basin',
    claims: 5,
  },
];

const library = (page: Page) => page.getByRole('navigation', { name: 'Documents' });
const claims = (page: Page) => page.getByRole('complementary', { name: 'Annotations' });
const reader = (page: Page) => page.getByRole('main', { name: 'Reader' });

test('shows the sample library, and each document with its highlights and claims', async ({ page, served }) => {
  await page.goto(served.url);
  // The token in the URL was traded for a cookie and dropped from the address.
  await expect(page).toHaveURL(new RegExp(`^${served.origin}/(#.*)?$`));

  const items = library(page).getByTestId('library-item');
  await expect(items).toHaveCount(SAMPLE.length);
  for (const [index, document] of SAMPLE.entries()) {
    await expect(items.nth(index)).toContainText(document.title);
    await expect(items.nth(index)).toContainText(document.outlet);
    await expect(items.nth(index)).toContainText(String(document.claims));
  }

  for (const [index, document] of SAMPLE.entries()) {
    await items.nth(index).click();
    await expect(items.nth(index)).toHaveAttribute('aria-current', 'true');
    await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText(document.title);
    await expect(reader(page).locator('.view-lines')).toContainText(document.line);
    await expect(reader(page).locator('.cb-hl').first()).toBeVisible();
    await expect(claims(page).getByTestId('annotation-item')).toHaveCount(document.claims);
    await expect(page).toHaveTitle(`${document.title} — Claimbench`);
  }

  await items.first().click();
  // Highlights are coloured by their primary tag, and the nested "18 percent" is marked as nested.
  const nested = reader(page).locator('.cb-hl-nested');
  await expect(nested.first()).toHaveText('18 percent');
  await expect(nested.first()).toHaveClass(/cb-hl-tag-statistic/);
  await expect(reader(page).locator('.cb-hl-tag-quote').first()).toContainText('If we do nothing');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await expect(page.getByRole('status')).toContainText(served.workspace);
  await page.screenshot({ path: 'test-results/workbench.png' });
});

test('choosing a claim reveals it in the reader; the cursor in a highlight selects its claim', async ({ page, served }) => {
  await page.goto(served.url);
  const claimItems = claims(page).getByTestId('annotation-item');
  await expect(claimItems).toHaveCount(10);

  // The last claim is below the fold of a short window: choosing it scrolls it into view and flashes it.
  await page.setViewportSize({ width: 1200, height: 520 });
  const flash = reader(page).locator('.cb-flash');
  // The flash lasts a moment; on a loaded machine the check may miss it, so choose again then.
  await expect(async () => {
    await claimItems.last().click();
    await expect(claimItems.last()).toHaveAttribute('aria-current', 'true');
    await expect(flash.first()).toBeVisible({ timeout: 2000 });
    // Monaco splits a decoration into one span per rendered piece (and renders only what is in view).
    const flashed = (await flash.allTextContents()).join('').replaceAll('\u00a0', ' ');
    expect(flashed.length).toBeGreaterThan(0);
    expect('a crisis the mayor saw coming and ignored for two years').toContain(flashed);
  }).toPass({ timeout: 20_000 });
  await expect(reader(page).locator('.view-lines')).toContainText('ignored for two years');

  // Clicking into a highlight moves the cursor there; the panel follows.
  await page.setViewportSize({ width: 1400, height: 860 });
  await claimItems.first().click();
  await expect(claimItems.first()).toHaveAttribute('aria-current', 'true');
  await reader(page).locator('.cb-hl-tag-quote').filter({ hasText: 'drought is the most' }).first().click();
  const selected = claims(page).locator('[aria-current="true"]');
  await expect(selected).toHaveCount(1);
  await expect(selected).toContainText('the drought is the most severe in half a century');
});

test('hovering a highlight shows its tags, status, speaker and note', async ({ page, served }) => {
  await page.goto(served.url);
  await reader(page).locator('.cb-hl').filter({ hasText: 'taps will run dry' }).first().hover();
  const hover = page.locator('.monaco-hover').filter({ hasText: 'Misleading' });
  await expect(hover).toBeVisible();
  await expect(hover).toContainText('Quote, Prediction, Named official');
  await expect(hover).toContainText('Speaker: Teresa Albescu');
  await expect(hover).toContainText('could run dry, not will');
});

test('keeps the open document across a reload', async ({ page, served }) => {
  await page.goto(served.url);
  await library(page).getByTestId('library-item').nth(2).click();
  await expect(page).toHaveURL(/#doc=/);
  await page.reload();
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText(SAMPLE[2]!.title);
});

test('follows the dark theme of the OS', async ({ page, served }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(served.url);
  await expect(reader(page).locator('.monaco-editor.vs-dark')).toBeVisible();
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(reader(page).locator('.monaco-editor.vs')).toBeVisible();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(reader(page).locator('.cb-hl').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/workbench-dark.png' });
});

test('shows saves as they happen (events reach the page over SSE)', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  // page.request shares the page's cookie, as the app's own client does.
  const reply = await page.request.post(`${served.origin}/api/updateSettings`, { data: [{ analystName: 'Ada Analyst' }] });
  expect(reply.status()).toBe(200);
  await expect(page.getByTestId('save-state')).toHaveText(/^All changes saved at \d/);
});

test.describe('an empty workspace', () => {
  test.use({ serveOptions: { empty: true } });
  test('says there is nothing yet', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(library(page)).toContainText('No documents yet');
    await expect(reader(page)).toContainText('This workspace has no documents.');
  });
});

test('filters the claims panel by tag, status and text, and moves through claims with j and k', async ({ page, served }) => {
  await page.goto(served.url);
  const panel = claims(page);
  const items = panel.getByTestId('annotation-item');
  await expect(items).toHaveCount(10);
  await panel.getByLabel('Status').selectOption('misleading');
  await expect(items).toHaveCount(2);
  await expect(panel.getByRole('heading')).toContainText('2 of 10');
  await panel.getByLabel('Status').selectOption('');
  // A parent tag matches its children: 7 claims carry an attribution kind.
  await panel.getByLabel('Tag').selectOption('attribution');
  await expect(items).toHaveCount(7);
  await panel.getByLabel('Tag').selectOption('');
  await panel.getByLabel('Filter annotations').fill('albescu');
  await expect(items).toHaveCount(2);
  await panel.getByLabel('Filter annotations').fill('');

  await items.first().click();
  await recordFlashes(page);
  await page.keyboard.press('j');
  await expect(items.nth(1)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('j');
  await expect(items.nth(2)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('k');
  await expect(items.nth(1)).toHaveAttribute('aria-current', 'true');
  // Each step flashed its claim in the reader (recorded: a flash can be over before a check).
  await expect.poll(async () => (await flashesIn(page, 'reader')).length).toBeGreaterThan(0);
});
