import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../core/model/evidence.ts';
import { differingDraftFields, draftOf, mergedDraft } from './claim-conflict.ts';

const claim = {
  id: 'c1',
  statement: 'Taxes will not rise.',
  status: 'open',
  mentions: [],
  verdict: { rating: 'mixed', rationale: 'Base.', reviewer: 'Ana', date: '2026-08-16' },
  creator: '',
  created: '2026-08-16T10:00:00Z',
  modified: '2026-08-16T10:00:00Z',
  version: 2,
} as Claim;
const base = draftOf(claim, 'Ben', '2026-08-17');

describe('a claim edit that came second', () => {
  it('merges: one-sided changes from their side, texts changed on both sides kept both, theirs first', () => {
    const mine = { ...base, statement: 'Taxes will not rise in 2025.', rationale: 'Mine.' };
    const theirs = { ...base, status: 'reviewed' as const, rationale: 'Theirs.' };
    expect(mergedDraft(base, mine, theirs)).toEqual({
      ...base,
      statement: 'Taxes will not rise in 2025.',
      status: 'reviewed',
      rationale: 'Theirs.\n\nMine.',
    });
    expect(differingDraftFields(mine, theirs)).toEqual(['statement', 'status', 'rationale']);
  });

  it('takes theirs where both chose a different rating (the analyst can still keep mine)', () => {
    expect(mergedDraft(base, { ...base, rating: 'false' }, { ...base, rating: 'true' }).rating).toBe('true');
  });

  it('proposes the analyst and today for a claim without a verdict', () => {
    const { verdict: _verdict, ...bare } = claim;
    expect(draftOf(bare as Claim, 'Ben', '2026-08-17')).toMatchObject({ rating: '', reviewer: 'Ben', date: '2026-08-17' });
  });
});
