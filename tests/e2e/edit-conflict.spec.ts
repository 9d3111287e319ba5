// Two people editing one annotation: someone else's change arrives (through the HTTP API, behind
// the window's back) while the analyst's edit form is open. Saving it does not overwrite theirs: a
// dialog shows theirs beside mine and offers to keep theirs, keep mine or merge; each does what it
// says, from the keyboard too, with no serious accessibility violation in either theme.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const claims = (page: Page) => page.getByRole('complementary', { name: 'Annotations' }).getByTestId('annotation-item');
const conflictDialog = (page: Page) => page.getByRole('dialog', { name: 'Someone else changed this annotation' });

interface Stored {
  readonly id: string;
  readonly note: string;
  readonly tags: string[];
  readonly version?: number;
  readonly target: { readonly start: number };
}

/** A call of the web host's API (POST /api/<method>) from outside the app's own code, with the page's session. */
function call(page: Page, method: string, args: unknown[]): Promise<unknown> {
  return page.evaluate(
    async ([method, args]) => {
      const response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      return ((await response.json()) as { value: unknown }).value;
    },
    [method, args] as const,
  );
}

/** The annotation of the panel's first row. */
async function firstAnnotation(page: Page): Promise<{ documentId: string; annotation: Stored }> {
  const documentId = await page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('doc')!);
  const document = (await call(page, 'getDocument', [documentId])) as { value: { annotations: Stored[] } };
  // The panel lists annotations in text order: the first row is the one that starts first.
  const [annotation] = [...document.value.annotations].sort((a, b) => a.target.start - b.target.start);
  return { documentId, annotation: annotation! };
}

async function stored(page: Page, documentId: string, id: string): Promise<Stored> {
  const document = (await call(page, 'getDocument', [documentId])) as { value: { annotations: Stored[] } };
  return document.value.annotations.find((annotation) => annotation.id === id)!;
}

/**
 * Opens the edit form of the annotation, lets someone else change its note (and add a tag) through
 * the API meanwhile, then saves `mine` as its note: the conflict dialog opens.
 */
async function editWhileTheyChangeIt(page: Page, documentId: string, id: string, theirs: string, mine: string) {
  const before = await stored(page, documentId, id);
  await claims(page).first().click();
  await page.getByRole('button', { name: 'Edit annotation' }).click();
  const form = page.getByRole('dialog', { name: 'Edit annotation' });
  await expect(form).toBeVisible();
  const changed = (await call(page, 'updateAnnotation', [documentId, id, { note: theirs, tags: [...before.tags, 'opinion'] }])) as {
    ok: boolean;
  };
  expect(changed.ok).toBe(true);
  await form.getByLabel('Note (Markdown)').fill(mine);
  await form.getByRole('button', { name: 'Save annotation' }).click();
  await expect(form).toBeHidden();
  const dialog = conflictDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('theirs-note')).toHaveText(theirs);
  await expect(dialog.getByTestId('mine-note')).toHaveText(mine);
  return dialog;
}

/** The page open on the sample, and the annotation of the panel's first row. */
async function opened(page: Page, url: string) {
  await page.goto(url);
  await expect(claims(page)).toHaveCount(10);
  return firstAnnotation(page);
}

// One test per choice: each is a whole flow, and under load three in one outgrew the test timeout.
test('keep theirs: an edit made from an old version opens the conflict dialog, and keeping theirs writes nothing', async ({
  page,
  served,
}) => {
  const { documentId, annotation } = await opened(page, served.url);
  const dialog = await editWhileTheyChangeIt(page, documentId, annotation.id, 'Theirs, first.', 'Mine, first.');
  const theirsVersion = (await stored(page, documentId, annotation.id)).version!;
  // While the dialog is open, the reader's banner says what happened.
  const banner = page.locator('.banner[role=alert]').filter({ hasText: 'choose what to keep' });
  await expect(banner).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep theirs' }).click();
  await expect(dialog).toBeHidden();
  expect(await stored(page, documentId, annotation.id)).toMatchObject({ note: 'Theirs, first.', version: theirsVersion });
  // Chosen: the banner no longer asks for a choice there is no way left to make.
  await expect(banner).toHaveCount(0);
});

test('keep mine, from the keyboard: saved over theirs, made from their version', async ({ page, served }) => {
  const { documentId, annotation } = await opened(page, served.url);
  const dialog = await editWhileTheyChangeIt(page, documentId, annotation.id, 'Theirs, second.', 'Mine, second.');
  const theirsVersion = (await stored(page, documentId, annotation.id)).version!;
  await dialog.getByRole('button', { name: 'Keep mine' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await stored(page, documentId, annotation.id)).note).toBe('Mine, second.');
  expect((await stored(page, documentId, annotation.id)).version).toBe(theirsVersion + 1);
  await expect(page.locator('.banner[role=alert]').filter({ hasText: 'choose what to keep' })).toHaveCount(0);
});

test('merge: a note holding both and the tags of both sides, to edit; the dialog passes axe in light and dark', async ({
  page,
  served,
}) => {
  const { documentId, annotation } = await opened(page, served.url);
  const { id } = annotation;
  const dialog = await editWhileTheyChangeIt(page, documentId, id, 'Theirs, third.', 'Mine, third.');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).include('dialog[open]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.getByRole('button', { name: 'Merge…' }).click();
  const merged = dialog.getByLabel('Merged note (Markdown)');
  await expect(merged).toBeFocused();
  await expect(merged).toHaveValue('Theirs, third.\n\nMine, third.');
  await expect(dialog.getByRole('checkbox', { name: 'Opinion' })).toBeChecked();
  await merged.press('Control+End');
  await merged.pressSequentially(' Both read.');
  await dialog.getByRole('button', { name: 'Save merged' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await stored(page, documentId, id)).note).toBe('Theirs, third.\n\nMine, third. Both read.');
  expect((await stored(page, documentId, id)).tags).toContain('opinion');
});

test('a claim saved from an old version opens the conflict dialog; merge puts both edits in the form, keep mine saves over theirs', async ({
  page,
  served,
}) => {
  await page.goto(`${served.url}#view=claims`);
  const row = page.getByTestId('claim-row').filter({ hasText: 'The Lindell reservoir fell to 18 percent' });
  await row.click();
  const detail = page.getByRole('complementary', { name: 'Claim' });
  const statement = detail.getByRole('textbox', { name: 'Statement' });
  const evidence = (await call(page, 'getEvidence', [])) as { claims: { id: string; statement: string }[] };
  const { id } = evidence.claims.find((candidate) => candidate.statement.startsWith('The Lindell reservoir fell to 18 percent'))!;
  const claim = async () =>
    ((await call(page, 'getClaim', [id])) as { value: { claim: { statement: string; status: string } } }).value.claim;

  // Someone else sets the status and rewrites the statement while the analyst edits the statement.
  expect(
    await call(page, 'updateClaim', [id, { statement: 'Theirs: the reservoir fell to 18 percent.', status: 'reviewed' }]),
  ).toMatchObject({
    ok: true,
  });
  await statement.fill('Mine: the Lindell reservoir fell to 18 percent.');
  await detail.getByRole('button', { name: 'Save claim' }).click();
  const dialog = page.getByRole('dialog', { name: 'Someone else changed this claim' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Theirs: the reservoir fell to 18 percent.');
  await expect(dialog).toContainText('Mine: the Lindell reservoir fell to 18 percent.');

  // Merge: the form holds both statements and their status; nothing is saved until the analyst saves.
  await dialog.getByRole('button', { name: 'Merge in the form' }).click();
  await expect(dialog).toBeHidden();
  await expect(statement).toHaveValue('Theirs: the reservoir fell to 18 percent.\n\nMine: the Lindell reservoir fell to 18 percent.');
  await expect(detail.getByRole('combobox', { name: 'Status' })).toHaveValue('reviewed');
  expect((await claim()).statement).toBe('Theirs: the reservoir fell to 18 percent.');
  await statement.fill('Merged: the Lindell reservoir fell to 18 percent.');
  await detail.getByRole('button', { name: 'Save claim' }).click();
  await expect(detail.getByRole('status')).toHaveText('Saved.');
  expect(await claim()).toMatchObject({ statement: 'Merged: the Lindell reservoir fell to 18 percent.', status: 'reviewed' });

  // Again, and keep mine: saved over theirs.
  await call(page, 'updateClaim', [id, { statement: 'Theirs again.' }]);
  await statement.fill('Mine again.');
  await detail.getByRole('button', { name: 'Save claim' }).click();
  await dialog.getByRole('button', { name: 'Keep mine' }).click();
  await expect(dialog).toBeHidden();
  await expect(detail.getByRole('status')).toHaveText('Saved.');
  expect((await claim()).statement).toBe('Mine again.');
});
