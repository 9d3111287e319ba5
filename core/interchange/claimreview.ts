// schema.org ClaimReview (https://schema.org/ClaimReview) for each claim with a verdict, as
// fact-checkers publish it and Google's Fact Check Explorer reads it.
//
// The rating: `alternateName` is the verdict's label (what readers see). The number follows
// schema.org's convention that higher is better: the scale's order is its ranking, best first in
// the settings, so the first rating is `bestRating` = n and the last ranked one is `worstRating` = 1.
// Ratings that rank nothing ("unproven" by default: it is not worse than "false") and ratings no
// longer on the scale get the label only, which Google accepts (the textual rating is the one it shows).
//
// The `url` is the analyst's published fact check (Google requires it): the claim's own `reviewUrl`,
// else the workspace's pattern. A claim with neither is left out and counted, never given a made-up address.
import { reviewUrlOf, type Claim, type Verdict } from '../model/evidence.ts';
import { timelineOf, type Appearance } from '../evidence/claims-view.ts';
import { exportIndex, type ExportIndex, type ExportInput } from './export-input.ts';

export const SCHEMA_ORG = 'https://schema.org';

export interface SchemaPerson {
  readonly '@type': 'Person';
  readonly name: string;
}

export interface SchemaOrganization {
  readonly '@type': 'Organization';
  readonly name: string;
}

/** Where a claim appeared: one of its mentions' documents. */
export interface SchemaCreativeWork {
  readonly '@type': 'CreativeWork';
  readonly headline: string;
  /** The document's `sourceUrl` when it has one. */
  readonly url?: string;
  readonly datePublished?: string;
  readonly author?: SchemaPerson;
  readonly publisher?: SchemaOrganization;
}

export interface SchemaRating {
  readonly '@type': 'Rating';
  readonly alternateName: string;
  readonly ratingValue?: number;
  readonly bestRating?: number;
  readonly worstRating?: number;
}

export interface ClaimReviewJsonLd {
  readonly '@context': typeof SCHEMA_ORG;
  readonly '@type': 'ClaimReview';
  /** The page of the fact check (Google requires it for Search). */
  readonly url: string;
  readonly claimReviewed: string;
  readonly reviewRating: SchemaRating;
  readonly itemReviewed: {
    readonly '@type': 'Claim';
    /** The speaker of the earliest mention that names one. */
    readonly author?: SchemaPerson;
    /** When the claim was first published: the first appearance's date. */
    readonly datePublished?: string;
    readonly appearance?: readonly SchemaCreativeWork[];
    readonly firstAppearance?: SchemaCreativeWork;
  };
  readonly author?: SchemaPerson;
  readonly datePublished: string;
  /** The rationale (Markdown source). */
  readonly reviewBody?: string;
}

export interface ClaimReviewOptions {
  /** Rating ids that rank nothing and get no number. Default: `['unproven']`. */
  readonly unrankedRatings?: readonly string[];
  /**
   * The review URL of a claim without its own `reviewUrl`, `{claimId}` standing for its id
   * (the workspace's `reviewUrlPattern`, or the export's option).
   */
  readonly urlPattern?: string;
}

/** What claimreview.jsonld holds, and the claims with a verdict it had to leave out. */
export interface ClaimReviewExport {
  readonly reviews: ClaimReviewJsonLd[];
  /** Claims with a verdict but no review URL (their own or from the pattern), in `evidence.claims` order. */
  readonly withoutUrl: readonly Claim[];
}

/**
 * One ClaimReview for each claim with a verdict and a review URL, in the order of `evidence.claims`.
 * Appearances are the mentions in the exported documents, earliest first (core/evidence/claims-view.ts).
 * @example const { reviews, withoutUrl } = claimReviewExport(input, { urlPattern: 'https://fc.example/{claimId}' })
 */
export function claimReviewExport(input: ExportInput, options: ClaimReviewOptions = {}): ClaimReviewExport {
  const index = exportIndex(input);
  const unranked = new Set(options.unrankedRatings ?? ['unproven']);
  const ranked = input.workspace.verdictScale.filter((rating) => !unranked.has(rating.id));
  const withoutUrl: Claim[] = [];
  const reviews = input.evidence.claims.flatMap((claim): ClaimReviewJsonLd[] => {
    const verdict = claim.verdict;
    if (verdict === undefined) return [];
    const url = reviewUrlOf(claim, options.urlPattern);
    if (url === undefined) {
      withoutUrl.push(claim);
      return [];
    }
    const appearances = timelineOf(claim, index.mentionLookup);
    // One appearance per document: several mentions in one article are one appearance of the claim.
    const documents = appearances.filter(
      (appearance, position) => appearances.findIndex((other) => other.ref.documentId === appearance.ref.documentId) === position,
    );
    const works = documents.map((appearance) => creativeWork(appearance, index));
    const first = documents[0]?.instant !== undefined ? works[0] : undefined;
    const speaker = appearances.find((appearance) => appearance.speaker !== '')?.speaker;
    return [
      {
        '@context': SCHEMA_ORG,
        '@type': 'ClaimReview',
        url,
        claimReviewed: claim.statement,
        reviewRating: rating(
          verdict,
          input,
          ranked.map((item) => item.id),
        ),
        itemReviewed: {
          '@type': 'Claim',
          ...(speaker !== undefined ? { author: person(speaker) } : {}),
          ...(first?.datePublished !== undefined ? { datePublished: first.datePublished } : {}),
          ...(works.length > 0 ? { appearance: works } : {}),
          ...(first !== undefined ? { firstAppearance: first } : {}),
        },
        ...(verdict.reviewer.trim() !== ''
          ? { author: person(verdict.reviewer) }
          : claim.creator.trim() !== ''
            ? { author: person(claim.creator) }
            : {}),
        datePublished: verdict.date,
        ...(verdict.rationale.trim() !== '' ? { reviewBody: verdict.rationale } : {}),
      },
    ];
  });
  return { reviews, withoutUrl };
}

/** The reviews of `claimReviewExport`, for callers that report nothing. */
export function claimReviews(input: ExportInput, options: ClaimReviewOptions = {}): ClaimReviewJsonLd[] {
  return claimReviewExport(input, options).reviews;
}

/** claimreview.jsonld: the reviews as a JSON array, each with its own @context. */
export function claimReviewJsonText(reviews: readonly ClaimReviewJsonLd[]): string {
  return `${JSON.stringify(reviews, null, 2)}\n`;
}

/** claimreview.jsonld of `input` (see `claimReviewExport`). */
export function claimReviewJsonLd(input: ExportInput, options: ClaimReviewOptions = {}): string {
  return claimReviewJsonText(claimReviews(input, options));
}

function rating(verdict: Verdict, input: ExportInput, ranked: readonly string[]): SchemaRating {
  const label = input.workspace.verdictScale.find((item) => item.id === verdict.rating)?.label ?? verdict.rating;
  const position = ranked.indexOf(verdict.rating);
  if (position < 0 || ranked.length < 2) return { '@type': 'Rating', alternateName: label };
  return { '@type': 'Rating', ratingValue: ranked.length - position, bestRating: ranked.length, worstRating: 1, alternateName: label };
}

function creativeWork(appearance: Appearance, index: ExportIndex): SchemaCreativeWork {
  const meta = index.find(appearance.ref)?.document.meta;
  return {
    '@type': 'CreativeWork',
    headline: appearance.documentTitle,
    ...(meta?.sourceUrl !== undefined ? { url: meta.sourceUrl } : {}),
    ...(appearance.date !== undefined ? { datePublished: appearance.date } : {}),
    ...(meta !== undefined && meta.author.trim() !== '' ? { author: person(meta.author) } : {}),
    ...(appearance.outlet !== '' ? { publisher: { '@type': 'Organization', name: appearance.outlet } } : {}),
  };
}

function person(name: string): SchemaPerson {
  return { '@type': 'Person', name: name.trim() };
}

/**
 * What an export says about the claims `claimReviewExport` left out, or undefined when there are none.
 * @example describeWithoutUrl(2) // '2 claims have no review URL and were left out of claimreview.jsonld: …'
 */
export function describeWithoutUrl(count: number): string | undefined {
  if (count === 0) return undefined;
  const claims = count === 1 ? '1 claim has' : `${count} claims have`;
  return `${claims} no review URL and ${count === 1 ? 'was' : 'were'} left out of claimreview.jsonld: set the claim's review URL in the Claims view, or a review URL pattern for the workspace.`;
}
