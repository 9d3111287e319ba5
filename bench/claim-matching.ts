// The claim-matching benchmark (issue 20): "has this been checked before?" on the CLEF 2020
// CheckThat! Task 2 data beside the repository (../shared/corpus/claim-retrieval-clef2020). The
// matcher (core/matching) and a plain BM25 baseline (claim + title, lowercased word tokens, no
// stemming, k1 = 1.2, b = 0.75) are measured in the same run: MAP@5 and P@1 on dev (the figure
// that counts; nothing was tuned on it) and on train (where every choice was tuned), index build
// time, one-sentence query time and a 5 KB article matched sentence by sentence. It never reads a
// test set (there is none in that folder). `node bench/claim-matching.ts` prints the JSON;
// `node bench/claim-matching.ts --ablation` adds each feature's effect on train.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCheckThatTsv } from '../core/archive/checkthat-tsv.ts';
import type { ArchiveEntry } from '../core/archive/entry.ts';
import { buildBm25 } from '../core/matching/bm25.ts';
import { createMatcher, DEFAULT_MATCHER_SETTINGS, type MatcherSettings, type MatchTarget } from '../core/matching/matcher.ts';
import { matchSentences } from '../core/matching/match-sentences.ts';

const CORPUS = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'claim-retrieval-clef2020');
const ARTICLE = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'seed-article.txt');
const QUERY_RUNS = 3;

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
  const gold = new Map(qrels.split('\n').filter(Boolean).map((line) => line.split('\t')).map(([tweet, , claim]) => [tweet ?? '', claim ?? '']));
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
    'no figure normalising': { ...base, queryTerms: { ...base.queryTerms, numbers: false }, targetTerms: { ...base.targetTerms, numbers: false } },
    'no stemming': { ...base, queryTerms: { ...base.queryTerms, stem: false }, targetTerms: { ...base.targetTerms, stem: false } },
    'no stop words removed': { ...base, queryTerms: { ...base.queryTerms, stopWords: false }, targetTerms: { ...base.targetTerms, stopWords: false } },
    'query words counted per occurrence': { ...base, uniqueQueryTerms: false },
    'names in the query weighted twice': { ...base, nameBoost: 1 },
    'word pairs, weight 0.3': { ...base, weights: { ...base.weights, pairs: 0.3 } },
    'title weight 2': { ...base, weights: { ...base.weights, title: 2 } },
    'k1 0.9 b 0.4': { ...base, k1: 0.9, b: 0.4 },
    'k1 1.5 b 0.9': { ...base, k1: 1.5, b: 0.9 },
  };
  return Object.fromEntries(Object.entries(variants).map(([name, settings]) => [name, quality(matcherRanker(targets, settings), train)]));
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
    data: 'CLEF 2020 CheckThat! Task 2 (English): verified_claims.docs.tsv (10,375 records read; its README says 10,373), 801 train and 198 dev tweets',
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
    settings: DEFAULT_MATCHER_SETTINGS,
    ...(process.argv.includes('--ablation') ? { trainAblation: ablation(targets, train) } : {}),
  };
}

if (import.meta.main) console.log(JSON.stringify(await claimMatchingBenchmark(), null, 2));
