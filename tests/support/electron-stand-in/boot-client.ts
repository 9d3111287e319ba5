// The test's side of launch.ts: boots an app folder under the electron stand-in in a child
// process and sends it commands (read the app's state, invoke an IPC channel from a frame, fetch an
// app:// URL, click a menu item, quit).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

const LAUNCHER = path.join(import.meta.dirname, 'launch.ts');

export interface BootOptions {
  readonly appPath: string;
  readonly packaged?: boolean;
  /** The fake home folder (user data lands under it via XDG_CONFIG_HOME). */
  readonly home: string;
  readonly appArgs?: string[];
  readonly env?: Record<string, string>;
}

export interface BootedApp {
  readonly boot: { errorBoxes: { title: string; content: string }[]; exitCode: number | null };
  readonly output: () => string;
  readonly exited: Promise<number | null>;
  command<T = unknown>(cmd: string, payload?: Record<string, unknown>): Promise<{ ok: true; value: T } | { ok: false; message: string }>;
  kill(): void;
}

export async function bootApp(options: BootOptions): Promise<BootedApp> {
  const nodeFlags = options.packaged ? ['--preserve-symlinks'] : [];
  const args = [
    ...nodeFlags,
    LAUNCHER,
    '--app',
    options.appPath,
    '--home',
    options.home,
    ...(options.packaged ? ['--packaged'] : []),
    '--',
    ...(options.appArgs ?? []),
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: options.home,
    XDG_CONFIG_HOME: path.join(options.home, '.config'),
    ...options.env,
  };
  // As a user's shell would have them: no workspace chosen, no dev server.
  if (options.env?.['CLAIMBENCH_WORKSPACE'] === undefined) delete env['CLAIMBENCH_WORKSPACE'];
  if (options.env?.['ELECTRON_RENDERER_URL'] === undefined) delete env['ELECTRON_RENDERER_URL'];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe', 'pipe'], env });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const waiting = new Map<number, (reply: never) => void>();
  let booted: (boot: BootedApp['boot']) => void = () => {};
  const bootPromise = new Promise<BootedApp['boot']>((resolve) => (booted = resolve));
  createInterface({ input: child.stdio[3] as Readable }).on('line', (line) => {
    const message = JSON.parse(line) as { id?: number; event?: string } & BootedApp['boot'];
    if (message.event === 'booted') booted(message);
    else if (message.id !== undefined) waiting.get(message.id)?.(message as never);
  });
  const boot = await Promise.race([
    bootPromise,
    exited.then((code) => {
      throw new Error(`the app exited with ${code} before it booted:\n${output}`);
    }),
  ]);

  let nextId = 1;
  return {
    boot,
    output: () => output,
    exited,
    command(cmd, payload = {}) {
      const id = nextId++;
      if (child.exitCode !== null) return Promise.resolve({ ok: false, message: `the app has exited (${child.exitCode}):\n${output}` });
      child.stdin!.write(`${JSON.stringify({ id, cmd, ...payload })}\n`);
      const replied = new Promise<never>((resolve) => waiting.set(id, resolve as never));
      return Promise.race([
        replied,
        exited.then((code) => ({ ok: false as const, message: `the app exited (${code}) before answering ${cmd}:\n${output}` })),
      ]);
    },
    kill: () => void child.kill('SIGKILL'),
  };
}
