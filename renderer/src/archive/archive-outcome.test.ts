import { describe, expect, it } from 'vitest';
import type { ArchiveFileOutcome } from '../../../core/contract/workbench-api.ts';
import { claimMadeMessage, describeArchiveFile, summarizeArchiveImport } from './archive-outcome.ts';

const imported = (name: string, added: number, updated: number, unchanged: number): ArchiveFileOutcome => ({
  name,
  status: 'imported',
  format: 'CSV',
  added,
  updated,
  unchanged,
});
const refused: ArchiveFileOutcome = { name: 'broken.tsv', status: 'refused', message: 'CheckThat! TSV: Line 2: a line needs 3 columns' };

describe('what the Archive view says after an import', () => {
  it.each<[ArchiveFileOutcome, string]>([
    [imported('feed.csv', 3, 0, 0), '3 added, none updated, none unchanged (CSV)'],
    [imported('feed.csv', 0, 1, 2), 'none added, 1 updated, 2 unchanged (CSV)'],
    [refused, 'not imported: CheckThat! TSV: Line 2: a line needs 3 columns'],
  ])('a file: %o', (outcome, line) => {
    expect(describeArchiveFile(outcome)).toBe(line);
  });

  it.each<[ArchiveFileOutcome[], string]>([
    [[imported('a.csv', 3, 0, 0)], '3 fact-checks added, 0 updated from 1 file. Ctrl+Z undoes the import.'],
    [[imported('a.csv', 1, 1, 5), refused], '1 fact-check added, 1 updated from 1 file; 1 file refused. Ctrl+Z undoes the import.'],
    [[imported('a.csv', 0, 0, 3)], 'Nothing new in 1 file: every fact-check was already in the archive as it is.'],
    [[refused, refused], '2 files refused.'],
  ])('the whole import: %o', (outcomes, summary) => {
    expect(summarizeArchiveImport(outcomes)).toBe(summary);
  });
});

describe('what the status bar says after “Make a claim”', () => {
  const verdict = { rating: 'false', rationale: 'Rated “False” by Valley Checks.', reviewer: 'Ana', date: '2026-08-16' };
  const label = (id: string) => (id === 'false' ? 'False' : id);
  it.each([
    [
      { claim: { statement: 'The reservoir fell', verdict } },
      'New claim “The reservoir fell” from the fact-check, verdict False. Add its mentions from the reader’s Matches tab. Ctrl+Z undoes it.',
    ],
    [
      { claim: { statement: 'A shark on the highway' }, unmatchedRating: 'Pants on Fire' },
      'New claim “A shark on the highway” from the fact-check, with no verdict: its rating “Pants on Fire” is not on the verdict scale (set one in the Claims view). Add its mentions from the reader’s Matches tab. Ctrl+Z undoes it.',
    ],
    [
      { claim: { statement: 'Unrated' } },
      'New claim “Unrated” from the fact-check (the fact-check has no rating). Add its mentions from the reader’s Matches tab. Ctrl+Z undoes it.',
    ],
    [
      { claim: { statement: 'The reservoir fell', verdict }, existing: true as const },
      '“The reservoir fell” is already a claim of this workspace (see the Claims view): nothing changed.',
    ],
  ])('%#', (made, said) => {
    expect(claimMadeMessage(made, label)).toBe(said);
  });
});
