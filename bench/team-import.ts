// How long moving a workspace folder into a team database takes (main/team/import-workspace.ts):
// the sample workspace (median of 5) and a generated one (BENCH_TEAM_DOCUMENTS documents holding
// BENCH_TEAM_ANNOTATIONS annotations, 1,000 and 100,000 by default; one run), each into a fresh,
// migrated database of a durable throwaway cluster (fsync on), or of CLAIMBENCH_PG_URL's cluster.
// Reported beside the floor of the same run: opening the folder store (what the import starts from).
// Run: node bench/team-import.ts
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { RESOURCES_DIR } from '../main/app-paths.ts';
import { FolderStore } from '../main/store/folder-store.ts';
import { openTeamDb } from '../main/team/db.ts';
import { importWorkspace } from '../main/team/import-workspace.ts';
import { migrateTeamDb } from '../main/team/migrate.ts';
import { createWorkspace } from '../main/workspace/create-workspace.ts';
import { startCluster, stopCluster } from '../tests/support/pg-cluster.ts';
import { createBundleWorkspace } from './bundle-workspace.ts';

const DOCUMENTS = Number(process.env.BENCH_TEAM_DOCUMENTS ?? 1_000);
const ANNOTATIONS = Number(process.env.BENCH_TEAM_ANNOTATIONS ?? 100_000);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number) => Math.round(value * 10) / 10;

/** Imports the workspace in `dir` into a fresh database on `clusterUrl`; resolves with the figures and the milliseconds. */
async function importOnce(clusterUrl: string, dir: string, name: string) {
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  const db = openTeamDb(url.toString());
  try {
    const migrated = await migrateTeamDb(db);
    if (!migrated.ok) throw new Error(migrated.error.message);
    const opening = performance.now();
    const source = await FolderStore.open(dir);
    const openMs = performance.now() - opening;
    const started = performance.now();
    const imported = await importWorkspace(source, db);
    const importMs = performance.now() - started;
    await source.close();
    if (!imported.ok) throw new Error(imported.error.message);
    return { ...imported.value, openMs, importMs };
  } finally {
    await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-team-import-'));
// A folder of its own: startCluster hands it to the postgres user, who cannot enter `root`.
const clusterDir = await mkdtemp(path.join(os.tmpdir(), 'claimbench-team-pg-'));
const given = process.env.CLAIMBENCH_PG_URL;
const clusterUrl = given ?? (await startCluster(clusterDir, { durable: true }));
try {
  const sampleDir = path.join(root, 'sample');
  await createWorkspace(sampleDir, { resourcesDir: RESOURCES_DIR });
  const sampleRuns = [];
  for (let run = 0; run < 5; run++) sampleRuns.push(await importOnce(clusterUrl, sampleDir, `bench_sample_${run}`));
  const sample = {
    documents: sampleRuns[0]!.documents,
    annotations: sampleRuns[0]!.annotations,
    blobs: sampleRuns[0]!.blobs,
    importMsMedian: round(median(sampleRuns.map((run) => run.importMs))),
    openFolderMsMedian: round(median(sampleRuns.map((run) => run.openMs))),
  };
  const generated = await createBundleWorkspace(path.join(root, 'generated'), {
    documents: DOCUMENTS,
    annotations: ANNOTATIONS,
    documentBytes: 6_000,
  });
  const big = await importOnce(clusterUrl, generated.dir, 'bench_generated');
  process.stdout.write(
    `${JSON.stringify({
      sample,
      generated: {
        documents: big.documents,
        annotations: big.annotations,
        textMb: round(generated.textLength / 1e6),
        importMs: round(big.importMs),
        annotationsPerSecond: Math.round(big.annotations / (big.importMs / 1000)),
        openFolderMs: round(big.openMs),
      },
      durableCluster: given === undefined,
      load: os.loadavg().map(round),
    })}\n`,
  );
} finally {
  if (given === undefined) stopCluster(clusterDir);
  await rm(root, { recursive: true, force: true });
  await rm(clusterDir, { recursive: true, force: true });
}
