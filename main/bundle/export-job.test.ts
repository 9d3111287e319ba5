// The export job as the workbench runs it: a worker thread reads the workspace (leaving it as it
// was), reports progress and when its snapshot is taken, and writes a bundle that reads back; a
// cancel, an unreadable workspace or a worker that dies give a coded failure and leave no file.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { textTarget } from '../../core/model/annotation.ts';
import { WORKSPACE_SCHEMA_VERSION } from '../../core/model/stored-files.ts';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { startBundleExport, type BundleExportProgress, type BundleExportRequest } from './export-job.ts';
import { readBundle } from './read-bundle.ts';

const createdAt = '2026-12-01T10:00:00.000Z';
const header = { appVersion: '0.1.0', creator: 'Ana Ruiz', workspace: 'Elections 2025', createdAt };

function request(workspaceDir: string, target: string): BundleExportRequest {
  return { workspaceDir, target, header, content: { originals: false, generatedAt: createdAt } };
}

/** Every file in `dir` with its size and modification time, to tell whether anything was written. */
async function listing(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries.map(async (entry) => {
      const file = path.join(entry.parentPath, entry.name);
      const { size, mtimeMs } = await stat(file);
      return `${path.relative(dir, file)} ${entry.isFile() ? size : 'dir'} ${mtimeMs}`;
    }),
  ).then((lines) => lines.sort());
}

/** A workspace big enough that writing its bundle takes a while: 40 documents of ~400 KB, 50 annotations each. */
async function largeWorkspace(dir: string): Promise<string> {
  const workspaceDir = path.join(dir, 'large');
  const { store } = await openOrCreateWorkspace(workspaceDir, { resourcesDir: RESOURCES_DIR, empty: true });
  for (let index = 0; index < 40; index++) {
    const text = Array.from(
      { length: 4000 },
      (_, line) => `Line ${line} of report ${index}: the reservoir fell by ${(line * 7 + index) % 97}% in August, the ministry said.`,
    ).join('\n');
    const annotations = Array.from({ length: 50 }, (_, number) => ({
      id: `a${number}`,
      target: textTarget(text, number * 1000, number * 1000 + 40),
      anchor: { state: 'exact' as const },
      tags: ['statistic'],
      speaker: '',
      outlet: '',
      status: 'unverified',
      note: '',
      creator: 'test',
      created: createdAt,
      modified: createdAt,
    }));
    const meta = {
      id: `doc-${index}`,
      title: `Report ${index}`,
      role: 'claim' as const,
      outlet: '',
      author: '',
      format: 'text' as const,
      importedAt: createdAt,
      importedFrom: `/r${index}.txt`,
      textHash: '0'.repeat(64),
      tags: [],
    };
    const written = await store.putDocument({
      schemaVersion: WORKSPACE_SCHEMA_VERSION,
      meta,
      text,
      annotations,
      structure: {},
      versions: [],
    });
    if (!written.ok) throw new Error(written.error.message);
  }
  await store.flush();
  return workspaceDir;
}

describe('startBundleExport', () => {
  it('exports the workspace in a worker: progress through every phase, the snapshot before the end, the workspace untouched', () =>
    withTempDir(async (dir) => {
      const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
      const before = await listing(store.dir);
      const target = path.join(dir, 'out', 'work.claimbundle');
      await mkdir(path.dirname(target));
      const events: string[] = [];
      const progress: BundleExportProgress[] = [];
      const job = startBundleExport(request(store.dir, target), {
        onProgress: (step) => {
          progress.push(step);
          events.push(`progress ${step.phase}`);
        },
      });
      void job.snapshot.then(() => events.push('snapshot'));
      const done = await job.done;
      events.push('done');
      if (!done.ok) throw new Error(done.error.message);
      if (done.value.format !== 'bundle') throw new Error('a bundle was asked for');

      expect(events[0]).toBe('progress reading');
      expect(events.indexOf('snapshot')).toBeGreaterThan(0);
      expect(events.indexOf('snapshot')).toBeLessThan(events.indexOf('progress writing'));
      expect(events.at(-1)).toBe('done');
      const last = progress.at(-1)!;
      expect(last).toEqual({ phase: 'finishing', done: last.total, total: done.value.manifest.files.length + 1 });
      expect(progress.filter((step) => step.phase === 'writing').every((step) => step.total === last.total)).toBe(true);

      expect(await readdir(path.dirname(target))).toEqual(['work.claimbundle']);
      expect(done.value).toMatchObject({
        path: target,
        size: (await stat(target)).size,
        notes: { bratSkipped: { crossDocumentLinks: 8 } },
      });
      const read = await readBundle(target);
      if (!read.ok) throw new Error(read.error.message);
      expect(read.value.manifest).toEqual(done.value.manifest);
      expect(read.value.manifest).toMatchObject(header);
      expect(await listing(store.dir)).toEqual(before);
    }));

  it('stops when cancelled while writing, leaving the previous bundle as it was and no temp file', () =>
    withTempDir(async (dir) => {
      const workspaceDir = await largeWorkspace(dir);
      const target = path.join(dir, 'work.claimbundle');
      await writeFile(target, 'the previous export');
      const phases: string[] = [];
      const job = startBundleExport(request(workspaceDir, target), {
        onProgress: ({ phase }) => {
          phases.push(phase);
          if (phase === 'writing') job.cancel();
        },
      });
      expect(await job.done).toEqual({ ok: false, error: { code: 'cancelled', message: 'the export was cancelled' } });
      expect(phases).not.toContain('finishing');
      expect(await readdir(dir)).toEqual(['large', 'work.claimbundle']);
      expect(await readFile(target, 'utf8')).toBe('the previous export');
    }));

  it('stops when cancelled before the workspace is read, and still says when the reading is over', () =>
    withTempDir(async (dir) => {
      const { store } = await openOrCreateWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
      const job = startBundleExport(request(store.dir, path.join(dir, 'work.claimbundle')));
      job.cancel();
      expect(await job.done).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      await job.snapshot;
      expect(await readdir(dir)).toEqual(['ws']);
    }));

  it('fails as unreadable for a folder that is not a workspace, creating nothing', () =>
    withTempDir(async (dir) => {
      const missing = path.join(dir, 'no-such-workspace');
      const job = startBundleExport(request(missing, path.join(dir, 'work.claimbundle')));
      await job.snapshot;
      const done = await job.done;
      expect(done).toMatchObject({ ok: false, error: { code: 'unreadable', message: expect.stringContaining('no-such-workspace') } });
      expect(await readdir(dir)).toEqual([]);
    }));

  it('fails as write-failed when the worker dies, and removes the file it had begun', () =>
    withTempDir(async (dir) => {
      const target = path.join(dir, 'work.claimbundle');
      let started: string | undefined;
      const job = startBundleExport(
        request(path.join(dir, 'ws'), target),
        {},
        {
          // A worker that begins the temp file, as writeBundle does, then dies.
          startWorker: (workerData) => {
            started = workerData.temporaryPath;
            return new Worker(
              `const { workerData } = require('node:worker_threads');
             require('node:fs').writeFileSync(workerData.temporaryPath, 'PK partial');
             throw new Error('out of luck');`,
              { eval: true, workerData },
            );
          },
        },
      );
      const done = await job.done;
      expect(done).toMatchObject({ ok: false, error: { code: 'write-failed', message: expect.stringContaining('out of luck') } });
      expect(path.dirname(started!)).toBe(dir);
      await job.snapshot;
      expect(await readdir(dir)).toEqual([]);
    }));
});
