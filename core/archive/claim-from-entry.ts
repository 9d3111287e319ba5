// An archive entry made a workspace claim: its claim as the statement, its rating as the verdict
// where the workspace's verdict scale has a rating of that name, its URL as the review URL. A
// fact-checker's label the scale does not have ("Four Pinocchios") is not forced onto the scale:
// the claim gets no verdict, and the rationale says what the archive said.
import type { ArchiveEntry } from './entry.ts';
import { ReviewUrl, STATEMENT_MAX, type Verdict, type VerdictRating } from '../model/evidence.ts';

/** What a claim takes from an archive entry. */
export interface ClaimFromEntry {
  readonly statement: string;
  readonly verdict?: Verdict;
  readonly reviewUrl?: string;
  /** The rating the scale has no rating for, to show the analyst. */
  readonly unmatchedRating?: string;
}

/** Letters and digits only, lowercased: "Mostly-True" and "mostly true" are one label. */
const labelKey = (label: string) => label.toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The rating of `scale` whose id or label is `rating`, ignoring case, spaces and punctuation.
 * @example ratingOnScale('Mostly-true', [{ id: 'mostly-true', label: 'Mostly true', color: '#…' }])?.id // 'mostly-true'
 */
export function ratingOnScale(rating: string, scale: readonly VerdictRating[]): VerdictRating | undefined {
  const key = labelKey(rating);
  if (key === '') return undefined;
  return scale.find((candidate) => labelKey(candidate.label) === key || labelKey(candidate.id) === key);
}

/**
 * The claim fields for `entry`. `today` (YYYY-MM-DD) dates a verdict whose entry has no
 * usable date; `reviewer` is who takes it over (the analyst).
 * @example claimFromEntry({ id: 'pf-1', claim: 'X', rating: 'False', publisher: 'PolitiFact' }, scale, '2026-12-07', 'Ana').verdict?.rating // 'false'
 */
export function claimFromEntry(entry: ArchiveEntry, scale: readonly VerdictRating[], today: string, reviewer: string): ClaimFromEntry {
  const statement = entry.claim.length > STATEMENT_MAX ? `${entry.claim.slice(0, STATEMENT_MAX - 1)}…` : entry.claim;
  const url = entry.url !== undefined && ReviewUrl.safeParse(entry.url).success ? entry.url : undefined;
  const rated = entry.rating === undefined ? undefined : ratingOnScale(entry.rating, scale);
  const by = entry.publisher === undefined ? 'the fact-check archive' : entry.publisher;
  const published = /^\d{4}-\d{2}-\d{2}/.exec(entry.date ?? '')?.[0];
  const date = published !== undefined && !Number.isNaN(Date.parse(published)) ? published : today;
  return {
    statement,
    ...(rated !== undefined
      ? { verdict: { rating: rated.id, rationale: `Rated “${entry.rating}” by ${by}${url ? ` (${url})` : ''}.`, reviewer, date } }
      : {}),
    ...(url !== undefined ? { reviewUrl: url } : {}),
    ...(entry.rating !== undefined && rated === undefined ? { unmatchedRating: entry.rating } : {}),
  };
}
