// What the Archive view says after "Import fact-checks…" (one line per file: what was added,
// updated or unchanged, or why it was refused, and a summary) and after "Make a claim". Pure, so
// each case is tested without a browser.
import type { ArchiveFileOutcome } from '../../../core/contract/workbench-api.ts';
import type { Claim } from '../../../core/model/evidence.ts';
import { countOf, shorten } from '../ui/format.ts';

/**
 * One file's line.
 * @example describeArchiveFile({ name: 'feed.csv', status: 'imported', format: 'CSV', added: 3, updated: 1, unchanged: 0 })
 * // "3 added, 1 updated, none unchanged (CSV)"
 */
export function describeArchiveFile(outcome: ArchiveFileOutcome): string {
  if (outcome.status === 'refused') return `not imported: ${outcome.message}`;
  const { added, updated, unchanged, format } = outcome;
  const n = (count: number) => (count === 0 ? 'none' : String(count));
  return `${n(added)} added, ${n(updated)} updated, ${n(unchanged)} unchanged (${format})`;
}

/**
 * The import as a whole, for the view's status line.
 * @example summarizeArchiveImport(outcomes) // "4 fact-checks added, 1 updated from 2 files; 1 file refused. Ctrl+Z undoes the import."
 */
export function summarizeArchiveImport(outcomes: readonly ArchiveFileOutcome[]): string {
  let added = 0;
  let updated = 0;
  let imported = 0;
  for (const outcome of outcomes) {
    if (outcome.status !== 'imported') continue;
    imported += 1;
    added += outcome.added;
    updated += outcome.updated;
  }
  const refused = outcomes.length - imported;
  const changed = added + updated > 0;
  const parts = [
    imported === 0
      ? ''
      : changed
        ? `${countOf(added, 'fact-check')} added, ${updated} updated from ${countOf(imported, 'file')}`
        : `Nothing new in ${countOf(imported, 'file')}: every fact-check was already in the archive as it is`,
    refused > 0 ? `${countOf(refused, 'file')} refused` : '',
  ].filter(Boolean);
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.${changed ? ' Ctrl+Z undoes the import.' : ''}`;
}

/** What claimFromArchive answered. */
interface MadeClaim {
  readonly claim: Pick<Claim, 'statement' | 'verdict'>;
  readonly existing?: true;
  readonly unmatchedRating?: string;
}

/**
 * What the status bar says after "Make a claim" in the Archive view.
 * @example claimMadeMessage({ claim: { statement: 'X', verdict } }, () => 'False') // 'New claim “X” from the fact-check, verdict False. …'
 */
export function claimMadeMessage(made: MadeClaim, ratingLabel: (ratingId: string) => string): string {
  const statement = `“${shorten(made.claim.statement, 80)}”`;
  if (made.existing) return `${statement} is already a claim of this workspace (see the Claims view): nothing changed.`;
  const { verdict } = made.claim;
  const rated =
    made.unmatchedRating !== undefined
      ? `, with no verdict: its rating “${made.unmatchedRating}” is not on the verdict scale (set one in the Claims view)`
      : verdict
        ? `, verdict ${ratingLabel(verdict.rating)}`
        : ' (the fact-check has no rating)';
  return `New claim ${statement} from the fact-check${rated}. Add its mentions from the reader’s Matches tab. Ctrl+Z undoes it.`;
}
