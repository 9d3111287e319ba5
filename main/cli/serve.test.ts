import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../app-paths.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { bindAddress, launchCommand, remoteAccessWarning } from './serve.ts';

function claimbench(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(APP_ROOT, 'bin', 'claimbench.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 15_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bindAddress (--host, --allow-remote)', () => {
  it.each([
    [undefined, false, undefined],
    ['127.0.0.1', false, '127.0.0.1'],
    ['127.0.0.2', false, '127.0.0.2'],
    ['::1', false, '::1'],
    ['0.0.0.0', true, '0.0.0.0'],
    ['::', true, '::'],
    ['192.0.2.7', true, '192.0.2.7'],
  ])('takes --host %s (--allow-remote: %s)', (host, allowRemote, address) => {
    expect(bindAddress(host, allowRemote)).toBe(address);
  });

  it.each([
    ['0.0.0.0', /--allow-remote/],
    ['::', /--allow-remote/],
    ['192.0.2.7', /anyone who can reach it and has the token can read and change the workspace/],
    ['::ffff:192.0.2.7', /--allow-remote/],
    ['localhost', /takes an IP address/],
    ['claimbench.lan', /takes an IP address/],
    ['127.1', /takes an IP address/],
    ['', /takes an IP address/],
  ])('refuses --host %s without more', (host, message) => {
    expect(() => bindAddress(host, false)).toThrow(message);
  });

  it('still refuses a name with --allow-remote', () => {
    expect(() => bindAddress('evil.example', true)).toThrow(/takes an IP address/);
  });

  it('warns that anyone who reaches the address with the token can read and change the workspace', () => {
    expect(remoteAccessWarning('0.0.0.0')).toMatch(
      /^claimbench: WARNING: serving on 0\.0\.0\.0 \(every network interface of this machine\), over unencrypted HTTP\. Anyone who can reach that address and has the token can read and change the workspace/,
    );
    expect(remoteAccessWarning('192.0.2.7')).toMatch(/serving on 192\.0\.2\.7, over/);
  });
});

describe('claimbench serve --host', () => {
  it.each([
    [['--host', '0.0.0.0'], /--host 0\.0\.0\.0 lets other machines connect.*Add --allow-remote/],
    [['--host', 'localhost'], /--host takes an IP address/],
    [['--allow-remote', '--host', 'example.com'], /--host takes an IP address/],
  ])('exits 2 before anything else for %j', (args, message) => {
    const { code, stderr } = claimbench(
      'serve',
      '--no-open',
      '--port',
      '0',
      '--workspace',
      '/nonexistent/claimbench-never-created',
      ...args,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('warns on stderr first when remote access is confirmed (and in --json output too)', () =>
    withTempDir(async (dir) => {
      // Not a workspace: serve stops with an error right after the warning, before listening.
      await writeFile(path.join(dir, 'notes.txt'), 'not a workspace');
      const human = claimbench('serve', '--host', '0.0.0.0', '--allow-remote', '--workspace', dir, '--no-open', '--port', '0');
      expect(human.code).toBe(1);
      expect(human.stderr.split('\n')[0]).toBe(remoteAccessWarning('0.0.0.0'));
      const machine = claimbench(
        'serve',
        '--host',
        '192.0.2.7',
        '--allow-remote',
        '--workspace',
        dir,
        '--no-open',
        '--port',
        '0',
        '--json',
      );
      expect(machine.stderr).toContain(remoteAccessWarning('192.0.2.7'));
      const events = machine.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { event: string; code?: string });
      expect(events.map((event) => [event.event, event.code])).toEqual([
        ['warning', 'remote-access'],
        ['error', 'not-a-workspace'],
      ]);
    }));

  it('says nothing of the kind for a loopback --host', () =>
    withTempDir(async (dir) => {
      await writeFile(path.join(dir, 'notes.txt'), 'not a workspace');
      const { code, stderr } = claimbench('serve', '--host', '::1', '--workspace', dir, '--no-open', '--port', '0');
      expect(code).toBe(1);
      expect(stderr).not.toMatch(/WARNING/);
      expect(stderr).toMatch(/workspace/);
    }));

  it('documents the flags in its help', () => {
    const { stdout } = claimbench('serve', '--help');
    expect(stdout).toMatch(/--host ADDRESS/);
    expect(stdout).toMatch(/--allow-remote/);
  });
});

describe('launchCommand', () => {
  it.each([
    [{ npm_lifecycle_event: 'start' }, 'start', 'npm start'],
    [{ npm_lifecycle_event: 'web' }, 'serve', 'npm run web'],
    [{ npm_lifecycle_event: 'npx' }, 'serve', 'npx claimbench serve'],
    [{}, 'serve', 'claimbench serve'],
    [{ npm_lifecycle_event: '$(evil)' }, 'start', 'claimbench start'],
  ])('names what the analyst ran (%o, %s): %s', (env, subcommand, expected) => {
    expect(launchCommand(subcommand, env)).toBe(expected);
  });
});
