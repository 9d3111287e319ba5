// A team server killed with SIGKILL in the middle of a load of saves, twenty times: every save it
// answered before dying is there after the restart, once. Saves are made as a script makes them
// (an access token, POST /api/createAnnotation), eight at a time.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../tests/support/temp-dir.ts';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../tests/support/pg-database.ts';
import { APP_ROOT, RESOURCES_DIR } from '../app-paths.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';

const CLI = path.join(APP_ROOT, 'bin', 'claimbench.mjs');
const ROUNDS = 20;
const WRITERS = 8;

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

/** Starts `team serve` and resolves with its port once it listens. */
function serve(env: NodeJS.ProcessEnv, workDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [CLI, 'team', 'serve', '--port', '0', '--work-dir', workDir, '--json'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as { event: string; port?: number; message?: string };
      if (event.event === 'listening') resolve({ child, port: event.port! });
      if (event.event === 'error') reject(new Error(event.message));
    });
    child.on('exit', (code) => reject(new Error(`team serve exited with ${code}`)));
  });
}

describe.skipIf(pgSkip)('a team server killed during saves', () => {
  let database: TestDatabase;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;
  let token: string;
  /** The server running now, stopped whatever happens to the test. */
  let running: ChildProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    temp = await makeTempDir();
    env = { CLAIMBENCH_DATABASE_URL: database.url };
    const workspace = path.join(temp.dir, 'ws');
    await createWorkspace(workspace, { resourcesDir: RESOURCES_DIR });
    expect((await run(['team', 'init'], env)).code).toBe(0);
    expect((await run(['team', 'import', workspace], env)).code).toBe(0);
    expect((await run(['team', 'user', 'add', 'Ana', '--role', 'analyst'], env)).code).toBe(0);
    token = (await run(['team', 'token', 'Ana', '--label', 'load'], env)).stdout.trim();
  });

  afterAll(async () => {
    running?.kill('SIGKILL');
    await temp?.[Symbol.asyncDispose]();
    await database?.drop();
  });

  it(`loses no acknowledged save and duplicates none, ${ROUNDS} times`, { timeout: 600_000 }, async () => {
    const call = async (port: number, method: string, args: unknown[]) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      if (!response.ok) throw new Error(`${method}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { value: unknown }).value;
    };
    const acknowledged = new Map<string, string>();
    const check = async (port: number) => {
      const documents = ((await call(port, 'listDocuments', [])) as { meta: { id: string } }[]).map((summary) => summary.meta);
      const held = new Map<string, number>();
      for (const { id } of documents) {
        const document = (await call(port, 'getDocument', [id])) as { ok: true; value: { annotations: { id: string }[] } };
        for (const annotation of document.value.annotations) held.set(annotation.id, (held.get(annotation.id) ?? 0) + 1);
      }
      const missing = [...acknowledged.keys()].filter((id) => !held.has(id));
      const doubled = [...held].filter(([, count]) => count > 1);
      return { missing, doubled, documents };
    };
    let documentIds: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { child, port } = await serve(env, path.join(temp.dir, 'work'));
      running = child;
      const { missing, doubled, documents } = await check(port);
      expect({ round, missing, doubled }).toEqual({ round, missing: [], doubled: [] });
      documentIds = documents.map((document) => document.id);
      let stop = false;
      const writers = Array.from({ length: WRITERS }, async (_, writer) => {
        while (!stop) {
          const documentId = documentIds[writer % documentIds.length]!;
          const id = randomUUID();
          try {
            await call(port, 'createAnnotation', [documentId, { id, start: 0, end: 5, tags: [], note: `round ${round}` }]);
            acknowledged.set(id, documentId);
          } catch {
            return; // the server is gone: whatever was not answered was not acknowledged
          }
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 400));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      stop = true;
      await exited;
      await Promise.all(writers);
    }
    const { child, port } = await serve(env, path.join(temp.dir, 'work'));
    running = child;
    try {
      const { missing, doubled } = await check(port);
      expect({ missing, doubled }).toEqual({ missing: [], doubled: [] });
      expect(acknowledged.size).toBeGreaterThan(ROUNDS);
    } finally {
      child.kill('SIGINT');
    }
  });
});
