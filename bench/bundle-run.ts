// One measured run of the bundle benchmark, in a process of its own so its peak memory is its own
// (the export's worker thread is part of this process, so its memory counts too).
//   node bench/bundle-run.ts export WORKSPACE OUT   startBundleExport, as the app runs it
//   node bench/bundle-run.ts write WORKSPACE OUT    writeBundle alone, on entries built beforehand
//   node bench/bundle-run.ts verify BUNDLE          verifyBundle, as `claimbench verify` runs it
//   node bench/bundle-run.ts import BUNDLE DIR      open, verify, plan and merge it into a new empty workspace in DIR
// Prints one JSON object: wall time, CPU time, the longest stall of this (main) thread, peak RSS.
// Each mode imports only the modules it runs, so that one mode's peak RSS and garbage collection
// do not carry another's module graph (the import mode loads the whole service and its extractors).
import { monitorEventLoopDelay } from 'node:perf_hooks';

const [mode, source, out] = process.argv.slice(2);
const header = { appVersion: '0.1.0', creator: 'Bench analyst', workspace: 'Bundle benchmark', createdAt: '2026-12-01T00:00:00.000Z' };
const content = { originals: false, generatedAt: header.createdAt };

/** Runs `work`, timing it and watching this thread: the event loop's longest delay, and the longest gap of a 1 ms timer. */
async function measure<T>(
  work: () => Promise<T>,
): Promise<{ value: T; ms: number; cpuMs: number; longestStallMs: number; longestTimerGapMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let previous = performance.now();
  let longestGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - previous);
    previous = now;
  }, 1);
  delay.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  delay.disable();
  clearInterval(timer);
  const round = (number: number) => Math.round(number * 10) / 10;
  return {
    value,
    ms: round(ms),
    cpuMs: Math.round((used.user + used.system) / 1000),
    longestStallMs: round(delay.max / 1e6),
    longestTimerGapMs: round(longestGap),
  };
}

const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

if (mode === 'export' && source && out) {
  const { startBundleExport } = await import('../main/bundle/export-job.ts');
  let snapshotMs = 0;
  const started = performance.now();
  const measured = await measure(async () => {
    const job = startBundleExport({ workspaceDir: source, target: out, header, content });
    void job.snapshot.then(() => (snapshotMs = Math.round(performance.now() - started)));
    return job.done;
  });
  if (!measured.value.ok) throw new Error(measured.value.error.message);
  if (measured.value.value.format !== 'bundle') throw new Error('a bundle was asked for');
  const { value, ...figures } = measured;
  process.stdout.write(
    `${JSON.stringify({ ...figures, snapshotMs, entries: value.value.format === 'bundle' ? value.value.manifest.files.length + 1 : 0, bytes: value.value.size, maxRssMb: maxRssMb() })}\n`,
  );
} else if (mode === 'write' && source && out) {
  const { bundleEntries } = await import('../main/bundle/bundle-entries.ts');
  const { writeBundle } = await import('../main/bundle/write-bundle.ts');
  const { FolderStore } = await import('../main/store/folder-store.ts');
  const { entries } = await bundleEntries(await FolderStore.open(source), content);
  const measured = await measure(() => writeBundle(out, entries, header));
  if (!measured.value.ok) throw new Error(measured.value.error.message);
  const { value: _written, ...figures } = measured;
  process.stdout.write(`${JSON.stringify({ ...figures, maxRssMb: maxRssMb() })}\n`);
} else if (mode === 'verify' && source) {
  const { verifyBundle } = await import('../main/bundle/open-bundle.ts');
  const measured = await measure(() => verifyBundle(source));
  if (!measured.value.ok) throw new Error(measured.value.error.message);
  const { value, ...figures } = measured;
  process.stdout.write(`${JSON.stringify({ ...figures, files: value.value.manifest.files.length, maxRssMb: maxRssMb() })}\n`);
} else if (mode === 'import' && source && out) {
  const { RESOURCES_DIR } = await import('../main/app-paths.ts');
  const { FolderStore } = await import('../main/store/folder-store.ts');
  const { EXTRACTORS } = await import('../main/import/extractors.ts');
  const { createWorkbenchService } = await import('../main/workbench/workbench-service.ts');
  const { createWorkspace } = await import('../main/workspace/create-workspace.ts');
  // Into an empty workspace at `out`: everything is new, so every file is written.
  await createWorkspace(out, { resourcesDir: RESOURCES_DIR, empty: true, name: 'Import benchmark' });
  const store = await FolderStore.open(out);
  // Through the service, as the app and `claimbench import-bundle` do.
  const service = createWorkbenchService(store, { extractors: EXTRACTORS });
  const measured = await measure(async () => {
    const preview = await service.previewBundleFile('bench-import', source);
    if (!preview.ok) throw new Error(preview.error.message);
    return service.applyBundleImport(preview.value.importId, {});
  });
  await service.dispose();
  await store.close();
  if (!measured.value.ok) throw new Error(measured.value.error.message);
  const { value, ...figures } = measured;
  process.stdout.write(`${JSON.stringify({ ...figures, annotations: value.value.annotations.added, maxRssMb: maxRssMb() })}\n`);
} else {
  throw new Error('usage: bundle-run.ts export WORKSPACE OUT | write WORKSPACE OUT | verify BUNDLE | import BUNDLE NEW-WORKSPACE');
}
