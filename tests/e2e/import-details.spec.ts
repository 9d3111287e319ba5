// The details step after an import, as an analyst uses it with the keyboard: import a .txt and a
// .md, fill in their roles, outlets and dates in one form, see them in the library, read the
// Markdown as plain text, take it all back with one undo. And Markdown pasted: converted, or kept.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const library = (page: Page) => page.getByRole('navigation', { name: 'Documents' });
const reader = (page: Page) => page.getByRole('main', { name: 'Reader' });
const panel = (page: Page) => page.getByTestId('import-panel');
const details = (page: Page) => page.getByRole('dialog', { name: 'Details of the imported documents' });

const REPORT =
  'Russian forces continued to batter urban areas across the region overnight, annihilating basic infrastructure and leaving residents without water, officials said on Tuesday.\n\nMore follows.\n';
const BRIEFING = [
  '# Briefing from **Kyiv**',
  '',
  '**Zelensky:** We will *not* give up, said the [president](https://example.org/statement).',
  '',
  '## Figures',
  '',
  '- Rainfall was `42 percent` below average',
  '- <b>Raw HTML</b> stays text',
  '',
].join('\n');

async function files(): Promise<{ report: string; briefing: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'claimbench-details-'));
  const report = path.join(dir, 'report.txt');
  const briefing = path.join(dir, 'briefing.md');
  await writeFile(report, REPORT);
  await writeFile(briefing, BRIEFING);
  return { report, briefing };
}

test('imports a .txt and a .md, fills their details with the keyboard, reads the Markdown as plain text; one undo takes the details back', async ({
  page,
  served,
}) => {
  const { report, briefing } = await files();
  await page.goto(served.url);
  await expect(library(page).getByTestId('library-item')).toHaveCount(3);

  // Chosen from the Import… button: once the files are in, the focus is on the details step.
  await library(page).getByRole('button', { name: 'Import…' }).focus();
  await page.getByTestId('import-input').setInputFiles([report, briefing]);
  await expect(panel(page)).toContainText('Imported 2 of 2', { timeout: 30_000 });
  await expect(panel(page)).toContainText('The 2 new documents are checked documents');
  await expect(panel(page).getByRole('button', { name: 'Add details…' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(details(page)).toBeVisible();
  // The .txt's title is its cut first sentence; the .md's its heading, without the markers.
  await expect(details(page).getByLabel('Title of report.txt')).toHaveValue(/^Russian forces continued .*…$/);
  await expect(details(page).getByLabel('Title of briefing.md')).toHaveValue('Briefing from Kyiv');

  await page.keyboard.press('Tab');
  await expect(details(page).getByLabel('Title of report.txt')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Russian forces batter urban areas');
  await page.keyboard.press('Tab'); // role: a checked document, as it is
  await page.keyboard.press('Tab');
  await page.keyboard.type('Kyiv Independent');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2023-06-06');
  await page.keyboard.press('Tab'); // URL
  await page.keyboard.press('Tab'); // the .md's title
  await page.keyboard.press('Tab');
  await expect(details(page).getByLabel('Role of briefing.md')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(details(page).getByLabel('Role of briefing.md')).toHaveValue('source');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Office of the President');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(details(page)).toHaveCount(0);

  const items = library(page).getByTestId('library-item');
  const txt = items.filter({ hasText: 'Russian forces batter urban areas' });
  const md = items.filter({ hasText: 'Briefing from Kyiv' });
  await expect(txt).toContainText('Kyiv Independent');
  await expect(txt).toContainText('Jun 6, 2023');
  await expect(txt).not.toContainText('Source');
  await expect(md).toContainText('Source');
  await expect(md).toContainText('Office of the President');

  // The Markdown reads as plain text: no markers, the link's address after its text, HTML as text.
  await md.click();
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText('Briefing from Kyiv');
  const text = reader(page).locator('.view-lines');
  await expect(text).toContainText('Zelensky: We will not give up, said the president (https://example.org/statement).');
  await expect(text).toContainText('Rainfall was 42 percent below average');
  await expect(text).toContainText('<b>Raw HTML</b> stays text');
  await expect(text).not.toContainText('**');
  await expect(text).not.toContainText('#');
  await expect(reader(page).locator('.view-lines b')).toHaveCount(0);

  // One undo takes every detail back.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+z');
  await expect(items.filter({ hasText: 'Office of the President' })).toHaveCount(0);
  await expect(items.filter({ hasText: 'Kyiv Independent' })).toHaveCount(0);
  await expect(items.filter({ hasText: 'Russian forces continued' })).toHaveCount(1);
});

test('Skip leaves the documents as they are; a re-import that found nothing new offers no details step', async ({ page, served }) => {
  const { report } = await files();
  await page.goto(served.url);
  await page.getByTestId('import-input').setInputFiles([report]);
  await expect(panel(page)).toContainText('Imported 1 of 1', { timeout: 30_000 });
  await panel(page).getByRole('button', { name: 'Add details…' }).click();
  await details(page).getByLabel('Role of report.txt').selectOption('source');
  await details(page).getByRole('button', { name: 'Skip' }).click();
  await expect(details(page)).toHaveCount(0);
  await expect(library(page).getByTestId('library-item').filter({ hasText: 'Russian forces' })).not.toContainText('Source');

  await page.getByTestId('import-input').setInputFiles([report]);
  await expect(panel(page)).toContainText('Imported 0 of 1', { timeout: 30_000 });
  await expect(panel(page)).toContainText('1 already in the workspace');
  await expect(panel(page).getByRole('button', { name: 'Add details…' })).toHaveCount(0);
});

test('pasted Markdown is offered as plain text, or kept as written when the analyst says so', async ({ page, served }) => {
  await page.goto(served.url);
  const paste = page.getByRole('dialog', { name: 'New document from pasted text' });
  const choice = paste.getByRole('group', { name: 'The text looks like Markdown' });

  await library(page).getByRole('button', { name: 'Paste' }).click();
  await paste.getByLabel('Text').fill('The dam was blown up at 02:50, the president said.');
  await expect(choice).toHaveCount(0);
  await paste.getByLabel('Text').fill(BRIEFING);
  await expect(choice.getByLabel('Markdown → plain text')).toBeChecked();
  await choice.getByLabel('Keep the Markdown source').check();
  await paste.getByRole('button', { name: 'Create document' }).click();
  await expect(paste).toHaveCount(0);
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText('Briefing from Kyiv');
  await expect(reader(page).locator('.view-lines')).toContainText('**Zelensky:** We will *not* give up');

  await library(page).getByRole('button', { name: 'Paste' }).click();
  await paste.getByLabel('Title').fill('Converted briefing');
  await paste.getByLabel('Text').fill(`${BRIEFING}\nOne more line.\n`);
  await paste.getByRole('button', { name: 'Create document' }).click();
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText('Converted briefing');
  await expect(reader(page).locator('.view-lines')).toContainText('Zelensky: We will not give up');
  await expect(reader(page).locator('.view-lines')).not.toContainText('**');
});

/** Serious or critical WCAG 2.1 AA violations on the page now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('the details step, its offer and the Markdown choice have no serious axe violation', async ({ page, served }) => {
      const { report, briefing } = await files();
      await page.goto(served.url);
      await page.getByTestId('import-input').setInputFiles([report, briefing]);
      await expect(panel(page).getByRole('button', { name: 'Add details…' })).toBeVisible({ timeout: 30_000 });
      expect(await seriousViolations(page)).toEqual([]);
      await panel(page).getByRole('button', { name: 'Add details…' }).click();
      await expect(details(page)).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(details(page)).toHaveCount(0);
      // Escape leaves it as Skip does, and the focus goes back to the button that opened it.
      await expect(panel(page).getByRole('button', { name: 'Add details…' })).toBeFocused();

      await library(page).getByRole('button', { name: 'Paste' }).click();
      const paste = page.getByRole('dialog', { name: 'New document from pasted text' });
      await paste.getByLabel('Text').fill(BRIEFING);
      await expect(paste.getByRole('group', { name: 'The text looks like Markdown' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
