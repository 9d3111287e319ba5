import { describe, expect, it } from 'vitest';
import { DEFAULT_VERDICT_SCALE } from '../model/evidence.ts';
import { claimFromEntry, ratingOnScale } from './claim-from-entry.ts';

describe('a claim from an archive entry', () => {
  it('finds the rating on the verdict scale whatever its case, spaces or punctuation', () => {
    const labels = DEFAULT_VERDICT_SCALE.map((rating) => rating.label);
    for (const label of labels) {
      expect(ratingOnScale(label.toUpperCase(), DEFAULT_VERDICT_SCALE)?.label).toBe(label);
      expect(ratingOnScale(` ${label.replace(/ /g, '-')}.`, DEFAULT_VERDICT_SCALE)?.label).toBe(label);
    }
    expect(ratingOnScale('Four Pinocchios', DEFAULT_VERDICT_SCALE)).toBeUndefined();
    expect(ratingOnScale('!!', DEFAULT_VERDICT_SCALE)).toBeUndefined();
  });

  it('takes the claim, the rating as verdict with what the archive said, the URL and the published date', () => {
    const entry = {
      id: 'pf-1',
      claim: 'X said Y.',
      rating: 'false',
      url: 'https://checks.example/1',
      date: '2026-08-16T09:00:00Z',
      publisher: 'PolitiFact',
    };
    expect(claimFromEntry(entry, DEFAULT_VERDICT_SCALE, '2026-12-07', 'Ana')).toEqual({
      statement: 'X said Y.',
      verdict: {
        rating: 'false',
        rationale: 'Rated “false” by PolitiFact (https://checks.example/1).',
        reviewer: 'Ana',
        date: '2026-08-16',
      },
      reviewUrl: 'https://checks.example/1',
    });
  });

  it('keeps an unknown rating out of the verdict, ignores a URL that is not http(s) and a date that is not one', () => {
    const entry = { id: '7', claim: 'Z.', rating: 'Pants on Fire', url: 'javascript:alert(1)', date: '2026-13-45' };
    expect(claimFromEntry(entry, DEFAULT_VERDICT_SCALE, '2026-12-07', 'Ana')).toEqual({
      statement: 'Z.',
      unmatchedRating: 'Pants on Fire',
    });
    const dated = claimFromEntry({ ...entry, rating: 'False' }, DEFAULT_VERDICT_SCALE, '2026-12-07', 'Ana');
    expect(dated.verdict?.date).toBe('2026-12-07');
  });
});
