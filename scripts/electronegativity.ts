// `npm run security:electronegativity`: scans the desktop app with Electronegativity and fails on
// any HIGH finding, on any MEDIUM finding not justified in security/electronegativity-suppressions.json,
// and on a suppression that no longer matches a finding. Runs offline; see electronegativity/scan.ts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { electronVersion, scanShippedSources } from './electronegativity/scan.ts';
import { describeVerdict, judge, parseFindings, parseSuppressions } from './electronegativity/verdict.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const SUPPRESSIONS = path.join(REPO_ROOT, 'security', 'electronegativity-suppressions.json');
/** The scan takes about a second; a hang (say, a future network call) must not stall CI. */
const TIME_LIMIT_MS = 45_000;

async function main(): Promise<number> {
  const version = await electronVersion(REPO_ROOT);
  console.log(`Electronegativity: scanning main/, preload/, core/, renderer/ for Electron ${version}, offline`);
  const { issues, errors } = await scanShippedSources(REPO_ROOT, version);
  const unparsed = errors.filter((error) => !error.tolerable);
  for (const error of errors) console.log(`${error.tolerable ? 'warn' : 'FAIL'} could not fully parse ${error.file}: ${error.message}`);
  const verdict = judge(parseFindings(issues), parseSuppressions(JSON.parse(await readFile(SUPPRESSIONS, 'utf8'))));
  for (const line of describeVerdict(verdict)) console.log(line);
  return verdict.ok && unparsed.length === 0 ? 0 : 1;
}

setTimeout(() => {
  console.error(`Electronegativity: no result after ${TIME_LIMIT_MS / 1000} s; giving up`);
  process.exit(2);
}, TIME_LIMIT_MS).unref();

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Electronegativity could not run: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(2);
  },
);
