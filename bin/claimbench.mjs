#!/usr/bin/env node
// The claimbench command. It runs the build of the CLI (out/main/cli.js, from `npm run build`)
// when that is newer than every source file, and otherwise the TypeScript sources themselves,
// which needs Node's built-in type stripping (Node 24; 22.18 at the least). The build starts
// faster: Node loads a few dozen files instead of about 400 modules (see docs/ARCHITECTURE.md,
// "Cold start"). CLAIMBENCH_FROM_SOURCES=1 runs the sources whatever the build.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `claimbench: Node ${process.versions.node} is too old; Claimbench needs Node 24 (see .nvmrc).\n` +
      `  Without a version manager: npx -y -p node@24 node bin/claimbench.mjs ${process.argv.slice(2).join(' ')}\n`,
  );
  process.exit(1);
}

/** Whether out/main/cli.js exists and no file under main/, core/ or package.json changed after it was built (~15 ms). */
function buildIsCurrent() {
  if (process.env.CLAIMBENCH_FROM_SOURCES === '1') return false;
  const root = path.dirname(import.meta.dirname);
  const builtAt = statSync(path.join(root, 'out', 'main', 'cli.js'), { throwIfNoEntry: false })?.mtimeMs;
  if (builtAt === undefined || statSync(path.join(root, 'package.json')).mtimeMs > builtAt) return false;
  // A walk of our own: readdirSync's `recursive` takes three times as long on its first call.
  const olderThanBuild = (dir) =>
    readdirSync(dir, { withFileTypes: true }).every((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return olderThanBuild(file);
      return !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts') || statSync(file).mtimeMs <= builtAt;
    });
  return olderThanBuild(path.join(root, 'main')) && olderThanBuild(path.join(root, 'core'));
}

// Node keeps the compiled code of the CLI's modules between runs (its own cache, in the system's
// temp folder, checked against each file's contents): a second start then does not compile every
// module again (and, from the sources, strip its types).
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
const { main } = buildIsCurrent() ? await import('../out/main/cli.js') : await import('../main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
