// Importing as an analyst does: choose files (or drop them), watch the progress, read the
// results, open what came in; paste a text; fill in a document's details.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { textPdf } from '../../main/import/formats/pdf-fixtures.ts';
import { APP_ROOT, expect, test } from './fixtures.ts';

const library = (page: Page) => page.getByRole('navigation', { name: 'Documents' });
const reader = (page: Page) => page.getByRole('main', { name: 'Reader' });
const panel = (page: Page) => page.getByTestId('import-panel');

const ARTICLE_HTML = `<!doctype html><html lang="en"><head><title>Engineers inspect the Lindell dam | Northern Post</title>
<meta property="og:site_name" content="Northern Post"><meta name="author" content="Ilse Varga">
<meta property="article:published_time" content="2026-08-15T09:00:00Z">
<script>document.title = 'pwned'</script></head>
<body><nav>Home · World · Sport</nav><article><h1>Engineers inspect the Lindell dam</h1>
<p>Engineers inspected the Lindell dam on Friday after the reservoir fell to 18 percent, officials said.</p>
<p onclick="alert(1)">The regional authority said the structure was sound and that no leaks had been found during the inspection.</p>
<p>Residents were asked to keep saving water until the autumn rains arrive in the basin.</p></article>
<footer>© Northern Post</footer></body></html>`;

async function makeFiles(dir: string): Promise<string[]> {
  const files = {
    seed: path.join(dir, 'seed-article.txt'),
    notes: path.join(dir, 'field-notes.md'),
    page: path.join(dir, 'dam-report.html'),
    pdf: path.join(dir, 'ministry-figures.pdf'),
    docx: path.join(dir, 'council-memo.docx'),
    binary: path.join(dir, 'photo.txt'),
    again: path.join(dir, 'seed-article-copy.txt'),
  };
  await copyFile(path.resolve(APP_ROOT, '..', 'shared', 'corpus', 'seed-article.txt'), files.seed);
  await copyFile(files.seed, files.again);
  await writeFile(files.notes, '# Field notes from Orsova\n\nThe hospital denied postponing surgery.\n');
  await writeFile(files.page, ARTICLE_HTML);
  await writeFile(
    files.pdf,
    await textPdf([[['Reservoir levels on 11 August']], [['Lindell 19 percent; Stara 44 percent']]], {
      title: 'Ministry reservoir figures',
    }),
  );
  const memo = new Document({
    title: 'Council memo on pool filling',
    sections: [
      {
        children: [
          new Paragraph({ text: 'Council memo', heading: HeadingLevel.HEADING_1 }),
          new Paragraph('The council will vote on a ban on filling private swimming pools.'),
        ],
      },
    ],
  });
  await writeFile(files.docx, await Packer.toBuffer(memo));
  await writeFile(files.binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  return Object.values(files);
}

test('the results of a clean import go away by themselves, but not while the analyst reads them', async ({ page, served }) => {
  const dir = await import('node:fs/promises').then(({ mkdtemp }) => mkdtemp(path.join(os.tmpdir(), 'claimbench-files-')));
  const notes = path.join(dir, 'field-notes.md');
  await writeFile(notes, '# Field notes from Orsova\n\nThe hospital denied postponing surgery.\n');
  await page.clock.install();
  await page.goto(served.url);
  await expect(library(page).getByTestId('library-item')).toHaveCount(3);
  await page.getByTestId('import-input').setInputFiles([notes]);
  await expect(panel(page)).toContainText('Imported 1 of 1', { timeout: 30_000 });
  // While the pointer is on it, it stays.
  await panel(page).hover();
  await page.clock.runFor(20_000);
  await expect(panel(page)).toBeVisible();
  await page.mouse.move(5, 5);
  await page.clock.runFor(16_000);
  await expect(panel(page)).toHaveCount(0);
});

test('imports chosen files of every format, shows progress and results, and opens them', async ({ page, served }) => {
  const files = await makeFiles(
    await import('node:fs/promises').then(({ mkdtemp }) => mkdtemp(path.join(os.tmpdir(), 'claimbench-files-'))),
  );
  await page.goto(served.url);
  await expect(library(page).getByTestId('library-item')).toHaveCount(3);

  await page.getByTestId('import-input').setInputFiles(files);
  await expect(panel(page).getByRole('progressbar')).toBeVisible();
  await expect(panel(page)).toContainText('Imported 5 of 7', { timeout: 30_000 });
  await expect(panel(page)).toContainText('photo.txt: not a text file');
  await expect(panel(page)).toContainText('already in the workspace');
  await expect(panel(page)).toContainText('1 already in the workspace · 1 not imported');
  await page.screenshot({ path: 'test-results/import-results.png' });

  const items = library(page).getByTestId('library-item');
  await expect(items).toHaveCount(8);
  await expect(items.filter({ hasText: 'Engineers inspect the Lindell dam' })).toContainText('Northern Post');

  // Each imported document opens in the reader with its text.
  const expectations: [string, string][] = [
    ['Engineers inspect the Lindell dam', 'The regional authority said the structure was sound'],
    ['Ministry reservoir figures', 'Lindell 19 percent; Stara 44 percent'],
    ['Council memo on pool filling', 'The council will vote on a ban'],
    ['Field notes from Orsova', 'The hospital denied postponing surgery.'],
    ['Russian forces continued', 'Vadym Boychenko, the mayor of Mariupol'],
  ];
  for (const [title, line] of expectations) {
    await items.filter({ hasText: title }).first().click();
    await expect(reader(page).getByRole('heading', { level: 1 })).toContainText(title);
    await expect(reader(page).locator('.view-lines')).toContainText(line);
  }
  // Nothing of the page's script survived or ran.
  await expect(page).not.toHaveTitle(/pwned/);
  await items.filter({ hasText: 'Engineers inspect' }).click();
  await expect(reader(page).locator('.view-lines')).not.toContainText('pwned');

  await panel(page).getByRole('button', { name: 'Dismiss' }).click();
  await expect(panel(page)).toHaveCount(0);
});

test('imports a file dropped on the window', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(library(page).getByTestId('library-item')).toHaveCount(3);
  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(
      new File(['A dropped statement from the regional health authority.\nSecond line.'], 'health-authority.txt', { type: 'text/plain' }),
    );
    return transfer;
  });
  await page.locator('.app').dispatchEvent('dragenter', { dataTransfer });
  await expect(page.getByText('Drop files to import them')).toBeVisible();
  await page.locator('.app').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByText('Drop files to import them')).toHaveCount(0);
  await expect(panel(page)).toContainText('Imported 1 of 1');
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText('A dropped statement from the regional health authority.');
});

test('pasted text gets its details in the same dialog; a refused detail keeps the document and can be fixed', async ({ page, served }) => {
  await page.goto(served.url);
  await library(page).getByRole('button', { name: 'Paste' }).click();
  const dialog = page.getByRole('dialog', { name: 'New document from pasted text' });
  await dialog.getByLabel('Text').fill('Zelensky on Telegram\n\nThe dam was blown up by the occupiers at 02:50.');
  await dialog.getByLabel('Role').selectOption('source');
  await dialog.getByLabel('Outlet').fill('Telegram');
  await dialog.getByLabel('Published').fill('2023-06-06');
  await dialog.getByLabel('URL').fill('javascript:alert(1)');
  await dialog.getByRole('button', { name: 'Create document' }).click();
  // The document is made (titled from its first line); the URL is refused.
  await expect(dialog.getByRole('alert')).toContainText('The document was created, but its details were not saved');
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText('Zelensky on Telegram');
  await dialog.getByLabel('URL').fill('https://t.me/V_Zelenskiy_official/6485');
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect(dialog).toHaveCount(0);
  const item = library(page).getByTestId('library-item').filter({ hasText: 'Zelensky on Telegram' });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Source');
  await expect(item).toContainText('Telegram');
  await expect(reader(page).getByText('https://t.me/V_Zelenskiy_official/6485')).toBeVisible();
});

test('creates a document from pasted text, then edits its details', async ({ page, served }) => {
  await page.goto(served.url);
  await library(page).getByRole('button', { name: 'Paste' }).click();
  const dialog = page.getByRole('dialog', { name: 'New document from pasted text' });
  await dialog.getByLabel('Title').fill('Telegram post by the Growers’ Association');
  await dialog.getByLabel('Text').fill('Irrigation limits have cost our members more than 30 million euros this summer.');
  await dialog.getByRole('button', { name: 'Create document' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText('Telegram post by the Growers’ Association');

  await reader(page).getByRole('button', { name: 'Edit details' }).click();
  const details = page.getByRole('dialog', { name: 'Document details' });
  await details.getByLabel('Role').selectOption('source');
  await details.getByLabel('Outlet').fill('Telegram');
  await details.getByLabel('Published').fill('2026-08-12');
  await details.getByLabel('Tags').fill('farmers, unverified figure');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details).toHaveCount(0);
  const item = library(page).getByTestId('library-item').filter({ hasText: 'Growers' });
  await expect(item).toContainText('Source');
  await expect(item).toContainText('Telegram');
  await expect(item).toContainText('farmers, unverified figure');

  // An invalid URL is refused with the reason, and nothing changes.
  await reader(page).getByRole('button', { name: 'Edit details' }).click();
  await details.getByLabel('URL').fill('javascript:alert(1)');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details.getByRole('alert')).toBeVisible();
  await details.getByRole('button', { name: 'Cancel' }).click();

  // The library filters by role and text, and sorts.
  await library(page).getByLabel('Show').selectOption('source');
  await expect(library(page).getByTestId('library-item')).toHaveCount(3);
  await library(page).getByLabel('Filter documents').fill('farmers');
  await expect(library(page).getByTestId('library-item')).toHaveCount(1);
  await library(page).getByLabel('Filter documents').fill('');
  await library(page).getByLabel('Show').selectOption('all');
  await library(page).getByLabel('Sort by').selectOption('title');
  await expect(library(page).getByTestId('library-item').first()).toContainText('Ministry of Environment');
});

test('imports a new version of a document: its claims follow the text, a lost one is flagged', async ({ page, served }) => {
  await page.goto(served.url);
  await library(page).getByTestId('library-item').filter({ hasText: 'Statement by Mayor' }).click();
  await expect(page.getByRole('complementary', { name: 'Annotations' }).getByTestId('annotation-item')).toHaveCount(3);
  const original = await readFile(path.join(APP_ROOT, 'resources', 'sample', 'valmont-mayor-statement.txt'), 'utf8');
  const corrected = `Corrected at 12:00.\n\n${original}`.replace(' and cut water losses by almost half', '');
  await reader(page)
    .getByTestId('version-input')
    .setInputFiles({ name: 'statement-corrected.txt', mimeType: 'text/plain', buffer: Buffer.from(corrected) });
  await expect(panel(page)).toContainText('new version kept; 2 of 3 annotations found unchanged, 1 not found, 1 to review');
  await expect(reader(page).locator('.view-lines')).toContainText('Corrected at 12:00.');
  const claimsPanel = page.getByRole('complementary', { name: 'Annotations' });
  await expect(claimsPanel.getByText('Not found in this version of the text: “cut water losses by almost half”')).toBeVisible();
  // The two that were found are highlighted on the new text.
  await expect(reader(page).locator('.cb-hl').filter({ hasText: 'The Lindell reservoir stands' })).toBeVisible();
  await expect(library(page).getByTestId('library-item')).toHaveCount(3);
});
