// axe-core (WCAG 2.1 A and AA rules) over every view and every dialog a user can open (settings,
// the command palette and the shortcuts sheet included), in the light
// and the dark theme: no serious or critical violation. Each state is checked where a person would
// meet it (the sample workspace, as it opens), and every violation found is listed with its
// elements, so one run shows them all.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FACT_CHECKS = `id,claim,rating,url,date,publisher
vc-1,The Lindell reservoir fell to 25 percent of its capacity this summer,False,https://checks.example/vc-1,2026-08-16,Valley Checks
`;

const reader = (page: Page) => page.getByRole('main', { name: 'Reader' });
const source = (page: Page) => page.getByRole('region', { name: 'Source' });
const annotations = (page: Page) => page.getByRole('complementary', { name: 'Annotations' });

/** "state: rule (impact) — message: targets" for each serious or critical violation on the page now. */
async function seriousViolations(page: Page, state: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${state}: ${violation.id} (${violation.impact}) — ${violation.help}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** Opens a dialog, checks the page with it open, and closes it with its Cancel or Close button (or Escape). */
async function checkDialog(page: Page, found: string[], name: string | RegExp, open: () => Promise<void>): Promise<void> {
  await open();
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  found.push(...(await seriousViolations(page, `dialog “${String(name)}”`)));
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

/** Clicks the word that starts a line of a pane's text and selects its sentence (Alt+S). */
async function selectSentence(page: Page, pane: Locator, word: RegExp): Promise<void> {
  await pane
    .locator('.view-line span span')
    .filter({ hasText: word })
    .first()
    .click({ position: { x: 8, y: 8 } });
  await page.keyboard.press('Alt+s');
  await expect(pane.locator('.selected-text').first()).toBeVisible();
}

// The two themes' checks are the longest of the suite (about 2 minutes each): run them side by
// side on the two workers rather than one after the other on one, which made the suite's tail.
test.describe.configure({ mode: 'parallel' });

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('the main view, each dialog, the claims view, the search view and side by side have no serious or critical axe violation', async ({
      page,
      served,
    }) => {
      test.setTimeout(240_000);
      const found: string[] = [];
      await page.setViewportSize({ width: 1400, height: 860 });
      await page.goto(served.url);
      await expect(reader(page).locator('.cb-hl').first()).toBeVisible();
      await expect(annotations(page).getByTestId('annotation-item').first()).toBeVisible();
      found.push(...(await seriousViolations(page, 'main view')));

      // Several annotations selected: the rows say so, and the bulk bar is shown.
      await annotations(page).getByTestId('annotation-item').first().click();
      await page.keyboard.press('Shift+ArrowDown');
      await page.keyboard.press('Shift+ArrowDown');
      await expect(annotations(page).getByRole('form', { name: 'Change the selected annotations' })).toBeVisible();
      // Each row chosen flashes in the reader (1.2 s of yellow under the text, which axe caught in the
      // dark theme, 2 runs of 8): checked once the flash is over.
      await expect(reader(page).locator('.cb-flash')).toHaveCount(0);
      found.push(...(await seriousViolations(page, 'three annotations selected, the bulk bar')));
      await page.keyboard.press('Escape');

      // The annotation form, new and edit.
      await checkDialog(page, found, 'New annotation', async () => {
        await selectSentence(page, reader(page), /^Mayor\sTeresa\sAlbescu\ssaid/);
        await page.keyboard.press('Enter');
      });
      await annotations(page).getByTestId('annotation-item').first().click();
      await checkDialog(page, found, 'Edit annotation', () => annotations(page).getByRole('button', { name: 'Edit annotation' }).click());
      // "Claim…" on an annotation that is in a claim already.
      const inClaim = annotations(page).getByTestId('annotation-item').filter({ hasText: 'fell to 18 percent of its capacity' });
      await inClaim.click();
      await checkDialog(page, found, 'Add this annotation to a claim', () =>
        annotations(page).getByRole('button', { name: 'Claim…' }).click(),
      );
      await checkDialog(page, found, 'Codebook', () => annotations(page).getByRole('button', { name: 'Codebook…' }).click());
      await checkDialog(page, found, /^Export/, () => page.getByRole('button', { name: 'Export…' }).click());
      await checkDialog(page, found, /pasted text/, () =>
        page.getByRole('navigation', { name: 'Documents' }).getByRole('button', { name: 'Paste' }).click(),
      );
      await checkDialog(page, found, /details/i, () => reader(page).getByRole('button', { name: 'Edit details' }).click());
      // A linked annotation asks before it goes.
      await inClaim.click();
      await checkDialog(page, found, 'Delete this annotation and its links?', () =>
        annotations(page).getByRole('button', { name: 'Delete annotation' }).click(),
      );
      await checkDialog(page, found, 'Settings', () => page.keyboard.press('Control+,'));
      await checkDialog(page, found, 'Command palette', () => page.keyboard.press('Control+k'));
      await checkDialog(page, found, 'Keyboard shortcuts', async () => {
        await page.getByRole('navigation', { name: 'Documents' }).getByTestId('library-item').first().focus();
        await page.keyboard.press('?');
      });
      await checkDialog(page, found, /^Versions of/, () =>
        reader(page)
          .getByRole('button', { name: /^Versions/ })
          .click(),
      );
      await checkDialog(page, found, 'Import notes.claimbundle', () =>
        page
          .getByTestId('bundle-input')
          .setInputFiles({ name: 'notes.claimbundle', mimeType: 'application/octet-stream', buffer: Buffer.from('not a zip') }),
      );

      // Side by side, with the link dialog and the quote comparison (two Monaco diff editors).
      await page
        .getByRole('navigation', { name: 'Documents' })
        .getByRole('button', { name: /Open “Statement by Mayor Teresa Albescu/ })
        .click();
      await expect(source(page).locator('.cb-hl').first()).toBeVisible();
      found.push(...(await seriousViolations(page, 'side by side')));
      await checkDialog(page, found, 'Link evidence', async () => {
        await selectSentence(page, reader(page), /^Mayor\sTeresa\sAlbescu\ssaid/);
        await selectSentence(page, source(page), /^From\sMonday\s18\sAugust/);
        await page.keyboard.press('Alt+l');
      });
      await page.getByRole('tab', { name: /^Links/ }).click();
      found.push(...(await seriousViolations(page, 'links panel')));
      await checkDialog(page, found, 'Quote against its source', async () => {
        await page.getByTestId('link-item').first().getByRole('button', { name: 'Compare' }).click();
        await expect(page.getByTestId('fidelity-diff').locator('.view-line').first()).toBeVisible();
      });
      await page.getByRole('tab', { name: 'Annotations' }).click();

      // The claims view, with a claim chosen.
      await page
        .getByRole('navigation', { name: 'View' })
        .getByRole('button', { name: /^Claims/ })
        .click();
      await page.getByTestId('claim-row').first().click();
      await expect(page.getByRole('complementary', { name: 'Claim' }).getByRole('textbox', { name: 'Statement' })).toBeVisible();
      found.push(...(await seriousViolations(page, 'claims view')));

      // The search view: results with facets, then a query it cannot read.
      await page.keyboard.press('Control+Shift+F');
      const query = page.getByRole('combobox', { name: 'Search the workspace' });
      await query.fill('percent');
      await expect(page.getByRole('listbox', { name: 'Results' }).getByRole('option').first()).toBeVisible();
      found.push(...(await seriousViolations(page, 'search view')));
      await checkDialog(page, found, 'Tag every occurrence', async () => {
        await page.getByRole('button', { name: 'Tag every occurrence…' }).click();
        await expect(page.getByTestId('occurrence-list').getByRole('checkbox').first()).toBeVisible();
      });
      await query.fill('reservoir "unclosed');
      await expect(page.getByTestId('search-caret')).toBeVisible();
      found.push(...(await seriousViolations(page, 'search view, a query it cannot read')));
      await query.fill('reservoir');
      await checkDialog(page, found, 'Save search', () => page.getByRole('button', { name: 'Save search…' }).click());

      // The annotations table, with two rows selected (the bulk bar) and a query it cannot read; the tag matrix.
      await page.getByRole('tab', { name: 'All annotations' }).click();
      const rows = page.getByRole('grid', { name: 'Annotations' }).getByTestId('table-row');
      await rows.nth(0).getByRole('gridcell').nth(2).click();
      await rows
        .nth(1)
        .getByRole('gridcell')
        .nth(2)
        .click({ modifiers: ['Shift'] });
      await expect(page.getByRole('form', { name: 'Change the selected annotations' })).toBeVisible();
      found.push(...(await seriousViolations(page, 'annotations table')));
      await page.getByRole('searchbox', { name: 'Filter by a search query' }).fill('tag:"unclosed');
      await expect(page.getByRole('alert').filter({ hasText: 'unclosed' })).toBeVisible();
      found.push(...(await seriousViolations(page, 'annotations table, a query it cannot read')));
      await page.getByRole('tab', { name: 'Tags × documents' }).click();
      await expect(page.getByRole('main', { name: 'Tags by document' }).getByRole('table')).toBeVisible();
      found.push(...(await seriousViolations(page, 'tag matrix')));

      // A saved search in the library.
      await page.getByRole('tab', { name: 'Search' }).click();
      await page.getByRole('button', { name: 'Save search…' }).click();
      await page.getByRole('dialog', { name: 'Save search' }).getByRole('button', { name: 'Save' }).click();
      await page.getByRole('button', { name: 'Documents', exact: true }).click();
      await expect(page.getByTestId('saved-search').locator('.saved-search-count')).toHaveText(/\d/);
      // The reader, shown again, flashes the span it last revealed: checked once the flash is over.
      await expect(reader(page).locator('.cb-flash')).toHaveCount(0);
      found.push(...(await seriousViolations(page, 'library with a saved search')));

      // The fact-check archive, with an import's outcome; then the Matches tab beside the report.
      await page
        .getByRole('navigation', { name: 'View' })
        .getByRole('button', { name: /^Archive/ })
        .click();
      await page.getByTestId('archive-input').setInputFiles({ name: 'checks.csv', mimeType: 'text/csv', buffer: Buffer.from(FACT_CHECKS) });
      await expect(page.getByTestId('archive-row')).toHaveCount(1);
      found.push(...(await seriousViolations(page, 'archive view')));
      await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Documents' }).click();
      await reader(page)
        .locator('.view-line span span')
        .filter({ hasText: /^VALMONT/ })
        .first()
        .click({ position: { x: 8, y: 8 } });
      await page.getByRole('tab', { name: /^Matches/ }).click();
      await expect(page.getByTestId('match-row').nth(1)).toBeVisible();
      found.push(...(await seriousViolations(page, 'matches tab')));
      // The Suggestions tab, with suggestions already marked among open ones.
      await page.getByRole('tab', { name: /^Suggestions/ }).click();
      await expect(page.getByTestId('suggestion-row').nth(1)).toBeVisible();
      found.push(...(await seriousViolations(page, 'suggestions tab')));

      // The agreement view (the sample has one coder: every figure says why it is not defined;
      // tests/e2e/agreement.spec.ts checks it with two coders and their disagreements).
      await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Agreement' }).click();
      await expect(page.getByTestId('agreement-figures')).toContainText('not defined');
      found.push(...(await seriousViolations(page, 'agreement view')));

      expect(found, 'serious or critical axe violations').toEqual([]);
    });

    test('the warning banner is readable', async ({ page, served }) => {
      await page.goto(served.url);
      const beside = page.getByRole('combobox', { name: 'Open beside' });
      await beside.fill('nothing like this');
      await beside.press('Enter');
      const banner = page.locator('.banner[role=alert]');
      await expect(banner).toHaveText(/No other document's title matches/);
      // In the dark theme it was white on light orange: 2.1 to 1, where AA asks 4.5.
      const results = await new AxeBuilder({ page }).include('.banner').withRules(['color-contrast']).analyze();
      expect(results.violations.flatMap((violation) => violation.nodes.map((node) => node.failureSummary))).toEqual([]);
    });
  });
}
