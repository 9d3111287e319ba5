// `claimbench serve`: the workbench in a browser, on 127.0.0.1, with a token per run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { RENDERER_DIR, RESOURCES_DIR } from '../app-paths.ts';
import type { ImportLimits } from '../import/extract-types.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { createWorkbenchService } from '../workbench/workbench-service.ts';
import { openOrCreateWorkspace } from '../workspace/open-workspace.ts';
import { resolveWorkspaceDir, userDataDir } from '../workspace/default-location.ts';
import { startWebHost, type WebHost } from '../web/server.ts';
import type { Output } from './output.ts';

export const DEFAULT_PORT = 4312;

export interface ServeOptions {
  readonly workspace?: string;
  readonly limits: ImportLimits;
  /** Undefined: the default port, or any free one if it is taken. */
  readonly port?: number;
  readonly open: boolean;
  readonly empty: boolean;
}

export const SERVE_HELP = `Usage: claimbench serve [options]

Serve the workbench to your browser on 127.0.0.1 only. The printed URL carries a
token that is new on every run; without it the server answers 401.

Options:
  --workspace DIR  the workspace folder (default: $CLAIMBENCH_WORKSPACE, else the
                   per-user app data folder); created from the sample if missing
  --empty          create a missing workspace without the sample documents
  --max-file-size N  refuse imported files over N MiB (default 64)
  --port N         the port (default ${DEFAULT_PORT}, or a free one if that is taken; 0: any)
  --no-open        do not open the browser
  --json           print one JSON object per line (listening, stopping, stopped, error)
  -h, --help       show this help`;

/** Runs until SIGINT/SIGTERM; resolves with the process exit code. */
export async function serve(options: ServeOptions, output: Output): Promise<number> {
  const dir = resolveWorkspaceDir(options.workspace);
  const { store, created, lock } = await openOrCreateWorkspace(dir, { resourcesDir: RESOURCES_DIR, empty: options.empty, lock: 'claimbench serve' });
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    output.error('not-built', `The renderer is not built yet (${RENDERER_DIR} is missing): run \`npm run build\` first.`);
    return 1;
  }
  const service = createWorkbenchService(store, { extractors: EXTRACTORS, limits: options.limits, keysDir: path.join(userDataDir(), 'keys') });
  for (const problem of store.problems) {
    if (problem.code === 'restored') output.report('restored', `restored ${problem.message}`, { message: problem.message });
    else output.error('unreadable-file', `skipped ${problem.message}`);
  }

  const host = await listen(service, options.port);
  output.report(
    'listening',
    `Claimbench is serving ${dir}${created ? ' (new workspace)' : ''}\n\n    ${host.url}\n\nOpen that URL in your browser. Press Ctrl-C to stop.`,
    { url: host.url, port: host.port, token: host.token, workspace: dir, created },
  );
  if (options.open) openBrowser(host.url);

  await shutdownSignal();
  output.report('stopping', 'Stopping: finishing pending writes…');
  // Cancel running imports first (the file in progress finishes), then drain requests and writes.
  await service.dispose();
  await host.close();
  await store.flush();
  await lock?.release();
  output.report('stopped', 'Stopped.');
  return 0;
}

async function listen(service: ReturnType<typeof createWorkbenchService>, port: number | undefined): Promise<WebHost> {
  const options = { service, uploads: service.uploads, exports: service.exports, rendererDir: RENDERER_DIR };
  if (port !== undefined) return startWebHost({ ...options, port });
  try {
    return await startWebHost({ ...options, port: DEFAULT_PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startWebHost({ ...options, port: 0 });
  }
}

/** Resolves on the first Ctrl-C or SIGTERM; a second one exits at once. */
function shutdownSignal(): Promise<void> {
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
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`(Could not open a browser; open the URL above yourself.)\n`));
  child.unref();
}
