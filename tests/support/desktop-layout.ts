// Lays out the built app the way the desktop runtime finds it, for the boot tests:
// - `electron .`: the checkout's package.json, out/, resources/ and node_modules in a folder;
// - a package: what electron-builder's `--dir` target puts in resources/ (app.asar holding
//   package.json, out/, resources/ and the production dependencies; app.asar.unpacked holding the
//   files electron-builder.yml's asarUnpack patterns match). Node cannot read an asar archive, so
//   app.asar is a folder of that name: the paths inside the package are the real ones, and since the
//   dependencies are symbolic links run with --preserve-symlinks, a module loaded from the unpacked
//   side resolves its imports there only, as it would in the package.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { APP_ROOT, WORKER_SOURCES } from '../../main/app-paths.ts';

interface Manifest {
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

function manifestOf(dir: string): Manifest {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** The folder Node would load `name` from, starting at a package in `fromDir`. */
function packageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === APP_ROOT || path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The top-level node_modules packages that `names` need, with everything they depend on
 * (optional dependencies where installed), as electron-builder collects production dependencies.
 */
export function dependencyClosure(names: Iterable<string>): Set<string> {
  const topLevel = new Set<string>();
  const visit = (name: string, fromDir: string) => {
    const dir = packageDir(name, fromDir);
    if (dir === undefined) return;
    const relative = path.relative(path.join(APP_ROOT, 'node_modules'), dir);
    const isTopLevel = !relative.includes(`${path.sep}node_modules${path.sep}`);
    if (isTopLevel) {
      if (topLevel.has(relative)) return;
      topLevel.add(relative);
    }
    const manifest = manifestOf(dir);
    for (const dependency of [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.optionalDependencies ?? {})])
      visit(dependency, dir);
  };
  for (const name of names) visit(name, APP_ROOT);
  return topLevel;
}

/** The package a bare import names (`pdfjs-dist/legacy/build/pdf.mjs` → `pdfjs-dist`). */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** The bare packages a built module imports, following its relative imports (chunks). */
export function bareImportsOf(file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/(?:from\s*|import\s*\(\s*|import\.meta\.resolve\(\s*)"([^"]+)"/g)) {
    const specifier = match[1]!;
    if (specifier.startsWith('.')) for (const name of bareImportsOf(path.resolve(path.dirname(file), specifier), seen)) packages.add(name);
    else if (!specifier.startsWith('node:')) packages.add(packageOf(specifier));
  }
  return packages;
}

/** The packages the worker threads load (from the build in out/main), with their dependencies. */
export function workerDependencies(): Set<string> {
  const bare = new Set<string>();
  for (const name of Object.keys(WORKER_SOURCES))
    for (const dependency of bareImportsOf(path.join(APP_ROOT, 'out', 'main', `${name}.js`))) bare.add(dependency);
  return dependencyClosure(bare);
}

/** electron-builder.yml's asarUnpack patterns. */
export function asarUnpackPatterns(): string[] {
  const yaml = readFileSync(path.join(APP_ROOT, 'electron-builder.yml'), 'utf8');
  const block = /^asarUnpack:\n((?:\s+- .+\n)+)/m.exec(yaml);
  if (block === null) return [];
  return block[1]!
    .split('\n')
    .map((line) =>
      line
        .replace(/^\s+- /, '')
        .replace(/\s+#.*$/, '')
        .replace(/^['"]|['"]$/g, '')
        .trim(),
    )
    .filter((line) => line !== '');
}

function unpacked(relative: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => path.matchesGlob(relative, pattern) || path.matchesGlob(`${relative}/x`, pattern));
}

function copyTree(from: string, to: string, keep: (relative: string) => boolean, relative = ''): void {
  for (const entry of readdirSync(path.join(from, relative), { withFileTypes: true })) {
    const name = path.join(relative, entry.name);
    if (entry.isDirectory()) copyTree(from, to, keep, name);
    else if (keep(name)) {
      mkdirSync(path.dirname(path.join(to, name)), { recursive: true });
      cpSync(path.join(from, name), path.join(to, name));
    }
  }
}

/** `electron .` in a copy of the app: returns the folder to launch. */
export function layOutBuilt(into: string): string {
  const app = path.join(into, 'app');
  mkdirSync(app, { recursive: true });
  cpSync(path.join(APP_ROOT, 'package.json'), path.join(app, 'package.json'));
  cpSync(path.join(APP_ROOT, 'out'), path.join(app, 'out'), { recursive: true });
  cpSync(path.join(APP_ROOT, 'resources'), path.join(app, 'resources'), { recursive: true });
  symlinkSync(path.join(APP_ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');
  return app;
}

/** The packaged app's resources/app.asar (as a folder) and app.asar.unpacked: returns app.asar. */
export function layOutPackaged(into: string): string {
  const resources = path.join(into, 'Claimbench', 'resources');
  const asar = path.join(resources, 'app.asar');
  const unpackedDir = path.join(resources, 'app.asar.unpacked');
  const patterns = asarUnpackPatterns();
  mkdirSync(asar, { recursive: true });
  mkdirSync(unpackedDir, { recursive: true });
  // electron-builder.yml's `files`: out/**, resources/**, package.json; then the production dependencies.
  writeFileSync(path.join(asar, 'package.json'), readFileSync(path.join(APP_ROOT, 'package.json')));
  for (const folder of ['out', 'resources']) {
    copyTree(path.join(APP_ROOT, folder), path.join(asar, folder), () => true);
    copyTree(path.join(APP_ROOT, folder), path.join(unpackedDir, folder), (relative) => unpacked(path.join(folder, relative), patterns));
  }
  for (const dependency of dependencyClosure(Object.keys(manifestOf(APP_ROOT).dependencies ?? {}))) {
    const target = path.join(APP_ROOT, 'node_modules', dependency);
    for (const side of unpacked(path.join('node_modules', dependency), patterns) ? [asar, unpackedDir] : [asar]) {
      mkdirSync(path.dirname(path.join(side, 'node_modules', dependency)), { recursive: true });
      symlinkSync(target, path.join(side, 'node_modules', dependency), 'dir');
    }
  }
  return asar;
}
