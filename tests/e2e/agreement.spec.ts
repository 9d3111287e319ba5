// Two analysts, one text: the Agreement view as a research team uses it. Ana and Ben (the analyst
// name set in turn, as analysts taking turns in one workspace do) code one report through the
// service; the view's figures are checked against values this test computes itself from the same
// spans, character by character; two disagreements are curated from the keyboard and one undone
// with Ctrl+Z; "nothing here" is kept across a reload; the table goes out as CSV; axe finds nothing serious in the light or dark theme.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { parseCsv } from '../../core/interchange/csv.ts';
import { expect, test } from './fixtures.ts';

test.use({ serveOptions: { empty: true } });

const TEXT =
  'The reservoir stands at 18 percent. The mayor said the taps could run dry by September. Officials promised new wells. Farmers disputed the figures.';

interface Mark {
  readonly quote: string;
  readonly tags: readonly string[];
  readonly speaker?: string;
}

// They agree on the figure; Ana marks the whole prediction, Ben a shorter span of it with another
// tag as well; only Ana marks the wells, only Ben the farmers.
const ANA: readonly Mark[] = [
  { quote: '18 percent', tags: ['statistic'] },
  { quote: 'the taps could run dry by September', tags: ['quote'], speaker: 'Mayor' },
  { quote: 'Officials promised new wells', tags: ['quote'] },
];
const BEN: readonly Mark[] = [
  { quote: '18 percent', tags: ['statistic'] },
  { quote: 'the taps could run dry', tags: ['quote', 'prediction'] },
  { quote: 'Farmers disputed the figures', tags: ['quote'] },
];

/** Calls the workbench as the page does (page.request shares its cookie). */
async function call<T>(page: Page, origin: string, method: string, ...args: unknown[]): Promise<T> {
  const reply = await page.request.post(`${origin}/api/${method}`, { data: args });
  expect(reply.status(), `${method} answers`).toBe(200);
  return ((await reply.json()) as { value: T }).value;
}

/** Imports the report and has Ana, then Ben, code it; returns its id. */
async function twoCoders(page: Page, origin: string): Promise<string> {
  await call(page, origin, 'updateSettings', { welcomed: true });
  const imported = await call<{ documentId: string }>(page, origin, 'importText', 'Reservoir report', TEXT);
  for (const [analystName, marks] of [
    ['Ana', ANA],
    ['Ben', BEN],
  ] as const) {
    await call(page, origin, 'updateSettings', { analystName });
    for (const { quote, tags, speaker } of marks) {
      const start = TEXT.indexOf(quote);
      const created = await call<{ ok: boolean }>(page, origin, 'createAnnotation', imported.documentId, {
        start,
        end: start + quote.length,
        tags,
        ...(speaker ? { speaker } : {}),
      });
      expect(created.ok).toBe(true);
    }
  }
  await call(page, origin, 'updateSettings', { analystName: 'Chief editor' });
  return imported.documentId;
}

/**
 * Cohen's kappa and percent agreement by character for one tag, computed here from the marks:
 * each character is a unit, its value for a coder whether one of that coder's spans with the tag
 * covers it.
 */
function byCharacter(tag: string): { agreement: number; kappa: number } {
  const covers = (marks: readonly Mark[]) => {
    const covered = new Array<boolean>(TEXT.length).fill(false);
    for (const mark of marks.filter((one) => one.tags.includes(tag))) {
      const start = TEXT.indexOf(mark.quote);
      for (let i = start; i < start + mark.quote.length; i++) covered[i] = true;
    }
    return covered;
  };
  const [ana, ben] = [covers(ANA), covers(BEN)];
  let both = 0;
  let onlyAna = 0;
  let onlyBen = 0;
  let neither = 0;
  for (let i = 0; i < TEXT.length; i++) {
    if (ana[i] && ben[i]) both++;
    else if (ana[i]) onlyAna++;
    else if (ben[i]) onlyBen++;
    else neither++;
  }
  const n = TEXT.length;
  const observed = (both + neither) / n;
  const chance = ((both + onlyAna) * (both + onlyBen) + (onlyBen + neither) * (onlyAna + neither)) / (n * n);
  return { agreement: observed, kappa: (observed - chance) / (1 - chance) };
}

const figures = (page: Page) => page.getByTestId('agreement-figures');
const figureOf = (page: Page, tag: string, figure: string) =>
  figures(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: tag, exact: true }) })
    .locator(`[data-figure="${figure}"]`);
const disagreements = (page: Page) => page.getByRole('list', { name: 'Disagreements' }).getByTestId('disagreement');
const progress = (page: Page) => page.locator('.curation-progress');

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('the figures match an independent count; two disagreements are curated from the keyboard, one undone; the table goes out as CSV', async ({
  page,
  served,
}) => {
  await page.goto(served.url);
  const documentId = await twoCoders(page, served.origin);

  // The palette opens the view (the registry's command).
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Export…' }).focus();
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Type a command' }).fill('agreement view');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/view=agreement/);
  await expect(page.getByRole('main', { name: 'Agreement' })).toContainText('Ana, Ben on 1 document');

  // Quote, by character: the view's figures are the ones counted here.
  const quote = byCharacter('quote');
  await expect(figureOf(page, 'Quote', 'percentAgreement')).toHaveText(`${(quote.agreement * 100).toFixed(1)}%`);
  await expect(figureOf(page, 'Quote', 'characterKappa')).toHaveText(quote.kappa.toFixed(3));
  // Both marked the figure the same: full agreement, and one of one span pair matched.
  await expect(figureOf(page, 'Statistic', 'characterKappa')).toHaveText('1.000');
  await expect(figureOf(page, 'Statistic', 'spanF1')).toHaveText('1.000 of 2 spans');
  // Only Ben used "prediction", on a span Ana gave another tag: α is defined, span F1 is 0.
  await expect(figureOf(page, 'Prediction', 'spanF1')).toHaveText('0.000 of 1 span');
  await expect(page.getByRole('checkbox', { name: /^Ana/ })).toBeChecked();

  // The disagreements, in text order: the prediction (boundaries, tags, speaker), the wells (Ana's), the farmers (Ben's).
  await expect(disagreements(page)).toHaveCount(3);
  await expect(disagreements(page).nth(0)).toContainText('different boundaries');
  await expect(disagreements(page).nth(1)).toContainText('only Ana marked it');
  await expect(disagreements(page).nth(2)).toContainText('only Ben marked it');
  await expect(progress(page)).toContainText('0 of 3 disagreements curated');
  await page.screenshot({ path: 'test-results/agreement-view.png' });

  // From the keyboard, on the list's one tab stop: l accepts Ben's side of the prediction and moves
  // on to the next open disagreement, the wells; h accepts Ana's side there and moves on again.
  await disagreements(page).first().focus();
  await expect(disagreements(page).first()).toHaveAttribute('tabindex', '0');
  await expect(disagreements(page).nth(1)).toHaveAttribute('tabindex', '-1');
  await page.keyboard.press('l');
  await expect(disagreements(page).nth(0)).toHaveAttribute('data-state', 'curated');
  await expect(disagreements(page).nth(1)).toBeFocused();
  await expect(progress(page)).toContainText('1 of 3 disagreements curated');
  await expect(page.getByTestId('agreement-curated-figures')).toContainText('Ben vs curator');
  await page.keyboard.press('h');
  await expect(disagreements(page).nth(1)).toHaveAttribute('data-state', 'curated');
  await expect(progress(page)).toContainText('2 of 3 disagreements curated');
  await expect(disagreements(page).nth(2)).toBeFocused();

  // On disk: the curated version under "curator", the coders' annotations as they were.
  const stored = async () =>
    (
      await call<{ value: { annotations: { creator: string; target: { exact: string }; tags: string[] }[] } }>(
        page,
        served.origin,
        'getDocument',
        documentId,
      )
    ).value.annotations;
  const curated = async () =>
    (await stored())
      .filter((annotation) => annotation.creator === 'curator')
      .map((annotation) => [annotation.target.exact, annotation.tags])
      .sort();
  expect(await curated()).toEqual([
    ['Officials promised new wells', ['quote']],
    ['the taps could run dry', ['quote', 'prediction']],
  ]);
  const coders = (annotations: Awaited<ReturnType<typeof stored>>) =>
    annotations.filter((annotation) => annotation.creator !== 'curator').map((annotation) => [annotation.creator, annotation.target.exact]);
  expect(coders(await stored())).toHaveLength(ANA.length + BEN.length);
  await page.screenshot({ path: 'test-results/agreement-curated.png' });

  // Ctrl+Z undoes the last decision only; the figures against the curated version follow.
  await page.keyboard.press('Control+z');
  await expect(progress(page)).toContainText('1 of 3 disagreements curated');
  await expect(disagreements(page).nth(1)).toHaveAttribute('data-state', 'open');
  await expect(disagreements(page).nth(0)).toHaveAttribute('data-state', 'curated');
  expect(await curated()).toEqual([['the taps could run dry', ['quote', 'prediction']]]);
  await expect(page.locator('footer.statusbar')).toContainText('Undid: Curate: accept Ana');

  // Only Ben marked the farmers: accepting Ana's side (h) settles it as "nothing here", with no
  // annotation written; the decision is kept in the workspace, so a reload still shows it, and the
  // figures against the curated version count it. Ctrl+Z takes it back.
  await disagreements(page).nth(2).focus();
  await page.keyboard.press('h');
  await expect(disagreements(page).nth(2)).toHaveAttribute('data-state', 'curated');
  await expect(disagreements(page).nth(2)).toContainText('nothing kept');
  await expect(progress(page)).toContainText('2 of 3 disagreements curated');
  expect(await curated()).toEqual([['the taps could run dry', ['quote', 'prediction']]]);
  await page.reload();
  await expect(disagreements(page)).toHaveCount(3);
  await expect(disagreements(page).nth(2)).toHaveAttribute('data-state', 'curated');
  await expect(disagreements(page).nth(2)).toContainText('nothing kept');
  await expect(progress(page)).toContainText('2 of 3 disagreements curated');
  await expect(page.getByRole('combobox', { name: 'Document', exact: true })).toContainText('2 curated');
  await disagreements(page).nth(2).focus();
  await page.keyboard.press('Control+z');
  await expect(disagreements(page).nth(2)).toHaveAttribute('data-state', 'open');
  await expect(progress(page)).toContainText('1 of 3 disagreements curated');
  await expect(page.locator('footer.statusbar')).toContainText('Undid: Curate: accept Ana');

  // The table as CSV: the same figures, at full precision.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const csv = await readFile((await download.path())!, 'utf8');
  const parsed = parseCsv(csv);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const [head, ...lines] = parsed.value;
  const row = (tag: string, documentId: string) =>
    Object.fromEntries(head!.map((name, i) => [name, lines.find((line) => line[0] === tag && line[2] === documentId)?.[i]]));
  expect(Number(row('quote', documentId).characterKappa)).toBeCloseTo(quote.kappa, 9);
  expect(Number(row('quote', documentId).percentAgreement)).toBeCloseTo(quote.agreement, 9);
  expect(csv).not.toMatch(/NaN/);

  expect(await seriousViolations(page), 'serious or critical axe violations, light').toEqual([]);
});

test('in the dark theme, and with the edit form, the Agreement view has no serious axe violation', async ({ page, served }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(served.url);
  await twoCoders(page, served.origin);
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Agreement' }).click();
  await expect(disagreements(page)).toHaveCount(3);
  expect(await seriousViolations(page), 'the view, dark').toEqual([]);
  // e opens the form on the merge of both sides; saving writes it as the curated annotation.
  await disagreements(page).first().focus();
  await page.keyboard.press('e');
  const form = page.getByRole('dialog', { name: 'Curated annotation' });
  await expect(form.getByRole('checkbox', { name: /Prediction/ })).toBeChecked();
  await expect(form.getByRole('checkbox', { name: /Quote/ })).toBeChecked();
  expect(await seriousViolations(page), 'the edit form, dark').toEqual([]);
  await form.getByRole('button', { name: 'Save annotation' }).click();
  await expect(form).toBeHidden();
  await expect(disagreements(page).first()).toHaveAttribute('data-state', 'curated');
  await expect(disagreements(page).first()).toContainText('Curated (curator)');
});
