// "Has this been checked before?": ranks fact-check archive entries and workspace claims by how
// likely they say the same thing as a text. Lexical (BM25F over the claim, its title and word
// pairs), offline, with every feature chosen by its effect on the CLEF 2020 training tweets; see
// bench/claim-matching.ts for the numbers and DEFAULT_MATCHER_SETTINGS for the choices.
import { buildBm25, type Bm25Index } from './bm25.ts';
import { terms, type TermOptions } from './terms.ts';

/** Anything that can be matched: an archive entry, a workspace claim. */
export interface MatchTarget {
  readonly id: string;
  /** The claim as stated. */
  readonly text: string;
  /** A headline or title for it (a fact check's article title), when there is one. */
  readonly title?: string;
}

/** How sure a match is: `strong` may link by itself, `suggestion` is shown for a person to confirm. */
export type MatchLevel = 'strong' | 'suggestion' | 'weak';

export interface Match {
  readonly id: string;
  /** The BM25F score (unbounded; comparable within one query). */
  readonly score: number;
  /** The score over the target's score against its own terms: how much of the target the text covers. */
  readonly coverage: number;
  readonly level: MatchLevel;
}

export interface MatcherSettings {
  /** How targets are turned into terms. */
  readonly targetTerms: TermOptions;
  /** How query texts are turned into terms. */
  readonly queryTerms: TermOptions;
  readonly k1: number;
  readonly b: number;
  /** Field weights: the claim, its title, and word pairs of both (0 leaves pairs out). */
  readonly weights: { readonly text: number; readonly title: number; readonly pairs: number };
  /** Count a word repeated in the query once (BM25's usual reading) rather than once per occurrence. */
  readonly uniqueQueryTerms: boolean;
  /** Extra weight of names in the query (0: none; 1: a name counts twice). */
  readonly nameBoost: number;
  /** Coverage at or above which a match is a suggestion, and a strong one. */
  readonly thresholds: { readonly suggestion: number; readonly strong: number };
  /** Texts with fewer words are never strong (Meedan Check's rule: short texts match by accident). */
  readonly strongMinWords: number;
}

/** The settings measured best on the training tweets (bench/claim-matching.ts). */
export const DEFAULT_MATCHER_SETTINGS: MatcherSettings = {
  targetTerms: { numbers: true, stem: true, stopWords: true },
  queryTerms: { tweet: true, numbers: true, stem: true, stopWords: true },
  k1: 1.2,
  b: 0.75,
  weights: { text: 1, title: 1, pairs: 0 },
  uniqueQueryTerms: true,
  nameBoost: 0,
  // Calibrated on train: a tweet's top match against the best wrong one (its gold claim left out,
  // as for a claim never checked). 0.25: 75% of tweets get their claim suggested, half the
  // suggestions above it are right; 0.6: 75% of strong matches are right (19% of tweets).
  thresholds: { suggestion: 0.25, strong: 0.6 },
  strongMinWords: 8,
};

export interface Matcher {
  readonly size: number;
  /** The `top` (default 5) targets most likely to say what `text` says, best first. */
  match(text: string, options?: { readonly top?: number }): Match[];
}

/**
 * Builds a matcher over `targets`.
 * @example createMatcher([{ id: 'a1', text: 'Drinking bleach cures COVID-19.' }]).match('bleach cures covid')
 */
export function createMatcher(targets: readonly MatchTarget[], settings: MatcherSettings = DEFAULT_MATCHER_SETTINGS): Matcher {
  const usePairs = settings.weights.pairs > 0;
  const index: Bm25Index = buildBm25(
    targets.map((target) => {
      const text = terms(target.text, settings.targetTerms);
      const title = terms(target.title ?? '', settings.targetTerms);
      return { fields: usePairs ? [text.words, title.words, [...text.pairs, ...title.pairs]] : [text.words, title.words] };
    }),
    {
      k1: settings.k1,
      b: settings.b,
      weights: usePairs
        ? [settings.weights.text, settings.weights.title, settings.weights.pairs]
        : [settings.weights.text, settings.weights.title],
    },
  );
  return {
    size: index.size,
    match(text, options = {}) {
      const query = terms(text, settings.queryTerms);
      const wordCount = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
      let queryTerms = [...query.words, ...(usePairs ? query.pairs : [])];
      if (settings.uniqueQueryTerms) queryTerms = [...new Set(queryTerms)];
      for (let i = 0; i < settings.nameBoost; i++) queryTerms.push(...query.names);
      const hits = index.search(queryTerms, options.top ?? 5);
      return hits.map(({ doc, score }) => {
        const coverage = score / Math.max(1e-9, index.selfScore(doc));
        return { id: (targets[doc] as MatchTarget).id, score, coverage, level: levelOf(coverage, wordCount, settings) };
      });
    },
  };
}

function levelOf(coverage: number, wordCount: number, settings: MatcherSettings): MatchLevel {
  if (coverage >= settings.thresholds.strong && wordCount >= settings.strongMinWords) return 'strong';
  return coverage >= settings.thresholds.suggestion ? 'suggestion' : 'weak';
}
