// "Has this been checked before?" for the service: a matcher over the archive and the workspace's
// claims with a verdict, and its answers as the contract's CheckedMatch (with the figures that
// disagree). Loaded when first asked (it brings the sentence splitter's model and chrono-node), and
// built again only when the archive or the claims changed.
import type { ArchiveEntry } from '../../core/archive/entry.ts';
import type { CheckedMatch, CheckedSentence } from '../../core/contract/archive-api.ts';
import { figuresThatDisagree } from '../../core/matching/figures.ts';
import { matchSentencesByBlock } from '../../core/matching/match-sentences.ts';
import { createMatcher, type Match, type Matcher } from '../../core/matching/matcher.ts';
import type { Claim, VerdictRating } from '../../core/model/evidence.ts';
import { CLAIM_TARGET_PREFIX, matchTargets, type MatchTargets } from './match-targets.ts';

export interface CheckedBefore {
  match(text: string, top: number): CheckedMatch[];
  matchDocument(text: string): CheckedSentence[];
  /** `matchDocument` a block (a paragraph, or a headline) at a time, with where the block ends in `text`. */
  matchDocumentByBlock(text: string): Generator<{ readonly sentences: CheckedSentence[]; readonly end: number }>;
}

/**
 * A matcher over `archive` and the rated `claims`, answering as the contract does.
 * @example checkedBefore(store.archive, store.evidence.claims, scale).match('The reservoir is at 18 percent', 5)
 */
export function checkedBefore(archive: readonly ArchiveEntry[], claims: readonly Claim[], scale: readonly VerdictRating[]): CheckedBefore {
  const targets = matchTargets(archive, claims, scale);
  const matcher: Matcher = createMatcher(targets.targets);
  const view = (text: string) => (match: Match) => checkedMatch(targets, text, match);
  return {
    match: (text, top) =>
      matcher
        .match(text, { top })
        .filter((match) => match.level !== 'weak')
        .map(view(text)),
    matchDocument(text) {
      const sentences: CheckedSentence[] = [];
      for (const block of this.matchDocumentByBlock(text)) sentences.push(...block.sentences);
      return sentences;
    },
    *matchDocumentByBlock(text) {
      for (const block of matchSentencesByBlock(matcher, text)) {
        yield {
          end: block.end,
          sentences: block.sentences.map(({ start, end, matches }) => ({ start, end, matches: matches.map(view(text.slice(start, end))) })),
        };
      }
    },
  };
}

function checkedMatch(targets: MatchTargets, text: string, match: Match): CheckedMatch {
  const source = targets.sources.get(match.id)!;
  const level = match.level === 'strong' ? 'strong' : 'suggestion';
  const common = { score: round(match.score), coverage: round(match.coverage), level } as const;
  if (source.kind === 'claim') {
    const { claim } = source;
    return {
      kind: 'claim',
      id: match.id.slice(CLAIM_TARGET_PREFIX.length),
      text: claim.statement,
      rating: source.rating,
      ...(claim.verdict?.date ? { date: claim.verdict.date } : {}),
      ...(claim.reviewUrl ? { url: claim.reviewUrl } : {}),
      ...common,
      figures: disagreements(text, claim.statement),
    };
  }
  const { entry } = source;
  return {
    kind: 'archive',
    id: entry.id,
    text: entry.claim,
    ...(entry.rating !== undefined ? { rating: entry.rating } : {}),
    ...(entry.publisher !== undefined ? { publisher: entry.publisher } : {}),
    ...(entry.date !== undefined ? { date: entry.date } : {}),
    ...(entry.url !== undefined ? { url: entry.url } : {}),
    ...common,
    figures: disagreements(text, entry.claim),
  };
}

function disagreements(text: string, checked: string): CheckedMatch['figures'] {
  return figuresThatDisagree(text, checked).map(({ left, right }) => ({ text: left.text, checked: right.text }));
}

const round = (value: number) => Math.round(value * 1000) / 1000;
