// Hostile content, as an analyst meets it: documents, a codebook, an annotation file and a bundle
// from strangers, whose text is full of HTML and script. In the app it must show as text (Monaco
// for documents, React text everywhere else, untrusted Markdown for notes), and in the exported
// report.html as escaped text; nothing may run, load, navigate or pop up.
//
// Every payload writes `window.__xss` (or opens a dialog) when it runs: an init script in every
// frame turns such a write into an incident, as it does a CSP violation; dialogs, pop-ups,
// requests to other origins and navigations away are incidents too. A test fails on any.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { readBundle } from '../../main/bundle/read-bundle.ts';
import { bundleZip } from '../support/bundle-builder.ts';
import { APP_ROOT, expect, test } from './fixtures.ts';

const FIXTURES = path.join(APP_ROOT, 'tests', 'fixtures', 'xss');
const library = (page: Page) => page.getByRole('navigation', { name: 'Documents' });
const reader = (page: Page) => page.getByRole('main', { name: 'Reader' });
const claimsPanel = (page: Page) => page.getByRole('complementary', { name: 'Annotations' });

/** Titles the three fixture documents get on import (first line, first heading, the page's <title>). */
const TITLES = {
  txt: '<img src=x onerror="window.__xss=2"> Reservoir report "><svg onload=window.__xss=3>',
  // Markdown is read as plain text (the default): a link is its text and address, HTML stays text.
  md: '<script>window.__xss=1</script> Field notes x (javascript:window.__xss=6)',
  html: '<script>window.__xss=1</script> Dam inspection "><svg onload=window.__xss=3>',
};

/** Lines of each document's text that the reader must show exactly as written. */
const SHOWN = {
  txt: [
    '<script>window.__xss=1</script>',
    'The ministry said the reservoir fell to 18 percent on Friday, <img src=x onerror="window.__xss=2"> officials said.',
    '"><svg onload=window.__xss=3>',
    'javascript:window.__xss=4',
    "{{constructor.constructor('window.__xss=5')()}}",
    '[the minister said](javascript:window.__xss=6)',
    '</textarea><script>window.__xss=7</script>',
    '</title></style></noscript><script>window.__xss=8</script>',
    '<a href="javascript:window.__xss=10">read the full report</a>',
    '${window.__xss=11}',
    "<body onload=alert('xss-13')>",
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=14">',
    '<style>*{background:url(https://evil.example/leak)}</style>',
  ],
  // As plain text: links their text and address, an image its description, raw HTML as written.
  md: [
    '<script>window.__xss=1</script> Field notes x (javascript:window.__xss=6)',
    'read the statement (javascript:window.__xss=6) and another (javascript:window.__xss=6)',
    'javascript:window.__xss=4',
    'beacon',
    '<details open ontoggle=window.__xss=15><summary>"><svg onload=window.__xss=3></summary></details>',
    '</textarea><script>window.__xss=7</script>',
    '<!-- <script>window.__xss=19</script> -->',
  ],
  // The page's readable text: markup it quoted as text stays; its own scripts and elements go.
  html: [
    'The quoted markup <img src=x onerror="window.__xss=2"> is part of the story\'s text.',
    "javascript:window.__xss=4 would reveal the hidden report, and another quoted {{constructor.constructor('window.__xss=5')()}} as a template.",
    'Residents quoted </textarea><script>window.__xss=7</script> in a comment',
    'A pasted link read [the minister](javascript:window.__xss=6)',
  ],
};

/** In the page's markup only, never in its text: scripts, handlers, hidden and fallback content (markers 101–131). */
const PAGE_ACTIVE_CONTENT = /__xss\s*=\s*1\d\d|pwned|xss-106|noscript text|svg text|evil\.example/;

const TAG_NAME = '<img src=x onerror="window.__xss=30">"><svg onload=window.__xss=31>';
const SPEAKER = '"><script>window.__xss=32</script>';
const OUTLET = '<iframe src="javascript:window.__xss=33">';
/**
 * The analyst's Markdown note: raw HTML is dropped by Monaco's untrusted renderer, links lose
 * javascript: URLs, and images (which would be fetched on hover) become links.
 */
const NOTE = [
  'Checked: <script>window.__xss=34</script> <img src=x onerror="window.__xss=35">',
  '',
  '[open the source](javascript:window.__xss=36) and <a href="javascript:window.__xss=37">this</a>',
  '',
  '`<svg onload=window.__xss=38>` ![beacon](https://evil.example/beacon.png) ![tracker][t]',
  '',
  '[t]: https://evil.example/tracker.gif',
].join('\n');
const HOSTILE_COLOR = 'red;background:url(https://evil.example/colour)';

interface Watch {
  /** Everything that must not happen, as it happened. */
  readonly incidents: string[];
}

/** Installs the traps on `page` (before it loads anything): see the module comment. */
async function watch(page: Page, origin: string): Promise<Watch> {
  const incidents: string[] = [];
  await page.exposeFunction('__xssIncident', (what: string) => void incidents.push(what));
  await page.addInitScript(() => {
    const report = (what: string) => void (window as unknown as { __xssIncident?: (what: string) => void }).__xssIncident?.(what);
    Object.defineProperty(window, '__xss', {
      configurable: false,
      get: () => undefined,
      set: (value: unknown) => report(`script ran: __xss=${String(value)} in ${location.href}`),
    });
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        report(`CSP ${event.violatedDirective} blocked ${event.blockedURI} (${event.sample})`);
      },
      true,
    );
  });
  page.on('dialog', (dialog) => {
    incidents.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('popup', (popup) => incidents.push(`pop-up: ${popup.url()}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url)) incidents.push(`request: ${url}`);
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && !frame.url().startsWith(`${origin}/`)) incidents.push(`navigated to ${frame.url()}`);
  });
  return { incidents };
}

/**
 * Elements and attributes in the page that only a payload could have put there: event-handler
 * attributes, javascript:/data: URLs, inline scripts, frames, embedded objects, <base>, meta refresh,
 * MathML, and styles that mention the payloads' host.
 */
function leakedMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'data-href', 'srcdoc']);
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) found.push(`<${element.localName} ${attribute.name}>`);
        if (urlAttributes.has(attribute.name) && /^\s*(javascript|vbscript|data):/i.test(attribute.value))
          found.push(`<${element.localName} ${attribute.name}="${attribute.value}">`);
        if (/__xss/.test(attribute.value) && !['value', 'aria-label', 'title'].includes(attribute.name))
          found.push(`<${element.localName} ${attribute.name}="${attribute.value}">`);
      }
    }
    for (const element of document.querySelectorAll(
      'script:not([src]), iframe, frame, object, embed, base, math, template, noscript, meta[http-equiv="refresh" i]',
    ))
      found.push(`<${element.localName}>`);
    for (const element of document.querySelectorAll('img[src="x"], svg[onload]')) found.push(`<${element.localName}>`);
    for (const style of document.querySelectorAll('style'))
      if (/evil\.example|__xss/.test(style.textContent ?? '')) found.push(`<style>${style.textContent!.slice(0, 80)}`);
    return found;
  });
}

/** The text Monaco shows (the lines in view, top to bottom), with its non-breaking spaces as spaces. */
function shownText(pane: Locator): Promise<string> {
  return pane.locator('.view-lines').evaluate((lines) =>
    [...lines.querySelectorAll<HTMLElement>('.view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((line) => line.textContent ?? '')
      .join('\n')
      .replaceAll('\u00a0', ' '),
  );
}

/** `text` as Monaco shows it with word wrap on: broken into view lines, so compared without line breaks. */
const unwrapped = (text: string) => text.replaceAll('\n', '');

async function expectShown(pane: Locator, lines: readonly string[]): Promise<void> {
  await expect
    .poll(
      async () => {
        const shown = unwrapped(await shownText(pane));
        return lines.filter((line) => !shown.includes(unwrapped(line)));
      },
      { message: 'lines not shown literally' },
    )
    .toEqual([]);
}

/** Proves the traps are armed on the loaded page: a write of `__xss` and an alert are both incidents (then forgotten). */
async function expectTrapsArmed(page: Page, watched: Watch): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __xss: string }).__xss = 'probe';
    alert('probe');
  });
  await expect.poll(() => watched.incidents).toEqual(['script ran: __xss=probe in ' + page.url(), 'dialog: probe']);
  watched.incidents.length = 0;
}

async function expectNothingRan(page: Page, watched: Watch): Promise<void> {
  // A payload that ran would have done so by now; give a blocked load or a timer a moment to report.
  await page.waitForTimeout(300);
  expect.soft(watched.incidents, 'nothing ran, loaded, navigated or popped up').toEqual([]);
  expect(await leakedMarkup(page), 'no markup from the payloads in the page').toEqual([]);
}

async function importFixtures(page: Page, names: readonly string[]): Promise<void> {
  await page.getByTestId('import-input').setInputFiles(names.map((name) => path.join(FIXTURES, name)));
  await expect(page.getByTestId('import-panel')).toContainText(`Imported ${names.length} of ${names.length}`, { timeout: 30_000 });
}

async function openDocument(page: Page, title: string): Promise<void> {
  await library(page)
    .getByTestId('library-item')
    .filter({ has: page.locator('.library-title', { hasText: title }) })
    .click();
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText(title);
}

test.use({ viewport: { width: 1400, height: 1500 } });

test('documents full of markup and script are shown as text in the library, the title and the reader; nothing in them runs', async ({
  page,
  served,
}) => {
  const watched = await watch(page, served.origin);
  await page.goto(served.url);
  await expect(library(page).getByTestId('library-item')).toHaveCount(3);
  await expectTrapsArmed(page, watched);
  await importFixtures(page, ['payloads.txt', 'payloads.md', 'payloads.html']);
  await expect(library(page).getByTestId('library-item')).toHaveCount(6);

  for (const kind of ['txt', 'md', 'html'] as const) {
    // The library lists the title as written, and so do the reader's heading and the window title.
    await expect(library(page).locator('.library-title').filter({ hasText: TITLES[kind] })).toHaveText(TITLES[kind]);
    await openDocument(page, TITLES[kind]);
    await expect(page).toHaveTitle(`${TITLES[kind]} — Claimbench`);
    await expectShown(reader(page), SHOWN[kind]);
    await page.screenshot({ path: `/tmp/xss-reader-${kind}.png` });
    await expectNothingRan(page, watched);
  }

  // The page's own scripts, handlers, frames and hidden content are not in its text at all; what it
  // says about itself (outlet, author) is shown as text.
  expect(await shownText(reader(page))).not.toMatch(PAGE_ACTIVE_CONTENT);
  await expect(reader(page).locator('.document-meta')).toContainText(
    '<img src=x onerror="window.__xss=2"> Courier · "><svg onload=window.__xss=3> Ilse Varga',
  );

  // Unicode tricks: a bidi override is shown as its code point instead of reversing what follows;
  // a zero-width space stays in the text, where it is.
  await openDocument(page, TITLES.txt);
  await expectShown(reader(page), ['[U+202E]<script>window.__xss=17</script>[U+202C]', '<scr\u200bipt>window.__xss=18</scr\u200bipt>']);
  await expectNothingRan(page, watched);
});

test('payloads in a tag name, a claim, document details and an annotation file show as text in the app and in the exported report', async ({
  page,
  served,
}) => {
  test.slow();
  const watched = await watch(page, served.origin);
  await page.goto(served.url);
  await importFixtures(page, ['payloads.txt']);
  await openDocument(page, TITLES.txt);

  // A tag named with markup, with the key "x".
  await claimsPanel(page).getByRole('button', { name: 'Codebook…' }).click();
  const codebook = page.getByRole('dialog', { name: 'Codebook' });
  await codebook.getByRole('button', { name: 'New tag' }).click();
  const form = codebook.getByRole('form', { name: 'New tag' });
  await form.getByLabel('Name', { exact: true }).fill(TAG_NAME);
  await form.getByRole('combobox', { name: /^Key/ }).selectOption('x');
  await form.getByRole('button', { name: 'Add tag' }).click();
  await expect(codebook.getByRole('list', { name: 'Tags' }).getByRole('button').filter({ hasText: TAG_NAME })).toBeVisible();
  await codebook.getByRole('button', { name: 'Close' }).click();

  // Tag the line "<script>window.__xss=1</script>" with it, then give the claim a speaker, outlet and note.
  await reader(page)
    .locator('.view-line')
    .filter({ hasText: /^<script>window\.__xss=1<\/script>$/ })
    .click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('x');
  const claim = claimsPanel(page).getByTestId('annotation-item').filter({ hasText: '<script>window.__xss=1</script>' });
  await expect(claim.locator('.chip')).toHaveText(TAG_NAME);
  await claim.click();
  await page.getByRole('button', { name: 'Edit annotation' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit annotation' });
  await expect(edit.locator('blockquote')).toHaveText('<script>window.__xss=1</script>');
  await edit.getByLabel('Speaker').fill(SPEAKER);
  await edit.getByLabel('Attributed outlet or source').fill(OUTLET);
  await edit.getByLabel('Note (Markdown)').fill(NOTE);
  await edit.getByRole('button', { name: 'Save annotation' }).click();
  await expect(edit).toHaveCount(0);
  await expect(claim.locator('.annotation-source')).toHaveText(`${SPEAKER} · ${OUTLET}`);
  await expectNothingRan(page, watched);

  // The highlight's hover: tag name, speaker and outlet as text; the note as untrusted Markdown.
  await reader(page).locator('.cb-hl').filter({ hasText: 'window.__xss=1' }).first().hover();
  const hover = page.locator('.monaco-hover').filter({ hasText: 'open the source' });
  await expect(hover).toBeVisible();
  await expect(hover).toContainText(TAG_NAME);
  await expect(hover).toContainText(`Speaker: ${SPEAKER}`);
  await expect(hover).toContainText(`Outlet: ${OUTLET}`);
  await expect(hover).toContainText('<svg onload=window.__xss=38>');
  await expect(hover).toContainText('!beacon !tracker');
  await expect(hover.locator('script, img, svg, iframe, a[href^="javascript" i]')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/xss-hover.png' });
  // Its links lost their javascript: URLs: clicking them does nothing.
  await hover.getByText('open the source').click();
  await expectNothingRan(page, watched);

  // The claim as a claim (its statement starts as the quote) in the claims view.
  await claimsPanel(page).getByTestId('annotation-item').filter({ hasText: '<script>window.__xss=1</script>' }).click();
  await page.getByRole('button', { name: 'Claim…' }).click();
  const mention = page.getByRole('dialog', { name: 'Add this annotation to a claim' });
  await expect(mention.locator('figcaption')).toHaveText(TITLES.txt);
  await mention.getByRole('button', { name: 'Create claim' }).click();
  await expect(mention).toHaveCount(0);
  await page
    .getByRole('navigation', { name: 'View' })
    .getByRole('button', { name: /^Claims/ })
    .click();
  await expect(page.getByTestId('claim-row').filter({ hasText: '<script>window.__xss=1</script>' })).toHaveCount(1);
  await page
    .getByRole('navigation', { name: 'View' })
    .getByRole('button', { name: /^Documents/ })
    .click();
  await expectNothingRan(page, watched);

  // Document details with markup: the library and the reader's header show them as text.
  await reader(page).getByRole('button', { name: 'Edit details' }).click();
  const details = page.getByRole('dialog', { name: 'Document details' });
  await details.getByLabel('Outlet').fill('<svg onload=window.__xss=40>');
  await details.getByLabel('Author').fill('<img src=x onerror=window.__xss=41>');
  await details.getByLabel('Tags').fill('<script>window.__xss=42</script>, javascript:window.__xss=43');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details).toHaveCount(0);
  const item = library(page).getByTestId('library-item').filter({ hasText: TITLES.txt });
  await expect(item).toContainText('<svg onload=window.__xss=40>');
  await expect(item).toContainText('<script>window.__xss=42</script>, javascript:window.__xss=43');
  await expect(reader(page).locator('.document-meta')).toContainText('<svg onload=window.__xss=40> · <img src=x onerror=window.__xss=41>');

  // A Hypothesis file whose note and tags carry markup: a new tag, and the note in the hover.
  const row = {
    id: 'h-xss',
    created: '2026-11-20T09:00:00.000000+00:00',
    updated: '2026-11-20T09:05:00.000000+00:00',
    user: 'acct:mallory@hypothes.is',
    user_info: { display_name: '<script>window.__xss=50</script>' },
    uri: 'https://example.org/report',
    text: '<img src=x onerror="window.__xss=51"> [more](javascript:window.__xss=52)',
    tags: ['<svg onload=window.__xss=53>'],
    target: [
      {
        source: 'https://example.org/report',
        selector: [
          {
            type: 'TextQuoteSelector',
            exact: 'javascript:window.__xss=4',
            prefix: '"><svg onload=window.__xss=3>\n',
            suffix: "\n{{constructor.constructor('window",
          },
        ],
      },
    ],
  };
  await page.getByTestId('annotation-file-input').setInputFiles({
    name: '<b>hypothesis</b>.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ total: 1, rows: [row] })),
  });
  const outcome = page.getByTestId('outcome');
  await expect(outcome).toContainText('1 annotation added from <b>hypothesis</b>.json');
  await expect(outcome).toContainText('new tags: <svg onload=window.__xss=53>');
  await expect(
    claimsPanel(page).getByTestId('annotation-item').filter({ hasText: 'javascript:window.__xss=4' }).locator('.chip'),
  ).toHaveText('<svg onload=window.__xss=53>');
  await reader(page).locator('.cb-hl').filter({ hasText: 'javascript:window.__xss=4' }).first().hover();
  const imported = page.locator('.monaco-hover').filter({ hasText: 'more' });
  await expect(imported).toContainText('<svg onload=window.__xss=53>');
  await expect(imported.locator('script, img, svg, iframe, a[href^="javascript" i]')).toHaveCount(0);
  await expectNothingRan(page, watched);

  // The exported bundle's report.html: every field escaped, nothing runs there either.
  const { bundle, report } = await exportWorkspace(page);
  expect(report).not.toMatch(/<(script|img|svg|iframe|body onload)/i);
  const viewer = await page.context().newPage();
  try {
    const reportWatch = await watch(viewer, 'http://report.claimbench.test');
    await viewer.route('http://report.claimbench.test/report.html', (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: report }),
    );
    await viewer.goto('http://report.claimbench.test/report.html');
    await expectTrapsArmed(viewer, reportWatch);
    const body = viewer.locator('body');
    const section = viewer
      .locator('section.document')
      .filter({ has: viewer.getByRole('heading', { level: 2, name: TITLES.txt, exact: true }) });
    await expect(section.locator('.text')).toContainText('<script>window.__xss=1</script>');
    await expect(section.locator('.meta').first()).toHaveText('<svg onload=window.__xss=40> · <img src=x onerror=window.__xss=41>');
    // A bidi override shows as its code point, as in the reader, instead of reversing the line.
    await expect(section.locator('.text')).toContainText('Right-to-left override: [U+202E]<script>window.__xss=17</script>[U+202C] and');
    for (const literal of [
      ...SHOWN.txt,
      TAG_NAME,
      SPEAKER,
      OUTLET,
      '<svg onload=window.__xss=53>',
      // Notes are rendered from their Markdown (the "__" pair is bold), links printed with their address, not linked.
      '<img src=x onerror="window.xss=51"> more (javascript:window.xss=52)',
      '<svg onload=window.__xss=40>',
    ]) {
      await expect(body).toContainText(literal);
    }
    await expect(viewer.locator('td.note').filter({ hasText: 'open the source' })).toContainText(
      'open the source (javascript:window.xss=36)',
    );
    // The rendered note links nowhere.
    await expect(viewer.locator('a[href^="javascript"]')).toHaveCount(0);
    // The claims table keeps to the page, however long its fields' words: none squeezes the note
    // into a column a few letters wide (each row was then a screen tall).
    const layout = await viewer.locator('table.claims').evaluateAll((tables) => ({
      tables: tables.length,
      overflow: Math.max(...tables.map((table) => table.getBoundingClientRect().width - table.parentElement!.clientWidth)),
      narrowestNote: Math.min(
        ...tables.flatMap((table) => [...table.querySelectorAll('td.note')].map((cell) => cell.getBoundingClientRect().width)),
      ),
    }));
    expect(layout.tables).toBeGreaterThan(1);
    expect(layout.overflow).toBeLessThanOrEqual(1);
    expect(layout.narrowestNote).toBeGreaterThan(120);
    await section.screenshot({ path: '/tmp/xss-report.png' });
    await expectNothingRan(viewer, reportWatch);
  } finally {
    await viewer.close();
  }

  // The bundle brought back after the note changed: the import preview shows both sides as text.
  await claimsPanel(page).getByTestId('annotation-item').filter({ hasText: '<script>window.__xss=1</script>' }).click();
  await page.getByRole('button', { name: 'Edit annotation' }).click();
  await edit.getByLabel('Note (Markdown)').fill('<img src=x onerror="window.__xss=60"> changed after the export');
  await edit.getByRole('button', { name: 'Save annotation' }).click();
  await expect(edit).toHaveCount(0);
  await page
    .getByTestId('bundle-input')
    .setInputFiles({ name: 'payloads.claimbundle', mimeType: 'application/octet-stream', buffer: bundle });
  const preview = page.getByRole('dialog', { name: 'Import payloads.claimbundle' });
  const conflict = preview.locator('.bundle-conflict');
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText(
    `tags: ${TAG_NAME} · Unverified · speaker: ${SPEAKER} · outlet: ${OUTLET} · note: <img src=x onerror="window.__xss=60"> changed after the export`,
  );
  await expect(conflict).toContainText('note: Checked: <script>window.__xss=34</script> <img src=x onerror="window.__xss=35">');
  await expectNothingRan(page, watched);
  await preview.getByRole('button', { name: 'Cancel' }).click();
});

test('colours that are not colours are refused wherever a codebook comes in: the API, a codebook file, a bundle', async ({
  page,
  served,
}) => {
  test.slow();
  const watched = await watch(page, served.origin);
  await page.goto(served.url);
  await expect(reader(page).locator('.cb-hl').first()).toBeVisible();

  // The API the window uses (with the window's cookie) refuses the colour before the service sees it.
  const addTag = (name: string, color: string) =>
    page.request.post(`${served.origin}/api/addTag`, { headers: { origin: served.origin }, data: [{ name, color, description: '' }] });
  const refused = await addTag('Hostile', HOSTILE_COLOR);
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toMatchObject({ error: { code: 'invalid-arguments' } });
  expect((await addTag('Control', '#123456')).status(), 'the same request with a colour is accepted').toBe(200);

  // A codebook file.
  await claimsPanel(page).getByRole('button', { name: 'Codebook…' }).click();
  const codebook = page.getByRole('dialog', { name: 'Codebook' });
  const csv = `id,name,parent,color,shortcut,description\r\nhostile,Hostile,,"${HOSTILE_COLOR}",,\r\n`;
  await codebook
    .getByTestId('codebook-import-input')
    .setInputFiles({ name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(codebook.getByRole('status')).toContainText('Could not import hostile.csv');
  await expect(codebook.getByRole('status')).toContainText('is not a colour');
  await codebook.getByRole('button', { name: 'Close' }).click();

  // A bundle whose codebook.json was edited after export (hashes recomputed, so only the colour is wrong).
  const root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-e2e-xss-'));
  try {
    const bundle = await exportBundle(page, root);
    const read = await readBundle(bundle);
    if (!read.ok) throw new Error(read.error.message);
    const files = [...read.value.files].map(([file, bytes]) => ({ path: file, bytes }));
    const codebookFile = files.find((file) => file.path === 'codebook.json')!;
    const parsed = JSON.parse(Buffer.from(codebookFile.bytes).toString('utf8')) as { tags: { color: string }[] };
    parsed.tags[0]!.color = HOSTILE_COLOR;
    const hostile = files.map((file) =>
      file === codebookFile ? { path: file.path, bytes: new TextEncoder().encode(JSON.stringify(parsed)) } : file,
    );
    // Rebuilt as it was, the bundle is accepted (a preview): the colour alone is what gets the other refused.
    await page
      .getByTestId('bundle-input')
      .setInputFiles({ name: 'rebuilt.claimbundle', mimeType: 'application/octet-stream', buffer: Buffer.from(bundleZip(files)) });
    const preview = page.getByRole('dialog', { name: 'Import rebuilt.claimbundle' });
    await expect(preview.getByRole('button', { name: 'Import', exact: true })).toBeVisible();
    await preview.getByRole('button', { name: 'Cancel' }).click();
    await page
      .getByTestId('bundle-input')
      .setInputFiles({ name: 'hostile.claimbundle', mimeType: 'application/octet-stream', buffer: Buffer.from(bundleZip(hostile)) });
    const dialog = page.getByRole('dialog', { name: 'Import hostile.claimbundle' });
    await expect(dialog.getByRole('alert')).toHaveText(/cannot be imported: .*codebook\.json.*Nothing was written/);
    await dialog.getByRole('button', { name: 'Close' }).click();
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  // The highlight styles never saw it.
  expect(await page.locator('style[data-claimbench="highlights"]').textContent()).not.toContain('evil.example');
  await expectNothingRan(page, watched);
});

/** Exports the workspace as a bundle through the Export dialog and saves it in `folder`. */
async function exportBundle(page: Page, folder: string): Promise<string> {
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const file = path.join(folder, download.suggestedFilename());
  await download.saveAs(file);
  await page.getByRole('dialog', { name: 'Export finished' }).getByRole('button', { name: 'Done' }).click();
  return file;
}

/** A bundle exported through the UI: its bytes, and its report.html. */
async function exportWorkspace(page: Page): Promise<{ bundle: Buffer; report: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-e2e-xss-'));
  try {
    const file = await exportBundle(page, root);
    const read = await readBundle(file);
    if (!read.ok) throw new Error(read.error.message);
    return { bundle: await readFile(file), report: Buffer.from(read.value.files.get('report.html')!).toString('utf8') };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
