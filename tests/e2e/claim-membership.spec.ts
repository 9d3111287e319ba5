// One vocabulary, and claims where people read: an annotation (a highlighted, tagged span) shows
// the claim it belongs to and that claim's verdict, in its row and in the reader's hover card;
// "Claim…" on it says which claim it is in already; and the status, the claim status and the
// verdict each say what they are for where they are chosen.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const reader = (page: Page) => page.getByRole('main', { name: 'Reader' });
const annotations = (page: Page) => page.getByRole('complementary', { name: 'Annotations' });
const rows = (page: Page) => annotations(page).getByTestId('annotation-item');
const RESERVOIR = 'The Lindell reservoir fell to 18 percent of capacity';

test('an annotation in a claim shows the claim and its verdict in its row and hover card; Claim… says it is already in it', async ({
  page,
  served,
}) => {
  await page.goto(served.url);
  await expect(page.getByRole('tab', { name: 'Annotations' })).toHaveAttribute('aria-selected', 'true');
  await expect(annotations(page).getByRole('heading')).toHaveText(/^Annotations\s*10/);

  // The row: the claim's statement and its verdict; a row in no claim has none.
  const inClaim = rows(page).filter({ hasText: 'fell to 18 percent of its capacity' });
  await expect(inClaim.getByTestId('annotation-claim')).toHaveText(`Claim${RESERVOIR}True`);
  await expect(rows(page).filter({ hasText: 'taps will run dry' }).getByTestId('annotation-claim')).toHaveCount(0);
  await expect(rows(page).getByTestId('annotation-claim')).toHaveCount(1);

  // The hover card: tags and status, and the claim with its verdict.
  await reader(page).locator('.cb-hl').filter({ hasText: 'which supplies most' }).first().hover();
  const hover = page.locator('.monaco-hover').filter({ hasText: 'Verdict' });
  await expect(hover).toContainText(`Claim: “${RESERVOIR}” · Verdict: True`);

  // Claim… on it: already in that claim, which is not offered again (it is the only one).
  await inClaim.click();
  await annotations(page).getByRole('button', { name: 'Claim…' }).click();
  let dialog = page.getByRole('dialog', { name: 'Add this annotation to a claim' });
  await expect(dialog.getByTestId('already-in')).toContainText(`Already in:“${RESERVOIR}”`);
  await expect(dialog.getByRole('radio', { name: 'Add to another claim' })).toBeDisabled();
  await dialog.getByRole('radio', { name: 'New claim' }).check();
  await dialog.getByRole('textbox', { name: /Statement/ }).fill('The reservoir is at its lowest since 1974');
  await dialog.getByRole('button', { name: 'Create claim' }).click();
  await expect(dialog).toBeHidden();

  // Now in two claims: both in the row; Claim… offers no claim it is in.
  await expect(inClaim.getByTestId('annotation-claim')).toHaveCount(2);
  await expect(inClaim.getByTestId('annotation-claim').nth(1)).toHaveText('ClaimThe reservoir is at its lowest since 1974No verdict');
  // A row in no claim: Claim… offers both claims and says nothing of "already".
  await rows(page).filter({ hasText: 'taps will run dry' }).click();
  await annotations(page).getByRole('button', { name: 'Claim…' }).click();
  dialog = page.getByRole('dialog', { name: 'Add this annotation to a claim' });
  await expect(dialog.getByTestId('already-in')).toHaveCount(0);
  await dialog.getByRole('radio', { name: 'Add to a claim' }).check();
  await expect(dialog.getByRole('listbox', { name: 'Claims' }).getByRole('option')).toHaveCount(2);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('the annotation form explains its status; the claim explains its status and verdict', async ({ page, served }) => {
  await page.goto(served.url);
  await rows(page).first().click();
  await annotations(page).getByRole('button', { name: 'Edit annotation' }).click();
  const form = page.getByRole('dialog', { name: 'Edit annotation' });
  await expect(form.getByRole('combobox', { name: 'Status' })).toHaveAccessibleDescription(
    /What checking found in this passage\. The verdict on a claim as a whole is set in the Claims view\./,
  );
  await expect(form.getByRole('button', { name: 'Save annotation' })).toBeVisible();
  await form.getByRole('button', { name: 'Cancel' }).click();

  await page
    .getByRole('navigation', { name: 'View' })
    .getByRole('button', { name: /^Claims/ })
    .click();
  await expect(page.getByRole('columnheader', { name: 'Annotations' })).toBeVisible();
  await page.getByTestId('claim-row').first().click();
  const claim = page.getByRole('complementary', { name: 'Claim' });
  await expect(claim.getByRole('combobox', { name: 'Status' })).toHaveAccessibleDescription(/where the work on this claim stands/);
  await expect(claim.getByRole('combobox', { name: 'Verdict' })).toHaveAccessibleDescription(
    /the rating you publish for the claim as a whole .* Each of its annotations keeps its own status/,
  );
});

test('filtering the annotations panel fades the highlights it leaves out, and clearing it brings them back', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(rows(page)).toHaveCount(10);
  const text = reader(page).locator('.view-lines');
  await expect(text.locator('.cb-dimmed')).toHaveCount(0);
  await annotations(page).getByLabel('Filter annotations').fill('albescu');
  await expect(rows(page)).toHaveCount(2);
  // The ministry's rainfall figure is left out: faded; the mayor's quote is in: as it was.
  await expect(text.locator('.cb-dimmed').filter({ hasText: 'rainfall across' }).first()).toBeVisible();
  await expect(text.locator('.cb-dimmed').filter({ hasText: 'taps will run dry' })).toHaveCount(0);
  await annotations(page).getByLabel('Filter annotations').fill('');
  await expect(text.locator('.cb-dimmed')).toHaveCount(0);
});
