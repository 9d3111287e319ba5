// What the team server's end-to-end specs share: a fresh database on CI's PostgreSQL cluster
// (CLAIMBENCH_PG_URL) or on a throwaway one started here, the `claimbench team` CLI, and a
// `team serve` started and stopped as an administrator would. They run after `npm run build`:
// team serve serves the built renderer.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { postgresBin, startCluster, stopCluster } from '../support/pg-cluster.ts';
import { APP_ROOT } from './fixtures.ts';

const CLI = path.join(APP_ROOT, 'bin', 'claimbench.mjs');

/** Why the team specs cannot run here, or undefined. */
export const noPostgres =
  !process.env.CLAIMBENCH_PG_URL && postgresBin() === undefined
    ? 'PostgreSQL 15 is not installed here (apt-get install postgresql-15)'
    : undefined;

export interface TeamDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** An empty database; its own cluster in `root` when CI gave none. */
export async function teamDatabase(root: string): Promise<TeamDatabase> {
  let clusterUrl = process.env.CLAIMBENCH_PG_URL;
  const clusterDir = clusterUrl ? undefined : path.join(root, 'pg');
  if (clusterDir !== undefined) clusterUrl = await startCluster(clusterDir);
  const name = `e2e_${randomBytes(5).toString('hex')}`;
  const query = async (text: string) => {
    const admin = new pg.Client({ connectionString: clusterUrl });
    await admin.connect();
    try {
      await admin.query(text);
    } finally {
      await admin.end();
    }
  };
  await query(`CREATE DATABASE ${name}`);
  const url = new URL(clusterUrl!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      if (clusterDir !== undefined) stopCluster(clusterDir);
      else await query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Runs `claimbench ARGS` to the end; its stdout, or an error with its stderr. */
export function cli(args: string[], env: NodeJS.ProcessEnv, stdin = ''): string {
  const result = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, input: stdin, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`claimbench ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Starts `claimbench team serve` on a free port; resolves once it listens, with its origin. */
export function teamServe(env: NodeJS.ProcessEnv, workDir: string): Promise<{ child: ChildProcess; origin: string; port: number }> {
  const child = spawn(process.execPath, [CLI, 'team', 'serve', '--port', '0', '--work-dir', workDir, '--json'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as { event: string; url?: string; port?: number; message?: string };
      if (event.event === 'listening') resolve({ child, origin: new URL(event.url!).origin, port: event.port! });
      if (event.event === 'error') reject(new Error(event.message));
    });
    child.on('exit', (code) => reject(new Error(`team serve exited with ${code}`)));
  });
}
