// The first-appearance rule as the claims view shows it (core/evidence/first-appearance.ts): two
// documents published the same day tie on the date, the source counts first and "same day" says
// so; a date moved to the day before decides it, and the tie goes.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const claimsView = (page: Page) => page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: /^Claims/ });
const documentsView = (page: Page) => page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: /^Documents/ });

test('a tie on the date goes to the source and says "same day"; an earlier date wins', async ({ page, served }) => {
  await page.goto(`${served.url}#view=claims`);
  // The sample's claim: the Courier (claim document, 14 August 16:00) and the mayor's statement (source, 14 August 08:30).
  const row = page.getByTestId('claim-row').filter({ hasText: 'The Lindell reservoir fell to 18 percent' });
  await expect(row.getByTestId('first-appearance')).toContainText('City of Valmont');
  await expect(row.getByTestId('first-appearance')).toContainText('same day');
  await row.click();
  const first = page.getByTestId('timeline').locator('li').first();
  await expect(first).toContainText('first');
  await expect(first).toContainText('same day');
  await expect(first).toContainText('City of Valmont');
  await page.screenshot({ path: 'test-results/first-appearance-same-day.png' });

  // The Courier, redated to the day before, now came first, alone on its day.
  await documentsView(page).click();
  await page
    .getByRole('navigation', { name: 'Documents' })
    .getByTestId('library-item')
    .filter({ hasText: 'Valmont declares water emergency' })
    .click();
  await page.getByRole('main', { name: 'Reader' }).getByRole('button', { name: 'Edit details' }).click();
  const details = page.getByRole('dialog', { name: 'Document details' });
  await details.getByLabel('Published').fill('2026-08-13');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details).toHaveCount(0);
  await claimsView(page).click();
  await expect(row.getByTestId('first-appearance')).toContainText('The Valley Courier');
  await expect(row.getByTestId('first-appearance')).not.toContainText('same day');
});
