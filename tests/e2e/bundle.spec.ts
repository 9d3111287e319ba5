// Exporting an annotated bundle from the UI and importing it into a fresh workspace from the UI,
// as two analysts would: the bundle is checked and previewed before anything is written, and the
// colleague then sees the same documents and highlights.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, startServe, stopServe, test } from './fixtures.ts';

test('exports a signed bundle with progress, and a colleague imports it into an empty workspace and sees the same highlights', async ({
  page,
  served,
  browser,
}) => {
  await page.goto(served.url);
  const reader = page.getByRole('main', { name: 'Reader' });
  await expect(reader.locator('.cb-hl').first()).toBeVisible();
  const title = (await reader.getByRole('heading').first().textContent())!;
  // The open document's claims, as the claims panel lists them (quote first).
  const claims = await page.getByTestId('annotation-item').allInnerTexts();
  expect(claims.length).toBeGreaterThan(5);

  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByRole('radio', { name: /Claimbench bundle/ })).toBeChecked();
  await dialog.getByRole('checkbox', { name: /Sign it as/ }).check();
  await dialog.getByRole('checkbox', { name: /Include the imported files/ }).check();
  await page.screenshot({ path: 'test-results/bundle-export-dialog.png' });
  // Progress shows while the worker writes (it may finish before a frame: then the summary is there at once).
  const progress = page.getByTestId('export-progress');
  const seenProgress = progress.waitFor({ timeout: 5000 }).then(
    () => true,
    () => false,
  );
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const finished = page.getByRole('dialog', { name: 'Export finished' });
  await expect(finished.getByTestId('export-done')).toContainText(/files, signed by/);
  await page.screenshot({ path: 'test-results/bundle-export-done.png' });
  test.info().annotations.push({
    type: 'progress',
    description: (await seenProgress) ? 'progress bar seen' : 'export finished before the progress bar was painted',
  });
  expect(download.suggestedFilename()).toMatch(/\.claimbundle$/);
  const root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-e2e-colleague-'));
  const bundle = path.join(root, download.suggestedFilename());
  await download.saveAs(bundle);
  expect((await readFile(bundle)).subarray(0, 2).toString('latin1')).toBe('PK');
  await finished.getByRole('button', { name: 'Done' }).click();

  const { served: colleague, child } = await startServe(path.join(root, 'workspace'), { empty: true });
  const other = await browser.newPage();
  try {
    await other.goto(colleague.url);
    await expect(other.getByText(/No documents yet|Import/).first()).toBeVisible();
    await other.getByTestId('bundle-input').setInputFiles(bundle);
    const preview = other.getByRole('dialog', { name: `Import ${download.suggestedFilename()}` });
    await expect(preview.getByTestId('bundle-signature')).toHaveText(/^Signed by .+, valid/);
    await expect(preview.getByText(/3 new documents/)).toBeVisible();
    // Which documents, by title, not only how many.
    await expect(preview.getByRole('list', { name: 'Documents in the bundle' }).getByRole('listitem')).toHaveCount(3);
    await expect(preview.getByRole('list', { name: 'Documents in the bundle' })).toContainText(title);
    await expect(preview.getByText(/18 annotations to add/)).toBeVisible();
    await other.screenshot({ path: 'test-results/bundle-import-preview.png' });
    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    // Said once, in the banner: the dialog has closed.
    await expect(other.getByTestId('outcome')).toContainText('3 new documents');
    await expect(other.getByTestId('outcome')).toContainText('Ctrl+Z undoes the whole import');
    await expect(other.getByRole('dialog')).toHaveCount(0);

    const library = other.getByRole('navigation', { name: 'Documents' });
    await expect(library.getByTestId('library-item')).toHaveCount(3);
    await library.getByTestId('library-item').filter({ hasText: title }).first().click();
    const otherReader = other.getByRole('main', { name: 'Reader' });
    await expect(otherReader.getByRole('heading', { name: title })).toBeVisible();
    await expect(otherReader.locator('.cb-hl').first()).toBeVisible();
    await expect(other.getByTestId('annotation-item')).toHaveCount(claims.length);
    expect(await other.getByTestId('annotation-item').allInnerTexts()).toEqual(claims);
    await other.screenshot({ path: 'test-results/bundle-imported-reader.png' });

    // Importing it again adds nothing: everything is already there.
    await other.getByTestId('bundle-input').setInputFiles(bundle);
    await expect(preview.getByText(/0 annotations to add, 18 already here/)).toBeVisible();
    await preview.getByRole('button', { name: 'Cancel' }).click();
  } finally {
    await other.close();
    expect(await stopServe(child)).toBe(0);
    await rm(root, { recursive: true, force: true });
  }
});

test('refuses a file that is not a bundle, and writes nothing', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('main', { name: 'Reader' }).locator('.cb-hl').first()).toBeVisible();
  await page
    .getByTestId('bundle-input')
    .setInputFiles({ name: 'notes.claimbundle', mimeType: 'application/octet-stream', buffer: Buffer.from('just some text, not a zip') });
  const dialog = page.getByRole('dialog', { name: 'Import notes.claimbundle' });
  await expect(dialog.getByRole('alert')).toHaveText(/cannot be imported: .*not a Claimbench bundle.*Nothing was written/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('navigation', { name: 'Documents' }).getByTestId('library-item')).toHaveCount(3);
});

test('shows a claim changed on both sides as a conflict, and takes theirs when asked', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('main', { name: 'Reader' }).locator('.cb-hl').first()).toBeVisible();
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Export…' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('dialog', { name: 'Export' }).getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-e2e-conflict-'));
  const bundle = path.join(root, 'mine.claimbundle');
  await download.saveAs(bundle);
  await page.getByRole('dialog', { name: 'Export finished' }).getByRole('button', { name: 'Done' }).click();

  // After the export, the analyst rewrites a claim's note (through the same API the window uses).
  const call = (method: string, args: unknown[]) =>
    page.evaluate(
      async ({ method, args }) =>
        (await (
          await fetch(`./api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) })
        ).json()) as { value: unknown },
      { method, args },
    );
  const [first] = (await call('listDocuments', [])).value as { meta: { id: string } }[];
  type Page = { annotations: { id: string; note: string }[] };
  const annotationsOf = async (id: string) => ((await call('getDocument', [id])).value as { value: Page }).value.annotations;
  const annotation = (await annotationsOf(first!.meta.id)).find((candidate) => candidate.note !== '')!;
  await call('updateAnnotation', [first!.meta.id, annotation.id, { note: 'Rewritten after the export.' }]);

  await page.getByTestId('bundle-input').setInputFiles(bundle);
  const preview = page.getByRole('dialog', { name: 'Import mine.claimbundle' });
  await expect(preview.getByText(/1 conflict: changed on both sides/)).toBeVisible();
  await expect(preview.getByText('Rewritten after the export.', { exact: false })).toBeVisible();
  await expect(preview.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await page.screenshot({ path: 'test-results/bundle-conflict.png' });
  await preview.getByRole('radio', { name: 'Take theirs' }).check();
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('outcome')).toContainText('conflicts: 1 took theirs');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect((await annotationsOf(first!.meta.id)).find((candidate) => candidate.id === annotation.id)!.note).toBe(annotation.note);
  // One undo step puts my note back.
  await page.keyboard.press('Control+z');
  await expect
    .poll(async () => (await annotationsOf(first!.meta.id)).find((candidate) => candidate.id === annotation.id)!.note)
    .toBe('Rewritten after the export.');
  await rm(root, { recursive: true, force: true });
});

test('exports chosen documents as a REFI-QDA project', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('main', { name: 'Reader' }).locator('.cb-hl').first()).toBeVisible();
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: /REFI-QDA project/ }).check();
  await expect(dialog.getByRole('checkbox', { name: /Sign it as/ })).toBeDisabled();
  await dialog.getByRole('radio', { name: /Chosen documents/ }).check();
  // The open document is chosen already, and named; its annotations are what the summary counts.
  const openTitle = await page.getByRole('main', { name: 'Reader' }).getByRole('heading').first().innerText();
  await expect(dialog.getByTestId('export-chosen')).toContainText(`“${openTitle.slice(0, 30)}`);
  await expect(dialog.getByText(/^10 annotations in 1 document\./)).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.qdpx$/);
  const finished = page.getByRole('dialog', { name: 'Export finished' });
  await expect(finished.getByText(/2 files/)).toBeVisible();
  await expect(finished.getByText(/^1 document, 10 annotations, /)).toBeVisible();
  await expect(finished.getByText(/Claims and verdicts have no place in REFI-QDA/)).toBeVisible();
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(bytes.includes(Buffer.from('project.qde'))).toBe(true);
});

test('puts a Hypothesis export on the open document by its quotes, leaving out what belongs elsewhere', async ({ page, served }) => {
  await page.goto(served.url);
  const reader = page.getByRole('main', { name: 'Reader' });
  await expect(reader.locator('.cb-hl').first()).toBeVisible();
  const before = await page.getByTestId('annotation-item').count();
  const row = (id: string, exact: string, uri = 'https://valley-courier.example/2026/08/14/valmont-water-emergency') => ({
    id,
    created: '2026-11-20T09:00:00.000000+00:00',
    updated: '2026-11-20T09:05:00.000000+00:00',
    user: 'acct:rkim@hypothes.is',
    user_info: { display_name: 'R. Kim' },
    uri,
    text: 'Check against the utility’s own figures.',
    tags: ['Budget'],
    target: [{ source: uri, selector: [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }] }],
  });
  const file = {
    total: 3,
    rows: [
      row('h1', 'at least three towns in the basin'),
      row('h2', 'a sentence that is in no document'),
      row('h3', 'at least three towns in the basin', 'https://other.example/story'),
    ],
  };
  await page
    .getByTestId('annotation-file-input')
    .setInputFiles({ name: 'hypothesis.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const outcome = page.getByTestId('outcome');
  await expect(outcome).toContainText('1 annotation added from hypothesis.json');
  await expect(outcome).toContainText('1 left out as made on another document');
  await expect(outcome).toContainText('1 not found in this text (“a sentence that is in no document”)');
  await expect(outcome).toContainText('new tags: Budget');
  await expect(page.getByTestId('annotation-item')).toHaveCount(before + 1);
  await page.screenshot({ path: 'test-results/annotation-file-import.png' });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('annotation-item')).toHaveCount(before);
});
