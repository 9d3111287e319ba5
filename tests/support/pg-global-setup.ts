// Vitest's global setup: the PostgreSQL cluster the team tests use. CI (.ci/run) starts one and sets
// CLAIMBENCH_PG_URL; a developer's run starts a throwaway one here and stops it at the end. Where
// PostgreSQL is not installed the team tests are skipped, saying why, except in CI, which fails.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { postgresBin, startCluster, stopCluster } from './pg-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cluster's URL (its `postgres` database), or '' when there is none: see `pgSkipReason`. */
    pgUrl: string;
    pgSkipReason: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env.CLAIMBENCH_PG_URL;
  if (given) {
    project.provide('pgUrl', given);
    project.provide('pgSkipReason', '');
    return () => {};
  }
  if (postgresBin() === undefined) {
    if (process.env.CI) throw new Error('CI needs PostgreSQL 15 for the team tests: .ci/run installs it (apt-get install postgresql-15)');
    project.provide('pgUrl', '');
    project.provide('pgSkipReason', 'PostgreSQL 15 is not installed here (apt-get install postgresql-15)');
    return () => {};
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'claimbench-pg-'));
  project.provide('pgUrl', await startCluster(dir));
  project.provide('pgSkipReason', '');
  return () => {
    stopCluster(dir);
    rmSync(dir, { recursive: true, force: true });
  };
}
