// Every annotation as one table, as an analyst uses it on the sample: filter by a speaker and a
// tag, sort by quote, select two rows and change their status in one step that Ctrl+Z takes
// back, export the rows shown as CSV, open a row's annotation in the reader. The codebook's
// counts and the tag-by-document matrix open the table filtered. A search saved by name is listed
// in the library with its count, runs on a click, and can be renamed and deleted.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { parseCsv } from '../../core/interchange/csv.ts';
import { APP_ROOT, expect, test } from './fixtures.ts';

interface SampleAnnotation {
  quote: string;
  tags: string[];
  status: string;
  speaker?: string;
}
interface SampleManifest {
  documents: { title: string; annotations: SampleAnnotation[] }[];
}
const sample = JSON.parse(readFileSync(path.join(APP_ROOT, 'resources', 'sample', 'sample.json'), 'utf8')) as SampleManifest;
const annotations = sample.documents.flatMap((document) =>
  document.annotations.map((annotation) => ({ ...annotation, title: document.title })),
);
const ALL = annotations.length;

const table = (page: Page) => page.getByRole('main', { name: 'All annotations' });
const grid = (page: Page) => table(page).getByRole('grid', { name: 'Annotations' });
const rows = (page: Page) => grid(page).getByTestId('table-row');
const counts = (page: Page) => table(page).getByTestId('table-counts');
const bar = (page: Page) => table(page).getByRole('form', { name: 'Change the selected annotations' });
const reader = (page: Page) => page.getByRole('main', { name: 'Reader' });
/** The columns of a row, in order: the selection mark, quote, document, tags, status, speaker … */
const cell = (row: Locator, column: number) => row.getByRole('gridcell').nth(column);
const QUOTE = 1;
const STATUS = 4;
const SPEAKER = 5;

async function openTable(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(reader(page).locator('.cb-hl').first()).toBeVisible();
  await page.getByRole('region', { name: 'Welcome' }).getByRole('button', { name: 'Not now' }).click();
  await page.keyboard.press('Control+Shift+F');
  await page.getByRole('tab', { name: 'All annotations' }).click();
  await expect(counts(page)).toHaveText(`${ALL} annotations`);
}

test('filter by speaker and tag, sort, change two rows in one undo step, export CSV, open a row in the reader', async ({
  page,
  served,
}) => {
  await openTable(page, served.url);
  await expect(rows(page)).toHaveCount(ALL);

  // Filter by a speaker, then by a tag as well.
  await table(page).getByLabel('Speaker').selectOption('Teresa Albescu');
  const mayor = annotations.filter((annotation) => annotation.speaker === 'Teresa Albescu');
  await expect(counts(page)).toHaveText(`${mayor.length} of ${ALL} annotations`);
  for (const row of await rows(page).all()) await expect(cell(row, SPEAKER)).toHaveText('Teresa Albescu');
  await table(page).getByLabel('Tag', { exact: true }).selectOption('statistic');
  const figures = mayor.filter((annotation) => annotation.tags.includes('statistic'));
  expect(figures.length).toBeGreaterThan(1);
  await expect(counts(page)).toHaveText(`${figures.length} of ${ALL} annotations`);
  await expect(rows(page)).toHaveCount(figures.length);

  // Sorted by quote, then the other way.
  // Without case or accents, numbers by value (README).
  const fold = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/\p{Mn}/gu, '')
      .toLowerCase()
      .replace(/\d+/g, (digits) => String(Number(digits)).padStart(20, '0'));
  const byQuote = figures.map((annotation) => annotation.quote).sort((a, b) => (fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0));
  await grid(page).getByRole('button', { name: 'Quote' }).click();
  await expect(grid(page).getByRole('columnheader', { name: 'Quote' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows(page).locator('.table-quote')).toHaveText(byQuote);
  await grid(page).getByRole('button', { name: 'Quote' }).click();
  await expect(rows(page).locator('.table-quote')).toHaveText([...byQuote].reverse());
  await grid(page).getByRole('button', { name: 'Quote' }).click();
  await expect(rows(page).locator('.table-quote')).toHaveText(byQuote);

  // Two rows selected (a click, then Ctrl+click), their status changed in one step.
  const statuses = await rows(page)
    .locator(`[role="gridcell"]:nth-child(${STATUS + 1})`)
    .allInnerTexts();
  await cell(rows(page).nth(0), 2).click();
  await cell(rows(page).nth(1), 2).click({ modifiers: ['Control'] });
  await expect(bar(page).getByTestId('bulk-count')).toHaveText('2 selected');
  await expect(rows(page).nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(rows(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await bar(page).getByLabel('Set status').selectOption('refuted');
  await bar(page).getByRole('button', { name: 'Apply to 2' }).click();
  await expect(page.getByText('Edited 2 annotations: status Refuted. Ctrl+Z undoes it.')).toBeVisible();
  await expect(cell(rows(page).nth(0), STATUS)).toHaveText('Refuted');
  await expect(cell(rows(page).nth(1), STATUS)).toHaveText('Refuted');
  await grid(page).focus();
  await page.keyboard.press('Control+z');
  await expect(rows(page).locator(`[role="gridcell"]:nth-child(${STATUS + 1})`)).toHaveText(statuses);

  // The rows shown, in their order, as CSV: the quote exact, the speaker as the codebook names it.
  const download = page.waitForEvent('download');
  await table(page).getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const parsed = parseCsv(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const [header, ...csvRows] = parsed.value;
  expect(header).toEqual(expect.arrayContaining(['document_title', 'quote', 'tags', 'status', 'speaker', 'outlet', 'claims']));
  expect(csvRows.map((row) => row[header!.indexOf('quote')])).toEqual(byQuote);
  expect(csvRows.map((row) => row[header!.indexOf('speaker')])).toEqual(byQuote.map(() => 'Teresa Albescu'));
  expect(csvRows.map((row) => row[header!.indexOf('status')])).toEqual(statuses);

  // A click on a quote opens its annotation in the reader, chosen in the annotations panel.
  const second = rows(page).nth(1);
  const quote = byQuote[1]!;
  const title = annotations.find((annotation) => annotation.quote === quote)!.title;
  await cell(second, QUOTE).getByRole('button').click();
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText(title);
  const panel = page.getByRole('complementary', { name: 'Annotations' });
  await expect(panel.locator('.annotation-item[aria-current="true"]')).toContainText(quote.slice(0, 30));
});

test('the codebook’s counts and the tag matrix open the table filtered', async ({ page, served }) => {
  await openTable(page, served.url);
  const below = new Set(['statistic']);
  const statistics = annotations.filter((annotation) => annotation.tags.some((tag) => below.has(tag)));

  // From the codebook: the count beside a tag.
  await page.getByRole('button', { name: 'Documents', exact: true }).click();
  await page.getByRole('button', { name: 'Codebook…' }).click();
  await page
    .getByRole('dialog', { name: 'Codebook' })
    .getByRole('button', { name: /annotations tagged Statistic: show them in the table/ })
    .click();
  await expect(counts(page)).toHaveText(`${statistics.length} of ${ALL} annotations`);
  await expect(table(page).getByLabel('Tag', { exact: true })).toHaveValue('statistic');

  // From the matrix: a document's statistics.
  await page.getByRole('tab', { name: 'Tags × documents' }).click();
  const { title } = sample.documents[0]!;
  const inFirst = sample.documents[0]!.annotations.filter((annotation) => annotation.tags.includes('statistic')).length;
  await page
    .getByRole('main', { name: 'Tags by document' })
    .getByRole('button', { name: `${inFirst} tagged Statistic in ${title}` })
    .click();
  await expect(counts(page)).toHaveText(`${inFirst} of ${ALL} annotations`);
  for (const row of await rows(page).all()) await expect(cell(row, 2)).toHaveText(title);
});

test('a saved search: listed in the library with its count, run by a click, renamed and deleted', async ({ page, served }) => {
  await openTable(page, served.url);
  await page.getByRole('tab', { name: 'Search' }).click();
  const query = page.getByRole('combobox', { name: 'Search the workspace' });
  await query.fill('speaker:albescu');
  const mayor = annotations.filter((annotation) => annotation.speaker === 'Teresa Albescu');
  const documents = new Set(mayor.map((annotation) => annotation.title)).size;
  const found = `${mayor.length} hits in ${documents} documents`;
  await expect(page.getByTestId('search-counts')).toHaveText(found);
  await page.getByRole('button', { name: 'Save search…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save search' });
  await dialog.getByLabel('Name').fill('The mayor');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  // Another query meanwhile; the library lists the saved one with its count, and a click runs it.
  await query.fill('reservoir');
  await page.getByRole('button', { name: 'Documents', exact: true }).click();
  const saved = page.getByRole('navigation', { name: 'Documents' }).getByTestId('saved-search');
  await expect(saved).toHaveCount(1);
  await expect(saved.locator('.saved-search-name')).toHaveText('The mayor');
  await expect(saved.locator('.saved-search-count')).toHaveText(String(mayor.length));
  await saved.click();
  await expect(query).toHaveValue('speaker:albescu');
  await expect(page.getByTestId('search-counts')).toHaveText(found);

  // Renamed, then deleted.
  await page.getByRole('button', { name: 'Documents', exact: true }).click();
  await page.getByRole('button', { name: 'Rename “The mayor”' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename saved search' });
  await rename.getByLabel('Name').fill('Albescu');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(saved.locator('.saved-search-name')).toHaveText('Albescu');
  await page.getByRole('button', { name: 'Delete “Albescu”' }).click();
  await page.getByRole('dialog', { name: 'Delete saved search' }).getByRole('button', { name: 'Delete' }).click();
  await expect(saved).toHaveCount(0);
});
