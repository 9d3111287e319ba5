// What "has this been checked before?" is asked against: the archive's entries and the workspace's
// own claims that have a verdict (issue 20: "our own claims with verdicts count as archive entries
// too"), as matcher targets, with what to show for each match.
import type { ArchiveEntry } from '../../core/archive/entry.ts';
import type { MatchTarget } from '../../core/matching/matcher.ts';
import type { Claim, VerdictRating } from '../../core/model/evidence.ts';

/** The prefix of a workspace claim's target id (`claim:<id>`); an archive entry's target id is its own id. */
export const CLAIM_TARGET_PREFIX = 'claim:';

/** What a target is: an archive entry, or a claim of this workspace with its verdict's label. */
export type MatchSource =
  { readonly kind: 'archive'; readonly entry: ArchiveEntry } | { readonly kind: 'claim'; readonly claim: Claim; readonly rating: string };

export interface MatchTargets {
  /** Archive entries in archive order, then claims with a verdict in the workspace's order. */
  readonly targets: MatchTarget[];
  /** The source of each target id. */
  readonly sources: ReadonlyMap<string, MatchSource>;
  readonly archiveEntries: number;
  readonly claims: number;
}

/**
 * The targets for `archive` and the verdict-bearing `claims` (rated on `scale`). Should an archive
 * entry's id be `claim:<id>` of a claim too, the claim is the one reported.
 * @example createMatcher(matchTargets(store.archive, store.evidence.claims, scale).targets)
 */
export function matchTargets(archive: readonly ArchiveEntry[], claims: readonly Claim[], scale: readonly VerdictRating[]): MatchTargets {
  const targets: MatchTarget[] = [];
  const sources = new Map<string, MatchSource>();
  for (const entry of archive) {
    targets.push({ id: entry.id, text: entry.claim, ...(entry.title === undefined ? {} : { title: entry.title }) });
    sources.set(entry.id, { kind: 'archive', entry });
  }
  const labels = new Map(scale.map((rating) => [rating.id, rating.label]));
  const rated = claims.filter((claim) => claim.verdict !== undefined);
  for (const claim of rated) {
    const id = `${CLAIM_TARGET_PREFIX}${claim.id}`;
    targets.push({ id, text: claim.statement });
    sources.set(id, { kind: 'claim', claim, rating: labels.get(claim.verdict!.rating) ?? claim.verdict!.rating });
  }
  return { targets, sources, archiveEntries: archive.length, claims: rated.length };
}
