// The team server under a simulated team (issue 24, design note §6): a generated corpus moved into
// an empty database by `claimbench team import`, then `claimbench team serve` and 50 analysts, each
// with their own access token, keep-alive socket and SSE stream, all on 127.0.0.1. Measured: the
// import, the server's open time and memory, T1 (open loop, 1 save/s each, Poisson), T2 (closed
// loop), T3 (a save seen by the other 49 streams), and reads (the library, a document, search).
// Baselines in the same run, one after the other (not alternated: each load takes its own minute):
// the floor (the same saves as bare SQL through `pg`, team-floor.ts) and the local JSON store
// (`claimbench serve` on a copy of the same folder, one token shared by the 50).
// Scale: BENCH_TEAM_DOCUMENTS / BENCH_TEAM_ANNOTATIONS (10,000 / 200,000 by default; the issue's
// corpus is 100,000 / 2,000,000). The generated folder is kept in the temp folder between runs
// (generating it is not what is measured); BENCH_TEAM_OPEN_SECONDS / BENCH_TEAM_CLOSED_SECONDS;
// BENCH_TEAM_PROFILE_DIR: a folder for the team server's CPU profile (written when it stops).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createToken } from '../main/team/access-tokens.ts';
import { openTeamDb } from '../main/team/db.ts';
import { addUser } from '../main/team/members.ts';
import { startCluster, stopCluster } from '../tests/support/pg-cluster.ts';
import { generator } from './articles.ts';
import { createBundleWorkspace, type BundleWorkspace } from './bundle-workspace.ts';
import { floorBenchmark } from './team-floor.ts';
import { searchFloor } from './team-search-floor.ts';
import { targetTable } from './team-targets.ts';
import {
  Analyst,
  cpuSecondsOf,
  EventStream,
  memoryOf,
  realtimeFigures,
  runClosedLoop,
  runOpenLoop,
  summarizeMs,
  summarizeSaves,
  type SaveOnce,
} from './team-load.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const DOCUMENTS = Number(process.env.BENCH_TEAM_DOCUMENTS ?? 10_000);
const ANNOTATIONS = Number(process.env.BENCH_TEAM_ANNOTATIONS ?? 200_000);
const OPEN_SECONDS = Number(process.env.BENCH_TEAM_OPEN_SECONDS ?? 30);
const CLOSED_SECONDS = Number(process.env.BENCH_TEAM_CLOSED_SECONDS ?? 15);
const PROFILE_DIR = process.env.BENCH_TEAM_PROFILE_DIR;
const ANALYSTS = 50;
/** The design note's corpus: documents of ~2,770 characters. */
const DOCUMENT_BYTES = 2_800;
const SEARCHES = ['ministry', 'Odesa', 'Odesa ministry', '"the ministry"', 'figure*', 'Kharkiv OR Lviv'];
const round = (value: number) => Math.round(value * 10) / 10;
const load = () => os.loadavg().map((value) => Math.round(value * 100) / 100);

/** The generated workspace, from the temp folder when an earlier run made it at this scale. */
async function generatedWorkspace(): Promise<BundleWorkspace & { generatedSeconds: number; generatedThisRun: boolean }> {
  const cache = path.join(os.tmpdir(), `claimbench-bench-team-${DOCUMENTS}-${ANNOTATIONS}-${DOCUMENT_BYTES}`);
  const marker = path.join(cache, 'complete.json');
  if (existsSync(marker))
    return { ...(JSON.parse(await readFile(marker, 'utf8')) as BundleWorkspace & { generatedSeconds: number }), generatedThisRun: false };
  await rm(cache, { recursive: true, force: true });
  const started = performance.now();
  const made = await createBundleWorkspace(cache, { documents: DOCUMENTS, annotations: ANNOTATIONS, documentBytes: DOCUMENT_BYTES });
  const generated = { ...made, generatedSeconds: round((performance.now() - started) / 1000) };
  await writeFile(marker, JSON.stringify(generated));
  return { ...generated, generatedThisRun: true };
}

/** Runs the CLI with `args`; resolves on its first JSON line of `until` (the process runs on), or at its exit. */
function claimbench(args: string[], until?: string): Promise<{ child: ChildProcess; event: Record<string, unknown>; ms: number }> {
  const started = performance.now();
  // BENCH_TEAM_PROFILE_DIR: the team server writes a CPU profile there when it stops.
  const profile =
    PROFILE_DIR !== undefined && args[0] === 'team' && args[1] === 'serve' ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, 'bin/claimbench.mjs', ...args, '--json'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let last: Record<string, unknown> = {};
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const event = JSON.parse(line) as Record<string, unknown>;
      if (event.event === 'error') reject(new Error(`claimbench ${args[0]} ${args[1]}: ${String(event.message)}`));
      last = event;
      if (until !== undefined && event.event === until) resolve({ child, event, ms: performance.now() - started });
    });
    child.once('exit', (code) => {
      if (until === undefined && code === 0) resolve({ child, event: last, ms: performance.now() - started });
      reject(new Error(`claimbench ${args.slice(0, 2).join(' ')} exited with ${code}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/**
 * A save as a window makes one: mostly a new annotation on a random document; one in four an edit
 * of the analyst's own last annotation naming the version it was made from (none while one is in flight).
 */
function serverSaver(analysts: readonly Analyst[], documentIds: readonly string[], random: () => number): SaveOnce {
  const last: ({ documentId: string; id: string; version: number } | undefined)[] = [];
  return async (index) => {
    const analyst = analysts[index]!;
    const mine = last[index];
    let documentId: string;
    let reply;
    if (mine !== undefined && random() < 0.25) {
      last[index] = undefined;
      documentId = mine.documentId;
      const status = random() < 0.5 ? 'supported' : 'refuted';
      reply = await analyst.call('updateAnnotation', [documentId, mine.id, { status, baseVersion: mine.version }]);
    } else {
      documentId = documentIds[Math.floor(random() * documentIds.length)]!;
      const start = Math.floor(random() * (DOCUMENT_BYTES - 400));
      reply = await analyst.call('createAnnotation', [
        documentId,
        { start, end: start + 30 + Math.floor(random() * 60), tags: ['statistic'] },
      ]);
    }
    // A method's own Result travels inside the reply's value; a refused call is an HTTP error.
    const result = reply.body.value as
      { ok: true; value: { id: string; version: number } } | { ok: false; error: { code: string } } | undefined;
    if (reply.status !== 200 || result === undefined)
      return { ok: false, error: `${reply.status} ${reply.body.error?.code}: ${reply.body.error?.message?.slice(0, 120)}` };
    if (!result.ok) return { ok: false, error: `${result.error.code}` };
    last[index] = { documentId, id: result.value.id, version: result.value.version };
    return { ok: true, key: `${result.value.id}@${result.value.version}` };
  };
}

/** Times `count` calls of `method` with arguments from `argsOf`, one after another; a failed call throws. */
async function timeCalls(analyst: Analyst, count: number, method: string, argsOf: (index: number) => unknown[]) {
  const times: number[] = [];
  let bytes = 0;
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    const reply = await analyst.call(method, argsOf(index));
    times.push(performance.now() - started);
    if (reply.status !== 200) throw new Error(`${method}: ${reply.status} ${JSON.stringify(reply.body.error)}`);
    bytes = JSON.stringify(reply.body.value).length;
  }
  return { ...summarizeMs(times), replyBytes: bytes };
}

/** Until the server's search index is ready (it is built in its work folder on open); how long that took. */
async function searchReady(analyst: Analyst, timeoutMs = 600_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const status = (await analyst.call('getSearchStatus', [])).body.value as { state: string; message?: string };
    if (status.state === 'ready') return performance.now() - started;
    if (status.state === 'failed') throw new Error(`search index failed: ${status.message}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('search index not ready in time');
}

/** T1 with T3 and documents opened under it, then T2, against a server whose analysts and streams are given. */
/** Runs `work`; how many cores the server (`pid`) and this process (the load generator) kept busy meanwhile. */
async function withCpu<T>(pid: number, work: () => Promise<T>): Promise<[T, { serverCores: number; loadGeneratorCores: number }]> {
  const server = await cpuSecondsOf(pid);
  const own = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(own);
  const cores = (cpu: number) => Math.round((cpu / seconds) * 100) / 100;
  return [result, { serverCores: cores((await cpuSecondsOf(pid)) - server), loadGeneratorCores: cores((used.user + used.system) / 1e6) }];
}

async function teamLoad(pid: number, analysts: Analyst[], streams: EventStream[], documentIds: readonly string[], reader: Analyst) {
  const random = generator(24);
  const save = serverSaver(analysts, documentIds, random);
  for (const stream of streams) stream.recording = true;
  const underLoad: number[] = [];
  let reading = true;
  const reads = (async () => {
    while (reading) {
      const started = performance.now();
      const reply = await reader.call('getDocument', [documentIds[Math.floor(random() * documentIds.length)]!, 500]);
      if (reply.status === 200) underLoad.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  const [open, t1Cpu] = await withCpu(pid, () => runOpenLoop(analysts.length, 1, OPEN_SECONDS, save, random));
  reading = false;
  await reads;
  // The last events of the open loop reach the streams after their saves' replies.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  for (const stream of streams) stream.recording = false;
  const realtime = realtimeFigures(open.saves, streams);
  const [closed, t2Cpu] = await withCpu(pid, () => runClosedLoop(analysts.length, CLOSED_SECONDS, save));
  return {
    t1: summarizeSaves(open),
    t3: realtime,
    getDocumentUnderT1: summarizeMs(underLoad),
    t2: summarizeSaves(closed),
    cpu: { t1: t1Cpu, t2: t2Cpu },
    retriedOnClosedKeepAliveSocket: [...analysts, reader].reduce((sum, analyst) => sum + analyst.retries, 0),
  };
}

async function connect(port: number, tokens: readonly string[]) {
  const analysts = tokens.map((token, index) => new Analyst(port, token, `analyst-${index}`));
  const streams = tokens.map((token) => new EventStream(port, token));
  await Promise.all(streams.map((stream) => stream.opened));
  return {
    analysts,
    streams,
    close: () => [...analysts, ...streams].forEach((item) => item.close()),
  };
}

export async function teamServer(url: string, root: string, workspace: BundleWorkspace, documentIds: readonly string[]) {
  const db = openTeamDb(url, { maxConnections: 4 });
  const tokens = await Promise.all(
    Array.from({ length: ANALYSTS }, async (_, index) => {
      const name = `analyst-${String(index).padStart(2, '0')}`;
      const added = await addUser(db, name, 'analyst', `bench-password-${index}-long-enough`);
      if (!added.ok) throw new Error(added.error.message);
      const made = await createToken(db, name, 'bench');
      if (!made.ok) throw new Error(made.error.message);
      return made.value.token;
    }),
  );
  await db.destroy();
  const server = await claimbench(['team', 'serve', '--database', url, '--port', '0', '--work-dir', path.join(root, 'work')], 'listening');
  try {
    const port = server.event.port as number;
    const pid = server.child.pid!;
    const idle = await memoryOf(pid);
    const { analysts, streams, close } = await connect(port, tokens);
    const reader = new Analyst(port, tokens[0]!, 'reader');
    try {
      const searchIndexMs = await searchReady(analysts[0]!);
      const withStreams = await memoryOf(pid);
      const random = generator(7);
      const pick = () => documentIds[Math.floor(random() * documentIds.length)]!;
      const reads = {
        listDocuments: await timeCalls(reader, 5, 'listDocuments', () => []),
        // The library's first page, as a window asks for it (renderer/src/app/use-workbench.ts).
        listDocumentsFirstPage: await timeCalls(reader, 20, 'listDocumentsPage', () => [200]),
        getDocument: await timeCalls(reader, 50, 'getDocument', () => [pick(), 500]),
        search: await timeCalls(reader, SEARCHES.length * 5, 'search', (index) => [SEARCHES[index % SEARCHES.length]!, { limit: 20 }]),
        // The floor: the same queries' candidate SQL, bare, through pg (team-search-floor.ts).
        searchFloor: await searchFloor(url, SEARCHES, 5, 20),
      };
      const loads = await teamLoad(pid, analysts, streams, documentIds, reader);
      const after = await memoryOf(pid);
      reader.close();
      return {
        openMs: round(server.ms),
        documentsAtOpen: server.event.documents,
        searchIndexReadyMs: round(searchIndexMs),
        memory: { idle, with50Streams: withStreams, afterLoads: after },
        reads,
        ...loads,
        workspace: workspace.documents,
      };
    } finally {
      close();
    }
  } finally {
    await stop(server.child);
  }
}

export async function localServer(root: string, workspace: BundleWorkspace, documentIds: readonly string[]) {
  const copy = path.join(root, 'local-ws');
  await cp(workspace.dir, copy, { recursive: true });
  const server = await claimbench(['serve', '--workspace', copy, '--port', '0', '--no-open'], 'listening');
  try {
    const { analysts, streams, close } = await connect(server.event.port as number, Array(ANALYSTS).fill(server.event.token));
    const reader = new Analyst(server.event.port as number, server.event.token as string, 'reader');
    try {
      const loads = await teamLoad(server.child.pid!, analysts, streams, documentIds, reader);
      const memory = await memoryOf(server.child.pid!);
      reader.close();
      return { openMs: round(server.ms), memory, ...loads };
    } finally {
      close();
    }
  } finally {
    await stop(server.child);
  }
}

export async function teamServerBenchmark() {
  const loadAtStart = load();
  const workspace = await generatedWorkspace();
  const root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-bench-team-'));
  // A folder of its own: startCluster hands it to the postgres user, who cannot enter `root`.
  const clusterDir = await mkdtemp(path.join(os.tmpdir(), 'claimbench-bench-team-pg-'));
  try {
    const url = await startCluster(clusterDir, { durable: true });
    await claimbench(['team', 'init', '--database', url]);
    const imported = await claimbench(['team', 'import', workspace.dir, '--database', url, '--work-dir', path.join(root, 'work')]);
    const documentIds = Array.from({ length: workspace.documents }, (_, index) => `doc-${String(index).padStart(5, '0')}`);
    const team = await teamServer(url, root, workspace, documentIds);
    const floor = await floorBenchmark(url, {
      analysts: ANALYSTS,
      openSeconds: OPEN_SECONDS,
      closedSeconds: CLOSED_SECONDS,
      documentIds,
      random: generator(5),
    });
    const local = await localServer(root, workspace, documentIds);
    const importSeconds = imported.ms / 1000;
    return {
      scale: {
        documents: workspace.documents,
        annotations: workspace.annotations,
        links: workspace.links,
        claims: workspace.claims,
        textMb: round(workspace.textLength / 1e6),
        issueCorpus: '100,000 documents / 2,000,000 annotations',
        generatedSeconds: workspace.generatedSeconds,
        generatedThisRun: workspace.generatedThisRun,
      },
      import: {
        seconds: round(importSeconds),
        documentsPerSecond: Math.round(workspace.documents / importSeconds),
        annotationsPerSecond: Math.round(workspace.annotations / importSeconds),
        reported: imported.event,
      },
      team,
      floor,
      local,
      targets: targetTable(team, floor, local),
      load: { start: loadAtStart, end: load() },
    };
  } finally {
    stopCluster(clusterDir);
    await rm(clusterDir, { recursive: true, force: true });
    await rm(root, { recursive: true, force: true });
  }
}
