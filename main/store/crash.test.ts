// Fault injection: a process saving in a loop is killed with SIGKILL at random moments. After
// every kill the workspace must open with every file whole and valid, holding every save the
// process had acknowledged. A control run with a plain fs.writeFile writer shows that the test
// does catch torn files. (Many more cycles run in `npm run bench`.)
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { seeded } from '../../tests/support/seeded.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { APP_ROOT, RESOURCES_DIR } from '../app-paths.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { FolderStore } from './folder-store.ts';

const WRITER = path.join(APP_ROOT, 'tests', 'support', 'crash-writer.ts');

/** Runs the writer until it has acknowledged at least one save and `ms` more have passed, then kills it; resolves with the last save it acknowledged. */
function runAndKill(args: readonly string[], ms: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let last = -1;
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const n = Number(line.replace(/^ack /, ''));
      if (last === -1) setTimeout(() => child.kill('SIGKILL'), ms);
      last = n;
    });
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(last);
      else reject(new Error(`the writer stopped by itself (${code}): ${stderr}`));
    });
  });
}

const CYCLES = Number(process.env.CB_CRASH_CYCLES ?? 12);

describe('a save loop killed with SIGKILL', () => {
  it(
    `leaves every file whole and valid, with every acknowledged save (${CYCLES} kills)`,
    () =>
      withTempDir(async (dir) => {
        await createWorkspace(dir, { resourcesDir: RESOURCES_DIR, name: 'Crash test' });
        const documentId = (await FolderStore.open(dir)).documents[0]!.meta.id;
        const next = seeded(7);
        for (let cycle = 0; cycle < CYCLES; cycle++) {
          const acknowledged = await runAndKill(['durable', dir, documentId], 20 + next() * 200);
          const store = await FolderStore.open(dir);
          expect(store.problems, `cycle ${cycle}`).toEqual([]);
          const saved = new Set(store.document(documentId)!.annotations.map((annotation) => annotation.id));
          expect(saved.has(`crash-${acknowledged}`), `cycle ${cycle}: save ${acknowledged} was acknowledged`).toBe(true);
        }
      }),
    120_000,
  );

  it(
    `leaves every import it acknowledged whole, each written as a batch of documents side by side (${CYCLES} kills)`,
    () =>
      withTempDir(async (dir) => {
        await createWorkspace(dir, { resourcesDir: RESOURCES_DIR, name: 'Crash test' });
        const next = seeded(13);
        for (let cycle = 0; cycle < CYCLES; cycle++) {
          const acknowledged = await runAndKill(['import', dir], 20 + next() * 200);
          const store = await FolderStore.open(dir);
          expect(store.problems, `cycle ${cycle}`).toEqual([]);
          const titles = new Set(store.documents.map((document) => document.meta.title));
          for (let index = 0; index < 20; index++)
            expect(titles.has(`crash-${acknowledged}-${index}`), `cycle ${cycle}: import ${acknowledged} was acknowledged`).toBe(true);
        }
      }),
    120_000,
  );

  it(
    'control: a plain fs.writeFile writer is caught leaving a torn file',
    () =>
      withTempDir(async (dir) => {
        const file = path.join(dir, 'plain.json');
        const next = seeded(11);
        let torn = 0;
        for (let cycle = 0; cycle < 40 && torn === 0; cycle++) {
          await runAndKill(['plain', file], 20 + next() * 200);
          const text = await readFile(file, 'utf8');
          try {
            JSON.parse(text);
          } catch {
            torn++;
          }
        }
        expect(torn).toBeGreaterThan(0);
      }),
    120_000,
  );
});
