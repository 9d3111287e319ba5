// The search benchmark (issue 19): SQLite FTS5 (node:sqlite, main/search/) against MiniSearch on
// the generated corpus (bench/search-corpus.ts), each in a process of its own for its peak RSS.
//   build     the index from scratch; baseline: the engine's own bulk load of the same rows into
//             the same full-text indexes (a plain INSERT of the texts, quotes and notes into bare
//             FTS5 tables with the index's two tokenizers, trigram and words, in one transaction;
//             target build ≤ 1.5× that). The load into one trigram table alone, the baseline while
//             the index had only that one (format 1), is reported beside it.
//   queries   30 mixed queries, 5 rounds, p50 / p95 (targets 20 / 50 ms)
//   phrase    one phrase query against a brute-force indexOf scan of all texts (target ≤ 0.2×)
//   update    one edited annotation applied, p50 of 50 (target ≤ 5 ms)
//   stall     the longest the event loop waited while the index was rebuilt (perf_hooks'
//             monitorEventLoopDelay; target: no task over 50 ms, so the reader stays responsive)
//   size      the index on disk (FTS5) or serialized (MiniSearch); peak RSS
// Times are wall-clock at the index's search(); the queries' CPU time (process.cpuUsage) is given
// beside them, as the machine is often shared. `targets` puts each figure beside its target.
// `node bench/search.ts` prints the JSON; BENCH_SEARCH_DOCUMENTS makes the corpus smaller.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DatabaseSync } from 'node:sqlite';
import MiniSearch from 'minisearch';
import { findPhrase } from '../core/search/find-text.ts';
import { parseQuery } from '../core/search/query.ts';
import type { SearchQuery } from '../core/search/query-ast.ts';
import { WORD_TOKENIZER } from '../main/search/schema.ts';
import { openSearchIndex } from '../main/search/search-index.ts';
import { QUERIES, searchCorpus } from './search-corpus.ts';

const round = (value: number) => Math.round(value * 100) / 100;
const percentile = (samples: readonly number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
};
const time = (run: () => void) => {
  const started = performance.now();
  run();
  return performance.now() - started;
};
/** Milliseconds of CPU the process spent (all its threads) running `run`. */
const cpuTime = (run: () => void) => {
  const started = process.cpuUsage();
  run();
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1000;
};
const parsed = (query: string): SearchQuery => {
  const result = parseQuery(query);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const PHRASE = 'ten times bigger';

async function fts5(): Promise<object> {
  const corpus = searchCorpus();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'claimbench-search-bench-'));
  try {
    const bulkLoad = (file: string, tokenizers: readonly string[]) => {
      const bare = new DatabaseSync(path.join(dir, file));
      bare.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF');
      const inserts = tokenizers.map((tokenizer, n) => {
        bare.exec(`CREATE VIRTUAL TABLE t${n} USING fts5(text, quote, note, tokenize="${tokenizer}")`);
        return bare.prepare(`INSERT INTO t${n}(text, quote, note) VALUES (?, ?, ?)`);
      });
      const ms = time(() => {
        bare.exec('BEGIN');
        for (const document of corpus) {
          for (const insert of inserts) insert.run(document.text, '', '');
          for (const annotation of document.annotations)
            for (const insert of inserts) insert.run('', annotation.target.exact, annotation.note);
        }
        bare.exec('COMMIT');
      });
      bare.close();
      return ms;
    };
    const TRIGRAM = 'trigram case_sensitive 0';
    const bulkLoadMs = bulkLoad('bare.sqlite', [TRIGRAM, WORD_TOKENIZER]);
    const bulkLoadTrigramOnlyMs = bulkLoad('bare-trigram.sqlite', [TRIGRAM]);
    const index = await openSearchIndex(path.join(dir, 'index'));
    const stalls = monitorEventLoopDelay({ resolution: 5 });
    stalls.enable();
    let started = performance.now();
    await index.rebuild({
      fingerprint: 'bench',
      codebook: {
        tags: [
          { id: 'statistic', name: 'Statistic', color: '#000000' },
          { id: 'percent', name: 'Percent', color: '#000000', parentId: 'statistic' },
        ].map((tag) => ({ ...tag, description: '' })),
      },
      documents: corpus,
      claims: [],
    });
    const buildMs = performance.now() - started;
    stalls.disable();
    const indexBytes = (await stat(path.join(dir, 'index', 'search.sqlite'))).size;
    const samples: number[] = [];
    const cpuSamples: number[] = [];
    const perQuery: Record<string, number> = {};
    for (let roundIndex = 0; roundIndex < 5; roundIndex++) {
      for (const query of QUERIES) {
        const ast = parsed(query);
        let ms = 0;
        cpuSamples.push(cpuTime(() => (ms = time(() => index.search(ast, { limit: 50, facets: true })))));
        samples.push(ms);
        perQuery[query] = Math.max(perQuery[query] ?? 0, round(ms));
      }
    }
    const phrase = parsed(`"${PHRASE}"`);
    const phraseSamples: number[] = [];
    const scanSamples: number[] = [];
    for (let n = 0; n < 7; n++) {
      phraseSamples.push(time(() => index.search(phrase, { matchCase: true, limit: 50 })));
      scanSamples.push(
        time(() => {
          let found = 0;
          for (const document of corpus)
            for (let at = document.text.indexOf(PHRASE); at >= 0; at = document.text.indexOf(PHRASE, at + PHRASE.length)) found++;
          if (found < 0) throw new Error('unreachable');
        }),
      );
    }
    const updates: number[] = [];
    for (let n = 0; n < 50; n++) {
      const document = corpus[(n * 97) % corpus.length]!;
      const annotation = { ...document.annotations[0]!, status: n % 2 === 0 ? 'refuted' : 'supported', note: `edited ${n}` };
      started = performance.now();
      index.applyChange({ upsertAnnotations: [{ documentId: document.meta.id, annotation }], fingerprint: `bench-${n}` });
      updates.push(performance.now() - started);
    }
    index.close();
    const figures = {
      engine: 'sqlite-fts5-trigram',
      documents: corpus.length,
      textMB: round(corpus.reduce((sum, d) => sum + d.text.length, 0) / 1e6),
      annotations: corpus.reduce((sum, d) => sum + d.annotations.length, 0),
      buildMs: round(buildMs),
      bulkLoadMs: round(bulkLoadMs),
      buildRatio: round(buildMs / bulkLoadMs),
      bulkLoadTrigramOnlyMs: round(bulkLoadTrigramOnlyMs),
      buildRatioVsTrigramOnly: round(buildMs / bulkLoadTrigramOnlyMs),
      rebuildLongestStallMs: round(stalls.max / 1e6),
      rebuildStallP99Ms: round(stalls.percentile(99) / 1e6),
      indexMB: round(indexBytes / 1e6),
      queriesP50Ms: percentile(samples, 50),
      queriesP95Ms: percentile(samples, 95),
      queriesCpuP50Ms: percentile(cpuSamples, 50),
      queriesCpuP95Ms: percentile(cpuSamples, 95),
      slowestQueriesMs: perQuery,
      phraseP50Ms: percentile(phraseSamples, 50),
      scanP50Ms: percentile(scanSamples, 50),
      phraseRatio: round(percentile(phraseSamples, 50) / percentile(scanSamples, 50)),
      updateP50Ms: percentile(updates, 50),
      peakRssMB: round(process.resourceUsage().maxRSS / 1024),
    };
    const target = (figure: number, limit: number, baseline: string) => ({ figure, target: `≤ ${limit}`, baseline, met: figure <= limit });
    return {
      ...figures,
      targets: {
        buildRatio: target(
          figures.buildRatio,
          1.5,
          `bare FTS5 bulk load into the same trigram and word indexes ${figures.bulkLoadMs} ms (into one trigram index: ${figures.bulkLoadTrigramOnlyMs} ms, ratio ${figures.buildRatioVsTrigramOnly}); build ${figures.buildMs} ms`,
        ),
        queriesP50Ms: target(figures.queriesP50Ms, 20, `CPU p50 ${figures.queriesCpuP50Ms} ms`),
        queriesP95Ms: target(figures.queriesP95Ms, 50, `CPU p95 ${figures.queriesCpuP95Ms} ms`),
        phraseRatio: target(figures.phraseRatio, 0.2, `indexOf scan ${figures.scanP50Ms} ms; phrase ${figures.phraseP50Ms} ms`),
        updateP50Ms: target(figures.updateP50Ms, 5, 'one edited annotation, p50 of 50'),
        rebuildLongestStallMs: target(figures.rebuildLongestStallMs, 50, `event loop delay p99 ${figures.rebuildStallP99Ms} ms`),
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function minisearch(): Promise<object> {
  const corpus = searchCorpus();
  const rows = corpus.flatMap((document) => [
    {
      id: document.meta.id,
      kind: 'doc',
      text: document.text,
      title: document.meta.title,
      outlet: document.meta.outlet,
      role: document.meta.role,
    },
    ...document.annotations.map((annotation) => ({
      id: `${document.meta.id}/${annotation.id}`,
      kind: 'ann',
      text: annotation.target.exact,
      note: annotation.note,
      tags: annotation.tags.join(' '),
      status: annotation.status,
      speaker: annotation.speaker,
    })),
  ]);
  const options = {
    fields: ['text', 'title', 'note', 'tags', 'speaker', 'status'],
    storeFields: ['kind', 'outlet', 'role', 'status', 'tags', 'speaker'],
  };
  const engine = new MiniSearch(options);
  let started = performance.now();
  engine.addAll(rows);
  const buildMs = performance.now() - started;
  const indexBytes = JSON.stringify(engine).length;
  const texts = new Map(corpus.map((document) => [document.meta.id, document.text]));
  // Words through the engine (AND, prefix where asked), phrases verified in the text, fields as filters.
  const run = (query: string) => {
    const words = query
      .replace(/-?\w+:("[^"]*"|\S+)/g, ' ')
      .replace(/-\S+/g, ' ')
      .replaceAll(' OR ', ' ');
    const phrases = [...query.matchAll(/(?<!:)"([^"]+)"/g)].map((match) => match[1]!);
    const hits = engine.search(words.replaceAll('"', ' ').replaceAll('*', ''), { combineWith: 'AND', prefix: query.includes('*') });
    return hits.filter(
      (hit) =>
        hit.kind !== 'doc' || phrases.every((phrase) => findPhrase(texts.get(hit.id as string)!, phrase, { matchCase: false }).length > 0),
    ).length;
  };
  const samples: number[] = [];
  for (let roundIndex = 0; roundIndex < 5; roundIndex++) for (const query of QUERIES) samples.push(time(() => run(query)));
  const phraseSamples = Array.from({ length: 7 }, () => time(() => run(`"${PHRASE}"`)));
  const updates: number[] = [];
  for (let n = 0; n < 50; n++) {
    const document = corpus[(n * 97) % corpus.length]!;
    const annotation = document.annotations[0]!;
    const id = `${document.meta.id}/${annotation.id}`;
    started = performance.now();
    engine.discard(id);
    engine.add({
      id,
      kind: 'ann',
      text: annotation.target.exact,
      note: `edited ${n}`,
      tags: annotation.tags.join(' '),
      status: 'refuted',
      speaker: annotation.speaker,
    });
    updates.push(performance.now() - started);
  }
  return {
    engine: 'minisearch',
    buildMs: round(buildMs),
    indexMB: round(indexBytes / 1e6),
    queriesP50Ms: percentile(samples, 50),
    queriesP95Ms: percentile(samples, 95),
    phraseP50Ms: percentile(phraseSamples, 50),
    updateP50Ms: percentile(updates, 50),
    peakRssMB: round(process.resourceUsage().maxRSS / 1024),
    note: 'in memory only: the index must be rebuilt or deserialized at every opening; phrases are verified in the text',
  };
}

/** Runs both engines, each in a process of its own, and returns their figures. */
export async function searchBenchmark(): Promise<object> {
  const results: Record<string, unknown> = { loadAtStart: os.loadavg().map(round) };
  for (const engine of ['fts5', 'minisearch']) {
    const child = spawnSync(process.execPath, ['--max-old-space-size=8192', import.meta.filename, engine], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      env: process.env,
    });
    results[engine] = child.status === 0 ? JSON.parse(child.stdout) : { failed: child.stderr.slice(-2000) };
  }
  results.loadAtEnd = os.loadavg().map(round);
  return results;
}

const mode = process.argv[2];
if (import.meta.filename === path.resolve(process.argv[1] ?? '')) {
  const result = mode === 'fts5' ? await fts5() : mode === 'minisearch' ? await minisearch() : await searchBenchmark();
  console.log(JSON.stringify(result, null, mode === undefined ? 2 : 0));
}
