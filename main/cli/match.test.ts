// `claimbench match` as a user runs it, on the fixture slice of the CLEF 2020 CheckThat! data
// (tests/fixtures/claim-retrieval): the gold claim of fixture tweets in the top 5 of `--json`, the
// readable blocks with a workspace claim among the matches, and the failures (exit 1 and 2).
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { importArchiveFiles } from '../archive/import-archive.ts';
import { APP_ROOT, RESOURCES_DIR } from '../app-paths.ts';
import { FolderStore } from '../store/folder-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';

const FIXTURES = path.join(APP_ROOT, 'tests', 'fixtures', 'claim-retrieval');

function claimbench(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(APP_ROOT, 'bin', 'claimbench.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** An empty workspace whose archive is the fixture slice (66 Snopes claims). */
async function archivedWorkspace(dir: string): Promise<WorkspaceStore> {
  await createWorkspace(dir, { resourcesDir: RESOURCES_DIR, empty: true });
  const store = await FolderStore.open(dir);
  expect(await importArchiveFiles(store, [path.join(FIXTURES, 'verified_claims.docs.tsv')])).toMatchObject([
    { status: 'imported', added: 66 },
  ]);
  return store;
}

describe('claimbench match', () => {
  it(
    '--json: one line per query, best first, with the gold claim of each fixture tweet in its top 5',
    () =>
      withTempDir(async (dir) => {
        await (await archivedWorkspace(path.join(dir, 'ws'))).close();
        const wanted = new Set(['1', '2', '4', '5', '9', '12']);
        const tweets = (await readFile(path.join(FIXTURES, 'tweets.queries.tsv'), 'utf8')).split('\n');
        // The fixture's own header line (<TAB>tweet_content), then the chosen tweets.
        await writeFile(
          path.join(dir, 'queries.tsv'),
          [tweets[0], ...tweets.filter((line) => wanted.has(line.split('\t')[0]!))].join('\n'),
        );
        const gold = new Map(
          (await readFile(path.join(FIXTURES, 'tweet-vclaim-pairs.qrels'), 'utf8'))
            .trim()
            .split('\n')
            .map((line) => line.split('\t'))
            .map(([tweet, , claim]) => [tweet!, claim!]),
        );

        const { code, stdout, stderr } = claimbench('match', '--workspace', path.join(dir, 'ws'), '--json', path.join(dir, 'queries.tsv'));
        expect(stderr).toBe('');
        expect(code).toBe(0);
        const lines = stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { event: string; id: string; matches: { archiveId: string; score: number; level: string }[] });
        expect(lines.map((line) => line.id)).toEqual([...wanted]);
        for (const { id, matches } of lines) {
          expect(matches.length).toBe(5);
          expect(matches.map((match) => match.score)).toEqual([...matches.map((match) => match.score)].sort((a, b) => b - a));
          expect(
            matches.slice(0, 5).map((match) => match.archiveId),
            `tweet ${id}`,
          ).toContain(gold.get(id));
        }
      }),
    120_000,
  );

  it(
    'prints a block per query with rank, score, level, rating, publisher and claim; a workspace claim with a verdict is matched too',
    () =>
      withTempDir(async (dir) => {
        const store = await archivedWorkspace(path.join(dir, 'ws'));
        const time = '2026-08-15T10:00:00.000Z';
        await store.putEvidence({
          links: [],
          claims: [
            {
              id: 'c1',
              statement: 'The U.S. Army is texting people that they have been drafted.',
              mentions: [],
              status: 'reviewed',
              creator: '',
              created: time,
              modified: time,
              verdict: { rating: 'false', rationale: '', reviewer: '', date: '2026-08-15' },
            },
          ],
        });
        await store.close();
        await writeFile(
          path.join(dir, 'queries.tsv'),
          'id\ttext\ndraft\tFraudulent text messages tell people they have been selected for a military draft by the Army.\n',
        );
        const { code, stdout } = claimbench('match', '--workspace', path.join(dir, 'ws'), '--top', '2', path.join(dir, 'queries.tsv'));
        expect(code).toBe(0);
        expect(stdout).toMatch(/^draft: Fraudulent text messages tell people/);
        expect(stdout).toMatch(/ {2}1\. +\d+\.\d\d {2}(strong|suggestion) +(670 {2}no rating|claim:c1 {2}False, this workspace)\n {5}/);
        expect(stdout).toContain('claim:c1  False, this workspace\n     The U.S. Army is texting people that they have been drafted.');
        expect(stdout).toContain(
          "670  no rating\n     The U.S. Army is sending text messages informing people they've been selected for the military draft.",
        );
        expect(stdout).not.toMatch(/ {2}3\. /);
        expect(stdout).toMatch(/1 query matched against 66 archive entries and 1 claim with a verdict/);

        const json = claimbench('match', '--workspace', path.join(dir, 'ws'), '--top', '2', '--json', path.join(dir, 'queries.tsv'));
        expect(
          JSON.parse(json.stdout)
            .matches.map((match: object) => Object.keys(match)[0])
            .sort(),
        ).toEqual(['archiveId', 'claimId']);
      }),
    120_000,
  );

  it(
    'exits 1 when there is nothing to match against, and 2 on a malformed queries file or a bad --top',
    () =>
      withTempDir(async (dir) => {
        await createWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR, empty: true });
        await writeFile(path.join(dir, 'queries.tsv'), 'q1\tBleach cures the flu.\n');
        const empty = claimbench('match', '--workspace', path.join(dir, 'ws'), path.join(dir, 'queries.tsv'));
        expect(empty.code).toBe(1);
        expect(empty.stderr).toMatch(/archive is empty.*claimbench archive import FILE…/);

        await writeFile(path.join(dir, 'bad.tsv'), 'id\ttext\nq1\tOne.\nq2 has no tab\n');
        const malformed = claimbench('match', '--workspace', path.join(dir, 'ws'), '--json', path.join(dir, 'bad.tsv'));
        expect(malformed.code).toBe(2);
        expect(JSON.parse(malformed.stdout)).toEqual({
          event: 'error',
          code: 'invalid-queries',
          message: `${path.join(dir, 'bad.tsv')}: Line 3: no tab; each line is id<TAB>text.`,
        });

        const top = claimbench('match', '--workspace', path.join(dir, 'ws'), '--top', '0', path.join(dir, 'queries.tsv'));
        expect(top.code).toBe(2);
        expect(top.stderr).toMatch(/--top must be a whole number from 1 to 100/);
      }),
    120_000,
  );
});
