// A team server killed with SIGKILL in the middle of a load of saves, twenty times: every save it
// answered before dying is there after the restart, once. Saves are made as a script makes them
// (an access token, POST /api/createAnnotation), eight at a time.
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { RESOURCES_DIR } from '../../main/app-paths.ts';
import { createWorkspace } from '../../main/workspace/create-workspace.ts';
import { cli, noPostgres, teamDatabase, teamServe, type TeamDatabase } from './team-support.ts';

const ROUNDS = 20;
const WRITERS = 8;

test.describe('a team server killed during saves', () => {
  test.skip(noPostgres !== undefined, noPostgres ?? '');
  let database: TeamDatabase;
  let root: string;
  let env: NodeJS.ProcessEnv;
  let token: string;
  /** The server running now, stopped whatever happens to the test. */
  let running: ChildProcess | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-e2e-durability-'));
    database = await teamDatabase(root);
    env = { CLAIMBENCH_DATABASE_URL: database.url };
    const workspace = path.join(root, 'ws');
    await createWorkspace(workspace, { resourcesDir: RESOURCES_DIR });
    cli(['team', 'init'], env);
    cli(['team', 'import', workspace], env);
    cli(['team', 'user', 'add', 'Ana', '--role', 'analyst'], env);
    token = cli(['team', 'token', 'Ana', '--label', 'load'], env).trim();
  });

  test.afterAll(async () => {
    running?.kill('SIGKILL');
    await database?.drop();
    await rm(root, { recursive: true, force: true });
  });

  test(`loses no acknowledged save and duplicates none, ${ROUNDS} times`, async () => {
    test.setTimeout(600_000);
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
      const { child, port } = await teamServe(env, path.join(root, 'work'));
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
    const { child, port } = await teamServe(env, path.join(root, 'work'));
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
