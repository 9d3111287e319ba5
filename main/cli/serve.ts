// `claimbench serve`: the workbench in a browser, on 127.0.0.1 (another address only with
// --host and --allow-remote, and a warning), with a token per run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describeMigration } from '../../core/model/migrations.ts';
import { RENDERER_DIR, RESOURCES_DIR } from '../app-paths.ts';
import type { ImportLimits } from '../import/extract-types.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { openWorkbench } from '../workbench/open-workbench.ts';
import type { WorkbenchHost } from '../workbench/workbench-service.ts';
import { resolveWorkspaceDir, userDataDir } from '../workspace/default-location.ts';
import { addressKind } from '../web/ip-address.ts';
import { startWebHost, type WebHost } from '../web/server.ts';
import { DEFAULT_ATTEMPT_POLICY } from '../web/token-attempts.ts';
import { UsageError, type Output } from './output.ts';

export const DEFAULT_PORT = 4312;

export interface ServeOptions {
  readonly workspace?: string;
  readonly limits: ImportLimits;
  /** Undefined: the default port, or any free one if it is taken. */
  readonly port?: number;
  readonly open: boolean;
  readonly empty: boolean;
  /** The IP address to listen on; undefined: 127.0.0.1. Checked by `bindAddress`. */
  readonly host?: string;
  /** The command the analyst ran (see `launchCommand`), which the 401 page names. */
  readonly launchedAs: string;
}

/**
 * The command the analyst typed to run `subcommand`: `npm start` and `npm run web` run it through
 * an npm script, which npm names in `npm_lifecycle_event` (`npx` for `npx claimbench …`).
 * @example launchCommand('start', { npm_lifecycle_event: 'start' }) // 'npm start'
 */
export function launchCommand(subcommand: string, env: NodeJS.ProcessEnv = process.env): string {
  const script = env.npm_lifecycle_event;
  if (script === undefined || script === '' || !/^[\w:-]+$/.test(script)) return `claimbench ${subcommand}`;
  if (script === 'npx') return `npx claimbench ${subcommand}`;
  return script === 'start' || script === 'test' ? `npm ${script}` : `npm run ${script}`;
}

export const SERVE_HELP = `Usage: claimbench serve [options]

Serve the workbench to your browser on 127.0.0.1 only (unless --host says otherwise).
The printed URL carries a token that is new on every run; without it the server
answers 401; after ${DEFAULT_ATTEMPT_POLICY.maxFailures} wrong tokens within ${DEFAULT_ATTEMPT_POLICY.windowMs / 1000} s, it answers that address
429 for ${DEFAULT_ATTEMPT_POLICY.coolDownMs / 1000} s.

Options:
  --workspace DIR  the workspace folder (default: $CLAIMBENCH_WORKSPACE, else the
                   per-user app data folder); created from the sample if missing
  --empty          create a missing workspace without the sample documents
  --max-file-size N  refuse imported files over N MiB (default 64)
  --port N         the port (default ${DEFAULT_PORT}, or a free one if that is taken; 0: any)
  --host ADDRESS   the IP address to listen on (default 127.0.0.1); an address other
                   machines can reach (e.g. 0.0.0.0, every interface) needs --allow-remote
  --allow-remote   confirm --host: anyone who can reach that address and has the token
                   can read and change the workspace, over unencrypted HTTP
  --no-open        do not open the browser
  --json           print one JSON object per line (warning, listening, stopping, stopped,
                   error)
  -h, --help       show this help`;

/**
 * The address to listen on from --host and --allow-remote: an IP address (a name could resolve
 * anywhere, and is what DNS rebinding plays with), loopback unless remote access is confirmed.
 * Throws a UsageError otherwise.
 *
 * @example bindAddress('0.0.0.0', false) // throws: needs --allow-remote
 */
export function bindAddress(host: string | undefined, allowRemote: boolean): string | undefined {
  if (host === undefined) return undefined;
  const kind = addressKind(host);
  if (kind === undefined) throw new UsageError(`--host takes an IP address such as 127.0.0.1, ::1 or 0.0.0.0, not "${host}"`);
  if (kind !== 'loopback' && !allowRemote) {
    throw new UsageError(
      `--host ${host} lets other machines connect: anyone who can reach it and has the token can read and change the workspace. Add --allow-remote if that is what you want`,
    );
  }
  return host;
}

/** What `serve` prints to stderr before listening where other machines can connect. */
export function remoteAccessWarning(host: string): string {
  const where = addressKind(host) === 'unspecified' ? `${host} (every network interface of this machine)` : host;
  return (
    `claimbench: WARNING: serving on ${where}, over unencrypted HTTP. Anyone who can reach ` +
    'that address and has the token can read and change the workspace, and the token crosses the ' +
    'network in the clear. Stop the server (Ctrl-C) when you no longer need it.'
  );
}

/** Runs until SIGINT/SIGTERM; resolves with the process exit code. */
export async function serve(options: ServeOptions, output: Output): Promise<number> {
  const remote = options.host !== undefined && addressKind(options.host) !== 'loopback';
  if (remote) {
    // On stderr whatever the output mode, so it is seen even when stdout goes to a program.
    const warning = remoteAccessWarning(options.host!);
    process.stderr.write(`${warning}\n`);
    if (output.json) output.report('warning', warning, { code: 'remote-access', host: options.host });
  }
  const dir = resolveWorkspaceDir(options.workspace);
  const workbench = await openWorkbench(dir, {
    resourcesDir: RESOURCES_DIR,
    empty: options.empty,
    lock: 'claimbench serve',
    service: {
      extractors: EXTRACTORS,
      limits: options.limits,
      keysDir: path.join(userDataDir(), 'keys'),
      checkOnOpen: true,
      indexOnOpen: true,
      suggestOnImport: true,
    },
  });
  const { service, store, created } = workbench;
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    output.error('not-built', `The renderer is not built yet (${RENDERER_DIR} is missing): run \`npm run build\` first.`);
    await workbench.close();
    return 1;
  }
  const migration = describeMigration(store.migratedFiles);
  if (migration !== undefined) output.report('migrated', migration, { files: store.migratedFiles });
  for (const problem of store.problems) {
    if (problem.code === 'restored') output.report('restored', `restored ${problem.message}`, { message: problem.message });
    else output.error('unreadable-file', `skipped ${problem.message}`);
  }
  // What the check run once the workspace is open finds (the windows show it too).
  const checked = service.onDidChangeWorkspace(({ check }) => {
    if (check === undefined || check.state === 'running') return;
    checked.dispose();
    if (check.state === 'failed') output.error('check-failed', `The workspace check could not finish: ${check.message}`);
    for (const { file, problem } of check.state === 'done' ? check.findings : [])
      output.report('check-finding', `check: ${file}: ${problem}`, { file, problem });
  });

  const host = await listen(service, options.port, options.host, options.launchedAs);
  // Listening for Ctrl-C before saying we listen: a script that stops the server as soon as it
  // reads the URL must get a clean shutdown, not the default action of a signal with no handler.
  const stop = shutdownSignal();
  const elsewhere =
    addressKind(host.address) === 'unspecified' ? " (on another machine, with this machine's address in place of the loopback one)" : '';
  output.report(
    'listening',
    `Claimbench is serving ${dir}${created ? ' (new workspace)' : ''}\n\n    ${host.url}\n\nOpen that URL in your browser${elsewhere}. Press Ctrl-C to stop.`,
    { url: host.url, host: host.address, port: host.port, token: host.token, workspace: dir, created },
  );
  if (options.open) openBrowser(host.url);

  await stop;
  output.report('stopping', 'Stopping: finishing pending writes…');
  // Cancel running imports first (the file in progress finishes), then drain requests and writes.
  await service.dispose();
  await host.close();
  await workbench.close();
  output.report('stopped', 'Stopped.');
  return 0;
}

async function listen(service: WorkbenchHost, port: number | undefined, host: string | undefined, launchedAs: string): Promise<WebHost> {
  // `host` has passed bindAddress, so a remote one was confirmed with --allow-remote.
  const options = {
    service,
    uploads: service.uploads,
    exports: service.exports,
    rendererDir: RENDERER_DIR,
    host,
    allowRemote: host !== undefined,
    launchedAs,
  };
  if (port !== undefined) return startWebHost({ ...options, port });
  try {
    return await startWebHost({ ...options, port: DEFAULT_PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startWebHost({ ...options, port: 0 });
  }
}

/** Resolves on the first Ctrl-C or SIGTERM; a second one exits at once. */
export function shutdownSignal(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = () => {
      process.once('SIGINT', () => process.exit(130));
      resolve();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`(Could not open a browser; open the URL above yourself.)\n`));
  child.unref();
}
