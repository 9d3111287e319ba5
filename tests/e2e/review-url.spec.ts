// The published review's URL, as an analyst sets it: on a claim in the Claims view (an address
// that is not http(s) is refused, with the reason), or once for the workspace as a pattern in
// Export…; the export then says how many claims with a verdict had neither and were left out of
// claimreview.jsonld. Export… also offers claims.csv's formula guard.
import { readFile } from 'node:fs/promises';
import { readBundle } from '../../main/bundle/read-bundle.ts';
import { expect, test } from './fixtures.ts';

test('a claim’s review URL is set in the Claims view, and Export says which claims had none', async ({ page, served }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.goto(`${served.url}#view=claims`);
  const row = page.getByTestId('claim-row').filter({ hasText: 'The Lindell reservoir fell to 18 percent' });
  await row.click();
  const detail = page.getByRole('complementary', { name: 'Claim' });
  const url = detail.getByRole('textbox', { name: 'Published review (URL)' });
  await expect(detail.getByText(/Without a review URL .* left out of claimreview\.jsonld/)).toBeVisible();

  // With the keyboard: focus the field, type, and submit the form with Enter.
  await url.focus();
  await page.keyboard.type('ftp://factcheck.example/lindell');
  await page.keyboard.press('Enter');
  await expect(detail.getByRole('alert')).toContainText('http');
  await url.fill('https://factcheck.example/checks/lindell-reservoir');
  await page.keyboard.press('Enter');
  await expect(detail.getByRole('status')).toHaveText('Saved.');
  await expect(detail.getByText(/The url of this claim’s ClaimReview/)).toBeVisible();
  await page.screenshot({ path: 'test-results/review-url-claim.png' });

  // Export: the pattern is saved with the workspace, the guard is on by default, and the result tells.
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByRole('checkbox', { name: /Guard claims\.csv against spreadsheet formulas/ })).toBeChecked();
  await expect(dialog.getByRole('textbox', { name: 'Review URL pattern' })).toHaveValue('');
  await page.screenshot({ path: 'test-results/review-url-export-dialog.png' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const finished = page.getByRole('dialog', { name: 'Export finished' });
  await expect(finished.getByTestId('export-done')).toBeVisible();
  // The sample's one claim with a verdict now has its URL: nothing is left out.
  await expect(finished).not.toContainText('no review URL');
  const bundle = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(bundle);
  const read = await readBundle(bundle);
  if (!read.ok) throw new Error(read.error.message);
  const reviews = JSON.parse(new TextDecoder().decode(read.value.files.get('claimreview.jsonld'))) as { url: string }[];
  expect(reviews.map((review) => review.url)).toEqual(['https://factcheck.example/checks/lindell-reservoir']);
  await finished.getByRole('button', { name: 'Done' }).click();

  // Cleared, with no pattern: the export says the claim was left out.
  await detail.getByRole('textbox', { name: 'Published review (URL)' }).fill('');
  await detail.getByRole('button', { name: 'Save claim' }).click();
  await expect(detail.getByRole('status')).toHaveText('Saved.');
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Export…' }).click();
  await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
  await expect(finished.getByTestId('export-done')).toContainText('1 claim has no review URL and was left out of claimreview.jsonld');
  await page.screenshot({ path: 'test-results/review-url-export-note.png' });
  await finished.getByRole('button', { name: 'Done' }).click();

  // A pattern set in Export… is kept in the workspace and shown as the claim's address.
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Export…' }).click();
  await dialog.getByRole('textbox', { name: 'Review URL pattern' }).fill('https://factcheck.example/claims/{claimId}');
  await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
  await expect(finished.getByTestId('export-done')).not.toContainText('no review URL');
  await finished.getByRole('button', { name: 'Done' }).click();
  await expect(detail.getByRole('textbox', { name: 'Published review (URL)' })).toHaveAttribute(
    'placeholder',
    /^https:\/\/factcheck\.example\/claims\/[A-Za-z0-9_-]+$/,
  );
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/review-url-claim-dark.png' });
  expect(JSON.parse(await readFile(`${served.workspace}/workspace.json`, 'utf8')).settings.reviewUrlPattern).toBe(
    'https://factcheck.example/claims/{claimId}',
  );
});
