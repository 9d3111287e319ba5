// Setup on the wrong Node: `.npmrc`'s engine-strict makes npm refuse at once on a Node older than
// package.json's "engines", and scripts/check-node.mjs says the same in one line for what skips
// that. engine-strict refuses any locked package whose "engines" exclude the Node we need, so
// every one must accept the oldest Node that "engines" allows (jsdom needs 24.15, so "engines"
// says so rather than 24): @apache-annotator/selector 0.2.0 (a test dependency, last published
// for Node 16, and fine on 24) has its stale "engines" left out of package-lock.json.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../main/app-paths.ts';

const require = createRequire(import.meta.url);
const semver = require('semver') as {
  satisfies(version: string, range: string, options?: { includePrerelease: boolean }): boolean;
  minVersion(range: string): { version: string } | null;
};

const read = (file: string) => readFileSync(path.join(APP_ROOT, file), 'utf8');
const manifest = JSON.parse(read('package.json')) as { engines: { node: string }; scripts: Record<string, string> };
const checkNode = (await import(path.join(APP_ROOT, 'scripts', 'check-node.mjs'))) as {
  nodeVersionProblem(version: string, range: string): string | undefined;
};

describe('the Node version', () => {
  it('is enforced before npm downloads anything', () => {
    expect(read('.npmrc')).toMatch(/^engine-strict=true$/m);
    expect(manifest.engines.node).toMatch(new RegExp(`^>=${read('.nvmrc').trim()}(\\.\\d+)?$`));
    expect(manifest.scripts.preinstall).toBe('node scripts/check-node.mjs');
    for (const script of ['start', 'web']) expect(manifest.scripts[script]).toMatch(/^node scripts\/check-node\.mjs && npm run build/);
  });

  it('lets every locked package install on the oldest Node that "engines" allows (engine-strict refuses any other)', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { engines?: { node?: string }; optional?: boolean }> };
    const node = semver.minVersion(manifest.engines.node)!.version;
    const refused = Object.entries(lock.packages)
      .filter(([, entry]) => entry.optional !== true && typeof entry.engines?.node === 'string')
      .filter(([, entry]) => !semver.satisfies(node, entry.engines!.node!, { includePrerelease: true }))
      .map(([name, entry]) => `${name} (${entry.engines!.node})`);
    expect(refused, 'npm ci would stop with EBADENGINE on these').toEqual([]);
  });

  it.each([
    ['20.20.2', '>=24', /^Node 20\.20\.2 is too old: Claimbench needs Node 24 or later .*nvm install 24/],
    ['22.18.0', '>=22.19', /needs Node 22\.19 or later/],
    ['24.0.0', '>=24', undefined],
    ['v25.1.0', '>=24', undefined],
    ['20.0.0', '^24', undefined],
  ])('judges Node %s against %s', (version, range, expected) => {
    const problem = checkNode.nodeVersionProblem(version, range);
    if (expected === undefined) expect(problem).toBeUndefined();
    else {
      expect(problem).toMatch(expected);
      expect(problem).not.toContain('\n');
    }
  });

  it('passes on this Node, silently', () => {
    const run = spawnSync(process.execPath, [path.join(APP_ROOT, 'scripts', 'check-node.mjs')], { encoding: 'utf8', timeout: 20_000 });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
