// `claimbench start` (what `npm start` runs): the desktop app, or, where no Electron runtime can be
// had (as on machines without network access to its download), the web host instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { APP_ROOT } from '../app-paths.ts';
import type { Output } from './output.ts';
import { serve, type ServeOptions } from './serve.ts';

export const START_HELP = `Usage: claimbench start [options]

Start the desktop app. Where the Electron runtime is not available, say so in one
line and serve the workbench to the browser instead (see \`claimbench serve\`).

Options:
  --workspace DIR  the workspace folder (default: $CLAIMBENCH_WORKSPACE, else the
                   per-user app data folder)
  --empty          create a missing workspace without the sample documents
  --port N, --host ADDRESS, --allow-remote, --no-open, --json
                   as for \`claimbench serve\`, when it falls back to it
                   (--json then also prints a "fallback" object with the reason)
  -h, --help       show this help`;

/** The Electron binary, or why there is none. Resolving it may trigger Electron's lazy download. */
export function findElectron(): { ok: true; path: string } | { ok: false; reason: string } {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: APP_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const binary = probe.stdout.trim();
  if (probe.status === 0 && binary !== '' && existsSync(binary)) return { ok: true, path: binary };
  const lines = probe.stderr.split('\n');
  const network = lines.find((line) => /fetch failed|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ETIMEDOUT/.test(line));
  if (network) return { ok: false, reason: `its binary could not be downloaded: ${network.replace(/^\w*Error: /, '').trim()}` };
  const error = lines.find((line) => /^\w*Error: /.test(line));
  return { ok: false, reason: error?.replace(/^\w*Error: /, '').trim() ?? probe.error?.message ?? 'no binary found' };
}

export async function start(options: ServeOptions, output: Output): Promise<number> {
  const electron = findElectron();
  if (!electron.ok) {
    output.report('fallback', `Electron runtime unavailable (${electron.reason}); starting the web host instead.`, {
      reason: electron.reason,
    });
    return serve(options, output);
  }
  const args = [
    '.',
    ...(options.workspace ? ['--workspace', options.workspace] : []),
    ...(options.empty ? ['--empty'] : []),
    '--max-file-size',
    String(Math.round(options.limits.maxFileBytes / (1024 * 1024))),
  ];
  const child = spawn(electron.path, args, { cwd: APP_ROOT, stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}
