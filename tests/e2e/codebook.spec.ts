// The codebook as an analyst changes it: rename and recolour a tag (the highlights follow),
// delete a tag that claims use and choose what happens to them, undo it; export and import.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const reader = (page: Page) => page.getByRole('main', { name: 'Reader' });
const claimsPanel = (page: Page) => page.getByRole('complementary', { name: 'Annotations' });
const codebook = (page: Page) => page.getByRole('dialog', { name: 'Codebook' });
const tagRow = (page: Page, name: string) =>
  codebook(page).getByRole('list', { name: 'Tags' }).getByRole('button').filter({ hasText: name });

async function openCodebook(page: Page) {
  await claimsPanel(page).getByRole('button', { name: 'Codebook…' }).click();
  await expect(codebook(page)).toBeVisible();
}

test('renaming and recolouring a tag changes every claim and highlight at once', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(claimsPanel(page).getByTestId('annotation-item')).toHaveCount(10);
  await openCodebook(page);
  await tagRow(page, 'Statistic').click();
  const form = codebook(page).getByRole('form', { name: 'Edit tag Statistic' });
  await form.getByLabel('Name', { exact: true }).fill('Figure');
  await form.getByLabel('Colour', { exact: true }).fill('#00aa55');
  await form.getByRole('button', { name: 'Save tag' }).click();
  await expect(tagRow(page, 'Figure')).toBeVisible();
  await codebook(page).getByRole('button', { name: 'Close' }).click();

  await expect(claimsPanel(page).locator('.chip', { hasText: 'Figure' }).first()).toBeVisible();
  await expect(claimsPanel(page).locator('.chip', { hasText: /^Statistic$/ })).toHaveCount(0);
  // The highlight colour is the tag's, with transparency.
  await expect(reader(page).locator('.cb-hl-tag-statistic').first()).toHaveCSS('border-bottom-color', 'rgb(0, 170, 85)');

  // Undo puts the old name back.
  await page.getByRole('navigation', { name: 'Documents' }).getByTestId('library-item').first().focus();
  await page.keyboard.press('Control+z');
  await expect(
    claimsPanel(page)
      .locator('.chip', { hasText: /^Statistic$/ })
      .first(),
  ).toBeVisible();
});

test('deleting a tag in use asks what to do with its claims, and undo restores them', async ({ page, served }) => {
  await page.goto(served.url);
  const claims = claimsPanel(page).getByTestId('annotation-item');
  await expect(claims).toHaveCount(10);
  const quoteClaims = await claims.filter({ has: page.locator('.chip', { hasText: /^Quote$/ }) }).count();
  expect(quoteClaims).toBeGreaterThan(0);

  await openCodebook(page);
  await tagRow(page, 'Quote').click();
  await codebook(page).getByRole('button', { name: 'Delete tag…' }).click();
  const prompt = codebook(page).getByRole('form', { name: 'Delete tag Quote' });
  await expect(prompt).toContainText('carry this tag. What should happen to them?');
  // Give them "Opinion" instead.
  await prompt.getByLabel('Replacement tag').selectOption({ label: 'Opinion' });
  await expect(prompt.getByRole('radio', { name: /Give them another tag/ })).toBeChecked();
  await prompt.getByRole('button', { name: 'Delete tag' }).click();
  await expect(codebook(page).getByRole('status')).toContainText('Deleted Quote');
  await expect(tagRow(page, 'Quote')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/codebook-after-delete.png' });
  await codebook(page).getByRole('button', { name: 'Close' }).click();

  await expect(claims).toHaveCount(10);
  await expect(claimsPanel(page).locator('.chip', { hasText: /^Quote$/ })).toHaveCount(0);
  await expect(reader(page).locator('.cb-hl-tag-quote')).toHaveCount(0);

  // Survives a reload; undo brings the tag and its claims' tags back.
  await page.reload();
  await expect(claims).toHaveCount(10);
  await expect(claimsPanel(page).locator('.chip', { hasText: /^Quote$/ })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Documents' }).getByTestId('library-item').first().focus();
  await page.keyboard.press('Control+z');
  await expect(claims.filter({ has: page.locator('.chip', { hasText: /^Quote$/ }) })).toHaveCount(quoteClaims);
});

test('deleting a tag with its claims removes them; an unused tag goes without a question', async ({ page, served }) => {
  await page.goto(served.url);
  const claims = claimsPanel(page).getByTestId('annotation-item');
  await expect(claims).toHaveCount(10);
  const predictions = await claims.filter({ has: page.locator('.chip', { hasText: /^Prediction$/ }) }).count();

  await openCodebook(page);
  await tagRow(page, 'Prediction').click();
  await codebook(page).getByRole('button', { name: 'Delete tag…' }).click();
  const prompt = codebook(page).getByRole('form', { name: 'Delete tag Prediction' });
  await prompt.getByRole('radio', { name: 'Delete the annotations' }).check();
  await prompt.getByRole('button', { name: 'Delete tag' }).click();
  await expect(tagRow(page, 'Prediction')).toHaveCount(0);

  // A new tag, then deleted: nobody uses it, so there is nothing to choose.
  await codebook(page).getByRole('button', { name: 'New tag' }).click();
  const form = codebook(page).getByRole('form', { name: 'New tag' });
  await form.getByLabel('Name', { exact: true }).fill('Rumour');
  await form.getByRole('combobox', { name: /^Key/ }).selectOption('r');
  await form.getByRole('button', { name: 'Add tag' }).click();
  await expect(tagRow(page, 'Rumour')).toContainText('r');
  await codebook(page).getByRole('button', { name: 'Delete tag…' }).click();
  await expect(codebook(page).getByRole('form', { name: 'Delete tag Rumour' })).toContainText('No annotation uses it.');
  await codebook(page).getByRole('button', { name: 'Delete tag' }).click();
  await expect(tagRow(page, 'Rumour')).toHaveCount(0);
  await codebook(page).getByRole('button', { name: 'Close' }).click();
  await expect(claims).toHaveCount(10 - predictions);
});

test('exports the codebook as CSV and REFI-QDA, and imports a file that adds and renames tags', async ({ page, served }) => {
  await page.goto(served.url);
  await openCodebook(page);
  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    codebook(page).getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(csvDownload.suggestedFilename()).toMatch(/-codebook\.csv$/);
  const csv = await readFile((await csvDownload.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('id,name,parent,color,shortcut,description');
  const [qdcDownload] = await Promise.all([
    page.waitForEvent('download'),
    codebook(page).getByRole('button', { name: 'Export .qdc' }).click(),
  ]);
  expect(await readFile((await qdcDownload.path())!, 'utf8')).toContain('<CodeBook');

  const edited = `${csv.replace('Statistic', 'Number')}rumour,Rumour,,#123456,r,Unconfirmed talk\r\n`;
  await codebook(page)
    .getByTestId('codebook-import-input')
    .setInputFiles({ name: 'shared-codebook.csv', mimeType: 'text/csv', buffer: Buffer.from(edited) });
  await expect(codebook(page).getByRole('status')).toContainText('Imported shared-codebook.csv: 1 tags added, 1 updated');
  await expect(tagRow(page, 'Rumour')).toBeVisible();
  await expect(tagRow(page, 'Number')).toBeVisible();

  await codebook(page)
    .getByTestId('codebook-import-input')
    .setInputFiles({ name: 'broken.qdc', mimeType: 'application/xml', buffer: Buffer.from('PK\u0003\u0004 not xml') });
  await expect(codebook(page).getByRole('status')).toContainText('Could not import broken.qdc');
});

test('merges two speakers into one: annotations take the kept name, its other spelling still finds them, undo splits them', async ({
  page,
  served,
}) => {
  await page.goto(served.url);
  await expect(claimsPanel(page).getByTestId('annotation-item')).toHaveCount(10);
  await openCodebook(page);
  await codebook(page).getByRole('button', { name: 'Speakers…' }).click();
  const speakers = codebook(page).getByRole('region', { name: 'Speakers' });
  const rows = speakers.getByRole('list', { name: 'Speakers' }).getByRole('listitem');
  await expect(rows.first()).toContainText(/Ministry of Environment\s*5|Teresa Albescu\s*5/);
  await speakers.getByRole('searchbox', { name: 'Filter speakers' }).fill('reinholt');
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole('checkbox').check();
  await speakers.getByRole('searchbox', { name: 'Filter speakers' }).fill('');
  await rows.filter({ hasText: 'Ministry of Environment' }).getByRole('checkbox').check();
  // The most used of the two is kept unless the analyst chooses.
  await expect(speakers.getByRole('combobox', { name: 'Keep the name' })).toHaveValue('Ministry of Environment');
  await page.screenshot({ path: 'test-results/codebook-speakers.png' });
  await speakers.getByRole('button', { name: 'Merge 2 speakers' }).click();
  await expect(codebook(page).getByRole('status')).toContainText(
    'Merged “Pavel Reinholt” into “Ministry of Environment”: 2 annotations renamed',
  );
  await expect(rows.filter({ hasText: 'Ministry of Environment' })).toContainText('also Pavel Reinholt');
  await expect(rows.filter({ hasText: 'Ministry of Environment' }).locator('.codebook-usage')).toHaveText('7');
  await codebook(page).getByRole('button', { name: 'Close' }).click();

  // In the panel, the old spelling still finds the speaker's annotations, now under the kept name.
  await claimsPanel(page).getByPlaceholder('Filter by quote, speaker, note').fill('Reinholt');
  const found = claimsPanel(page).getByTestId('annotation-item');
  await expect(found).toHaveCount(2);
  // Speaker, then outlet: both now name the ministry first.
  await expect(found.locator('.annotation-source')).toHaveText([/^Ministry of Environment/, /^Ministry of Environment/]);

  await page.getByRole('navigation', { name: 'Documents' }).getByTestId('library-item').first().focus();
  await page.keyboard.press('Control+z');
  await expect(page.locator('footer.statusbar')).toContainText('Undid: Merge speaker Pavel Reinholt into Ministry of Environment');
  // Split again, "Reinholt" no longer finds the ministry's own annotation: only his is left.
  await expect(found).toHaveCount(1);
  await expect(found.locator('.annotation-source')).toHaveText(/^Pavel Reinholt/);
});
