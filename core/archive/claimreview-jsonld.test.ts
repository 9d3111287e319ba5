import { describe, expect, it } from 'vitest';
import { parseClaimReviewJsonLd } from './claimreview-jsonld.ts';

const review = (n: number) => ({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url: `https://checks.example/${n}`,
  claimReviewed: `Claim number ${n}`,
  reviewRating: { '@type': 'Rating', alternateName: 'False', ratingValue: 1 },
  author: { '@type': 'Organization', name: 'Example Checks' },
  datePublished: '2022-03-03',
  name: `Is claim ${n} true?`,
});
const entry = (n: number) => ({
  id: `https://checks.example/${n}`,
  claim: `Claim number ${n}`,
  title: `Is claim ${n} true?`,
  rating: 'False',
  url: `https://checks.example/${n}`,
  date: '2022-03-03',
  publisher: 'Example Checks',
});

describe('parseClaimReviewJsonLd', () => {
  it.each<[string, unknown]>([
    ['one review', review(1)],
    ['an array', [review(1), review(2)]],
    ['a @graph', { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage' }, review(1), review(2)] }],
    [
      'a DataFeed',
      {
        '@type': 'DataFeed',
        dataFeedElement: [
          { '@type': 'DataFeedItem', item: [review(1)] },
          { '@type': 'DataFeedItem', item: [review(2)] },
        ],
      },
    ],
  ])('reads %s', (_name, json) => {
    const result = parseClaimReviewJsonLd(JSON.stringify(json));
    const count = JSON.stringify(json).split('"ClaimReview"').length - 1;
    expect(result).toEqual({ ok: true, value: [entry(1), entry(2)].slice(0, count) });
  });

  it('takes the id from @id when there is no url, and keeps other string properties as extra', () => {
    const result = parseClaimReviewJsonLd(
      JSON.stringify({ '@type': 'ClaimReview', '@id': 'urn:x:9', claimReviewed: 'X', inLanguage: 'en' }),
    );
    expect(result).toEqual({ ok: true, value: [{ id: 'urn:x:9', claim: 'X', extra: { inLanguage: 'en' } }] });
  });

  it.each([
    ['not JSON', '{"@type": ', /Not JSON/],
    [
      'a review without a claim',
      JSON.stringify([review(1), { ...review(2), claimReviewed: '' }]),
      /Item \$\[1\]: an archive entry needs a claim/,
    ],
    [
      'a feed item without an id',
      JSON.stringify({ dataFeedElement: [{ item: [{ ...review(1), url: undefined }] }] }),
      /Item \$\.dataFeedElement\[0\]\.item\[0\]: an archive entry needs an id/,
    ],
    ['an id used twice', JSON.stringify([review(1), review(1)]), /Item \$\[1\]: the id .* was used before/],
    ['no ClaimReview at all', JSON.stringify({ '@type': 'WebPage' }), /No ClaimReview found/],
  ])('refuses %s, naming the item', (_name, text, message) => {
    const result = parseClaimReviewJsonLd(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(message);
  });
});
