// `claimbench search` as a user runs it on the sample workspace: --json lines that match a
// brute-force scan of the stored texts, annotation and claim hits named, readable output with the
// hit in brackets, --limit, and the exit codes (0 hits, 1 none, 2 a query it cannot read).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { APP_ROOT, RESOURCES_DIR } from '../app-paths.ts';
import { FolderStore } from '../store/folder-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';

function claimbench(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(APP_ROOT, 'bin', 'claimbench.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Line {
  documentId: string;
  start: number;
  end: number;
  snippet: string;
  score: number;
  annotationId?: string;
  claimId?: string;
}

const lines = (stdout: string): Line[] =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);

async function sample(dir: string): Promise<WorkspaceStore> {
  await createWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
  return FolderStore.open(path.join(dir, 'ws'));
}

describe('claimbench search', () => {
  it(
    'prints one JSON line per hit, the same spans as a scan of the texts, and names annotations and claims',
    () =>
      withTempDir(async (dir) => {
        const store = await sample(dir);
        const phrase = '18 percent';
        const expected = store.documents
          .flatMap((file) => {
            const spans: string[] = [];
            for (let at = file.text.indexOf(phrase); at >= 0; at = file.text.indexOf(phrase, at + phrase.length))
              spans.push(`${file.meta.id}:${at}-${at + phrase.length}`);
            return spans;
          })
          .sort();
        const tagged = store.documents
          .flatMap((file) =>
            file.annotations
              .filter((annotation) => annotation.tags.includes('statistic'))
              .map((annotation) => `${file.meta.id}:${annotation.target.start}-${annotation.target.end}:${annotation.id}`),
          )
          .sort();
        const claim = store.evidence.claims.find((candidate) => candidate.statement.includes('Lindell'))!;
        await store.close();
        const ws = path.join(dir, 'ws');

        const phraseRun = claimbench('search', '--workspace', ws, '--json', `"${phrase}"`);
        expect(phraseRun.stderr).toBe('');
        expect(phraseRun.code).toBe(0);
        const found = lines(phraseRun.stdout);
        expect(found.map((line) => `${line.documentId}:${line.start}-${line.end}`).sort()).toEqual(expected);
        for (const line of found) {
          expect(Object.keys(line)).toEqual(['documentId', 'start', 'end', 'snippet', 'score']);
          expect(line.snippet).toContain(phrase);
        }

        const tagRun = claimbench('search', '--workspace', ws, '--json', 'tag:statistic');
        expect(tagRun.code).toBe(0);
        expect(
          lines(tagRun.stdout)
            .map((line) => `${line.documentId}:${line.start}-${line.end}:${line.annotationId}`)
            .sort(),
        ).toEqual(tagged);

        const claimRun = claimbench('search', '--workspace', ws, '--json', '--limit', '1', 'in:claims Lindell');
        expect(claimRun.code).toBe(0);
        const [mention, ...more] = lines(claimRun.stdout);
        expect(more).toEqual([]);
        expect(mention).toMatchObject({ claimId: claim.id });
        expect(claim.mentions).toContainEqual({ documentId: mention!.documentId, annotationId: mention!.annotationId });
      }),
    120_000,
  );

  it(
    'reads as lines for people, exits 1 with no hit and 2 on a query it cannot read, saying where',
    () =>
      withTempDir(async (dir) => {
        await (await sample(dir)).close();
        const ws = path.join(dir, 'ws');

        const readable = claimbench('search', '--workspace', ws, '"Lindell reservoir"');
        expect(readable.code).toBe(0);
        expect(readable.stdout).toMatch(/\[Lindell reservoir\]/);
        expect(readable.stdout).toMatch(/\d+ hits? in \d+ documents?\n$/);

        // A page of one document: the others are not checked, so the counts are bounds, and say so.
        const bounded = claimbench('search', '--workspace', ws, '--limit', '1', 'reservoir');
        expect(bounded.code).toBe(0);
        expect(bounded.stdout).toMatch(/\n\d+\+ hits in at most \d+ documents( \(1 shown: --limit\))?\n$/);

        const none = claimbench('search', '--workspace', ws, '"no such words anywhere"');
        expect(none.code).toBe(1);
        expect(none.stdout).toBe('0 hits in 0 documents\n');

        const bad = claimbench('search', '--workspace', ws, 'reservoir "unclosed');
        expect(bad.code).toBe(2);
        expect(bad.stderr).toBe('claimbench: line 1, column 11: unclosed quotation mark\n  reservoir "unclosed\n            ^\n');

        const badJson = claimbench('search', '--workspace', ws, '--json', 'colour:red');
        expect(badJson.code).toBe(2);
        expect(JSON.parse(badJson.stdout)).toMatchObject({
          event: 'error',
          code: 'bad-query',
          message: expect.stringMatching(/^line 1, column 8: unknown field "colour:"/),
        });
      }),
    120_000,
  );
});
