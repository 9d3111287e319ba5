// Where the app's own files are, for every way it runs. One place knows which of these it is in:
//
//   sources   bin/claimbench.mjs, the tests and the benchmarks run main/*.ts directly (Node 24)
//   built     electron-vite bundled main/ into out/main/ (`electron .`, `electron-vite dev`)
//   packaged  electron-builder put the build inside resources/app.asar, with the worker threads
//             and what they import unpacked beside it in resources/app.asar.unpacked
//
// Each mode is found from where this module itself sits, never from the working directory: the
// folder holding package.json above it is the app's root (what Electron's app.getAppPath() names),
// and the path from that root to this module tells sources (main/…) from a build (out/main/…).
// tests/e2e/desktop-boot.spec.ts boots the built and the packaged layout; app-paths.test.ts the rest.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export type AppMode = 'sources' | 'built' | 'packaged';

/** The worker threads main starts, by the name electron-vite emits them under (out/main/<name>.js). */
export const WORKER_SOURCES = {
  'export-worker': 'main/bundle/export-worker.ts',
  'pdf-worker': 'main/import/formats/pdf-worker.ts',
  'search-build-worker': 'main/search/build-worker.ts',
  'suggest-worker': 'main/workbench/suggest-worker.ts',
  'match-worker': 'main/archive/match-worker.ts',
} as const;
export type WorkerName = keyof typeof WORKER_SOURCES;

export interface AppLayout {
  readonly mode: AppMode;
  /** The folder holding package.json: the checkout, or app.asar inside a package. */
  readonly root: string;
  /** The default codebook and the sample workspace. */
  readonly resourcesDir: string;
  /** The built renderer (index.html and its assets); it exists once `npm run build` has run. */
  readonly rendererDir: string;
  /** The preload script the desktop window loads (built only). */
  readonly preloadPath: string;
  /** The app's version, from package.json. */
  readonly version: string;
  /** A worker thread's script, at a path Node can load it from without Electron's asar support. */
  workerUrl(name: WorkerName): URL;
}

const ASAR = /\.asar$/;

/**
 * The layout seen from a module in `moduleDir` (this module's own folder, unless a test asks).
 *
 * @example resolveAppLayout('/opt/Claimbench/resources/app.asar/out/main').rendererDir
 *          // '/opt/Claimbench/resources/app.asar/out/renderer'
 */
export function resolveAppLayout(moduleDir: string): AppLayout {
  const root = packageRoot(moduleDir);
  const inBuild = path.relative(root, moduleDir).split(path.sep)[0] === 'out';
  const mode: AppMode = !inBuild ? 'sources' : ASAR.test(root) ? 'packaged' : 'built';
  // Electron reads files inside app.asar for the main thread, but a worker loads its script and
  // imports through Node's own loader: electron-builder.yml unpacks them (asarUnpack).
  const workerRoot = mode === 'packaged' ? `${root}.unpacked` : root;
  let version: string | undefined;
  return {
    mode,
    root,
    resourcesDir: path.join(root, 'resources'),
    rendererDir: path.join(root, 'out', 'renderer'),
    preloadPath: path.join(root, 'out', 'preload', 'index.cjs'),
    get version() {
      version ??= (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
      return version;
    },
    workerUrl(name) {
      const file = mode === 'sources' ? path.join(root, WORKER_SOURCES[name]) : path.join(workerRoot, 'out', 'main', `${name}.js`);
      return pathToFileURL(file);
    },
  };
}

/** The nearest folder at or above `dir` that holds a package.json. */
function packageRoot(dir: string): string {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, 'package.json'))) return current;
    if (path.dirname(current) === current) throw new Error(`Claimbench cannot find its package.json above ${dir}`);
  }
}

/** This process's layout. */
export const APP_LAYOUT: AppLayout = resolveAppLayout(import.meta.dirname);

/** Shorthands used by the CLI, the tests and the benchmarks (all of which run from sources). */
export const APP_ROOT = APP_LAYOUT.root;
export const RESOURCES_DIR = APP_LAYOUT.resourcesDir;
export const RENDERER_DIR = APP_LAYOUT.rendererDir;

/** The app's version, from package.json (written into every export's manifest). */
export function appVersion(): string {
  return APP_LAYOUT.version;
}
