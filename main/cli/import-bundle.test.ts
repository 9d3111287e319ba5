// `claimbench import-bundle` as a user runs it: a colleague's export merged into another workspace;
// run again, everything is already there; with a claim changed on both sides it stops and lists the
// conflict unless --on-conflict says what to do; a tampered bundle is refused.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../app-paths.ts';
import { FolderStore } from '../store/folder-store.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';

function claimbench(dir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(APP_ROOT, 'bin', 'claimbench.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(dir, 'config'), HOME: dir, APPDATA: path.join(dir, 'config') },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const events = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('claimbench import-bundle', () => {
  it('merges a bundle, finds it all there the second time, and stops at a conflict until told what to keep', () =>
    withTempDir(async (dir) => {
      const mine = path.join(dir, 'mine');
      const theirs = path.join(dir, 'theirs');
      const out = path.join(dir, 'theirs.claimbundle');
      expect(claimbench(dir, 'export', '--workspace', theirs, '--out', out).code).toBe(0);

      const first = claimbench(dir, 'import-bundle', '--workspace', mine, '--empty', out, '--json');
      // --empty is not an option of import-bundle: a usage error, nothing done.
      expect(first.code).toBe(2);
      const merged = claimbench(dir, 'import-bundle', '--workspace', path.join(dir, 'fresh'), out, '--json');
      expect(merged.stderr).toBe('');
      expect(merged.code).toBe(0);
      // A workspace made for the import starts empty.
      expect(events(merged.stdout).at(-1)).toMatchObject({
        event: 'imported',
        summary: { documents: { added: 3, matched: 0 }, annotations: { added: 18, skipped: 0 }, links: { added: 8 }, claims: { added: 1 } },
      });
      const again = claimbench(dir, 'import-bundle', '--workspace', path.join(dir, 'fresh'), out, '--json');
      expect(events(again.stdout).at(-1)).toMatchObject({
        event: 'imported',
        summary: { documents: { added: 0, matched: 3 }, annotations: { added: 0, skipped: 18 }, links: { added: 0, skipped: 8 } },
      });

      // Change one of their claims' notes in the bundle's source workspace, export again.
      const store = await FolderStore.open(theirs);
      const document = store.documents[1]!;
      const annotation = document.annotations[0]!;
      const written = await store.putDocument({
        ...document,
        annotations: document.annotations.map((candidate) =>
          candidate.id === annotation.id ? { ...candidate, note: 'Their note' } : candidate,
        ),
      });
      expect(written.ok).toBe(true);
      await store.flush();
      expect(claimbench(dir, 'export', '--workspace', theirs, '--out', out).code).toBe(0);

      const stopped = claimbench(dir, 'import-bundle', '--workspace', path.join(dir, 'fresh'), out, '--json');
      expect(stopped.code).toBe(3);
      const listed = events(stopped.stdout);
      expect(listed.find((event) => event.event === 'conflict')).toMatchObject({
        kind: 'annotation',
        id: annotation.id,
        differences: ['note'],
      });
      expect(listed.at(-1)).toMatchObject({ event: 'error', code: 'conflicts' });
      expect(
        (await FolderStore.open(path.join(dir, 'fresh')))
          .document(document.meta.id)!
          .annotations.find((candidate) => candidate.id === annotation.id)!.note,
      ).toBe(annotation.note);

      const taken = claimbench(dir, 'import-bundle', '--workspace', path.join(dir, 'fresh'), out, '--on-conflict', 'theirs');
      expect(taken.code).toBe(0);
      expect(taken.stdout).toMatch(/1 took theirs/);
      expect(
        (await FolderStore.open(path.join(dir, 'fresh')))
          .document(document.meta.id)!
          .annotations.find((candidate) => candidate.id === annotation.id)!.note,
      ).toBe('Their note');
    }));

  it('refuses a damaged bundle and says which file', () =>
    withTempDir(async (dir) => {
      const out = path.join(dir, 'theirs.claimbundle');
      expect(claimbench(dir, 'export', '--workspace', path.join(dir, 'theirs'), '--out', out).code).toBe(0);
      const bytes = await readFile(out);
      const at = bytes.indexOf(Buffer.from('manifest.json')) - 200;
      bytes[at] = bytes[at]! ^ 0xff;
      await writeFile(out, bytes);
      const refused = claimbench(dir, 'import-bundle', '--workspace', path.join(dir, 'fresh'), out);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/claimbench: .*theirs\.claimbundle: /);
      // The workspace folder the import would have made is not left behind, empty.
      expect(existsSync(path.join(dir, 'fresh'))).toBe(false);
      // An empty folder that was there stays, empty; a workspace that was there stays as it was.
      await mkdir(path.join(dir, 'empty-folder'));
      expect(claimbench(dir, 'import-bundle', '--workspace', path.join(dir, 'empty-folder'), out).code).toBe(1);
      expect(await readdir(path.join(dir, 'empty-folder'))).toEqual([]);
      expect(claimbench(dir, 'import-bundle', '--workspace', path.join(dir, 'theirs'), out).code).toBe(1);
      expect(existsSync(path.join(dir, 'theirs', 'workspace.json'))).toBe(true);
    }));
});
