// The storage benchmark: saving one annotation through the durable write path (temp file, fsync,
// backup link, rename, folder fsync; main/store/durable-file.ts), as the service does it, in
// workspaces of 1,000 documents holding 1k, 10k and 100k annotations, against the floor of a
// durable save: appending one record to a JSON Lines file and fdatasync, in the same run.
//   save        p50 / p99 of 200 single saves (one after the other) per size, after 5 saves right
//               after opening (reported apart); the p50 at 100k against the p50 at 1k
//   burst       50 saves issued at once at 100k against fifty floor saves one after the other
//               (the median of 5, alternating)
//   open        opening the workspace and listing its library at 100k against reading and
//               parsing the files it needs (documents and their journals), the medians of 3; RSS
//   kill -9     a save loop killed at random moments BENCH_CRASH_CYCLES times (1,000 by default):
//               unparseable files and lost acknowledged saves, both must be 0
// BENCH_STORAGE_SAVES and BENCH_CRASH_CYCLES make it shorter for a quick check.
import { spawn } from 'node:child_process';
import { mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { RESOURCES_DIR } from '../main/app-paths.ts';
import { EXTRACTORS } from '../main/import/extractors.ts';
import { FolderStore } from '../main/store/folder-store.ts';
import { createWorkbenchService } from '../main/workbench/workbench-service.ts';
import { createWorkspace } from '../main/workspace/create-workspace.ts';
import { generator } from './articles.ts';
import { createBundleWorkspace } from './bundle-workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SAVES = Number(process.env.BENCH_STORAGE_SAVES ?? 200);
const CYCLES = Number(process.env.BENCH_CRASH_CYCLES ?? 1000);
const SIZES = [1_000, 10_000, 100_000];

const round = (value: number) => Math.round(value * 100) / 100;
const percentile = (samples: readonly number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/** The floor: one small record appended to a JSON Lines file, then fdatasync. */
async function floorSaves(dir: string, count: number): Promise<number[]> {
  const handle = await open(path.join(dir, 'floor.jsonl'), 'a');
  const samples: number[] = [];
  try {
    for (let index = 0; index < count; index++) {
      const started = performance.now();
      await handle.write(`${JSON.stringify({ id: `a-${index}`, note: `save ${index}`, modified: new Date().toISOString() })}\n`);
      await handle.datasync();
      samples.push(performance.now() - started);
    }
  } finally {
    await handle.close();
  }
  return samples;
}

async function workbenchOf(dir: string) {
  const store = await FolderStore.open(dir);
  return { store, service: createWorkbenchService(store, { extractors: EXTRACTORS }) };
}

/** Saves made right after opening, reported apart and left out of the percentiles (see `saveSamples`). */
const WARM_UP = 5;

/**
 * Single saves: a note changed on an annotation of a document picked in turn, `count` of them
 * starting at save number `from`, in a workbench opened by the caller.
 */
async function saveSamples({ store, service }: Awaited<ReturnType<typeof workbenchOf>>, from: number, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let index = from; index < from + count; index++) {
    const document = store.documents[(index * 37) % store.documents.length]!;
    const annotation = document.annotations[index % document.annotations.length]!;
    const started = performance.now();
    const saved = await service.updateAnnotation(document.meta.id, annotation.id, { note: `Save ${index}` });
    samples.push(performance.now() - started);
    if (!saved.ok) throw new Error(saved.error.message);
  }
  return samples;
}

/** Openings measured (and as many baselines); the medians are reported. */
const OPENS = 3;

/** Bursts measured, each on 50 other documents; the median is reported. */
const BURSTS = 5;

/**
 * 50 saves issued at once, on 50 documents: the time until all are on disk, against fifty floor
 * saves one after the other, alternating, BURSTS times (after the saves right after opening).
 */
async function bursts(dir: string, root: string) {
  const workbench = await workbenchOf(dir);
  const { store, service } = workbench;
  try {
    await saveSamples(workbench, 0, WARM_UP);
    const subject: number[] = [];
    const floor: number[] = [];
    for (let round = 0; round < BURSTS; round++) {
      floor.push((await floorSaves(root, 50)).reduce((sum, ms) => sum + ms, 0));
      const started = performance.now();
      const documents = store.documents.slice(100 + round * 50, 150 + round * 50);
      const results = await Promise.all(
        documents.map((document, index) =>
          service.updateAnnotation(document.meta.id, document.annotations[0]!.id, { note: `Burst ${round}.${index}` }),
        ),
      );
      subject.push(performance.now() - started);
      if (results.some((result) => !result.ok)) throw new Error('a save of the burst failed');
    }
    const ms = percentile(subject, 50);
    const fifty = percentile(floor, 50);
    return { ms: round(ms), fiftyFloorSavesMs: round(fifty), ratio: round(ms / fifty), bursts: BURSTS, target: '≤ 2' };
  } finally {
    await service.dispose();
    await store.close();
  }
}

/**
 * Reading and parsing the files opening must read, as its lower bound: every document file, and
 * every document's journal (its lines), which may hold claim changes made since the file.
 */
async function readAndParse(dir: string): Promise<number> {
  const started = performance.now();
  const folder = path.join(dir, 'documents');
  const names = (await readdir(folder)).filter((name) => name.endsWith('.json') || name.endsWith('.jsonl'));
  const parsed = await Promise.all(
    names.map(async (name) => {
      const text = await readFile(path.join(folder, name), 'utf8');
      return name.endsWith('.jsonl')
        ? text
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => JSON.parse(line) as unknown)
        : (JSON.parse(text) as unknown);
    }),
  );
  if (parsed.length !== names.length) throw new Error('unreachable');
  return performance.now() - started;
}

async function openAndList(dir: string): Promise<number> {
  const started = performance.now();
  const { store, service } = await workbenchOf(dir);
  const listed = await service.listDocuments();
  const ms = performance.now() - started;
  await service.dispose();
  await store.close();
  if (listed.length === 0) throw new Error('nothing listed');
  return ms;
}

/** The crash test's loop (tests/support/crash-writer.ts), `cycles` times, counting what went wrong. */
async function killCycles(root: string, cycles: number) {
  const dir = path.join(root, 'crash-ws');
  await createWorkspace(dir, { resourcesDir: RESOURCES_DIR, name: 'Crash bench' });
  const documentId = (await FolderStore.open(dir)).documents[0]!.meta.id;
  let unparseable = 0;
  let lost = 0;
  const random = generator(1);
  for (let cycle = 0; cycle < cycles; cycle++) {
    const acknowledged = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'tests', 'support', 'crash-writer.ts'), 'durable', dir, documentId], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let last = -1;
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (last === -1) setTimeout(() => child.kill('SIGKILL'), 5 + random() * 150);
        last = Number(line.replace(/^ack /, ''));
      });
      child.once('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error('the writer stopped by itself'))));
    });
    const store = await FolderStore.open(dir);
    unparseable += store.problems.length;
    if (!store.document(documentId)!.annotations.some((annotation) => annotation.id === `crash-${acknowledged}`)) lost++;
  }
  return { cycles, unparseableFiles: unparseable, lostAcknowledgedSaves: lost, target: '0 and 0' };
}

export async function storageBenchmark() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-bench-storage-'));
  try {
    const sizes = [];
    let burstFigures;
    let openFigures;
    for (const annotations of SIZES) {
      const { dir } = await createBundleWorkspace(path.join(root, `ws-${annotations}`), {
        documents: 1000,
        annotations,
        documentBytes: 6_000,
      });
      // The first saves after opening pay for what opening left behind (a collection of the
      // documents' garbage, code not yet compiled): 1-2 ms here. They are reported apart, and the
      // percentiles are of the saves after them. Subject and floor then alternate in halves, so a
      // slow spell of the disk hits both alike.
      const workbench = await workbenchOf(dir);
      const firstSaves = await saveSamples(workbench, 0, WARM_UP);
      const floor = [...(await floorSaves(root, SAVES / 2))];
      const saves = await saveSamples(workbench, WARM_UP, SAVES / 2);
      floor.push(...(await floorSaves(root, SAVES / 2)));
      saves.push(...(await saveSamples(workbench, WARM_UP + SAVES / 2, SAVES / 2)));
      await workbench.service.dispose();
      await workbench.store.close();
      const figures = {
        p50: round(percentile(saves, 50)),
        p99: round(percentile(saves, 99)),
        floorP50: round(percentile(floor, 50)),
        floorP99: round(percentile(floor, 99)),
      };
      sizes.push({
        annotations,
        ...figures,
        p50Ratio: round(figures.p50 / figures.floorP50),
        p99Ratio: round(figures.p99 / figures.floorP99),
        firstSavesAfterOpeningMs: firstSaves.map(round),
      });
      if (annotations === 100_000) {
        burstFigures = await bursts(dir, root);
        // Alternating, OPENS times each; medians.
        const baseline: number[] = [];
        const subject: number[] = [];
        for (let round = 0; round < OPENS; round++) {
          baseline.push(await readAndParse(dir));
          subject.push(await openAndList(dir));
        }
        const [ms, readAndParseMs] = [percentile(subject, 50), percentile(baseline, 50)];
        openFigures = {
          ms: round(ms),
          readAndParseMs: round(readAndParseMs),
          ratio: round(ms / readAndParseMs),
          opens: OPENS,
          target: '≤ 1.5',
          rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
        };
      }
      await rm(dir, { recursive: true, force: true });
    }
    const growth = round(sizes.at(-1)!.p50 / sizes[0]!.p50);
    return {
      id: 'storage',
      unit: 'ms',
      save: { saves: SAVES, sizes, target: 'p50 ≤ 3× floor, p99 ≤ 5× floor', p50At100kOverP50At1k: growth, growthTarget: '≤ 1.5' },
      burst: burstFigures,
      open: openFigures,
      kill: await killCycles(root, CYCLES),
      machine: { cpus: os.availableParallelism(), loadAverage: os.loadavg().map((load) => round(load)) },
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

// `node bench/storage.ts`: this benchmark alone, its JSON on stdout.
if (import.meta.filename === process.argv[1]) process.stdout.write(`${JSON.stringify(await storageBenchmark(), null, 2)}\n`);
