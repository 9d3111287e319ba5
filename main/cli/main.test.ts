import { spawn, spawnSync } from 'node:child_process';
import { open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../app-paths.ts';
import { FolderStore } from '../store/folder-store.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';

function claimbench(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(APP_ROOT, 'bin', 'claimbench.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 15_000,
  });
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

  it('imports files, one result per file, and exits 1 when any was rejected', () =>
    withTempDir(async (dir) => {
      const workspace = path.join(dir, 'ws');
      await writeFile(path.join(dir, 'statement.txt'), 'The mayor said the taps could run dry.\n');
      await writeFile(path.join(dir, 'notes.md'), '# Notes\n\nChecked with the utility.\n');
      await writeFile(path.join(dir, 'photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
      const first = claimbench(
        'import',
        '--workspace',
        workspace,
        '--empty',
        '--json',
        path.join(dir, 'statement.txt'),
        path.join(dir, 'notes.md'),
        path.join(dir, 'photo.txt'),
        path.join(dir, 'missing.pdf'),
      );
      expect(first.code).toBe(1);
      const events = first.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(events.map((event) => [event.event, path.basename(event.file ?? '')])).toEqual([
        ['rejected', 'missing.pdf'],
        ['imported', 'statement.txt'],
        ['imported', 'notes.md'],
        ['rejected', 'photo.txt'],
        ['summary', ''],
      ]);
      expect(events[1]).toMatchObject({ title: 'The mayor said the taps could run dry.', format: 'text', characters: 39 });
      expect(events[3]).toMatchObject({ code: 'not-text' });
      expect(events[4]).toMatchObject({ imported: 2, rejected: 2 });

      const again = claimbench('import', '--workspace', workspace, path.join(dir, 'statement.txt'));
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/= .*statement\.txt: already in the workspace as "The mayor said the taps could run dry\."/);
      expect(again.stdout).toMatch(/0 imported, 1 already in the workspace, 0 rejected/);
    }));

  it('imports Markdown as plain text, or as its source with --markdown=source', () =>
    withTempDir(async (dir) => {
      const workspace = path.join(dir, 'ws');
      const briefing = '# Briefing from **Kyiv**\n\n**Zelensky:** We will [not](https://example.org) give up.\n';
      await writeFile(path.join(dir, 'plain.md'), briefing);
      await writeFile(path.join(dir, 'source.md'), `${briefing}\nSource kept.\n`);
      expect(claimbench('import', '--workspace', workspace, '--empty', path.join(dir, 'plain.md')).code).toBe(0);
      const kept = claimbench('import', '--workspace', workspace, '--markdown=source', path.join(dir, 'source.md'));
      expect(kept.code).toBe(0);
      const store = await FolderStore.open(workspace);
      expect(store.documents.map((document) => [document.meta.title, document.meta.markdown, document.text])).toEqual([
        ['Briefing from Kyiv', 'plain', 'Briefing from Kyiv\n\nZelensky: We will not (https://example.org) give up.'],
        ['Briefing from Kyiv', 'source', `${briefing}\nSource kept.\n`],
      ]);
      const wrong = claimbench('import', '--workspace', workspace, '--markdown', 'html', path.join(dir, 'plain.md'));
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/--markdown is "plain" \(converted to plain text\) or "source" \(kept as written\), not "html"/);
    }));

  it('asks for at least one file', () => {
    const { code, stderr } = claimbench('import');
    expect(code).toBe(2);
    expect(stderr).toMatch(/name at least one file/);
  });

  it('takes a smaller file size cap, and refuses a 100 MB text under the default without reading it', () =>
    withTempDir(async (dir) => {
      const big = path.join(dir, 'big.txt');
      // 100 MB of text, written in pieces (the test itself keeps little in memory).
      const handle = await open(big, 'w');
      const chunk = Buffer.alloc(1024 * 1024, 'claims and counter-claims. ');
      for (let index = 0; index < 100; index++) await handle.write(chunk);
      await handle.close();
      const small = path.join(dir, 'small.txt');
      await writeFile(small, 'x'.repeat(2 * 1024 * 1024));
      const workspace = path.join(dir, 'ws');

      const defaults = claimbench('import', '--workspace', workspace, '--empty', '--json', big);
      expect(defaults.code).toBe(1);
      expect(JSON.parse(defaults.stdout.split('\n')[0]!)).toMatchObject({
        event: 'rejected',
        code: 'too-large',
        message: 'the file is 105 MB; the limit is 67 MB',
      });

      const capped = claimbench('import', '--workspace', workspace, '--max-file-size', '1', '--json', small);
      expect(JSON.parse(capped.stdout.split('\n')[0]!)).toMatchObject({
        code: 'too-large',
        message: 'the file is 2.1 MB; the limit is 1.0 MB',
      });
      expect(claimbench('import', '--max-file-size', 'lots', small).code).toBe(2);
    }));
});

describe('claimbench writing into a pipe that closes early (`… | head`)', () => {
  it(
    'ends quietly with exit 0 instead of crashing on EPIPE',
    () =>
      withTempDir(async (dir) => {
        // Far more output than a pipe holds, so writes go on after the reader has gone.
        const report = await readFile(path.join(APP_ROOT, 'resources', 'sample', 'valley-courier-water-emergency.txt'), 'utf8');
        const long = path.join(dir, 'long.txt');
        await writeFile(long, Array.from({ length: 100 }, () => report).join('\n\n'));
        const child = spawn(process.execPath, [path.join(APP_ROOT, 'bin', 'claimbench.mjs'), 'suggest', '--json', long], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        // The reader takes the first line and goes away, as head -1 does.
        await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
        child.stdout.destroy();
        const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
        expect(code).toBe(0);
        expect(stderr).not.toMatch(/EPIPE|Error/);
      }),
    120_000,
  );
});
