// Playwright fixtures: every test gets its own workspace folder and its own `claimbench serve`,
// started as a user would start it, and stopped with Ctrl-C (SIGINT) afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, expect, type ConsoleMessage } from '@playwright/test';

export const APP_ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface ServedWorkbench {
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly workspace: string;
  /** Every line the server printed (JSON events). */
  readonly events: Record<string, unknown>[];
}

export interface ServeOptions {
  readonly empty?: boolean;
}

/** Starts `claimbench serve --json` and resolves once it prints that it is listening. */
export async function startServe(workspace: string, options: ServeOptions = {}): Promise<{ served: ServedWorkbench; child: ChildProcess }> {
  const args = [path.join(APP_ROOT, 'bin', 'claimbench.mjs'), 'serve', '--workspace', workspace, '--port', '0', '--no-open', '--json'];
  if (options.empty) args.push('--empty');
  const child = spawn(process.execPath, args, { cwd: APP_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const events: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const listening = new Promise<Record<string, unknown>>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as Record<string, unknown>;
      events.push(event);
      if (event.event === 'listening') resolve(event);
      // A document it could not read is skipped and reported, and serving goes on: not a failure to start.
      if (event.event === 'error' && event.code !== 'unreadable-file')
        reject(new Error(`claimbench serve failed: ${String(event.message)}`));
    });
    child.on('exit', (code) => reject(new Error(`claimbench serve exited with ${code}: ${stderr}`)));
  });
  const event = await listening;
  const url = String(event.url);
  return {
    served: { url, origin: new URL(url).origin, port: Number(event.port), token: String(event.token), workspace, events },
    child,
  };
}

/** Ctrl-C, then the exit code (the server must finish pending writes and exit 0). */
export function stopServe(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

export const test = base.extend<{ serveOptions: ServeOptions; served: ServedWorkbench; consoleProblems: string[] }>({
  serveOptions: [{}, { option: true }],

  served: async ({ serveOptions, page }, use) => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-e2e-'));
    const { served, child } = await startServe(path.join(root, 'workspace'), serveOptions);
    await use(served);
    // The page first: a refresh it started at the test's end must not meet a stopped server.
    await page.close();
    const code = await stopServe(child);
    expect(code, 'claimbench serve exits 0 on Ctrl-C').toBe(0);
    expect(served.events.at(-1)).toMatchObject({ event: 'stopped' });
    await rm(root, { recursive: true, force: true });
  },

  // Console errors and uncaught exceptions fail the test that caused them.
  consoleProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (message: ConsoleMessage) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      await use(problems);
      expect(problems, 'no console errors or warnings').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
