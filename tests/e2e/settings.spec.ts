// Settings and identity as a new analyst meets them: the first-run prompt (name, workspace name,
// keep the sample or start empty), the settings dialog (Ctrl+,: statuses and verdict scale, with
// what records use kept), and the names they give to new claims and exported files.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { selectWord } from './reader-steps.ts';

const claims = (page: Page) => page.getByRole('complementary', { name: 'Annotations' }).getByTestId('annotation-item');
const welcome = (page: Page) => page.getByRole('region', { name: 'Welcome' });
const settings = (page: Page) => page.getByRole('dialog', { name: 'Settings' });
const library = (page: Page) => page.getByRole('navigation', { name: 'Documents' }).getByTestId('library-item');

/** Calls the workbench as the page does (page.request shares its cookie). */
async function call<T>(page: Page, origin: string, method: string, ...args: unknown[]): Promise<T> {
  const reply = await page.request.post(`${origin}/api/${method}`, { data: args });
  expect(reply.status()).toBe(200);
  return ((await reply.json()) as { value: T }).value;
}

test('the first run asks who is working and what the workspace is called; new claims and exports carry both', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(welcome(page)).toBeVisible();
  await page.screenshot({ path: 'test-results/settings-welcome.png' });
  await welcome(page).getByLabel('Your name').fill('Ana Petrenko');
  await welcome(page).getByLabel('Workspace name').fill('Kherson checks');
  await welcome(page).getByRole('button', { name: 'Save and keep the sample' }).click();
  await expect(welcome(page)).toHaveCount(0);
  await expect(page.locator('footer.statusbar')).toContainText('Kherson checks');
  await page.reload();
  await expect(claims(page)).toHaveCount(10);
  await expect(welcome(page)).toHaveCount(0);

  // A claim tagged with a key names its creator.
  await selectWord(page);
  await page.keyboard.press('1');
  await expect(claims(page)).toHaveCount(11);
  await expect(page.getByTestId('save-state')).toHaveText(/^All changes saved/);
  const documentId = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('doc')!;
  const document = await call<{ value: { annotations: { target: { exact: string }; creator: string }[] } }>(
    page,
    served.origin,
    'getDocument',
    documentId,
  );
  expect(document.value.annotations.find((annotation) => annotation.target.exact === 'VALMONT')?.creator).toBe('Ana Petrenko');

  // The export is named for the workspace and made by the analyst.
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByLabel('Made by')).toHaveValue('Ana Petrenko');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^Kherson-checks-.*\.claimbundle$/);
});

test('"Save and start empty" removes the sample documents in one step that Ctrl+Z undoes', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(library(page)).toHaveCount(3);
  await welcome(page).getByLabel('Your name').fill('Ana Petrenko');
  await welcome(page).getByRole('button', { name: 'Save and start empty' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove the sample?' });
  await expect(confirm).toContainText('3 sample documents');
  await confirm.getByRole('button', { name: 'Remove the sample' }).click();
  await expect(library(page)).toHaveCount(0);
  await expect(page.getByTestId('outcome')).toContainText('Removed the sample: 3 documents');
  await expect(page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Claims', exact: true })).toBeVisible();
  await expect(welcome(page)).toHaveCount(0);

  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Settings…' }).focus();
  await page.keyboard.press('Control+z');
  await expect(library(page)).toHaveCount(3);
  await expect(page.getByTestId('history-said')).toHaveText('Undid: Remove the sample (3 documents)');
  await expect(page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: /^Claims \(\d+\)$/ })).toBeVisible();
});

test('the settings dialog edits statuses and the verdict scale, and keeps what records use', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(claims(page)).toHaveCount(10);
  await welcome(page).getByRole('button', { name: 'Not now' }).click();
  await expect(welcome(page)).toHaveCount(0);

  await library(page).first().focus();
  await page.keyboard.press('Control+,');
  await expect(settings(page)).toBeVisible();
  const statuses = settings(page).getByRole('group', { name: 'Annotation statuses' });
  // "Supported" is used by the sample's annotations: it cannot go, and says why; "Refuted" is unused.
  // A status belongs to annotations, as the fieldset says: they are counted as such, not as "claims".
  await expect(statuses.getByRole('button', { name: 'Remove Supported' })).toBeDisabled();
  await expect(statuses.getByRole('button', { name: 'Remove Supported' })).toHaveAttribute('title', /^\d+ annotations? uses? it/);
  await expect(statuses.getByRole('listitem').filter({ has: page.locator('input[value="Supported"]') })).toContainText(
    /\d+ annotations?\b/,
  );
  await expect(statuses.getByRole('listitem').filter({ has: page.locator('input[value="Refuted"]') })).toContainText('unused');
  await statuses.getByRole('button', { name: 'Remove Refuted' }).click();
  await statuses.getByLabel('Name of status 2').fill('Backed by a source');
  await statuses.getByRole('button', { name: 'Add status' }).click();
  await statuses.getByLabel('Name of status 5').fill('Needs context');
  const scale = settings(page).getByRole('group', { name: 'Verdict scale' });
  await scale.getByRole('button', { name: 'Move Unproven up' }).click();
  await settings(page).getByLabel('Workspace name').fill('Valmont desk');
  await page.screenshot({ path: 'test-results/settings-dialog.png' });
  await settings(page).getByRole('button', { name: 'Save settings' }).click();
  await expect(settings(page)).toHaveCount(0);
  await expect(page.locator('footer.statusbar')).toContainText('Valmont desk');

  // Two statuses may not share a name: refused with the reason, nothing saved.
  await page.keyboard.press('Control+,');
  await statuses.getByLabel('Name of status 5').fill('unverified');
  await settings(page).getByRole('button', { name: 'Save settings' }).click();
  await expect(settings(page).getByRole('alert')).toHaveText(/Two statuses are called "unverified"/);
  await settings(page).getByRole('button', { name: 'Cancel' }).click();

  // The claim form offers the new list.
  await claims(page).first().click();
  await page.getByRole('button', { name: 'Edit annotation' }).click();
  const form = page.getByRole('dialog', { name: 'Edit annotation' });
  await expect(form.getByLabel('Status').locator('option')).toHaveText([
    'Unverified',
    'Backed by a source',
    'Misleading',
    'Unverifiable',
    'Needs context',
  ]);
  await form.getByRole('button', { name: 'Cancel' }).click();
  const info = await call<{ settings: { verdictScale: { id: string }[]; statuses: { id: string }[] } }>(
    page,
    served.origin,
    'getWorkspaceInfo',
  );
  expect(info.settings.verdictScale.map((rating) => rating.id).slice(-2)).toEqual(['unproven', 'false']);
  expect(info.settings.statuses.map((status) => status.id)).toEqual([
    'unverified',
    'supported',
    'misleading',
    'unverifiable',
    'needs-context',
  ]);
});

test('the settings dialog and the command palette fit a 1000×700 window, light and dark', async ({ page, served }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.goto(served.url);
  await expect(claims(page)).toHaveCount(10);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await library(page).first().focus();
    await page.keyboard.press('Control+,');
    await expect(settings(page)).toBeVisible();
    await expect(settings(page).getByLabel('Your name')).toBeFocused();
    const box = (await settings(page).boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(700);
    // The form scrolls inside the dialog; its buttons are reachable.
    await settings(page).getByRole('button', { name: 'Save settings' }).scrollIntoViewIfNeeded();
    await expect(settings(page).getByRole('button', { name: 'Save settings' })).toBeInViewport();
    await settings(page).getByRole('button', { name: 'Cancel' }).scrollIntoViewIfNeeded();
    await settings(page).getByLabel('Your name').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/settings-dialog-1000x700-${colorScheme}.png` });
    await page.keyboard.press('Escape');
    await expect(settings(page)).toHaveCount(0);

    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette.getByRole('option').first()).toBeInViewport();
    await page.screenshot({ path: `test-results/palette-1000x700-${colorScheme}.png` });
    await page.keyboard.press('Escape');
    await expect(palette).toHaveCount(0);
  }
  await expect(welcome(page)).toBeVisible();
  await page.screenshot({ path: 'test-results/settings-welcome-1000x700-dark.png' });
});
