// Two people on one team server (`claimbench team serve` over PostgreSQL), each in a browser of
// their own: Ana signs in and marks a claim, and Ben, reading the same document, sees it appear and
// sees that Ana is reading it too; then both edit that claim at once, and the one who saves second
// gets the conflict dialog instead of overwriting the other. Needs PostgreSQL 15: CI's cluster
// (CLAIMBENCH_PG_URL), or a throwaway one started here.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser, Page } from '@playwright/test';
import pg from 'pg';
import { postgresBin, startCluster, stopCluster } from '../support/pg-cluster.ts';
import { APP_ROOT, expect, startServe, stopServe, test } from './fixtures.ts';
import { selectWord } from './reader-steps.ts';

const CLI = path.join(APP_ROOT, 'bin', 'claimbench.mjs');
const PASSWORDS = { Ana: 'ana’s long passphrase', Ben: 'ben’s long passphrase' };

const claims = (page: Page) => page.getByRole('complementary', { name: 'Annotations' }).getByTestId('annotation-item');

function cli(args: string[], env: NodeJS.ProcessEnv, stdin = ''): string {
  const result = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, input: stdin, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`claimbench ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

let root: string;
let clusterDir: string | undefined;
let databaseUrl: string;
let server: ChildProcess;
let origin: string;

test.skip(
  !process.env.CLAIMBENCH_PG_URL && postgresBin() === undefined,
  'PostgreSQL 15 is not installed here (apt-get install postgresql-15)',
);

test.beforeAll(async () => {
  test.setTimeout(120_000);
  root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-e2e-team-'));
  let clusterUrl = process.env.CLAIMBENCH_PG_URL;
  if (!clusterUrl) {
    clusterDir = path.join(root, 'pg');
    clusterUrl = await startCluster(clusterDir);
  }
  const name = `e2e_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  const env = { CLAIMBENCH_DATABASE_URL: databaseUrl };
  // The sample workspace, as `claimbench serve` makes it, moved into the team's database.
  const { child } = await startServe(path.join(root, 'sample'));
  await stopServe(child);
  cli(['team', 'init'], env);
  cli(['team', 'import', path.join(root, 'sample')], env);
  cli(['team', 'user', 'add', 'Ana', '--role', 'analyst', '--password-stdin'], env, PASSWORDS.Ana);
  cli(['team', 'user', 'add', 'Ben', '--role', 'reviewer', '--password-stdin'], env, PASSWORDS.Ben);
  server = spawn(process.execPath, [CLI, 'team', 'serve', '--port', '0', '--work-dir', path.join(root, 'work'), '--json'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  origin = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as { event: string; url?: string; message?: string };
      if (event.event === 'listening') resolve(new URL(event.url!).origin);
      if (event.event === 'error') reject(new Error(event.message));
    });
    server.on('exit', (code) => reject(new Error(`team serve exited with ${code}`)));
  });
});

test.afterAll(async () => {
  if (server) await stopServe(server);
  if (clusterDir) stopCluster(clusterDir);
  else if (databaseUrl) {
    const admin = new pg.Client({ connectionString: process.env.CLAIMBENCH_PG_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
    await admin.end();
  }
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
async function signIn(browser: Browser, name: keyof typeof PASSWORDS): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin);
  await expect(page).toHaveURL(`${origin}/login`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(PASSWORDS[name]);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('team-member')).toContainText(`Signed in as ${name}`);
  await expect(claims(page)).toHaveCount(10);
  return page;
}

test('one member marks a claim and the other sees it appear; both edit it, and the second to save gets the conflict', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const ana = await signIn(browser, 'Ana');
  const ben = await signIn(browser, 'Ben');
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
