// The claim-matching benchmark (issue 20): "has this been checked before?" on the CLEF 2020
// CheckThat! Task 2 data beside the repository (../shared/corpus/claim-retrieval-clef2020). The
// matcher (core/matching) and a plain BM25 baseline (claim + title, lowercased word tokens, no
// stemming, k1 = 1.2, b = 0.75) are measured in the same run: MAP@5 and P@1 on dev (the figure
// that counts; nothing was tuned on it) and on train (where every choice was tuned), index build
// time, one-sentence query time and a 5 KB article matched sentence by sentence. It never reads a
// test set (there is none in that folder). End to end through the command line: the first 200
// dev queries (the dev file has 197) as a query file, `claimbench archive import` of the 10,375
// claims into a fresh workspace, then `claimbench match --json`, each command's wall time beside
// `claimbench --help` (what starting the CLI costs), and MAP@5 from the CLI's own output, which
// must equal the in-process figure for the same queries. `node bench/claim-matching.ts` prints the
// JSON; `--ablation` adds each feature's effect on train; `--no-cli` leaves the CLI run out.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseCheckThatTsv } from '../core/archive/checkthat-tsv.ts';
import type { ArchiveEntry } from '../core/archive/entry.ts';
import { buildBm25 } from '../core/matching/bm25.ts';
import { createMatcher, DEFAULT_MATCHER_SETTINGS, type MatcherSettings, type MatchTarget } from '../core/matching/matcher.ts';
import { matchSentences } from '../core/matching/match-sentences.ts';

const CORPUS = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'claim-retrieval-clef2020');
const ARTICLE = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'seed-article.txt');
const QUERY_RUNS = 3;
const ROOT = path.resolve(import.meta.dirname, '..');
const CLI_QUERIES = 200;
const CLI_RUNS = 3;

interface Query {
  readonly id: string;
  readonly text: string;
  readonly gold: string;
}

interface Quality {
  readonly map5: number;
  readonly p1: number;
}

/** Ranks the archive for a text: ids, best first. */
type Ranker = (text: string) => readonly string[];

async function readArchive(): Promise<ArchiveEntry[]> {
  const parsed = parseCheckThatTsv(await readFile(path.join(CORPUS, 'verified_claims.docs.tsv'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

async function readQueries(split: 'train' | 'dev'): Promise<Query[]> {
  const tweets = await readFile(path.join(CORPUS, split, 'tweets.queries.tsv'), 'utf8');
  const qrels = await readFile(path.join(CORPUS, split, 'tweet-vclaim-pairs.qrels'), 'utf8');
  const gold = new Map(
    qrels
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t'))
      .map(([tweet, , claim]) => [tweet ?? '', claim ?? '']),
  );
  return tweets
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      const id = line.slice(0, tab);
      return { id, text: line.slice(tab + 1), gold: gold.get(id) ?? '' };
    });
}

/** MAP@5 with one relevant claim per query (mean of 1/rank within the top 5) and P@1. */
export function quality(rank: Ranker, queries: readonly Query[]): Quality {
  let reciprocal = 0;
  let first = 0;
  for (const query of queries) {
    const position = rank(query.text).slice(0, 5).indexOf(query.gold);
    if (position >= 0) reciprocal += 1 / (position + 1);
    if (position === 0) first++;
  }
  return { map5: round(reciprocal / queries.length), p1: round(first / queries.length) };
}

/** The baseline: Okapi BM25 over claim + title as one field, lowercased word tokens. */
export function baselineRanker(entries: readonly MatchTarget[]): Ranker {
  const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const index = buildBm25(
    entries.map((entry) => ({ fields: [words(`${entry.text} ${entry.title ?? ''}`)] })),
    { k1: 1.2, b: 0.75 },
  );
  return (text) => index.search(words(text), 5).map(({ doc }) => (entries[doc] as MatchTarget).id);
}

export function matcherRanker(entries: readonly MatchTarget[], settings: MatcherSettings = DEFAULT_MATCHER_SETTINGS): Ranker {
  const matcher = createMatcher(entries, settings);
  return (text) => matcher.match(text, { top: 5 }).map(({ id }) => id);
}

function targetsOf(entries: readonly ArchiveEntry[]): MatchTarget[] {
  return entries.map((entry) => ({ id: entry.id, text: entry.claim, ...(entry.title === undefined ? {} : { title: entry.title }) }));
}

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0, 3);
}

function round(value: number, digits = 4): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** The features one at a time, each left out of the chosen settings, and a few added, on train. */
export function ablation(targets: readonly MatchTarget[], train: readonly Query[]): Record<string, Quality> {
  const base = DEFAULT_MATCHER_SETTINGS;
  const variants: Record<string, MatcherSettings> = {
    chosen: base,
    'no tweet cleanup': { ...base, queryTerms: { ...base.queryTerms, tweet: false } },
    'no figure normalising': {
      ...base,
      queryTerms: { ...base.queryTerms, numbers: false },
      targetTerms: { ...base.targetTerms, numbers: false },
    },
    'no stemming': { ...base, queryTerms: { ...base.queryTerms, stem: false }, targetTerms: { ...base.targetTerms, stem: false } },
    'no stop words removed': {
      ...base,
      queryTerms: { ...base.queryTerms, stopWords: false },
      targetTerms: { ...base.targetTerms, stopWords: false },
    },
    'query words counted per occurrence': { ...base, uniqueQueryTerms: false },
    'names in the query weighted twice': { ...base, nameBoost: 1 },
    'word pairs, weight 0.3': { ...base, weights: { ...base.weights, pairs: 0.3 } },
    'title weight 2': { ...base, weights: { ...base.weights, title: 2 } },
    'k1 0.9 b 0.4': { ...base, k1: 0.9, b: 0.4 },
    'k1 1.5 b 0.9': { ...base, k1: 1.5, b: 0.9 },
  };
  return Object.fromEntries(Object.entries(variants).map(([name, settings]) => [name, quality(matcherRanker(targets, settings), train)]));
}

/** Runs `claimbench …` and times it (wall clock: the child's start-up included). */
function runCli(args: readonly string[]): { ms: number; stdout: string } {
  const start = performance.now();
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'claimbench.mjs'), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  if (result.status !== 0)
    throw new Error(`claimbench ${args.join(' ')} exited ${result.status}: ${result.stderr}${result.stdout.slice(0, 2000)}`);
  return { ms, stdout: result.stdout };
}

/** `runCli` CLI_RUNS times (`args` may differ per run): the last run's output, and the wall times' median and range. */
function timeCli(args: (run: number) => readonly string[]): { stdout: string; ms: { median: number; min: number; max: number } } {
  const runs = Array.from({ length: CLI_RUNS }, (_, run) => runCli(args(run)));
  const times = runs.map((run) => run.ms);
  return {
    stdout: runs.at(-1)!.stdout,
    ms: { median: round(percentile(times, 50), 1), min: round(Math.min(...times), 1), max: round(Math.max(...times), 1) },
  };
}

/**
 * The first CLI_QUERIES dev queries end to end through the command line (see the header), and
 * whether the CLI's rankings are the engine's: MAP@5 from its output against `inProcess` (the
 * engine's ranking of the same queries), and how many queries' top 5 are the same ids in the same order.
 */
export async function cliEndToEnd(dev: readonly Query[], inProcess: Ranker): Promise<object> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'claimbench-bench-matching-'));
  try {
    const queries = dev.slice(0, CLI_QUERIES);
    const lines = (await readFile(path.join(CORPUS, 'dev', 'tweets.queries.tsv'), 'utf8')).split('\n');
    // The file's own header and first lines, as a user would pass them.
    const queriesFile = path.join(dir, 'queries.tsv');
    await writeFile(queriesFile, `${lines.slice(0, queries.length + 1).join('\n')}\n`);
    runCli(['--help']); // once unmeasured, so that every measured run finds the sources in the disk cache
    const startup = timeCli(() => ['--help']);
    // Each import into a fresh workspace; the queries are matched against the last.
    const workspace = (run: number) => path.join(dir, `ws-${run}`);
    const imported = timeCli((run) => [
      'archive',
      'import',
      '--workspace',
      workspace(run),
      '--empty',
      '--json',
      path.join(CORPUS, 'verified_claims.docs.tsv'),
    ]);
    const added = (JSON.parse(imported.stdout.split('\n')[0]!) as { added: number }).added;
    const matched = timeCli(() => ['match', '--workspace', workspace(CLI_RUNS - 1), '--top', '5', '--json', queriesFile]);
    const byId = new Map(
      matched.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: string; matches: { archiveId?: string }[] })
        .map(({ id, matches }) => [id, matches.map((match) => match.archiveId ?? '')]),
    );
    const byText = new Map(queries.map((query) => [query.text, byId.get(query.id) ?? []]));
    const cli = quality((text) => byText.get(text) ?? [], queries);
    const engine = quality(inProcess, queries);
    const sameTop5 = queries.filter(
      (query) => JSON.stringify(byId.get(query.id)) === JSON.stringify(inProcess(query.text).slice(0, 5)),
    ).length;
    return {
      queries: queries.length,
      queriesAnswered: byId.size,
      archiveEntriesImported: added,
      runs: CLI_RUNS,
      wallMs: { cliStartup: startup.ms, archiveImport: imported.ms, match: matched.ms },
      map5: { fromCliOutput: cli.map5, inProcess: engine.map5, equal: cli.map5 === engine.map5 },
      p1: { fromCliOutput: cli.p1, inProcess: engine.p1 },
      queriesWithTheSameTop5: sameTop5,
      loadAverage: os.loadavg().map((load) => round(load, 2)),
      cores: os.availableParallelism(),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs the whole benchmark and gives its figures as plain data. */
export async function claimMatchingBenchmark(): Promise<object> {
  const readStart = performance.now();
  const entries = await readArchive();
  const targets = targetsOf(entries);
  const importMs = performance.now() - readStart;
  const [train, dev] = await Promise.all([readQueries('train'), readQueries('dev')]);

  const buildStart = performance.now();
  const matcher = createMatcher(targets);
  const buildMs = performance.now() - buildStart;
  const baselineStart = performance.now();
  const baseline = baselineRanker(targets);
  const baselineBuildMs = performance.now() - baselineStart;
  const engine: Ranker = (text) => matcher.match(text, { top: 5 }).map(({ id }) => id);

  const results = {
    dev: { matcher: quality(engine, dev), baseline: quality(baseline, dev) },
    train: { matcher: quality(engine, train), baseline: quality(baseline, train) },
  };

  // One sentence: each dev tweet's first sentence, QUERY_RUNS times over.
  const sentences = dev.map((query) => query.text.split(/(?<=[.!?])\s/)[0] ?? query.text);
  const samples: number[] = [];
  const baselineSamples: number[] = [];
  for (let run = 0; run < QUERY_RUNS; run++) {
    for (const sentence of sentences) {
      let start = performance.now();
      matcher.match(sentence);
      samples.push(performance.now() - start);
      start = performance.now();
      baseline(sentence);
      baselineSamples.push(performance.now() - start);
    }
  }
  const article = (await readFile(ARTICLE, 'utf8')).slice(0, 5120);
  matchSentences(matcher, article); // loads the sentence model (~200 ms, once per process)
  const articleRuns: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    matchSentences(matcher, article);
    articleRuns.push(performance.now() - start);
  }

  return {
    id: 'claim-matching',
    data: `CLEF 2020 CheckThat! Task 2 (English): verified_claims.docs.tsv (${entries.length} records read; its README says 10,373), ${train.length} train and ${dev.length} dev tweets (the README counts 801 and 198: each qrels file lists one tweet twice, 878 in train and 730 in dev)`,
    archiveEntries: entries.length,
    quality: results,
    ratioToBaseline: {
      devMap5: round(results.dev.matcher.map5 / results.dev.baseline.map5, 3),
      trainMap5: round(results.train.matcher.map5 / results.train.baseline.map5, 3),
    },
    speed: {
      archiveImportMs: round(importMs, 1),
      indexBuildMs: round(buildMs, 1),
      baselineIndexBuildMs: round(baselineBuildMs, 1),
      sentenceQueryMs: { p50: percentile(samples, 50), p95: percentile(samples, 95) },
      baselineSentenceQueryMs: { p50: percentile(baselineSamples, 50), p95: percentile(baselineSamples, 95) },
      article5kbSentenceBySentenceMs: { median: percentile(articleRuns, 50), bytes: article.length },
    },
    ...(process.argv.includes('--no-cli') ? {} : { cli: await cliEndToEnd(dev, engine) }),
    settings: DEFAULT_MATCHER_SETTINGS,
    ...(process.argv.includes('--ablation') ? { trainAblation: ablation(targets, train) } : {}),
  };
}

if (import.meta.main) console.log(JSON.stringify(await claimMatchingBenchmark(), null, 2));
