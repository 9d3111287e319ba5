// Prints one line with what the test run executed, from the JSON reports vitest and Playwright write.
import { readFileSync } from 'node:fs';

const read = (file) => JSON.parse(readFileSync(file, 'utf8'));
const unit = read('test-results/unit.json');
const e2e = read('test-results/e2e.json');

const passed = unit.numPassedTests + e2e.stats.expected;
const failed = unit.numFailedTests + e2e.stats.unexpected + e2e.stats.flaky;
const skipped = unit.numPendingTests + unit.numTodoTests + e2e.stats.skipped;
console.log(`unit ${unit.numPassedTests}/${unit.numTotalTests}, e2e ${e2e.stats.expected} passed, ${e2e.stats.skipped} skipped`);
console.log(`ci: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
