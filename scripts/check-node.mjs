// Stops `npm install`, `npm start` and `npm run web` on a Node older than package.json's
// `engines.node` with one line: the reason and the way out. Plain JavaScript that any Node runs
// (the check is for old ones), with no dependencies (it runs before they are installed).
// `.npmrc` sets engine-strict, which makes npm itself refuse before downloading anything; this is
// the same check for the package managers and settings that skip that, and for `npm start`
// before it builds.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Why `version` cannot run Claimbench, or undefined when it can. `range` is package.json's
 * `engines.node`, of the form `>=MAJOR[.MINOR]`; another form is not judged here.
 * @example nodeVersionProblem('20.20.2', '>=24') // 'Node 20.20.2 is too old: Claimbench needs Node 24 or later …'
 */
export function nodeVersionProblem(version, range) {
  const wanted = /^>=\s*(\d+)(?:\.(\d+))?/.exec(range.trim());
  if (wanted === null) return undefined;
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  const needMajor = Number(wanted[1]);
  const needMinor = Number(wanted[2] ?? 0);
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return undefined;
  const needed = wanted[2] === undefined ? `${needMajor}` : `${needMajor}.${needMinor}`;
  return (
    `Node ${version} is too old: Claimbench needs Node ${needed} or later (package.json "engines", .nvmrc). ` +
    `Install it (nvm install ${needMajor}, or https://nodejs.org), open a new terminal, check node --version, and run the command again.`
  );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const problem = nodeVersionProblem(process.versions.node, manifest.engines?.node ?? '');
  if (problem !== undefined) {
    process.stderr.write(`claimbench: ${problem}\n`);
    process.exit(1);
  }
}
