import { describe, expect, it } from 'vitest';
import { Annotation, textTarget } from '../model/annotation.ts';
import { DocumentMeta } from '../model/document.ts';
import { Claim, DEFAULT_VERDICT_SCALE } from '../model/evidence.ts';
import { DEFAULT_STATUSES } from '../model/workspace.ts';
import { claimReviewExport, claimReviewJsonLd, claimReviews as reviewsOf, SCHEMA_ORG } from './claimreview.ts';
import type { ExportInput } from './export-input.ts';

const HASH = 'a'.repeat(64);
const TIME = '2025-01-02T03:04:05.000Z';
const TEXT = 'The mayor said taxes will not rise in 2025.';

function doc(id: string, overrides: Partial<DocumentMeta>): ExportInput['documents'][number] {
  const meta = DocumentMeta.parse({
    id,
    title: `Title of ${id}`,
    format: 'text',
    importedAt: TIME,
    importedFrom: '/tmp/x.txt',
    textHash: HASH,
    ...overrides,
  });
  const annotation = Annotation.parse({
    id: 'a1',
    target: textTarget(TEXT, 15, 42),
    tags: [],
    status: 'unverified',
    created: TIME,
    modified: TIME,
    speaker: id === 'later' ? 'Mayor Jones' : '',
  });
  return { meta, text: TEXT, annotations: [annotation] };
}

function claim(id: string, verdict?: Claim['verdict'], mentions = ['later', 'earlier', 'undated']): Claim {
  return Claim.parse({
    id,
    statement: `Taxes will not rise (${id})`,
    mentions: mentions.map((documentId) => ({ documentId, annotationId: 'a1' })),
    verdict,
    created: TIME,
    modified: TIME,
    creator: 'Ana',
  });
}

const documents = [
  doc('later', { publishedAt: '2025-03-01', outlet: 'Courier', sourceUrl: 'https://courier.example/taxes', author: 'J. Doe' }),
  doc('earlier', { publishedAt: '2025-02-01T10:00:00+01:00', outlet: 'Radio' }),
  doc('undated', {}),
];
const verdict = { rating: 'mostly-false', rationale: 'The budget raises the rate.', reviewer: 'R. Checker', date: '2025-04-01' };

const PATTERN = 'https://checks.example/claims/{claimId}';

/** The reviews with the workspace's URL pattern set, so every claim with a verdict has one. */
const claimReviews = (exported: ExportInput) => reviewsOf(exported, { urlPattern: PATTERN });

function input(claims: Claim[]): ExportInput {
  return {
    workspace: { name: 'Test', statuses: DEFAULT_STATUSES, verdictScale: DEFAULT_VERDICT_SCALE, codebook: { tags: [] } },
    documents,
    evidence: { links: [], claims },
  };
}

describe('claimReviews', () => {
  it('leaves out claims without a verdict', () => {
    const reviews = claimReviews(input([claim('c1'), claim('c2', verdict), claim('c3')]));
    expect(reviews.map((review) => review.claimReviewed)).toEqual(['Taxes will not rise (c2)']);
  });

  it("has Google's required properties and the documented shape", () => {
    const [review] = JSON.parse(
      claimReviewJsonLd(input([claim('c2', verdict)]), { urlPattern: 'https://checks.example/{claimId}' }),
    ) as Record<string, unknown>[];
    expect(review).toMatchObject({
      '@context': SCHEMA_ORG,
      '@type': 'ClaimReview',
      url: 'https://checks.example/c2',
      claimReviewed: 'Taxes will not rise (c2)',
      reviewRating: { '@type': 'Rating', alternateName: 'Mostly false' },
      author: { '@type': 'Person', name: 'R. Checker' },
      datePublished: '2025-04-01',
      reviewBody: 'The budget raises the rate.',
    });
    expect(typeof review!.claimReviewed).toBe('string');
  });

  it('rates higher for truer verdicts: best = n, worst = 1, unranked ratings by label only', () => {
    const ranked = DEFAULT_VERDICT_SCALE.filter((rating) => rating.id !== 'unproven');
    const ratingOf = (rating: string) => claimReviews(input([claim('c', { ...verdict, rating })]))[0]!.reviewRating;
    expect(ratingOf('true')).toEqual({
      '@type': 'Rating',
      ratingValue: ranked.length,
      bestRating: ranked.length,
      worstRating: 1,
      alternateName: 'True',
    });
    expect(ratingOf('false')).toMatchObject({ ratingValue: 1 });
    expect(ratingOf('mostly-false')).toMatchObject({ ratingValue: 2 });
    expect(ratingOf('unproven')).toEqual({ '@type': 'Rating', alternateName: 'Unproven' });
    expect(ratingOf('retired-rating')).toEqual({ '@type': 'Rating', alternateName: 'retired-rating' });
  });

  it('describes the claim: its appearances, the first one, and its speaker', () => {
    const { itemReviewed } = claimReviews(input([claim('c2', verdict)]))[0]!;
    expect(itemReviewed.author).toEqual({ '@type': 'Person', name: 'Mayor Jones' });
    expect(itemReviewed.datePublished).toBe('2025-02-01T10:00:00+01:00');
    expect(itemReviewed.firstAppearance).toEqual({
      '@type': 'CreativeWork',
      headline: 'Title of earlier',
      datePublished: '2025-02-01T10:00:00+01:00',
      publisher: { '@type': 'Organization', name: 'Radio' },
    });
    expect(itemReviewed.appearance).toEqual([
      itemReviewed.firstAppearance,
      {
        '@type': 'CreativeWork',
        headline: 'Title of later',
        url: 'https://courier.example/taxes',
        datePublished: '2025-03-01',
        author: { '@type': 'Person', name: 'J. Doe' },
        publisher: { '@type': 'Organization', name: 'Courier' },
      },
      { '@type': 'CreativeWork', headline: 'Title of undated' },
    ]);
  });

  it('has no first appearance when no mention is dated, and falls back to the claim creator as author', () => {
    const review = claimReviews(input([claim('c4', { ...verdict, reviewer: '', rationale: '' }, ['undated'])]))[0]!;
    expect(review.itemReviewed.firstAppearance).toBeUndefined();
    expect(review.itemReviewed.author).toBeUndefined();
    expect(review.author).toEqual({ '@type': 'Person', name: 'Ana' });
    expect(review).not.toHaveProperty('reviewBody');
  });
});

describe('the review url', () => {
  const withUrl = (id: string, reviewUrl: string) => Claim.parse({ ...claim(id, verdict), reviewUrl });

  it("is the claim's own review URL, else the workspace's pattern with the claim's id", () => {
    const { reviews, withoutUrl } = claimReviewExport(input([withUrl('c1', 'https://own.example/c1-check'), claim('c_2', verdict)]), {
      urlPattern: PATTERN,
    });
    expect(reviews.map((review) => review.url)).toEqual(['https://own.example/c1-check', 'https://checks.example/claims/c_2']);
    expect(withoutUrl).toEqual([]);
  });

  it('leaves out, and counts, a claim with a verdict but neither: no made-up address', () => {
    const { reviews, withoutUrl } = claimReviewExport(
      input([claim('c1', verdict), withUrl('c2', 'https://own.example/c2'), claim('c3'), claim('c4', verdict)]),
    );
    expect(reviews.map((review) => review.url)).toEqual(['https://own.example/c2']);
    expect(withoutUrl.map((item) => item.id)).toEqual(['c1', 'c4']);
    expect(JSON.parse(claimReviewJsonLd(input([claim('c1', verdict)])))).toEqual([]);
  });

  it('is an http(s) address, and a pattern must say where the id goes', async () => {
    const { ReviewUrlPattern } = await import('../model/evidence.ts');
    expect(Claim.safeParse({ ...claim('c1'), reviewUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(Claim.safeParse({ ...claim('c1'), reviewUrl: 'https://fc.example/a' }).success).toBe(true);
    expect(ReviewUrlPattern.safeParse('https://fc.example/claims/').success).toBe(false);
    expect(ReviewUrlPattern.safeParse('ftp://fc.example/{claimId}').success).toBe(false);
    expect(ReviewUrlPattern.safeParse('https://fc.example/claims/{claimId}').success).toBe(true);
  });
});
