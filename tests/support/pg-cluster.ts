// A throwaway PostgreSQL 15 cluster for tests, CI and benchmarks: initdb into a fresh folder (as
// the `postgres` user when we are root, since initdb refuses root), listening on loopback only at a
// free port, trust authentication (nothing but this machine can reach it), no fsync at initdb.
// `node tests/support/pg-cluster.ts start <dir>` prints the server URL; `stop <dir>` stops it.
// Node 24 runs it as it is (type stripping), so .ci/run can call it before anything is built.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/local/bin', '/usr/bin'];

/** Where initdb and pg_ctl are, or undefined when PostgreSQL is not installed. */
export function postgresBin(): string | undefined {
  return BIN_DIRS.find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function asOwner(command: string, args: string[]): string {
  const root = process.getuid?.() === 0;
  const [file, fullArgs]: [string, string[]] = root ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  return execFileSync(file, fullArgs, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

/**
 * Starts a cluster in `dir` (created; must not hold one already) and resolves with its URL.
 * `durable: false` (tests) turns fsync and synchronous commit off; benchmarks keep them on.
 */
export async function startCluster(dir: string, { durable = false } = {}): Promise<string> {
  const bin = postgresBin();
  if (bin === undefined) throw new Error('PostgreSQL 15 is not installed (initdb not found): apt-get install postgresql-15');
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), 0);
  const data = path.join(dir, 'data');
  const port = await freePort();
  asOwner(path.join(bin, 'initdb'), ['--no-sync', '-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const fast = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200${fast}`;
  writeFileSync(path.join(dir, 'options'), options);
  asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-o', options, '-w', 'start']);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  writeFileSync(path.join(dir, 'url'), url);
  return url;
}

/** Stops the cluster in `dir` (fast shutdown); a folder with no running cluster is left alone. */
export function stopCluster(dir: string): void {
  const bin = postgresBin();
  const data = path.join(dir, 'data');
  if (bin === undefined || !existsSync(path.join(data, 'postmaster.pid'))) return;
  asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
}

/** Starts again a cluster `stopCluster` stopped, on the same port with the same settings. */
export function restartCluster(dir: string): void {
  const bin = postgresBin();
  if (bin === undefined) throw new Error('PostgreSQL is not installed');
  const options = readFileSync(path.join(dir, 'options'), 'utf8');
  asOwner(path.join(bin, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-l', path.join(dir, 'server.log'), '-o', options, '-w', 'start']);
}

/** The URL of the cluster started in `dir`. */
export function clusterUrl(dir: string): string {
  return readFileSync(path.join(dir, 'url'), 'utf8').trim();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, dir] = process.argv.slice(2);
  if (command === 'start' && dir) process.stdout.write(`${await startCluster(dir)}\n`);
  else if (command === 'stop' && dir) stopCluster(dir);
  else {
    process.stderr.write('usage: node tests/support/pg-cluster.ts start|stop <dir>\n');
    process.exit(2);
  }
}
