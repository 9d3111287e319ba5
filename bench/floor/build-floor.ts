// Builds the cold-start floor page (bench/floor/) with the project's own Vite into `outDir`, and
// puts the first sample document's text beside it as document.txt.
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** The document a new workspace opens first (the sample's first). */
export const FLOOR_DOCUMENT = path.join(ROOT, 'resources', 'sample', 'valley-courier-water-emergency.txt');

export async function buildFloor(outDir: string): Promise<void> {
  await build({
    root: import.meta.dirname,
    base: './',
    configFile: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'esnext' },
    worker: { format: 'es' },
  });
  await copyFile(FLOOR_DOCUMENT, path.join(outDir, 'document.txt'));
}
