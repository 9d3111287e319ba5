// `claimbench archive import` as a user runs it: the fixture slice of the CheckThat! archive and a
// CSV feed imported, counted again on re-import, a malformed file refused with its line (exit 1),
// and usage mistakes (exit 2).
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { APP_ROOT } from '../app-paths.ts';
import { ARCHIVE_FILE } from '../store/workspace-layout.ts';

const ARCHIVE_TSV = path.join(APP_ROOT, 'tests', 'fixtures', 'claim-retrieval', 'verified_claims.docs.tsv');

function claimbench(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(APP_ROOT, 'bin', 'claimbench.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('claimbench archive import', () => {
  it(
    'imports each file, says what was added, updated and unchanged, and counts a re-import',
    () =>
      withTempDir(async (dir) => {
        const workspace = path.join(dir, 'ws');
        const feed = path.join(dir, 'desk.csv');
        await writeFile(feed, 'id,claim,rating,publisher\nr1,The dam holds 480 million litres.,False,Valley Checks\n');
        const first = claimbench('archive', 'import', '--workspace', workspace, '--empty', '--json', ARCHIVE_TSV, feed);
        expect(first.stderr).toBe('');
        expect(first.code).toBe(0);
        expect(jsonLines(first.stdout)).toEqual([
          { event: 'imported', file: ARCHIVE_TSV, status: 'imported', format: 'checkthat', added: 66, updated: 0, unchanged: 0 },
          { event: 'imported', file: feed, status: 'imported', format: 'csv', added: 1, updated: 0, unchanged: 0 },
          { event: 'summary', imported: 2, refused: 0, entries: 67, workspace },
        ]);

        await writeFile(
          feed,
          'id,claim,rating,publisher\nr1,The dam holds 480 million litres.,Mostly false,Valley Checks\nr2,Valmont rations water from May.,True,Valley Checks\n',
        );
        const again = claimbench('archive', 'import', '--workspace', workspace, ARCHIVE_TSV, feed);
        expect(again.code).toBe(0);
        expect(again.stdout).toContain(`${ARCHIVE_TSV}: 0 added, 0 updated, 66 unchanged (CheckThat! TSV)`);
        expect(again.stdout).toContain(`${feed}: 1 added, 1 updated, 0 unchanged (CSV)`);
        expect(again.stdout).toMatch(/2 imported, 0 refused; the archive holds 68 entries/);
      }),
    120_000,
  );

  it(
    'refuses a malformed file whole, naming the line (exit 1), and writes nothing; usage mistakes exit 2',
    () =>
      withTempDir(async (dir) => {
        const workspace = path.join(dir, 'ws');
        expect(claimbench('archive', 'import', '--workspace', workspace, '--empty', ARCHIVE_TSV).code).toBe(0);
        const before = await readFile(path.join(workspace, ARCHIVE_FILE), 'utf8');
        const broken = path.join(dir, 'broken.tsv');
        await writeFile(broken, '\tvclaim\ttitle\n9001\tA new claim.\tA title\n9002\tA claim without its title\n');
        const refused = claimbench('archive', 'import', '--workspace', workspace, broken);
        expect(refused.code).toBe(1);
        expect(refused.stdout).toContain(
          `✗ ${broken}: CheckThat! TSV: Line 3: 2 tab-separated cells; a CheckThat! line is id<TAB>vclaim<TAB>title.`,
        );
        expect(await readFile(path.join(workspace, ARCHIVE_FILE), 'utf8')).toBe(before);

        for (const args of [['archive'], ['archive', 'export', broken], ['archive', 'import', '--workspace', workspace]]) {
          const usage = claimbench(...args, '--json');
          expect(usage.code).toBe(2);
          expect(JSON.parse(usage.stdout.trim())).toMatchObject({ event: 'error', code: 'usage' });
        }
      }),
    120_000,
  );
});
