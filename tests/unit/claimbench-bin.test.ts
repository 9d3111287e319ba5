// bin/claimbench.mjs runs the built CLI (out/main/cli.js) only while it is newer than every source
// it was built from, and the TypeScript sources otherwise: a stale build must never answer for
// changed code. Checked on a copy of the command beside a fake checkout, whose two entries say
// which of them ran.
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../main/app-paths.ts';
import { withTempDir } from '../support/temp-dir.ts';

const ENTRY = 'export async function main() { process.stdout.write(WHICH); return 0; }\n';

/** A checkout with package.json, a source file in main/ and core/ and a built cli.js, all dated `at` (seconds). */
async function fakeCheckout(root: string, at: number): Promise<void> {
  await mkdir(path.join(root, 'bin'));
  await mkdir(path.join(root, 'main', 'cli'), { recursive: true });
  await mkdir(path.join(root, 'core', 'deep', 'er'), { recursive: true });
  await mkdir(path.join(root, 'out', 'main'), { recursive: true });
  await copyFile(path.join(APP_ROOT, 'bin', 'claimbench.mjs'), path.join(root, 'bin', 'claimbench.mjs'));
  await writeFile(path.join(root, 'package.json'), '{"type":"module"}\n');
  await writeFile(path.join(root, 'main', 'cli', 'main.ts'), ENTRY.replace('WHICH', "'sources'"));
  await writeFile(path.join(root, 'core', 'deep', 'er', 'rule.ts'), 'export const rule = 1;\n');
  await writeFile(path.join(root, 'core', 'deep', 'er', 'rule.test.ts'), '');
  await writeFile(path.join(root, 'out', 'main', 'cli.js'), ENTRY.replace('WHICH', "'built'"));
  for (const file of ['package.json', 'main/cli/main.ts', 'core/deep/er/rule.ts', 'core/deep/er/rule.test.ts', 'out/main/cli.js'])
    await utimes(path.join(root, file), at, at);
}

function run(root: string, env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(process.execPath, [path.join(root, 'bin', 'claimbench.mjs')], {
    encoding: 'utf8',
    env: { ...process.env, CLAIMBENCH_FROM_SOURCES: '', ...env },
  });
  expect(result.stderr).toBe('');
  return result.stdout;
}

const BUILT_AT = 2_000_000_000;

describe('bin/claimbench.mjs', () => {
  it('runs the build when nothing changed after it was built', () =>
    withTempDir(async (root) => {
      await fakeCheckout(root, BUILT_AT);
      expect(run(root)).toBe('built');
    }));

  it('runs the sources when a source file, however deep, is newer than the build', () =>
    withTempDir(async (root) => {
      await fakeCheckout(root, BUILT_AT);
      await utimes(path.join(root, 'core', 'deep', 'er', 'rule.ts'), BUILT_AT + 1, BUILT_AT + 1);
      expect(run(root)).toBe('sources');
    }));

  it('runs the sources when package.json is newer than the build', () =>
    withTempDir(async (root) => {
      await fakeCheckout(root, BUILT_AT);
      await utimes(path.join(root, 'package.json'), BUILT_AT + 1, BUILT_AT + 1);
      expect(run(root)).toBe('sources');
    }));

  it('ignores tests newer than the build (they are not in it)', () =>
    withTempDir(async (root) => {
      await fakeCheckout(root, BUILT_AT);
      await utimes(path.join(root, 'core', 'deep', 'er', 'rule.test.ts'), BUILT_AT + 1, BUILT_AT + 1);
      expect(run(root)).toBe('built');
    }));

  it('runs the sources when there is no build, or when CLAIMBENCH_FROM_SOURCES=1 says so', () =>
    withTempDir(async (root) => {
      await fakeCheckout(root, BUILT_AT);
      expect(run(root, { CLAIMBENCH_FROM_SOURCES: '1' })).toBe('sources');
      await rm(path.join(root, 'out', 'main', 'cli.js'));
      expect(run(root)).toBe('sources');
    }));
});
