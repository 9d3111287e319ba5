// The search view as an analyst uses it on the sample workspace: Ctrl+Shift+F, a phrase, hits
// grouped by document with the phrase marked, Enter opening the reader with the hit selected; a
// query it cannot read, with where; `tag:` finding annotations, and a facet narrowing them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { APP_ROOT, expect, test } from './fixtures.ts';

const reader = (page: Page) => page.getByRole('main', { name: 'Reader' });
const searchView = (page: Page) => page.getByRole('main', { name: 'Search' });
const queryBox = (page: Page) => page.getByRole('combobox', { name: 'Search the workspace' });
const results = (page: Page) => searchView(page).getByRole('listbox', { name: 'Results' });

interface SampleManifest {
  documents: { file: string; title: string }[];
}
const sample = JSON.parse(readFileSync(path.join(APP_ROOT, 'resources', 'sample', 'sample.json'), 'utf8')) as SampleManifest;
const textOf = (file: string) => readFileSync(path.join(APP_ROOT, 'resources', 'sample', file), 'utf8');

async function openSearch(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(reader(page).locator('.cb-hl').first()).toBeVisible();
  await page.keyboard.press('Control+Shift+F');
  await expect(searchView(page)).toBeVisible();
  await expect(queryBox(page)).toBeFocused();
}

test('a phrase: hits grouped by document with the phrase marked; Enter opens the reader with the hit selected', async ({
  page,
  served,
}) => {
  await openSearch(page, served.url);
  await queryBox(page).fill('"18 percent"');
  // The same documents and counts as a scan of the sample's texts.
  const expected = sample.documents
    .map((document) => ({ title: document.title, count: textOf(document.file).split('18 percent').length - 1 }))
    .filter((document) => document.count > 0);
  const total = expected.reduce((sum, document) => sum + document.count, 0);
  await expect(searchView(page).getByTestId('search-counts')).toHaveText(`${total} hits in ${expected.length} documents`);
  const groups = searchView(page).getByRole('group');
  await expect(groups).toHaveCount(expected.length);
  for (const { title, count } of expected) {
    const group = searchView(page).getByRole('group', { name: title });
    await expect(group.getByRole('option')).toHaveCount(count);
    for (const mark of await group.locator('mark').all()) await expect(mark).toHaveText('18 percent');
  }

  // The arrow keys walk the hits; Enter opens the second in the reader, the phrase selected.
  await expect(queryBox(page)).toHaveAttribute('aria-activedescendant', /hit-0$/);
  await page.keyboard.press('ArrowDown');
  await expect(queryBox(page)).toHaveAttribute('aria-activedescendant', /hit-1$/);
  const title = await searchView(page)
    .getByRole('group')
    .filter({ has: page.getByRole('option', { selected: true }) })
    .locator('.search-group-name')
    .textContent();
  await page.keyboard.press('Enter');
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText(title!);
  await expect(reader(page).locator('.selected-text').first()).toBeVisible();
  // The selection is the hit: Enter makes an annotation of it.
  await page.keyboard.press('Enter');
  const form = page.getByRole('dialog', { name: 'New annotation' });
  await expect(form).toBeVisible();
  await expect(form.locator('blockquote')).toHaveText('18 percent');
  await page.keyboard.press('Escape');

  // Back in the search view, the query and its results are still there.
  await page.keyboard.press('Control+Shift+F');
  await expect(queryBox(page)).toHaveValue('"18 percent"');
  await expect(searchView(page).getByTestId('search-counts')).toHaveText(`${total} hits in ${expected.length} documents`);
});

test('a query it cannot read says where', async ({ page, served }) => {
  await openSearch(page, served.url);
  await queryBox(page).fill('reservoir "unclosed');
  await expect(searchView(page).getByRole('status')).toHaveText('line 1, column 11: unclosed quotation mark');
  await expect(searchView(page).getByTestId('search-caret')).toHaveText('reservoir "unclosed\n          ^');
  await expect(queryBox(page)).toHaveAttribute('aria-invalid', 'true');
  await queryBox(page).fill('reservoir "unclosed"');
  await expect(queryBox(page)).toHaveAttribute('aria-invalid', 'false');
  await expect(searchView(page).getByTestId('search-caret')).toBeHidden();
});

test('tag: finds the annotations with the tag, and a facet narrows them', async ({ page, served }) => {
  await openSearch(page, served.url);
  await queryBox(page).fill('tag:statistic');
  // What the workspace holds (the sample's annotations, and those its links made), from its API.
  const call = async <T>(method: string, ...args: unknown[]): Promise<T> => {
    const response = await page.request.post(`${served.origin}/api/${method}`, {
      data: args,
      headers: { authorization: `Bearer ${served.token}` },
    });
    return ((await response.json()) as { value: T }).value;
  };
  type Listed = { meta: { id: string; role: string } };
  type Opened = { ok: true; value: { meta: { role: string }; annotations: { target: { exact: string }; tags: string[] }[] } };
  const opened = await Promise.all((await call<Listed[]>('listDocuments')).map(({ meta }) => call<Opened>('getDocument', meta.id, 10_000)));
  const tagged = opened.flatMap(({ value: document }) =>
    document.annotations
      .filter((annotation) => annotation.tags.includes('statistic'))
      .map((annotation) => ({ document, annotation: { quote: annotation.target.exact } })),
  );
  expect(tagged.length).toBeGreaterThan(0);
  await expect(results(page).getByRole('option')).toHaveCount(tagged.length);
  for (const hit of await results(page).getByRole('option').all()) await expect(hit.locator('.search-hit-kind')).toHaveText('Annotation');
  const quotes = (await results(page).getByRole('option').locator('mark').allTextContents()).sort();
  expect(quotes).toEqual(tagged.map(({ annotation }) => annotation.quote).sort());

  // Narrowed to sources.
  const facets = page.getByRole('complementary', { name: 'Narrow the results' });
  const fromSources = tagged.filter(({ document }) => document.meta.role === 'source');
  await facets
    .getByRole('group', { name: 'Role' })
    .getByRole('checkbox', { name: /^Source/ })
    .check();
  await expect(results(page).getByRole('option')).toHaveCount(fromSources.length);
  await facets.getByRole('button', { name: /^Clear/ }).click();
  await expect(results(page).getByRole('option')).toHaveCount(tagged.length);
});

test('tag every occurrence: says how many first, tags the chosen in one step, and Ctrl+Z takes it back', async ({ page, served }) => {
  await openSearch(page, served.url);
  await queryBox(page).fill('"18 percent"');
  await expect(results(page).getByRole('option').first()).toBeVisible();
  await searchView(page).getByRole('button', { name: 'Tag every occurrence…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tag every occurrence' });
  const places = dialog.getByTestId('occurrence-list').getByRole('checkbox');
  await expect(places).toHaveCount(3);
  // Those inside an annotation already are left out unless asked.
  const annotated = dialog.getByTestId('occurrence-list').locator('label', { hasText: 'already annotated' });
  const free = 3 - (await annotated.count());
  expect(free).toBeGreaterThan(0);
  await expect(dialog.getByRole('status')).toHaveText(`Makes ${free} annotation${free === 1 ? '' : 's'} in 1 document.`);
  await dialog.getByRole('checkbox', { name: /^Also tag the/ }).check();
  await expect(dialog.getByRole('status')).toHaveText('Makes 3 annotations in 2 documents.');
  await dialog.getByRole('checkbox', { name: /^Also tag the/ }).uncheck();
  await dialog.getByRole('combobox', { name: 'Tag' }).selectOption({ label: 'Opinion' });
  await dialog.getByRole('button', { name: `Tag ${free} occurrence${free === 1 ? '' : 's'}` }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Tagged ${free} occurrence${free === 1 ? '' : 's'} in 1 document as Opinion.`)).toBeVisible();

  await queryBox(page).fill('tag:opinion "18 percent"');
  await expect(results(page).getByRole('option')).toHaveCount(free);
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Documents' }).click();
  await page.getByRole('navigation', { name: 'Documents' }).getByTestId('library-item').first().focus();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+Shift+F');
  await expect(searchView(page).getByText('Nothing matches.')).toBeVisible();
});
