// The team suite: the workbench service's tests and the store's, run again on the PostgreSQL store
// (main/team/pg-store.ts) with no switch in product code. Tests open workspaces through
// main/workspace/open-workspace.ts or FolderStore.open, both of which reach FolderStore.open; here
// that resolves to tests/support/team-folder-store.ts, which imports the folder into a fresh test
// database and returns a PgWorkspaceStore. Tests that look at the folder's files on
// disk (journals, backups, damaged files) are about the folder store alone, and are left out below.
import path from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';

const root = import.meta.dirname;
const support = path.join(root, 'tests/support');

/**
 * FolderStore.open gives a PostgreSQL store, for every importer: tests, test support and
 * open-workspace.ts alike (Vitest's module runner keys modules by URL, so a redirect cannot depend
 * on who imports). team-store.ts reaches the real module under another URL.
 */
function teamStore(): Plugin {
  return {
    name: 'claimbench-team-store',
    enforce: 'pre',
    resolveId(source) {
      return source.endsWith('/store/folder-store.ts') ? path.join(support, 'team-folder-store.ts') : null;
    },
  };
}

export default defineConfig({
  plugins: [teamStore()],
  test: {
    // main/team/'s own tests run in the unit suite (pg-store.test.ts compares the real folder store with PostgreSQL).
    // tally.test.ts: the whole-workspace reads (on-demand store, step 3) against the loops they replaced, on PostgreSQL too;
    // team-serve.test.ts: storeCreators reads annotations by reference, under strict holds.
    include: [
      'main/workbench/**/*.test.ts',
      'main/store/workspace-store.test.ts',
      'main/store/tally.test.ts',
      'main/cli/team-serve.test.ts',
    ],
    // Tests about the folder itself: they read, damage or block the workspace folder's files, which the
    // PostgreSQL store does not use. What they prove for the folder, main/team/pg-store.test.ts proves
    // for PostgreSQL where it applies (stale writes refused, what was written read back).
    exclude: [
      // Every test reads or damages files: damaged documents set aside and backups restored, journals, workspace.json on disk.
      'main/store/workspace-store.test.ts',
      // The legacy-GUID test makes an old workspace by rewriting workspace.json on disk and reads it back from disk.
      'main/workbench/code-guids.test.ts',
      // "fails half-way" makes the codebook write fail by putting a file where the folder's backup goes.
      'main/workbench/codebook-methods.test.ts',
      // Reads documents/<id>.json and originals/<sha256> from the folder; makes writes fail through the folder's files.
      'main/workbench/document-methods.test.ts',
      // A corrupt evidence.json on disk; write failures made through the folder's files.
      'main/workbench/evidence-integrity.test.ts',
      // close() is checked by the folder's open journal files and its lock file.
      'main/workbench/open-workbench.test.ts',
      // Deletes and damages a kept text under texts/<sha256> in the folder.
      'main/workbench/version-methods.test.ts',
    ],
    environment: 'node',
    // One test file per core. Vitest's default in a run is one fewer than the cores, which is one
    // worker on this two-core machine; most files here wait on processes, disks or PostgreSQL, and
    // two workers took the unit suite from 331 s to 208 s (2026-12-07).
    maxWorkers: '100%',
    // Tests about the folder's own files that sit among others skip themselves on it (search-methods.test.ts: the SQLite index file).
    env: { CLAIMBENCH_TEAM_SUITE: '1' },
    globalSetup: ['tests/support/pg-global-setup.ts'],
    testTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: 'test-results/unit-team.json' }]],
  },
});
