// `bin/claimbench.mjs` turns on Node's compile cache, so that a second start does not strip and
// compile every module of the CLI again (about half of `claimbench serve`'s start-up CPU time).
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { APP_ROOT } from '../app-paths.ts';

describe('the claimbench command', () => {
  it("keeps its modules' compiled code in Node's compile cache in the temp folder", () =>
    withTempDir(async (tmp) => {
      const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
      delete env.NODE_COMPILE_CACHE;
      delete env.NODE_DISABLE_COMPILE_CACHE;
      const run = spawnSync(process.execPath, [path.join(APP_ROOT, 'bin', 'claimbench.mjs'), '--version'], { encoding: 'utf8', env });
      expect(run.status).toBe(0);
      const cached = await readdir(path.join(tmp, 'node-compile-cache'), { recursive: true });
      expect(cached.length).toBeGreaterThan(0);
    }));
});
