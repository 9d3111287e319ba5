// House style: small files, one idea each; a source file over 400 lines has a seam to split along.
// Tests, fixtures and benchmarks are exempt (tables of cases and generated corpora run long).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const MAX_LINES = 400;

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name) && !/\.(test|spec)\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

describe('source files', () => {
  it(`have at most ${MAX_LINES} lines`, () => {
    const files = ['core', 'main', 'renderer/src', 'preload'].flatMap(sources);
    expect(files.length).toBeGreaterThan(200);
    const long = files
      .map((file) => ({ file, lines: readFileSync(path.join(root, file), 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
