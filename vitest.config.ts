// Unit tests: pure logic and Node services, next to the code as x.test.ts (e2e lives in tests/e2e).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'main/**/*.test.ts', 'preload/**/*.test.ts', 'renderer/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    // One test file per core. Vitest's default in a run is one fewer than the cores, which is one
    // worker on this two-core machine; most files here wait on processes, disks or PostgreSQL, and
    // two workers took the unit suite from 331 s to 208 s (2026-12-07).
    maxWorkers: '100%',
    globalSetup: ['tests/support/pg-global-setup.ts'],
    // Generous: tests that start the CLI or a PostgreSQL client took 20-23 s at load 13-15 on
    // this two-core machine (CI runs, 2026-12-07), where they take a few seconds when it is quiet.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: 'test-results/unit.json' }]],
  },
});
