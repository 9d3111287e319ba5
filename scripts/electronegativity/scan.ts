// Runs Electronegativity over the code the desktop app ships, offline and in a second or two.
//
// What it scans: the TypeScript sources of main/, preload/, core/ and renderer/ (tests left out),
// package.json, and renderer/index.html as the build emits it. Sources rather than a build: the
// bundled out/main/index.js would put every finding in one file, and a build takes a minute. The
// TypeScript parses: Electronegativity tries @babel/parser (whose TypeScript plugin reads our
// syntax) before its old typescript-estree 4.x, and any file neither can parse is reported as an
// error that fails the run, so nothing is skipped silently.
//
// How: through its documented programmatic entry, `run()` in dist/runner.js, with
// `electronVersionOverride` (what the CLI's `-e` sets). Not the CLI with `-o`: its SARIF output
// drops the severity, and its CSV is written by two racing fs.writeFile calls. Electronegativity
// downloads two things with `got`: translations (1 s timeout, with a local fallback) and Electron's
// release list (for AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK). Offline, got 11 throws from a retry timer
// after its promise has settled ("The `onCancel` handler was attached after the promise settled"),
// which kills the process at a random moment. So `got` is replaced, for this process only, by a
// function that fails at once, and the release-list check is left out: whether Electron 45.5.0 has
// known vulnerabilities is npm audit's question, and the answer must not depend on the network or
// on a stale releases.json in the temp folder.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../core/security/csp.ts';

/** The folders and files the desktop app is built from. */
const SHIPPED = ['main', 'preload', 'core', 'renderer', 'package.json'];
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

export interface ScanResult {
  /** Electronegativity's issues, unparsed (verdict.ts parses them). */
  readonly issues: unknown;
  /** Files it could not parse (`tolerable` ones were parsed with warnings). */
  readonly errors: readonly { readonly file: string; readonly message: string; readonly tolerable: boolean }[];
}

/** The Electron version the app is built with: the installed one, else an exact version in package.json. */
export async function electronVersion(repoRoot: string): Promise<string> {
  const installed = await readFile(path.join(repoRoot, 'node_modules', 'electron', 'package.json'), 'utf8').then(
    (text) => JSON.parse(text) as { version?: unknown },
    () => undefined,
  );
  if (typeof installed?.version === 'string') return installed.version;
  const manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  const declared = manifest.devDependencies?.['electron'];
  if (declared !== undefined && /^\d+\.\d+\.\d+$/.test(declared)) return declared;
  throw new Error(`cannot tell which Electron version the app uses (package.json says ${declared ?? 'nothing'})`);
}

/** Scans a copy of the shipped sources; the copy is removed afterwards. */
export async function scanShippedSources(repoRoot: string, version: string): Promise<ScanResult> {
  const staging = await mkdtemp(path.join(os.tmpdir(), 'claimbench-electronegativity-'));
  try {
    await stageSources(repoRoot, staging);
    const run = loadOfflineRunner(repoRoot);
    const result = (await run({
      input: staging,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS.map((check) => check.toLowerCase()),
      isRelative: true,
      electronVersionOverride: version,
      parserPlugins: [],
    })) as ScanResult;
    return { issues: result.issues, errors: result.errors };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function stageSources(repoRoot: string, staging: string): Promise<void> {
  for (const entry of SHIPPED) {
    await cp(path.join(repoRoot, entry), path.join(staging, entry), { recursive: true, filter: (source) => !/\.test\.tsx?$/.test(source) });
  }
  const page = path.join(staging, 'renderer', 'index.html');
  await writeFile(page, withCspMetaTag(await readFile(page, 'utf8')));
}

/**
 * index.html as the build emits it: electron.vite.config.ts's `claimbench-csp` plugin puts the CSP
 * at the top of <head>. (The app:// handler also sends it as a header, which no scanner sees.)
 */
export function withCspMetaTag(html: string): string {
  const attribute = CONTENT_SECURITY_POLICY.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  if (!/<head>/i.test(html)) throw new Error('renderer/index.html has no <head> to put the CSP in');
  return html.replace(/<head>/i, (head) => `${head}\n    <meta http-equiv="Content-Security-Policy" content="${attribute}" />`);
}

type Run = (options: Record<string, unknown>) => Promise<unknown>;

/** Electronegativity's `run()`, with its HTTP client replaced by one that fails at once (see the module comment). */
function loadOfflineRunner(repoRoot: string): Run {
  const requireFromRepo = createRequire(path.join(repoRoot, 'package.json'));
  const runnerPath = requireFromRepo.resolve('@doyensec/electronegativity/dist/runner.js');
  const requireFromRunner = createRequire(runnerPath);
  const gotPath = requireFromRunner.resolve('got');
  const offline = Object.assign(() => Promise.reject(new Error('offline: Claimbench runs Electronegativity without the network')), {
    head: () => Promise.reject(new Error('offline')),
  });
  requireFromRunner.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline } as unknown as NodeJS.Module;
  // Built with babel-plugin-add-module-exports: the module itself is run(), `default` kept as an alias.
  const runner = requireFromRunner(runnerPath) as Run | { default?: Run };
  const run = typeof runner === 'function' ? runner : runner.default;
  if (typeof run !== 'function') throw new Error(`${runnerPath} no longer exports run()`);
  return run;
}
