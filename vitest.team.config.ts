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
    include: ['main/workbench/**/*.test.ts', 'main/store/workspace-store.test.ts', 'main/team/**/*.test.ts'],
    exclude: [],
    environment: 'node',
    globalSetup: ['tests/support/pg-global-setup.ts'],
    testTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: 'test-results/unit-team.json' }]],
  },
});
