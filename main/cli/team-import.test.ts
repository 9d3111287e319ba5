// `claimbench team import` leaves the database's search index in step with what it imported, so
// that the server opens on an index that is ready: it checks it, and does not build it again.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseQuery } from '../../core/search/query.ts';
import type { SearchStatus } from '../../core/search/search-types.ts';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../tests/support/pg-database.ts';
import { makeTempDir } from '../../tests/support/temp-dir.ts';
import { APP_ROOT, RESOURCES_DIR } from '../app-paths.ts';
import { openPgSearchIndex } from '../search/pg/pg-search-index.ts';
import { WorkspaceSearch } from '../search/workspace-search.ts';
import { openTeamDb, type TeamDb } from '../team/db.ts';
import { PgWorkspaceStore } from '../team/pg-store.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';

function claimbench(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(APP_ROOT, 'bin', 'claimbench.mjs'), ...args], {
      env: { ...process.env, CLAIMBENCH_DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe.skipIf(pgSkip)('claimbench team import', () => {
  let database: TestDatabase;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    database = await createTestDatabase();
    temp = await makeTempDir();
  });
  afterEach(async () => {
    await database.drop();
    await temp[Symbol.asyncDispose]();
  });

  /** `team init` and `team import --json` of the sample workspace: the import's events, progress left out. */
  async function importSample(): Promise<string[]> {
    const workspace = path.join(temp.dir, 'sample');
    await createWorkspace(workspace, { resourcesDir: RESOURCES_DIR, name: 'Sample' });
    expect((await claimbench(['team', 'init', '--database', database.url])).code).toBe(0);
    const imported = await claimbench(['team', 'import', workspace, '--database', database.url, '--json']);
    expect(imported.code).toBe(0);
    return imported.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { event: string }).event)
      .filter((event) => event !== 'search-index-progress');
  }

  /** Runs `check` on a server's store and search as `team serve` opens them, once the search is ready, with the statuses it went through. */
  async function whenServerSearchReady(db: TeamDb, check: (search: WorkspaceSearch, statuses: readonly string[]) => Promise<void>) {
    const store = await PgWorkspaceStore.open(db, { workDir: path.join(temp.dir, 'work'), url: database.url });
    const statuses: SearchStatus['state'][] = [];
    const search = new WorkspaceSearch(
      store,
      (status) => statuses.push(status.state),
      () => openPgSearchIndex(db),
    );
    try {
      await search.whenReady();
      await check(search, statuses);
    } finally {
      await search.dispose();
      await store.close();
    }
  }

  async function find(search: WorkspaceSearch, text: string) {
    const query = parseQuery(text);
    if (!query.ok) throw new Error(query.error.message);
    return search.search(query.value);
  }

  it('builds the search index with the workspace, so the server finds it ready and does not build it again', async () => {
    expect(await importSample()).toEqual(['imported', 'search-index-ready']);
    const db = openTeamDb(database.url, { maxConnections: 2 });
    try {
      await whenServerSearchReady(db, async (search, statuses) => {
        expect(statuses).toEqual(['ready']);
        expect((await find(search, 'ministry')).counts.documents).toBeGreaterThan(0);
      });
    } finally {
      await db.destroy();
    }
  });

  it('catches the index up from the change log with what was changed while no server ran, without building it again', async () => {
    await importSample();
    const db = openTeamDb(database.url, { maxConnections: 2 });
    try {
      // Another process edits an annotation and removes every claim, with no search following it.
      const writer = await PgWorkspaceStore.open(db, { workDir: path.join(temp.dir, 'writer'), url: database.url });
      const documentId = writer.heads[0]!.id;
      const hold = await writer.hold([documentId]);
      const annotation = writer.document(documentId)!.annotations[0]!;
      hold.release();
      const noted = { ...annotation, note: 'zanzibarquux' };
      expect((await writer.putAnnotations(documentId, [{ annotationId: annotation.id, annotation: noted }])).ok).toBe(true);
      expect(writer.evidence.claims.length).toBeGreaterThan(0);
      expect((await writer.putEvidence({ links: [], claims: [] })).ok).toBe(true);
      await writer.close();

      await whenServerSearchReady(db, async (search, statuses) => {
        expect(statuses).toEqual(['ready']);
        const results = await find(search, 'in:notes zanzibarquux');
        expect(results.groups.map((group) => group.documentId)).toEqual([documentId]);
        const { rows } = await sql<{ claims: string }>`SELECT count(*)::text AS claims FROM search_claims`.execute(db);
        expect(rows[0]!.claims).toBe('0');
      });
    } finally {
      await db.destroy();
    }
  });
});
