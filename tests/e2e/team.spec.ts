// Two people on one team server (`claimbench team serve` over PostgreSQL), each in a browser of
// their own: Ana signs in and marks a claim, and Ben, reading the same document, sees it appear and
// sees that Ana is reading it too; then both edit that claim at once, and the one who saves second
// gets the conflict dialog instead of overwriting the other. Needs PostgreSQL 15: CI's cluster
// (CLAIMBENCH_PG_URL), or a throwaway one started here.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, startServe, stopServe, test } from './fixtures.ts';
import { selectWord } from './reader-steps.ts';
import { cli, noPostgres, teamDatabase, teamServe, type TeamDatabase } from './team-support.ts';

const PASSWORDS = { Ana: 'ana’s long passphrase', Ben: 'ben’s long passphrase' };

const claims = (page: Page) => page.getByRole('complementary', { name: 'Annotations' }).getByTestId('annotation-item');

let root: string;
let database: TeamDatabase;
let server: ChildProcess;
let origin: string;

test.skip(noPostgres !== undefined, noPostgres ?? '');

test.beforeAll(async () => {
  test.setTimeout(120_000);
  root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-e2e-team-'));
  database = await teamDatabase(root);
  const env = { CLAIMBENCH_DATABASE_URL: database.url };
  // The sample workspace, as `claimbench serve` makes it, moved into the team's database.
  const { child } = await startServe(path.join(root, 'sample'));
  await stopServe(child);
  cli(['team', 'init'], env);
  cli(['team', 'import', path.join(root, 'sample')], env);
  cli(['team', 'user', 'add', 'Ana', '--role', 'analyst', '--password-stdin'], env, PASSWORDS.Ana);
  cli(['team', 'user', 'add', 'Ben', '--role', 'reviewer', '--password-stdin'], env, PASSWORDS.Ben);
  ({ child: server, origin } = await teamServe(env, path.join(root, 'work')));
});

test.afterAll(async () => {
  if (server) await stopServe(server);
  await database?.drop();
  await rm(root, { recursive: true, force: true });
});

/** The note of the annotation on "VALMONT", as the server has it, asked from the page with its session. */
function noteOfValmont(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => {
    const csrf = /(?:^|; )claimbench-csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
    const post = async (method: string, args: unknown[]) => {
      const response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-claimbench-csrf': csrf },
        body: JSON.stringify(args),
      });
      return ((await response.json()) as { value: unknown }).value;
    };
    const documentId = new URLSearchParams(location.hash.slice(1)).get('doc');
    const opened = (await post('getDocument', [documentId])) as { value: { annotations: { target: { exact: string }; note: string }[] } };
    return opened.value.annotations.find((annotation) => annotation.target.exact === 'VALMONT')?.note;
  });
}

/** A browser window of `name`'s, signed in through the form, on the first document. */
async function signIn(browser: Browser, name: keyof typeof PASSWORDS, viewport?: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext(viewport ? { viewport } : {});
  const page = await context.newPage();
  await page.goto(origin);
  await expect(page).toHaveURL(`${origin}/login`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(PASSWORDS[name]);
  await page.keyboard.press('Enter');
  // The whole app starts after the form: on a loaded machine that takes more than the usual wait.
  await expect(page.getByTestId('team-member')).toContainText(`Signed in as ${name}`, { timeout: 30_000 });
  return page;
}

test('one member marks a claim and the other sees it appear; both edit it, and the second to save gets the conflict', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const ana = await signIn(browser, 'Ana');
  const ben = await signIn(browser, 'Ben');
  for (const page of [ana, ben]) await expect(claims(page)).toHaveCount(10);
  await expect(ana.getByTestId('also-reading')).toHaveText(/Ben is reading this too/);
  await expect(ben.getByTestId('also-reading')).toHaveText(/Ana is reading this too/);

  // Ana marks "VALMONT" as a Statistic; it appears in Ben's window without a reload.
  await selectWord(ana);
  await ana.keyboard.press('1');
  await expect(claims(ana)).toHaveCount(11);
  await expect(claims(ben)).toHaveCount(11);
  const bensRow = claims(ben).filter({ hasText: /^VALMONT/ });
  await expect(bensRow).toContainText('Statistic');
  await ana.screenshot({ path: 'test-results/team-ana.png' });
  await ben.screenshot({ path: 'test-results/team-ben.png' });

  // Both open the claim's form; Ben saves first, then Ana: her save is refused with the conflict dialog.
  await claims(ana)
    .filter({ hasText: /^VALMONT/ })
    .click();
  await ana.getByRole('button', { name: 'Edit annotation' }).click();
  const anasForm = ana.getByRole('dialog', { name: 'Edit annotation' });
  await bensRow.click();
  await ben.getByRole('button', { name: 'Edit annotation' }).click();
  const bensForm = ben.getByRole('dialog', { name: 'Edit annotation' });
  await bensForm.getByLabel('Note (Markdown)').fill('Checked against the ministry table.');
  await bensForm.getByRole('button', { name: 'Save annotation' }).click();
  await expect(bensForm).toBeHidden();
  await anasForm.getByLabel('Note (Markdown)').fill('Source: the mayor’s briefing.');
  await anasForm.getByRole('button', { name: 'Save annotation' }).click();
  const conflict = ana.getByRole('dialog', { name: 'Someone else changed this annotation' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId('theirs-note')).toHaveText('Checked against the ministry table.');
  await expect(conflict.getByTestId('mine-note')).toHaveText('Source: the mayor’s briefing.');
  await ana.screenshot({ path: 'test-results/team-conflict.png' });
  // Keeping theirs leaves Ben's note, in both windows.
  await conflict.getByRole('button', { name: /Keep theirs/ }).click();
  await expect(conflict).toBeHidden();
  for (const page of [ana, ben]) await expect.poll(() => noteOfValmont(page)).toBe('Checked against the ministry table.');

  // Signing out ends the session: the app sends Ana back to the form.
  await ana.getByRole('button', { name: 'Sign out' }).click();
  await expect(ana).toHaveURL(`${origin}/login`);
  await ana.goto(origin);
  await expect(ana).toHaveURL(`${origin}/login`);
});

test('Settings names the signed-in member instead of asking for a name, and only an admin may save the team’s settings', async ({
  browser,
}) => {
  const ana = await signIn(browser, 'Ana');
  await ana.keyboard.press('Control+,');
  const settings = ana.getByRole('dialog', { name: 'Settings' });
  await expect(settings).toContainText('Signed in as Ana (analyst)');
  await expect(settings.getByLabel('Your name')).toHaveCount(0);
  await expect(settings.getByTestId('settings-read-only')).toHaveText('These are the team’s settings: only an admin changes them.');
  await expect(settings.getByRole('button', { name: 'Save settings' })).toBeDisabled();
  await ana.screenshot({ path: 'test-results/team-settings.png' });
  await ana.context().close();
});

test('in a narrow window the status bar still shows who is signed in and Sign out, and Sign out works from the keyboard', async ({
  browser,
}) => {
  const ben = await signIn(browser, 'Ben', { width: 700, height: 800 });
  const member = ben.getByTestId('team-member');
  await expect(member).toHaveText('Signed in as Ben (reviewer) Sign out');
  // Before, the workspace's long name and the save state pushed it past the window's edge: the
  // button was drawn at x = 710 of 700, and cut off ("Signed in as Ben (re…").
  await expect(member).toBeInViewport({ ratio: 1 });
  const signOut = ben.getByRole('button', { name: 'Sign out' });
  await expect(signOut).toBeInViewport({ ratio: 1 });
  await signOut.focus();
  await ben.keyboard.press('Enter');
  await expect(ben).toHaveURL(`${origin}/login`);
  await ben.context().close();
});

// Last: it stops the server.
test('when the server stops, the window says it is reconnecting to the team server, not to run a command a member never ran', async ({
  browser,
}) => {
  const ana = await signIn(browser, 'Ana');
  await expect(ana.getByTestId('save-state')).toHaveText(/^All changes saved/);
  await stopServe(server);
  // Before: 'Disconnected: is “claimbench serve” still running?' (and a team's server is `claimbench team serve`).
  await expect(ana.getByTestId('save-state')).toHaveText('Disconnected: reconnecting to the team server…');
  await ana.context().close();
});
