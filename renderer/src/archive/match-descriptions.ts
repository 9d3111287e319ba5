// The words for "checked before": the gutter mark's title, the figures that disagree, and what
// the status bar says once a sentence was attached to a match. Pure, so each is tested alone.
import type { CheckedMatch } from '../../../core/contract/workbench-api.ts';
import type { Claim } from '../../../core/model/evidence.ts';
import { shorten } from '../ui/format.ts';

/** Who checked it: the fact-checker, or this workspace. */
export function checkedBy(match: Pick<CheckedMatch, 'kind' | 'publisher'>): string {
  return match.kind === 'claim' ? 'a claim in this workspace' : (match.publisher ?? 'the archive');
}

/** "strong match" or "suggestion". */
export function levelName(level: CheckedMatch['level']): string {
  return level === 'strong' ? 'strong match' : 'suggestion';
}

/**
 * The figures that disagree, as one phrase; undefined when they all agree.
 * @example describeFigures([{ text: '18 percent', checked: '25 percent' }]) // "18 percent against 25 percent"
 */
export function describeFigures(figures: CheckedMatch['figures']): string | undefined {
  const pairs = [...new Set(figures.map(({ text, checked }) => `${text} against ${checked}`))];
  return pairs.length === 0 ? undefined : pairs.join('; ');
}

/**
 * The gutter mark's title: each match's rating, who checked it, and how sure the match is, best first.
 * @example markTitle([{ rating: 'False', kind: 'archive', publisher: 'Valley Checks', level: 'suggestion', … }])
 * // "Checked before: False (Valley Checks, suggestion). The Matches tab lists them."
 */
export function markTitle(matches: readonly Pick<CheckedMatch, 'kind' | 'publisher' | 'rating' | 'level' | 'figures'>[]): string {
  const each = matches.map((match) => {
    const figures = describeFigures(match.figures);
    return `${match.rating ?? 'no rating'} (${checkedBy(match)}, ${levelName(match.level)}${figures ? `; figures differ: ${figures}` : ''})`;
  });
  return `Checked before: ${each.join('; ')}. The Matches tab lists them.`;
}

/** What attachMatch answered, as the status bar says it. */
export interface Attached {
  readonly claim: Claim;
  readonly unmatchedRating?: string;
}

/**
 * One sentence on what attaching did, for the status bar.
 * @example attachedMessage('sentence', match, { claim }, (id) => 'False')
 * // "New claim “The Lindell reservoir fell to 25 percent…” from the fact-check, verdict False, with the sentence as its mention. Ctrl+Z undoes it."
 */
export function attachedMessage(
  subject: 'selection' | 'sentence',
  match: Pick<CheckedMatch, 'kind' | 'rating'>,
  attached: Attached,
  ratingLabel: (ratingId: string) => string,
): string {
  const statement = `“${shorten(attached.claim.statement, 80)}”`;
  if (match.kind === 'claim') return `Added the ${subject} to the claim ${statement}. Ctrl+Z undoes it.`;
  const { verdict } = attached.claim;
  const rated =
    attached.unmatchedRating !== undefined
      ? `, with no verdict: its rating “${attached.unmatchedRating}” is not on the verdict scale (set one in the Claims view)`
      : verdict
        ? `, verdict ${ratingLabel(verdict.rating)}`
        : match.rating === undefined
          ? ' (the fact-check has no rating)'
          : '';
  return `New claim ${statement} from the fact-check${rated}, with the ${subject} as its mention. Ctrl+Z undoes it.`;
}
