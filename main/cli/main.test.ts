import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../app-paths.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';

function claimbench(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(APP_ROOT, 'bin', 'claimbench.mjs'), ...args], { encoding: 'utf8', timeout: 15_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the claimbench CLI', () => {
  it('prints help with the commands', () => {
    const { code, stdout } = claimbench('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: claimbench <command>/);
    expect(stdout).toMatch(/serve/);
    expect(stdout).toMatch(/start/);
  });

  it.each(['serve', 'start'])('prints help for %s', (command) => {
    const { code, stdout } = claimbench(command, '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`Usage: claimbench ${command}`));
    expect(stdout).toMatch(/--workspace DIR/);
  });

  it('prints the version from package.json', () => {
    expect(claimbench('--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['serve', '--port', 'eighty'], /--port must be a number/],
    [['serve', '--port', '70000'], /--port must be a number/],
    [['serve', '--colour'], /Unknown option '--colour'/],
  ])('exits 2 with a clear message for %j', (args, message) => {
    const { code, stderr } = claimbench(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('reports usage errors as JSON with --json', () => {
    const { code, stdout } = claimbench('serve', '--port', 'x', '--json');
    expect(code).toBe(2);
    expect(JSON.parse(stdout.trim())).toMatchObject({ event: 'error', code: 'usage' });
  });

  it('refuses a folder that is not a workspace, with the reason, and exit 1', () =>
    withTempDir(async (dir) => {
      await writeFile(path.join(dir, 'notes.txt'), 'not a workspace');
      const { code, stdout } = claimbench('serve', '--workspace', dir, '--no-open', '--port', '0', '--json');
      expect(code).toBe(1);
      expect(JSON.parse(stdout.trim())).toMatchObject({ event: 'error', code: 'not-a-workspace' });
    }));
});
