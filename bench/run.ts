// The benchmark runner (`npm run bench`). Each figure is measured against a baseline in the same
// run, alternating subject and baseline so machine noise hits both, and written with its ratio
// to bench/results/latest.json.
//
// cold-start: from spawning `claimbench serve` on a fresh workspace (so it creates the sample
// too) until the first document's highlights are on screen in Chromium; baseline: from spawning
// a plain Node server until its empty page has loaded. The browser is started once, outside
// the timings; every run gets a new browser context (no cache, no cookies).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

interface Series {
  readonly name: string;
  readonly samplesMs: number[];
}

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

async function timeColdStart(browser: Browser): Promise<number> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-bench-'));
  const context = await browser.newContext();
  const page = await context.newPage();
  const started = performance.now();
  const { child, url } = await spawnAndWaitForUrl(['bin/claimbench.mjs', 'serve', '--workspace', path.join(root, 'ws'), '--port', '0', '--no-open', '--json']);
  await page.goto(url);
  await page.locator('.cb-hl').first().waitFor({ state: 'visible' });
  const elapsed = performance.now() - started;
  await context.close();
  await stop(child);
  await rm(root, { recursive: true, force: true });
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

function summarize({ name, samplesMs }: Series) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const round = (value: number) => Math.round(value * 10) / 10;
  return { name, runs: sorted.length, medianMs: round(median), minMs: round(sorted[0]!), maxMs: round(sorted.at(-1)!), samplesMs: samplesMs.map(round) };
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  // One unmeasured round each, so disk caches are warm for both alike.
  await timeColdStart(browser);
  await timeEmptyPage(browser);
  const subject: Series = { name: 'web host cold start to first document rendered', samplesMs: [] };
  const baseline: Series = { name: 'plain Node server cold start to empty page loaded', samplesMs: [] };
  for (let run = 0; run < RUNS; run++) {
    subject.samplesMs.push(await timeColdStart(browser));
    baseline.samplesMs.push(await timeEmptyPage(browser));
  }
  const subjectSummary = summarize(subject);
  const baselineSummary = summarize(baseline);
  const results = {
    generatedAt: new Date().toISOString(),
    machine: { node: process.version, cpus: os.cpus().length, platform: `${process.platform}-${process.arch}`, browser: browser.version() },
    benchmarks: [
      {
        id: 'cold-start',
        unit: 'ms',
        subject: subjectSummary,
        baseline: baselineSummary,
        ratio: Math.round((subjectSummary.medianMs / baselineSummary.medianMs) * 100) / 100,
      },
    ],
  };
  await mkdir(path.join(ROOT, 'bench', 'results'), { recursive: true });
  await writeFile(path.join(ROOT, 'bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  for (const benchmark of results.benchmarks) {
    console.log(`${benchmark.id}: ${benchmark.subject.medianMs} ms vs baseline ${benchmark.baseline.medianMs} ms → ratio ${benchmark.ratio}`);
  }
  console.log('Written to bench/results/latest.json');
} finally {
  await browser.close();
}
