// The anchoring regression corpus: pairs of document versions written for the project
// (tests/fixtures/anchoring/*.json, described in its README), with annotations on the old text and
// where each must be found in the new one. One table, one loop.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge } from '../../bench/anchoring-corpus.ts';
import { textTarget } from '../model/annotation.ts';
import { anchorAll, needsReview, type AnchorState } from './anchor.ts';

interface Expectation {
  readonly state: AnchorState;
  /** The text the annotation must cover in the new version (absent for an orphan). */
  readonly text?: string;
  /** Which occurrence of `text` in the new version (1 = the first). */
  readonly occurrence?: number;
  /** Whether it must (true) or must not (false) go to the analyst's review. */
  readonly review?: boolean;
}

interface RegressionCase {
  readonly description: string;
  readonly old: string;
  readonly new: string;
  readonly annotations: readonly { readonly quote: string; readonly occurrence?: number; readonly expect: Expectation }[];
}

const DIRECTORY = path.resolve(import.meta.dirname, '../../tests/fixtures/anchoring');
const CASES = readdirSync(DIRECTORY)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => [name.replace(/\.json$/, ''), JSON.parse(readFileSync(path.join(DIRECTORY, name), 'utf8')) as RegressionCase] as const);

/** Start of the `occurrence`-th (1-based) occurrence of `needle` in `text`, or -1. */
function indexOfOccurrence(text: string, needle: string, occurrence = 1): number {
  let index = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) return -1;
  }
  return index;
}

describe('anchoring regression corpus', () => {
  it('has cases', () => expect(CASES.length).toBeGreaterThanOrEqual(12));

  it.each(CASES)('%s', (_name, testCase) => {
    // Stored texts are NFC with LF line ends, as the importers leave them.
    for (const text of [testCase.old, testCase.new]) expect(text).toBe(text.normalize('NFC').replace(/\r\n?/g, '\n'));
    const targets = testCase.annotations.map(({ quote, occurrence }) => {
      const start = indexOfOccurrence(testCase.old, quote, occurrence);
      expect(start, `"${quote}" is in the old text`).toBeGreaterThanOrEqual(0);
      return textTarget(testCase.old, start, start + quote.length);
    });
    const results = anchorAll(testCase.new, targets);

    testCase.annotations.forEach(({ quote, expect: expected }, index) => {
      const result = results[index]!;
      const label = `"${quote}"`;
      expect(result.state, label).toBe(expected.state);
      if (expected.review !== undefined) expect(needsReview(result), `${label} needs review`).toBe(expected.review);
      if (expected.state === 'orphaned') return;
      const start = indexOfOccurrence(testCase.new, expected.text!, expected.occurrence);
      expect(start, `"${expected.text}" is in the new text`).toBeGreaterThanOrEqual(0);
      const truth = { start, end: start + expected.text!.length };
      // The benchmark's verdict first (recovered: covers ≥ 50% of the true place; else wrong), then the exact span.
      expect(judge(result, truth), label).toBe('recovered');
      expect(result.state !== 'orphaned' && testCase.new.slice(result.start, result.end), label).toBe(expected.text);
      expect(result, label).toMatchObject(truth);
    });
  });
});
