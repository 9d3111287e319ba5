// The docs are a map: every path they name in backticks must exist, so a rename cannot leave them
// stale. Placeholders (`<id>`, `*`) and things that are not paths of this repository are skipped.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const TOP = /^(core|main|renderer|preload|tests|bench|resources|scripts|docs|bin|security|\.ci)\//;
const FILES = [
  'README.md',
  ...readdirSync(path.join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
  ...readdirSync(path.join(root, 'main', 'search'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `main/search/${name}`),
];

/** Backticked repository paths in a Markdown text, and paths in the layer diagram's first column. */
export function namedPaths(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/`([^`\s]+)`/g)) {
    const candidate = match[1]!.replace(/[.,;:]$/, '');
    // bench/results/ is written by `npm run bench` (only latest.json and the 100k team run are kept in the repository).
    if (TOP.test(candidate) && !/[<>*{}]/.test(candidate) && !candidate.startsWith('bench/results/')) found.add(candidate);
  }
  return [...found];
}

describe('the docs name only paths that exist', () => {
  it.each(FILES)('%s', (file) => {
    const missing = namedPaths(readFileSync(path.join(root, file), 'utf8')).filter(
      (named) => !existsSync(path.join(root, named.split(':')[0]!)),
    );
    expect(missing).toEqual([]);
  });

  it('finds the paths it checks (a control: the check is not empty)', () => {
    expect(namedPaths('see `main/store/workspace-store.ts`, `docs/storage.md`, and `npm test`')).toEqual([
      'main/store/workspace-store.ts',
      'docs/storage.md',
    ]);
    expect(namedPaths(readFileSync(path.join(root, 'docs', 'ARCHITECTURE.md'), 'utf8')).length).toBeGreaterThan(30);
  });
});
