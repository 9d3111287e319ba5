// The command line loads a command's code only when that command runs: `claimbench serve` starts
// without suggest's NLP model or the import extractors (they cost a cold start ~15% more CPU
// when main.ts imported every command). Checked by loading main.ts in a fresh Node with a
// resolve hook that records every package it reaches.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../app-paths.ts';

const RECORD = `
import { registerHooks } from 'node:module';
const reached = new Set();
registerHooks({
  resolve(specifier, context, next) {
    const result = next(specifier, context);
    const found = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(result.url);
    if (found) reached.add(found[1]);
    return result;
  },
});
await import(${JSON.stringify(path.join(APP_ROOT, 'main', 'cli', 'main.ts'))});
process.stdout.write(JSON.stringify([...reached]));
`;

function packagesReachedByMain(): string[] {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', RECORD], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[];
}

describe('the command line', () => {
  it('loads no command’s heavy dependencies until that command runs', () => {
    const reached = packagesReachedByMain();
    // The hook sees packages at all: the web host `serve` needs is loaded up front.
    expect(reached.length).toBeGreaterThan(0);
    for (const heavy of ['wink-nlp', 'wink-eng-lite-web-model', 'chrono-node', 'jsdom', 'pdfjs-dist', 'mammoth', 'markdown-it'])
      expect(reached, heavy).not.toContain(heavy);
  });
});
