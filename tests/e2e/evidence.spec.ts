// Side by side with sources, as an analyst works: the report on the left, a source on the right;
// link a quote to where it came from, follow the link both ways, compare the quote with its
// source, gather both into a claim, and find it in the claims view.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { flashesIn, recordFlashes } from './reader-steps.ts';

const left = (page: Page) => page.getByRole('main', { name: 'Reader' });
const right = (page: Page) => page.getByRole('region', { name: 'Source' });

/** Clicks the word that starts a line of a pane's text and selects its sentence (Alt+S). */
async function selectSentence(page: Page, pane: ReturnType<typeof left>, word: RegExp): Promise<void> {
  await pane
    .locator('.view-line span span')
    .filter({ hasText: word })
    .first()
    .click({ position: { x: 8, y: 8 } });
  await page.keyboard.press('Alt+s');
  await expect(pane.locator('.selected-text').first()).toBeVisible();
}

test('links a report to its source side by side, follows the link both ways, compares the quote, and makes a claim of both', async ({
  page,
  served,
}) => {
  await page.goto(served.url);
  await expect(left(page).getByRole('heading', { name: /Valmont declares water emergency/ })).toBeVisible();
  // The sample already links the report to its sources: markers after the linked highlights.
  await expect(left(page).locator('.cb-link-marker').first()).toBeVisible();

  // The mayor's statement beside the report, from the library.
  await page
    .getByRole('navigation', { name: 'Documents' })
    .getByRole('button', { name: /Open “Statement by Mayor Teresa Albescu/ })
    .click();
  await expect(right(page).getByRole('heading', { name: /Statement by Mayor Teresa Albescu/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/evidence-side-by-side.png' });

  // The report's sentence about rationing, and the statement's sentence it came from.
  await selectSentence(page, left(page), /^Mayor\sTeresa\sAlbescu\ssaid/);
  await selectSentence(page, right(page), /^From\sMonday\s18\sAugust/);
  await page.keyboard.press('Alt+l');
  const form = page.getByRole('dialog', { name: 'Link evidence' });
  await expect(form.getByText(/^Mayor Teresa Albescu said the city would begin rationing/)).toBeVisible();
  await expect(form.getByText(/^From Monday 18 August, household supply will be rationed/)).toBeVisible();
  await expect(form.getByRole('radio', { name: /Source of/ })).toBeChecked();
  await form.getByRole('textbox', { name: /Note/ }).fill('The report leaves out that rationing is at night only.');
  await form.getByRole('button', { name: 'Save link' }).click();
  await expect(form).toBeHidden();
  await page
    .getByTestId('save-state')
    .filter({ hasText: /^All changes saved/ })
    .waitFor();

  // The links panel lists it.
  await page.getByRole('tab', { name: /^Links/ }).click();
  const link = page.getByTestId('link-item').filter({ hasText: 'rationing is at night only' });
  await expect(link).toContainText('Source of');
  await expect(link).toContainText('Statement by Mayor Teresa Albescu');

  // Follow it from the right pane's marker back to the report, and from the report to the source.
  // (The marker is drawn after the highlight's last character: click at the span's right edge.)
  const marker = right(page)
    .locator('.view-line')
    .filter({ hasText: /05:00\./ })
    .locator('.cb-link-marker');
  const box = (await marker.boundingBox())!;
  await page.mouse.click(box.x + box.width - 3, box.y + box.height / 2);
  await expect(left(page).locator('.cb-flash').first()).toContainText(/^Mayor\sTeresa\sAlbescu\ssaid/);
  await link.getByRole('button', { name: 'Follow' }).click();
  await expect(right(page).locator('.cb-flash').first()).toContainText(/^From\sMonday/);

  // The quote against its source, word by word.
  await link.getByRole('button', { name: 'Compare' }).click();
  const fidelity = page.getByRole('dialog', { name: 'Quote against its source' });
  await expect(fidelity.getByTestId('fidelity-verdict')).toContainText('differs from its source');
  await expect(fidelity.getByTestId('fidelity-diff').locator('.monaco-diff-editor')).toBeVisible();
  await fidelity.getByRole('button', { name: 'Close' }).click();
  // The sample's misquote: the statement says the taps "could" run dry, the report quotes "will".
  await page.getByTestId('link-item').filter({ hasText: 'If we do nothing' }).getByRole('button', { name: 'Compare' }).click();
  await expect(fidelity.getByRole('listitem').filter({ hasText: /^Changed/ })).toHaveText(/could\s*→\s*will/);
  await expect(fidelity.getByTestId('fidelity-diff').locator('.char-delete, .char-insert').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/evidence-quote-fidelity.png' });
  await fidelity.getByRole('button', { name: 'Close' }).click();

  // Both ends become the mentions of one claim.
  await link.getByRole('button', { name: 'Claim…' }).click();
  const claimForm = page.getByRole('dialog', { name: 'Add 2 annotations to a claim' });
  await claimForm.getByRole('textbox', { name: /Statement/ }).fill('Valmont will ration household water from Monday 18 August');
  await claimForm.getByRole('button', { name: 'Create claim' }).click();
  await expect(claimForm).toBeHidden();

  // The claims view: two mentions; the mayor's statement (08:30) came before the report (16:00).
  await page
    .getByRole('navigation', { name: 'View' })
    .getByRole('button', { name: /^Claims/ })
    .click();
  const row = page.getByTestId('claim-row').filter({ hasText: 'Valmont will ration household water' });
  await expect(row.locator('td').nth(1)).toHaveText('2');
  await expect(row.getByTestId('first-appearance')).toContainText('City of Valmont');
  await row.click();
  await expect(page.getByTestId('timeline').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('timeline').locator('li').first()).toContainText('City of Valmont');
  await page.screenshot({ path: 'test-results/evidence-claims-view.png' });

  // Undo takes the claim back, then the link; the report's marker for it goes with it.
  await page.keyboard.press('Control+z');
  await expect(row).toHaveCount(0);
});

test('a claim from the sample has two mentions and a verdict, and opens side by side', async ({ page, served }) => {
  await page.goto(`${served.url}#view=claims`);
  const row = page.getByTestId('claim-row').filter({ hasText: 'The Lindell reservoir fell to 18 percent' });
  await expect(row.locator('td').nth(1)).toHaveText('2');
  await expect(row).toContainText('True');
  await row.click();
  await recordFlashes(page);
  await page.getByRole('complementary', { name: 'Claim' }).getByRole('button', { name: 'Side by side' }).click();
  await expect(left(page).getByRole('heading')).toContainText('Statement by Mayor Teresa Albescu');
  await expect(right(page).getByRole('heading')).toContainText('Valmont declares water emergency');
  // The source's mention flashed (recorded: on a loaded machine the flash can be over before a check).
  await expect.poll(() => flashesIn(page, 'source')).toMatch(/18\s?percent/);
});

test('opens a source beside by typing its title; deleting a linked claim asks first, and undo restores the link', async ({
  page,
  served,
}) => {
  await page.goto(served.url);
  await left(page).getByRole('combobox', { name: 'Open beside' }).fill('Ministry of Environment: drought briefing, 13 August');
  await expect(right(page).getByRole('heading', { name: /Ministry of Environment/ })).toBeVisible();
  await page.getByRole('tab', { name: /^Links/ }).click();
  const links = page.getByTestId('link-item');
  const before = await links.count();
  const rainfall = links.filter({ hasText: 'Rainfall across the northern basin' });
  await expect(rainfall).toHaveCount(1);

  // Delete the report's rainfall claim from the claims panel: its link goes too, after a question.
  await page.getByRole('tab', { name: 'Annotations' }).click();
  await page.getByTestId('annotation-item').filter({ hasText: 'rainfall across the northern basin' }).click();
  await page.getByRole('complementary', { name: 'Annotations' }).getByRole('button', { name: 'Delete annotation' }).click();
  const question = page.getByRole('dialog', { name: 'Delete this annotation and its links?' });
  await expect(question).toContainText('1 link');
  await question.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('tab', { name: /^Links/ }).click();
  await expect(links).toHaveCount(before - 1);
  await expect(rainfall).toHaveCount(0);

  await page.keyboard.press('Control+z');
  await expect(links).toHaveCount(before);
  await expect(rainfall).toHaveCount(1);
});

test('deleting a document says what goes with it; its links and mentions go too, and undo brings all back', async ({ page, served }) => {
  await page.goto(served.url);
  const library = page.getByRole('navigation', { name: 'Documents' });
  await library.getByTestId('library-item').filter({ hasText: 'Statement by Mayor' }).click();
  await expect(left(page).getByRole('heading', { name: /Statement by Mayor/ })).toBeVisible();
  await left(page).getByRole('button', { name: 'Delete…' }).click();
  const question = page.getByRole('dialog', { name: 'Delete this document?' });
  await expect(question).toContainText('3 annotations, 3 evidence links and its annotations’ places in 1 claim');
  await question.getByRole('button', { name: 'Delete document' }).click();
  await expect(library.getByTestId('library-item')).toHaveCount(2);
  await expect(left(page).getByRole('heading', { name: /Valmont declares water emergency/ })).toBeVisible();
  await page.getByRole('tab', { name: /^Links/ }).click();
  await expect(page.getByTestId('link-item').filter({ hasText: 'Statement by Mayor' })).toHaveCount(0);
  await page
    .getByRole('navigation', { name: 'View' })
    .getByRole('button', { name: /^Claims/ })
    .click();
  await expect(page.getByTestId('claim-row').filter({ hasText: 'The Lindell reservoir fell' }).locator('td').nth(1)).toHaveText('1');

  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('claim-row').filter({ hasText: 'The Lindell reservoir fell' }).locator('td').nth(1)).toHaveText('2');
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Documents' }).click();
  await expect(library.getByTestId('library-item')).toHaveCount(3);
  await expect(left(page).getByRole('heading', { name: /Statement by Mayor/ })).toBeVisible();
});

test('exports every claim and link as a W3C AnnotationCollection', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(left(page).locator('.cb-hl').first()).toBeVisible();
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: /W3C annotations only/ }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/-annotations\.jsonld$/);
  const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
    type: string;
    total: number;
    first: { items: { motivation: string; target: unknown }[] };
  };
  expect(exported.type).toBe('AnnotationCollection');
  // The sample: 18 claims in three documents and 8 links, each link with a target in each document.
  expect(exported.total).toBe(26);
  const links = exported.first.items.filter((item) => item.motivation === 'linking');
  expect(links).toHaveLength(8);
  for (const link of links) expect(link.target).toHaveLength(2);
});

test('adds a mention to a claim found by typing words of its statement', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(left(page).getByRole('heading', { name: /Valmont declares water emergency/ })).toBeVisible();
  await page.getByTestId('annotation-item').filter({ hasText: 'rainfall across the northern basin' }).click();
  await page.getByRole('complementary', { name: 'Annotations' }).getByRole('button', { name: 'Claim…' }).click();
  const form = page.getByRole('dialog', { name: 'Add this annotation to a claim' });
  // The dialog's focus is on the option that is checked, not on the group's first one.
  await expect(form.getByRole('radio', { name: 'New claim' })).toBeFocused();
  await form.getByRole('radio', { name: /Add to a claim/ }).check();
  const search = form.getByRole('combobox', { name: /Find a claim/ });
  await search.fill('LINDELL percent');
  await expect(form.getByRole('option')).toHaveCount(1);
  await expect(form.getByRole('option', { selected: true })).toContainText('The Lindell reservoir fell to 18 percent');
  await search.fill('lindell no-such-word');
  await expect(form.getByRole('status')).toContainText('No claim has all of');
  await expect(form.getByRole('button', { name: 'Add to claim' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/evidence-claim-picker.png' });
  await search.fill('lindell');
  await search.press('Enter');
  await expect(form).toBeHidden();

  await page
    .getByRole('navigation', { name: 'View' })
    .getByRole('button', { name: /^Claims/ })
    .click();
  const row = page.getByTestId('claim-row').filter({ hasText: 'The Lindell reservoir fell to 18 percent' });
  await expect(row.locator('td').nth(1)).toHaveText('3');
});
