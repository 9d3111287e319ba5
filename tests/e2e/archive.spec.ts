// The fact-check archive and "has this been checked before?" (issue 20), as an analyst uses them:
// fact-checks imported through the Archive view (a malformed file refused, the others in), listed,
// searched and sorted; the sample report's reservoir sentence marked in the gutter as checked
// before; the Matches tab listing what it matches, with the figures that disagree; one key making
// a claim of the fact-check with the sentence as its mention, seen in the Claims view with the
// fact-check's rating as its verdict; and Ctrl+Z taking the claim back, then the import. And, in the Archive view,
// `c` making a claim of an entry (its verdict and link, no mention yet) in one undoable step; and a
// long document matched in the background, its header saying how far it got.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const FACT_CHECKS = `id,claim,title,rating,url,date,publisher
vc-1,The Lindell reservoir fell to 25 percent of its capacity this summer,Did the reservoir fall to 25 percent?,False,https://checks.example/vc-1,2026-08-16,Valley Checks
vc-2,A shark was filmed swimming on a flooded highway,,Pants on Fire,javascript:alert(1),2026-07-01,Other Desk
`;
const NEW_CLAIM = 'The Lindell reservoir fell to 25 percent of its capacity this summer';

const reader = (page: Page) => page.getByRole('main', { name: 'Reader' });
const archive = (page: Page) => page.getByRole('main', { name: 'Fact-check archive' });
const views = (page: Page) => page.getByRole('navigation', { name: 'View' });

test('fact-checks imported in the Archive view mark the sentence they match; m makes a claim of one, Ctrl+Z takes it back', async ({
  page,
  served,
}) => {
  await page.goto(served.url);
  await expect(reader(page).locator('.cb-hl').first()).toBeVisible();

  // Alt+A opens the archive, empty at first.
  await page.keyboard.press('Alt+a');
  await expect(archive(page).getByTestId('archive-count')).toHaveText('0 entries');
  await expect(page).toHaveTitle('Fact-check archive — Claimbench');

  // Two files: the CSV goes in, the malformed TSV is refused whole with its line.
  await archive(page)
    .getByTestId('archive-input')
    .setInputFiles([
      { name: 'valley-checks.csv', mimeType: 'text/csv', buffer: Buffer.from(FACT_CHECKS) },
      { name: 'broken.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from('id\tvclaim\ttitle\nx1\tonly two columns\n') },
    ]);
  const outcome = archive(page).getByTestId('archive-outcome');
  await expect(outcome).toContainText('2 fact-checks added, 0 updated from 1 file; 1 file refused. Ctrl+Z undoes the import.');
  await expect(outcome).toContainText('valley-checks.csv: 2 added, none updated, none unchanged (CSV)');
  await expect(outcome).toContainText(/broken\.tsv: not imported: CheckThat! TSV: Line 2/);
  const rows = archive(page).getByTestId('archive-row');
  await expect(rows).toHaveCount(2);
  await expect(views(page).getByRole('button', { name: /^Archive/ })).toHaveText('Archive (2)');

  // Searched by any word; the link opens a new tab, without the opener or the referrer; a
  // javascript: URL is no link at all.
  await archive(page).getByRole('searchbox', { name: 'Search the archive' }).fill('valley reservoir');
  await expect(rows).toHaveCount(1);
  await expect(archive(page).getByTestId('archive-count')).toHaveText('1 of 2');
  await expect(rows).toContainText('False');
  await expect(rows).toContainText('Valley Checks');
  const link = rows.getByRole('link', { name: /checks\.example/ });
  await expect(link).toHaveAttribute('href', 'https://checks.example/vc-1');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await archive(page).getByRole('searchbox', { name: 'Search the archive' }).fill('');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'shark' }).getByRole('link')).toHaveCount(0);
  // Sorted by rating, then the other way.
  await archive(page).getByRole('button', { name: 'Rating' }).click();
  await expect(rows.first()).toContainText('False');
  await archive(page)
    .getByRole('button', { name: /^Rating/ })
    .click();
  await expect(rows.first()).toContainText('Pants on Fire');
  await expect(archive(page).getByRole('columnheader', { name: /^Rating/ })).toHaveAttribute('aria-sort', 'descending');

  // The sample report: its reservoir sentence is marked in the gutter, beside each of its lines,
  // titled with what it was checked as (the headline, about the same 18 percent, is marked too).
  await views(page).getByRole('button', { name: 'Documents' }).click();
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText(/^Valmont declares water emergency/);
  const marks = reader(page).locator('.cb-checked[title*="Valley Checks"]');
  await expect(marks.first()).toBeVisible();
  const line = reader(page)
    .locator('.view-line')
    .filter({ hasText: /^VALMONT/ });
  const lineTop = (await line.boundingBox())!.y;
  const tops = await marks.evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().y));
  const beside = tops.findIndex((top) => Math.abs(top - lineTop) < 2);
  expect(beside, `a mark beside the line at ${lineTop} (marks at ${tops.join(', ')})`).toBeGreaterThanOrEqual(0);
  await expect(marks.nth(beside)).toHaveAttribute(
    'title',
    'Checked before: True (a claim in this workspace, strong match); False (Valley Checks, suggestion; figures differ: 18 percent against 25 percent). The Matches tab lists them.',
  );
  // Nothing else in the report is about sharks, or checked at all, but the reservoir.
  await expect(reader(page).locator('.cb-checked[title*="Other Desk"]')).toHaveCount(0);

  // The Matches tab, for the sentence at the cursor.
  await reader(page)
    .locator('.view-line span span')
    .filter({ hasText: /^VALMONT/ })
    .first()
    .click({ position: { x: 8, y: 8 } });
  await page.getByRole('tab', { name: /^Matches/ }).click();
  const matches = page.getByRole('complementary', { name: 'Matches' });
  await expect(matches.locator('figure')).toContainText('The sentence at the cursor');
  await expect(matches.locator('figure')).toContainText('declared a water emergency on Thursday after the Lindell reservoir');
  const own = matches.getByTestId('match-row').first();
  await expect(own).toContainText('The Lindell reservoir fell to 18 percent of capacity');
  await expect(own).toContainText('True');
  await expect(own).toContainText('strong match');
  await expect(own).toContainText('A claim in this workspace');
  const checked = matches.getByTestId('match-row').filter({ hasText: NEW_CLAIM });
  await expect(checked).toContainText('False');
  await expect(checked).toContainText('suggestion');
  await expect(checked).toContainText('Valley Checks');
  await expect(checked).toContainText('Figures differ: 18 percent here against 25 percent there');
  await expect(checked.getByRole('link', { name: /checks\.example/ })).toHaveAttribute('rel', 'noopener noreferrer');

  // The keyboard: the list is one tab stop; j chooses the fact-check, m attaches the sentence to it.
  await own.getByRole('button', { name: 'Attach sentence' }).focus();
  await page.keyboard.press('j');
  await expect(checked).toHaveAttribute('aria-current', 'true');
  await expect(checked.getByRole('button', { name: 'Attach sentence' })).toBeFocused();
  await page.keyboard.press('m');
  await expect(page.getByTestId('history-said')).toHaveText(
    `New claim “${NEW_CLAIM}” from the fact-check, verdict False, with the sentence as its mention. Ctrl+Z undoes it.`,
  );

  // The claim, with the fact-check's rating as its verdict.
  await views(page)
    .getByRole('button', { name: /^Claims/ })
    .click();
  const claim = page.getByTestId('claim-row').filter({ hasText: NEW_CLAIM });
  await expect(claim).toHaveCount(1);
  await expect(claim).toContainText('False');
  await expect(claim.locator('td').nth(1)).toHaveText('1');

  // Ctrl+Z takes back the claim (and the annotation it made), then the import.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('history-said')).toHaveText('Undid: Claim from fact-check "The Lindell reservoir fell to 25…"');
  await expect(claim).toHaveCount(0);
  await views(page)
    .getByRole('button', { name: /^Archive/ })
    .click();
  await expect(rows).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('history-said')).toHaveText('Undid: Import fact-checks from "valley-checks.csv"');
  await expect(archive(page).getByTestId('archive-count')).toHaveText('0 entries');
  await expect(views(page).getByRole('button', { name: /^Archive/ })).toHaveText('Archive');
});

test('in the Archive view, c makes the chosen fact-check a claim with its verdict and link; again, it says it is one; Ctrl+Z takes it back', async ({
  page,
  served,
}) => {
  await page.goto(served.url);
  await expect(reader(page).locator('.cb-hl').first()).toBeVisible();
  await page.keyboard.press('Alt+a');
  await archive(page)
    .getByTestId('archive-input')
    .setInputFiles([{ name: 'valley-checks.csv', mimeType: 'text/csv', buffer: Buffer.from(FACT_CHECKS) }]);
  const rows = archive(page).getByTestId('archive-row');
  await expect(rows).toHaveCount(2);

  // From the first row's button, j goes to the next row and k back; c makes the claim.
  await rows.first().getByRole('button', { name: 'Make a claim' }).focus();
  await page.keyboard.press('j');
  await expect(rows.nth(1).getByRole('button', { name: 'Make a claim' })).toBeFocused();
  await page.keyboard.press('k');
  await expect(rows.first().getByRole('button', { name: 'Make a claim' })).toBeFocused();
  await page.keyboard.press('c');
  await expect(page.getByTestId('history-said')).toHaveText(
    `New claim “${NEW_CLAIM}” from the fact-check, verdict False. Add its mentions from the reader’s Matches tab. Ctrl+Z undoes it.`,
  );
  // Again: nothing changes, and it says why.
  await page.keyboard.press('c');
  await expect(page.getByTestId('history-said')).toHaveText(
    `“${NEW_CLAIM}” is already a claim of this workspace (see the Claims view): nothing changed.`,
  );
  // The second entry's rating is not on the verdict scale: a claim without a verdict, and it says so.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('c');
  await expect(page.getByTestId('history-said')).toContainText('with no verdict: its rating “Pants on Fire” is not on the verdict scale');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('history-said')).toHaveText('Undid: Claim from fact-check "A shark was filmed swimming on a…"');

  // In the Claims view: the claim with the fact-check's rating as its verdict, and no mention yet.
  await views(page)
    .getByRole('button', { name: /^Claims/ })
    .click();
  const claim = page.getByTestId('claim-row').filter({ hasText: NEW_CLAIM });
  await expect(claim).toHaveCount(1);
  await expect(claim).toContainText('False');
  await expect(claim.locator('td').nth(1)).toHaveText('0');
  await expect(page.getByTestId('claim-row').filter({ hasText: 'shark' })).toHaveCount(0);

  // One Ctrl+Z takes it back.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('history-said')).toHaveText('Undid: Claim from fact-check "The Lindell reservoir fell to 25…"');
  await expect(claim).toHaveCount(0);
});

test('a long document is matched in the background: its header says how far it got, then its sentences are marked', async ({
  page,
  served,
}) => {
  test.setTimeout(180_000);
  await page.goto(served.url);
  await expect(reader(page).locator('.cb-hl').first()).toBeVisible();
  await page.keyboard.press('Alt+a');
  await archive(page)
    .getByTestId('archive-input')
    .setInputFiles([{ name: 'valley-checks.csv', mimeType: 'text/csv', buffer: Buffer.from(FACT_CHECKS) }]);
  await expect(archive(page).getByTestId('archive-row')).toHaveCount(2);
  await views(page).getByRole('button', { name: 'Documents' }).click();

  // About 700,000 characters of minutes, the reservoir claim in every fortieth paragraph.
  const paragraphs = Array.from(
    { length: 3000 },
    (_, i) =>
      `Item ${i} of the council minutes records the discussion of the agenda. The members spoke about the budget of the school district and the roads near the river. The chair thanked everyone for coming to the meeting in the town hall on a rainy evening.${i % 40 === 0 ? ` ${NEW_CLAIM}.` : ''}`,
  );
  const text = `Council minutes of the long session\n\n${paragraphs.join('\n\n')}`;
  await page.getByTestId('import-input').setInputFiles([{ name: 'minutes.txt', mimeType: 'text/plain', buffer: Buffer.from(text) }]);
  await expect(page.getByTestId('import-panel')).toContainText('Imported 1 of 1', { timeout: 60_000 });
  // The progress is recorded as it changes (a busy machine may show it only briefly), from before the document opens.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __progress: string[] }).__progress = seen;
    new MutationObserver(() => {
      const shown = document.querySelector('[data-testid="matching-progress"]')?.textContent;
      if (shown && seen.at(-1) !== shown) seen.push(shown);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await page.getByTestId('library-item').filter({ hasText: 'Council minutes' }).click();
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText(/^Council minutes/);

  const progress = reader(page).getByTestId('matching-progress');
  const recorded = () => page.evaluate(() => (window as unknown as { __progress: string[] }).__progress.join('\n'));
  await expect.poll(recorded, { timeout: 30_000 }).toMatch(/Checking its sentences against the fact-checks… \d+%/);
  await expect(progress).toHaveCount(0, { timeout: 150_000 });
  await expect(reader(page).locator('.cb-checked[title*="Valley Checks"]').first()).toBeVisible();
});
