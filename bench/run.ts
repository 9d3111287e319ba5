// The benchmark runner (`npm run bench`). Each figure is measured against a baseline in the same
// run, alternating subject and baseline so machine noise hits both, and written with its ratio
// to bench/results/latest.json.
//
// cold-start: from spawning `claimbench serve` on a fresh workspace (so it creates the sample
// too) until the first document's highlights are on screen in Chromium, with the bytes fetched
// until then and the time to interactive (until the main thread is quiet, no task over 50 ms for
// 500 ms, after the highlights; both also for the floor); the floor (issue 23): from spawning a plain static server of a page built with the
// same Vite that imports only Monaco's editor core and shows the same text read-only
// (bench/floor/), until that text is painted; and from spawning a plain Node server until its
// empty page has loaded. The browser is started once, outside
// the timings; every run gets a new browser context (no cache, no cookies).
//
// import: 500 generated ~30 KB article pages through the whole import path (read, detect,
// extract, hash, store) into an empty workspace; baseline: the bare jsdom + Readability +
// DOMPurify loop over the same files. Each run is a process of its own, for its peak RSS.
//
// reader (bench/reader.ts): a 5 MB document with 10,000 annotations against the same text
// without any, in Chromium, from the performance marks the app emits: first paint, long tasks
// while the highlights are applied, a new claim and an edit painted, keypress → saved.
//
// anchoring (bench/anchoring.ts): re-anchoring after edits, the engine against a re-implementation
// of the Hypothesis client's strategy.
//
// bundle (bench/bundle.ts): exporting 1,000 documents / 100,000 annotations as a .claimbundle in
// a worker thread against `zip -r -6` of the bundle's files; the main thread's longest stall, peak
// RSS; readBundle (`claimbench verify`) against `unzip -tq`.
//
// storage (bench/storage.ts): saving one annotation durably at 1k/10k/100k annotations against
// appending a record + fdatasync; 50 saves at once; opening at 100k; kill -9 during saves.
// agreement (bench/agreement.ts): every agreement measure for 1,000 documents × 3 coders × 100
// annotations, against reading those annotations (the document files parsed).
// claim-matching (bench/claim-matching.ts): MAP@5 and P@1 on the CLEF 2020 CheckThat! dev queries,
// tuned on train, against plain BM25 in the same run; index build, query and article times; the
// dev queries end to end through `claimbench archive import` and `claimbench match --json`.
// suggest-reader (bench/suggest-reader.ts): the longest main-thread task in the reader while a
//   ~5 MB document is analysed, when its suggestions arrive, and when the Suggestions tab opens.
// suggest (bench/suggest.ts): precision, recall, F1 and speaker accuracy on the held-out half of
// the gold set, against a naive baseline; tokens/s against wink-nlp's own tokenisation.
// search (bench/search.ts): SQLite FTS5 and MiniSearch on a 100 MB corpus against each engine's
// bulk load and a brute-force indexOf scan.
// team-server (bench/team-server.ts): 50 analysts over HTTP with their own tokens and SSE streams
// against `claimbench team serve` on a durable throwaway PostgreSQL: import, open, RSS, T1 open loop,
// T2 closed loop, T3 realtime, reads; baselines: the same saves as bare SQL, and `claimbench serve`.
// `BENCH_ONLY=reader,anchoring` runs a subset.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { runAnchoringBench } from './anchoring.ts';
import { articleHtml } from './articles.ts';
import { agreementBenchmark } from './agreement.ts';
import { bundleBenchmark } from './bundle.ts';
import { buildFloor, FLOOR_DOCUMENT } from './floor/build-floor.ts';
import { claimMatchingBenchmark } from './claim-matching.ts';
import { readerBenchmark } from './reader.ts';
import { suggestReaderBenchmark } from './suggest-reader.ts';
import { searchBenchmark } from './search.ts';
import { suggestBenchmark } from './suggest.ts';
import { teamServerBenchmark } from './team-server.ts';
import { teamServerSummary } from './team-targets.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const IMPORT_RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
const IMPORT_ARTICLES = 500;

interface Series {
  readonly name: string;
  readonly samplesMs: number[];
}

/** The floor's document's first line, which shows when its text is painted. */
const FLOOR_FIRST_LINE = readFileSync(FLOOR_DOCUMENT, 'utf8').split('\n')[0]!.trim();

function spawnAndWaitForUrl(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as { event: string; url?: string; message?: string };
      if (event.event === 'listening') resolve({ child, url: event.url! });
      if (event.event === 'error') reject(new Error(event.message));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/** What a cold start measured besides its time: the bytes fetched until the first paint, and the time to interactive. */
interface StartFigures {
  readonly transferred: number[];
  readonly interactiveMs: number[];
}

/** A main thread this long without a long task (> 50 ms) after the first paint counts as interactive. */
const QUIET_MS = 500;

/**
 * Adds to `figures` the bytes `page` fetched so far (transfer sizes, headers included) and its time
 * to interactive from `startedEpochMs`: the end of the last long task before the main thread was
 * quiet for QUIET_MS, from now on (at most 10 s later).
 */
async function recordStartFigures(page: Page, startedEpochMs: number, figures?: StartFigures): Promise<void> {
  if (figures === undefined) return;
  const { transferred, interactiveAtEpochMs } = await page.evaluate(async (quietMs) => {
    const bytes = (performance.getEntriesByType('navigation') as PerformanceResourceTiming[])
      .concat(performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .reduce((sum, entry) => sum + entry.transferSize, 0);
    let last = performance.now();
    const observer = new PerformanceObserver((list) => {
      for (const task of list.getEntries()) last = Math.max(last, task.startTime + task.duration);
    });
    observer.observe({ type: 'longtask', buffered: true });
    const from = performance.now();
    while (performance.now() - last < quietMs && performance.now() - from < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    return { transferred: bytes, interactiveAtEpochMs: performance.timeOrigin + last };
  }, QUIET_MS);
  figures.transferred.push(transferred);
  figures.interactiveMs.push(Math.round(interactiveAtEpochMs - startedEpochMs));
}

/** `figures`, when given, gets the bytes fetched until the highlights showed and the time to interactive. */
async function timeColdStart(browser: Browser, figures?: StartFigures): Promise<number> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-bench-'));
  const context = await browser.newContext();
  const page = await context.newPage();
  const startedEpochMs = Date.now();
  const started = performance.now();
  const { child, url } = await spawnAndWaitForUrl([
    'bin/claimbench.mjs',
    'serve',
    '--workspace',
    path.join(root, 'ws'),
    '--port',
    '0',
    '--no-open',
    '--json',
  ]);
  await page.goto(url);
  await page.locator('.cb-hl').first().waitFor({ state: 'visible' });
  const elapsed = performance.now() - started;
  await recordStartFigures(page, startedEpochMs, figures);
  await context.close();
  await stop(child);
  await rm(root, { recursive: true, force: true });
  return elapsed;
}

/** From spawning a plain static server of the floor page (bench/floor/) until the document's text is painted. */
async function timeFloor(browser: Browser, dir: string, figures?: StartFigures): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const startedEpochMs = Date.now();
  const started = performance.now();
  const { child, url } = await spawnAndWaitForUrl(['bench/floor/static-server.ts', dir]);
  await page.goto(url);
  await page.locator('.view-line').filter({ hasText: FLOOR_FIRST_LINE }).first().waitFor({ state: 'visible' });
  const elapsed = performance.now() - started;
  await recordStartFigures(page, startedEpochMs, figures);
  await context.close();
  await stop(child);
  return elapsed;
}

async function timeEmptyPage(browser: Browser): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const started = performance.now();
  const { child, url } = await spawnAndWaitForUrl(['bench/empty-page-server.ts']);
  await page.goto(url, { waitUntil: 'load' });
  await page.getByText('empty').waitFor({ state: 'visible' });
  const elapsed = performance.now() - started;
  await context.close();
  await stop(child);
  return elapsed;
}

function runImport(mode: 'full' | 'bare', dir: string): Promise<{ ms: number; maxRssMb: number; documents: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bench/import-run.ts', mode, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`import-run ${mode} exited with ${code}`))));
  });
}

async function importBenchmark() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'claimbench-bench-articles-'));
  try {
    for (let index = 0; index < IMPORT_ARTICLES; index++) {
      await writeFile(path.join(dir, `article-${String(index).padStart(3, '0')}.html`), articleHtml(index));
    }
    const subject: Series & { rss: number[] } = {
      name: `import ${IMPORT_ARTICLES} HTML articles (~30 KB) through the whole import path`,
      samplesMs: [],
      rss: [],
    };
    const baseline: Series & { rss: number[] } = {
      name: 'bare jsdom + Readability + DOMPurify loop on the same files',
      samplesMs: [],
      rss: [],
    };
    for (let run = 0; run < IMPORT_RUNS; run++) {
      const full = await runImport('full', dir);
      const bare = await runImport('bare', dir);
      if (full.documents !== IMPORT_ARTICLES || bare.documents !== IMPORT_ARTICLES)
        throw new Error(`imported ${full.documents}, bare ${bare.documents} of ${IMPORT_ARTICLES}`);
      subject.samplesMs.push(full.ms);
      subject.rss.push(full.maxRssMb);
      baseline.samplesMs.push(bare.ms);
      baseline.rss.push(bare.maxRssMb);
    }
    const subjectSummary = { ...summarize(subject), peakRssMb: Math.max(...subject.rss) };
    const baselineSummary = { ...summarize(baseline), peakRssMb: Math.max(...baseline.rss) };
    return {
      id: 'import',
      unit: 'ms',
      subject: subjectSummary,
      baseline: baselineSummary,
      ratio: Math.round((subjectSummary.medianMs / baselineSummary.medianMs) * 100) / 100,
      target: '≤ 1.3',
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function median(samples: readonly number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

function summarize({ name, samplesMs }: Series) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    name,
    runs: sorted.length,
    medianMs: round(median),
    minMs: round(sorted[0]!),
    maxMs: round(sorted.at(-1)!),
    samplesMs: samplesMs.map(round),
  };
}

const only = new Set(
  (
    process.env.BENCH_ONLY ??
    'cold-start,import,reader,anchoring,bundle,storage,agreement,claim-matching,suggest,suggest-reader,search,team-server'
  ).split(','),
);

async function coldStartBenchmark(browser: Browser) {
  const floorDir = await mkdtemp(path.join(os.tmpdir(), 'claimbench-bench-floor-'));
  try {
    await buildFloor(floorDir);
    // One unmeasured round each, so disk caches are warm for all alike; then in turn.
    await timeColdStart(browser);
    await timeFloor(browser, floorDir);
    await timeEmptyPage(browser);
    const subject: Series = { name: 'web host cold start to first document rendered', samplesMs: [] };
    const floor: Series = { name: 'floor: plain static server, Monaco editor core showing the same text', samplesMs: [] };
    const baseline: Series = { name: 'plain Node server cold start to empty page loaded', samplesMs: [] };
    const app: StartFigures = { transferred: [], interactiveMs: [] };
    const floorFigures: StartFigures = { transferred: [], interactiveMs: [] };
    for (let run = 0; run < RUNS; run++) {
      subject.samplesMs.push(await timeColdStart(browser, app));
      floor.samplesMs.push(await timeFloor(browser, floorDir, floorFigures));
      baseline.samplesMs.push(await timeEmptyPage(browser));
    }
    const subjectSummary = summarize(subject);
    const floorSummary = summarize(floor);
    const baselineSummary = summarize(baseline);
    const ratio = (over: { medianMs: number }) => Math.round((subjectSummary.medianMs / over.medianMs) * 100) / 100;
    return {
      id: 'cold-start',
      unit: 'ms',
      subject: subjectSummary,
      floor: floorSummary,
      baseline: baselineSummary,
      ratioToFloor: ratio(floorSummary),
      targetToFloor: '≤ 1.25',
      ratio: ratio(baselineSummary),
      bytesTransferredBeforeFirstHighlights: app.transferred,
      floorBytesTransferredBeforeTextPainted: floorFigures.transferred,
      // Spawn until the main thread was first quiet (no task over 50 ms for QUIET_MS) after the first paint.
      timeToInteractive: { medianMs: median(app.interactiveMs), samplesMs: app.interactiveMs },
      floorTimeToInteractive: { medianMs: median(floorFigures.interactiveMs), samplesMs: floorFigures.interactiveMs },
    };
  } finally {
    await rm(floorDir, { recursive: true, force: true });
  }
}

// Only the benchmarks in a browser start one.
const browser =
  only.has('cold-start') || only.has('reader') || only.has('suggest-reader')
    ? await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
    : undefined;
try {
  const benchmarks: ({ id: string } & Record<string, unknown>)[] = [];
  if (browser && only.has('cold-start')) benchmarks.push(await coldStartBenchmark(browser));
  if (only.has('import')) benchmarks.push(await importBenchmark());
  if (browser && only.has('reader'))
    benchmarks.push(
      await readerBenchmark(browser, {
        runs: Number(process.env.BENCH_READER_RUNS ?? 5),
        editRounds: Number(process.env.BENCH_EDIT_ROUNDS ?? 20),
      }),
    );
  if (only.has('anchoring')) benchmarks.push((await runAnchoringBench()) as { id: string });
  if (only.has('bundle')) benchmarks.push(await bundleBenchmark());
  // In a process of its own: saves are timed to a tenth of a millisecond, and the collections of
  // this process's heap (the other benchmarks' data) would show in them, not the store's.
  if (only.has('storage')) benchmarks.push(await storageInItsOwnProcess());
  // The cores of the next features, each against its baseline (see each file's header).
  if (only.has('agreement')) benchmarks.push(withId('agreement', await agreementBenchmark()));
  if (only.has('claim-matching')) benchmarks.push(withId('claim-matching', await claimMatchingBenchmark()));
  if (only.has('suggest')) benchmarks.push(withId('suggest', await suggestBenchmark()));
  if (browser && only.has('suggest-reader')) benchmarks.push(await suggestReaderBenchmark(browser));
  // Last: it holds a 100 MB corpus and two indexes of it.
  if (only.has('search')) benchmarks.push(withId('search', await searchBenchmark()));
  if (only.has('team-server')) benchmarks.push(withId('team-server', await teamServerBenchmark()));
  // A run of some benchmarks (BENCH_ONLY) replaces their entries and keeps the others' from the
  // runs that made them: each entry says when it was measured and the load just after.
  const measuredAt = new Date().toISOString();
  const latestFile = path.join(ROOT, 'bench', 'results', 'latest.json');
  const earlier = await readFile(latestFile, 'utf8').then(
    (text) => (JSON.parse(text) as { benchmarks?: { id: string }[] }).benchmarks ?? [],
    () => [],
  );
  const fresh = benchmarks.map((benchmark) => ({ ...benchmark, measuredAt, loadAfter: os.loadavg()[0] }));
  const results = {
    generatedAt: measuredAt,
    machine: {
      node: process.version,
      cpus: os.cpus().length,
      platform: `${process.platform}-${process.arch}`,
      browser: browser?.version(),
    },
    benchmarks: [...earlier.filter((entry) => !fresh.some((benchmark) => benchmark.id === entry.id)), ...fresh],
  };
  await mkdir(path.join(ROOT, 'bench', 'results'), { recursive: true });
  await writeFile(latestFile, `${JSON.stringify(results, null, 2)}\n`);
  for (const benchmark of benchmarks) console.log(summaryLine(benchmark));
  console.log('Written to bench/results/latest.json');
} finally {
  await browser?.close();
}

function withId(id: string, result: object): { id: string } & Record<string, unknown> {
  return { id, ...(result as Record<string, unknown>) };
}

/** One line per benchmark for the terminal; the whole result is in the JSON. */
function summaryLine(benchmark: { id: string } & Record<string, unknown>): string {
  const figure = (value: unknown) => {
    const { subject, baseline, ratio } = value as { subject?: { medianMs?: number }; baseline?: { medianMs?: number }; ratio?: number };
    return `${subject?.medianMs} ms vs ${baseline?.medianMs} ms → ${ratio}`;
  };
  if (benchmark.id === 'cold-start') {
    const { subject, floor, ratioToFloor, timeToInteractive, floorTimeToInteractive, bytesTransferredBeforeFirstHighlights } =
      benchmark as unknown as {
        subject: { medianMs: number };
        floor: { medianMs: number };
        ratioToFloor: number;
        timeToInteractive: { medianMs: number };
        floorTimeToInteractive: { medianMs: number };
        bytesTransferredBeforeFirstHighlights: number[];
      };
    const kb = Math.round(median(bytesTransferredBeforeFirstHighlights) / 1024);
    return (
      `cold-start: ${subject.medianMs} ms vs the floor's ${floor.medianMs} ms → ${ratioToFloor} (≤ 1.25); ${kb} KiB before the ` +
      `first highlights; interactive at ${timeToInteractive.medianMs} ms (the floor's ${floorTimeToInteractive.medianMs} ms); vs an empty page ${figure(benchmark)}`
    );
  }
  if (benchmark.id === 'reader') {
    const { firstPaint, longTasks, newAnnotation, edit, keypressToSaved } = benchmark as Record<string, Record<string, unknown>>;
    const saved = keypressToSaved!.annotated as { p50Ms: number; p99Ms: number };
    return `reader: first paint ${figure(firstPaint)}; longest task while applying ${longTasks!.longestMs} ms; new claim ${figure(newAnnotation)}; edit ${figure(edit)}; keypress→saved p50 ${saved.p50Ms} ms, p99 ${saved.p99Ms} ms`;
  }
  if (benchmark.id === 'anchoring') {
    const requirements = benchmark.requirements as { id: string; requirement: string; value: number; target: string; pass: boolean }[];
    return `anchoring: ${requirements.filter((item) => item.pass).length}/${requirements.length} requirements met${requirements
      .filter((item) => !item.pass)
      .map((item) => `; missed ${item.id} ${item.requirement} ${item.value} (${item.target})`)
      .join('')}`;
  }
  if (benchmark.id === 'bundle') {
    const { size, mainThread, peakRssMb, writer, verify } = benchmark as Record<string, Record<string, unknown>>;
    return `bundle: export ${figure(benchmark)} (≤ 0.9); size ×${size!.ratio} (≤ 1.01); main thread's longest stall ${mainThread!.longestStallMs} ms; peak RSS ${peakRssMb!.export} MB; writer alone ${figure(writer)}; verify ${figure(verify)}`;
  }
  if (benchmark.id === 'storage') {
    const { save, burst, open, kill } = benchmark as Record<string, Record<string, unknown>>;
    const sizes = (save!.sizes as { annotations: number; p50Ratio: number; p99Ratio: number }[])
      .map((size) => `${size.annotations / 1000}k p50 ×${size.p50Ratio} p99 ×${size.p99Ratio}`)
      .join(', ');
    return `storage: save vs append+fdatasync: ${sizes} (≤ 3, ≤ 5); p50 100k/1k ${save!.p50At100kOverP50At1k} (≤ 1.5); 50 at once ×${burst!.ratio} (≤ 2); open ×${open!.ratio} (≤ 1.5); kill -9 ×${kill!.cycles}: ${kill!.unparseableFiles} unparseable, ${kill!.lostAcknowledgedSaves} lost`;
  }
  if (benchmark.id === 'claim-matching') {
    type Figures = { map5: number; p1: number };
    const { quality, speed } = benchmark as unknown as {
      quality: { dev: { matcher: Figures; baseline: Figures } };
      speed: { archiveImportMs: number; sentenceQueryMs: { p50: number }; article5kbSentenceBySentenceMs: { median: number } };
    };
    const { matcher, baseline } = quality.dev;
    return `claim-matching: dev MAP@5 ${matcher.map5} vs BM25 ${baseline.map5}, P@1 ${matcher.p1} vs ${baseline.p1}; archive import ${speed.archiveImportMs} ms (≤ 2000); one sentence p50 ${speed.sentenceQueryMs.p50} ms (≤ 5); 5 KB article ${speed.article5kbSentenceBySentenceMs.median} ms (≤ 100)`;
  }
  if (benchmark.id === 'suggest') {
    type Kind = { precision: number; recall: number; speakerAccuracy?: number };
    const { quality, speed } = benchmark as unknown as {
      quality: { test: { suggestClaims: { attributedAndQuote: Kind; figure: Kind } } };
      speed: { suggestClaims: { tokensPerSecond: number }; ratio: number };
    };
    const { attributedAndQuote: said, figure } = quality.test.suggestClaims;
    return `suggest (held-out half): statements and quotes P ${said.precision} R ${said.recall} (≥ 0.75, ≥ 0.90), speakers ${said.speakerAccuracy} (≥ 0.85); figures R ${figure.recall} (≥ 0.95); ${speed.suggestClaims.tokensPerSecond} tokens/s (≥ 100,000), ×${speed.ratio} wink-nlp's tokenisation (≤ 3)`;
  }
  if (benchmark.id === 'search') {
    const { fts5 } = benchmark as unknown as { fts5: { targets: Record<string, { figure: number; target: string }> } };
    return `search (FTS5): ${Object.entries(fts5.targets)
      .map(([name, { figure, target }]) => `${name} ${figure} (${target})`)
      .join('; ')}`;
  }
  if (benchmark.id === 'suggest-reader') {
    const { whileAnalysed, whenReceived, openingTab, analysisMs } = benchmark as Record<string, { longestMs?: number } | number>;
    const longest = (value: unknown) => (value as { longestMs: number }).longestMs;
    return `suggest-reader: analysis ${String(analysisMs)} ms; longest main-thread task while analysed ${longest(whileAnalysed)} ms, when received ${longest(whenReceived)} ms, opening the tab ${longest(openingTab)} ms (≤ 50)`;
  }
  if (benchmark.id === 'team-server') return teamServerSummary(benchmark);
  return `${benchmark.id}: ${figure(benchmark)}`;
}

/** `node bench/storage.ts`, which prints its JSON on stdout. */
function storageInItsOwnProcess(): Promise<{ id: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bench/storage.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(output) as { id: string }) : reject(new Error(`bench/storage.ts exited with ${code}`)),
    );
  });
}
