// Prints one line with what the test run executed, from the JSON reports vitest and Playwright write:
// the unit suite, the team suite (the service's tests again on PostgreSQL) and the end-to-end tests.
import { readFileSync } from 'node:fs';

const read = (file) => JSON.parse(readFileSync(file, 'utf8'));
const unit = read('test-results/unit.json');
const team = read('test-results/unit-team.json');
const e2e = read('test-results/e2e.json');

const passed = unit.numPassedTests + team.numPassedTests + e2e.stats.expected;
const failed = unit.numFailedTests + team.numFailedTests + e2e.stats.unexpected + e2e.stats.flaky;
const skipped = unit.numPendingTests + unit.numTodoTests + team.numPendingTests + team.numTodoTests + e2e.stats.skipped;
console.log(
  `unit ${unit.numPassedTests}/${unit.numTotalTests}, team ${team.numPassedTests}/${team.numTotalTests}, e2e ${e2e.stats.expected} passed, ${e2e.stats.skipped} skipped`,
);
console.log(`ci: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
