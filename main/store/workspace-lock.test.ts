// One writer per workspace: a second process gets a clear error naming the first; the lock of a
// process that was killed is recovered; the lock goes when its holder stops.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { APP_ROOT, RESOURCES_DIR } from '../app-paths.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { LOCK_FILE } from './workspace-lock.ts';
import { WorkspaceOpenError } from './open-store.ts';

const CLI = path.join(APP_ROOT, 'bin', 'claimbench.mjs');

/** Another process holding the workspace's lock (as `claimbench serve` would), once it holds it. */
function holder(dir: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(APP_ROOT, 'tests', 'support', 'hold-lock.ts'), dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === 'locked') resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`the holder exited with ${code}: ${stderr}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

describe('the workspace lock', () => {
  it(
    'refuses a second process, naming the first, and is free again once the first stops',
    () =>
      withTempDir(async (dir) => {
        const workspace = path.join(dir, 'ws');
        const server = await holder(workspace);
        try {
          const error = await openOrCreateWorkspace(workspace, { resourcesDir: RESOURCES_DIR, lock: 'a test' }).catch(
            (caught: unknown) => caught,
          );
          expect(error).toBeInstanceOf(WorkspaceOpenError);
          expect((error as WorkspaceOpenError).code).toBe('locked');
          expect((error as Error).message).toMatch(new RegExp(`is open in process ${server.pid} \\(a test holder, since \\d{4}-`));

          const cli = spawnSync(process.execPath, [CLI, 'export', '--workspace', workspace, '--out', path.join(dir, 'x.claimbundle')], {
            encoding: 'utf8',
          });
          expect(cli.status).toBe(1);
          expect(cli.stderr).toMatch(/is open in process \d+ \(a test holder/);
          expect(await readdir(dir)).not.toContain('x.claimbundle');
        } finally {
          server.kill('SIGINT');
          await exited(server);
        }
        expect((await readdir(workspace)).includes(LOCK_FILE)).toBe(false);
        const opened = await openOrCreateWorkspace(workspace, { resourcesDir: RESOURCES_DIR, lock: 'a test' });
        expect(JSON.parse(await readFile(path.join(workspace, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, purpose: 'a test' });
        await opened.lock!.release();
        expect((await readdir(workspace)).includes(LOCK_FILE)).toBe(false);
      }),
    60_000,
  );

  it(
    'recovers the lock of a process that was killed, and a lock file torn by a crash',
    () =>
      withTempDir(async (dir) => {
        const workspace = path.join(dir, 'ws');
        const server = await holder(workspace);
        server.kill('SIGKILL');
        await exited(server);
        expect(JSON.parse(await readFile(path.join(workspace, LOCK_FILE), 'utf8'))).toMatchObject({ pid: server.pid });
        const opened = await openOrCreateWorkspace(workspace, { resourcesDir: RESOURCES_DIR, lock: 'a test' });
        await opened.lock!.release();

        await writeFile(path.join(workspace, LOCK_FILE), '{"pid": 12');
        const again = await openOrCreateWorkspace(workspace, { resourcesDir: RESOURCES_DIR, lock: 'a test' });
        expect((await readdir(workspace)).filter((name) => name.startsWith(LOCK_FILE))).toEqual([LOCK_FILE]);
        await again.lock!.release();
      }),
    60_000,
  );
});
