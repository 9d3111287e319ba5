// The bundle benchmark: exporting a workspace of 1,000 documents and 100,000 annotations
// (bundle-workspace.ts) through startBundleExport, as the app does, against `zip -r -6` of the
// bundle's own files (extracted with `unzip`) in the same run, subject and baseline alternating.
// Each export is a process of its own (bundle-run.ts), for its peak RSS, the worker included.
//   export      wall time of the whole job (read the workspace, build the entries, write the zip)
//               against zip's; size of the bundle against zip's archive; the longest stall of the
//               main thread meanwhile; peak RSS
//   writer      writeBundle alone, on entries built beforehand: the archive writer against zip on
//               the same bytes (what the comparison of zip libraries measured)
//   verify      verifyBundle, which `claimbench verify` runs, against `unzip -tq` of the bundle
//   import      import + verify (prepareBundleImport and applyBundleImport into an empty workspace)
//               against `unzip -tq` of the bundle; reported, no target
// BENCH_BUNDLE_DOCS, BENCH_BUNDLE_ANNOTATIONS and BENCH_BUNDLE_RUNS change the size (e.g. 50 / 2000 / 1
// for a quick check).
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createBundleWorkspace } from './bundle-workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const DOCUMENTS = Number(process.env.BENCH_BUNDLE_DOCS ?? 1000);
const ANNOTATIONS = Number(process.env.BENCH_BUNDLE_ANNOTATIONS ?? 100_000);
const RUNS = Number(process.env.BENCH_BUNDLE_RUNS ?? 3);

interface RunFigures {
  readonly ms: number;
  readonly cpuMs: number;
  readonly longestStallMs: number;
  readonly longestTimerGapMs: number;
  readonly maxRssMb: number;
  readonly snapshotMs?: number;
  readonly entries?: number;
  readonly bytes?: number;
}

function runChild(args: string[]): Promise<RunFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bench/bundle-run.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(output) as RunFigures) : reject(new Error(`bundle-run ${args[0]} exited with ${code}`)),
    );
  });
}

/** Runs a command to completion, timing it from spawn to exit. */
function timeCommand(command: string, args: string[], cwd: string): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  return performance.now() - started;
}

function summarize(name: string, samplesMs: number[]) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    name,
    runs: sorted.length,
    medianMs: round(sorted[Math.floor(sorted.length / 2)]!),
    minMs: round(sorted[0]!),
    maxMs: round(sorted.at(-1)!),
    samplesMs: samplesMs.map(round),
  };
}

const ratio = (subject: number, baseline: number) => Math.round((subject / baseline) * 100) / 100;

async function sizeOfTree(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

export async function bundleBenchmark() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-bench-bundle-'));
  try {
    const { dir: workspaceDir, ...workload } = await createBundleWorkspace(root, { documents: DOCUMENTS, annotations: ANNOTATIONS });
    const bundle = path.join(root, 'export.claimbundle');
    const extracted = path.join(root, 'extracted');
    const zipFile = path.join(root, 'baseline.zip');
    // One unmeasured export: the workspace's files in the disk cache, and the files for zip to compress.
    await runChild(['export', workspaceDir, bundle]);
    await mkdir(extracted);
    timeCommand('unzip', ['-q', bundle, '-d', extracted], root);
    const tree = await sizeOfTree(extracted);
    const zipOnce = async () => {
      await rm(zipFile, { force: true });
      const ms = timeCommand('zip', ['-r', '-6', '-q', zipFile, '.'], extracted);
      return { ms, bytes: (await stat(zipFile)).size };
    };

    const exports: RunFigures[] = [];
    const writes: RunFigures[] = [];
    const zips: { ms: number; bytes: number }[] = [];
    const verifies: RunFigures[] = [];
    const imports: RunFigures[] = [];
    const unzipTests: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Alternating which goes first, so that a slow spell of the machine hits both alike.
      if (run % 2 === 0) {
        exports.push(await runChild(['export', workspaceDir, bundle]));
        zips.push(await zipOnce());
      } else {
        zips.push(await zipOnce());
        exports.push(await runChild(['export', workspaceDir, bundle]));
      }
      writes.push(await runChild(['write', workspaceDir, path.join(root, 'writer.claimbundle')]));
      verifies.push(await runChild(['verify', bundle]));
      const into = path.join(root, `imported-${run}`);
      imports.push(await runChild(['import', bundle, into]));
      await rm(into, { recursive: true, force: true });
      unzipTests.push(timeCommand('unzip', ['-tq', bundle], root));
    }
    const bundleBytes = exports.at(-1)!.bytes!;
    const zipBytes = zips.at(-1)!.bytes;
    const exportSummary = {
      ...summarize(
        'startBundleExport: read the workspace, build the entries, write the bundle (worker thread)',
        exports.map((run) => run.ms),
      ),
      cpuMs: exports.map((run) => run.cpuMs),
      snapshotMs: exports.map((run) => run.snapshotMs),
    };
    const zipSummary = summarize(
      'zip -r -6 -q of the bundle’s files',
      zips.map((run) => run.ms),
    );
    const writerSummary = {
      ...summarize(
        'writeBundle alone on entries in memory (same thread)',
        writes.map((run) => run.ms),
      ),
      cpuMs: writes.map((run) => run.cpuMs),
    };
    const verifySummary = summarize(
      'verifyBundle (claimbench verify, in-process)',
      verifies.map((run) => run.ms),
    );
    const unzipSummary = summarize('unzip -tq of the bundle', unzipTests);
    const importSummary = summarize(
      'import: open and verify the bundle, read and plan it, merge it into an empty workspace (main thread)',
      imports.map((run) => run.ms),
    );
    const longestStallMs = Math.max(...exports.map((run) => run.longestStallMs));
    return {
      id: 'bundle',
      unit: 'ms',
      workload: { ...workload, entries: exports.at(-1)!.entries, files: tree.files, uncompressedBytes: tree.bytes },
      subject: exportSummary,
      baseline: zipSummary,
      ratio: ratio(exportSummary.medianMs, zipSummary.medianMs),
      target: '≤ 0.9',
      size: { bundleBytes, zipBytes, ratio: Math.round((bundleBytes / zipBytes) * 1000) / 1000, target: '≤ 1.01' },
      mainThread: {
        longestStallMs,
        longestTimerGapMs: Math.max(...exports.map((run) => run.longestTimerGapMs)),
        target: '≤ 50',
        samples: exports.map((run) => run.longestStallMs),
      },
      peakRssMb: {
        export: Math.max(...exports.map((run) => run.maxRssMb)),
        writerOnEntriesInMemory: Math.max(...writes.map((run) => run.maxRssMb)),
        verify: Math.max(...verifies.map((run) => run.maxRssMb)),
      },
      writer: { subject: writerSummary, baseline: zipSummary, ratio: ratio(writerSummary.medianMs, zipSummary.medianMs) },
      verify: { subject: verifySummary, baseline: unzipSummary, ratio: ratio(verifySummary.medianMs, unzipSummary.medianMs) },
      import: {
        subject: importSummary,
        baseline: unzipSummary,
        ratio: ratio(importSummary.medianMs, unzipSummary.medianMs),
        peakRssMb: Math.max(...imports.map((run) => run.maxRssMb)),
        longestStallMs: Math.max(...imports.map((run) => run.longestStallMs)),
      },
      machine: { cpus: os.availableParallelism(), loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100) },
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

// `node bench/bundle.ts`: this benchmark alone, its JSON on stdout.
if (import.meta.filename === process.argv[1]) process.stdout.write(`${JSON.stringify(await bundleBenchmark(), null, 2)}\n`);
