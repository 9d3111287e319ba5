#!/usr/bin/env node
// The claimbench command. The CLI runs from its TypeScript sources, which needs Node's built-in
// type stripping (Node 24; 22.18 at the least).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `claimbench: Node ${process.versions.node} is too old; Claimbench needs Node 24 (see .nvmrc).\n` +
      `  Without a version manager: npx -y -p node@24 node bin/claimbench.mjs ${process.argv.slice(2).join(' ')}\n`,
  );
  process.exit(1);
}
// Node keeps the compiled code of the CLI's modules between runs (its own cache, in the system's
// temp folder, checked against each file's contents): starting `claimbench serve` then takes less
// than half the CPU time it takes with every module stripped of types and compiled again.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
const { main } = await import('../main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
