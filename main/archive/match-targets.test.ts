// The workspace's own claims with a verdict are matched beside the archive (issue 20), as
// `claim:<id>`, with their verdict's label; claims without a verdict are not "checked before".
import { describe, expect, it } from 'vitest';
import type { ArchiveEntry } from '../../core/archive/entry.ts';
import { createMatcher } from '../../core/matching/matcher.ts';
import { DEFAULT_VERDICT_SCALE, type Claim } from '../../core/model/evidence.ts';
import { matchTargets } from './match-targets.ts';

const ARCHIVE: ArchiveEntry[] = [
  {
    id: 'https://checks.example/1',
    claim: 'The mayor cut the water budget by 18 percent.',
    title: 'Did the mayor cut the water budget?',
    rating: 'False',
  },
  { id: '7', claim: 'A photo shows a shark swimming on a flooded highway.' },
];

function claim(id: string, statement: string, rating?: string): Claim {
  const time = '2026-08-15T10:00:00.000Z';
  return {
    id,
    statement,
    mentions: [],
    status: 'reviewed',
    creator: '',
    created: time,
    modified: time,
    ...(rating ? { verdict: { rating, rationale: '', reviewer: '', date: '2026-08-15' } } : {}),
  };
}

describe('matchTargets', () => {
  it('lists archive entries as imported, then claims with a verdict as claim:<id>, and leaves out claims without one', () => {
    const claims = [
      claim('c1', 'Valmont tap water is unsafe to drink.', 'mostly-false'),
      claim('c2', 'The reservoir is at 12 percent.'),
      claim('c3', 'Rationing starts in May.', 'retired-rating'),
    ];
    const { targets, sources, archiveEntries, claims: rated } = matchTargets(ARCHIVE, claims, DEFAULT_VERDICT_SCALE);
    expect(targets).toEqual([
      { id: 'https://checks.example/1', text: ARCHIVE[0]!.claim, title: ARCHIVE[0]!.title },
      { id: '7', text: ARCHIVE[1]!.claim },
      { id: 'claim:c1', text: 'Valmont tap water is unsafe to drink.' },
      { id: 'claim:c3', text: 'Rationing starts in May.' },
    ]);
    expect([archiveEntries, rated]).toEqual([2, 2]);
    expect(sources.get('7')).toEqual({ kind: 'archive', entry: ARCHIVE[1] });
    // The label from the scale; a rating since removed from the scale shows its id.
    expect(sources.get('claim:c1')).toMatchObject({ kind: 'claim', rating: 'Mostly false', claim: { id: 'c1' } });
    expect(sources.get('claim:c3')).toMatchObject({ kind: 'claim', rating: 'retired-rating' });
  });

  it('lets a claim of the workspace be the best match of a text', () => {
    const { targets } = matchTargets(ARCHIVE, [claim('c1', 'Valmont tap water is unsafe to drink.', 'false')], DEFAULT_VERDICT_SCALE);
    expect(createMatcher(targets).match('Is tap water in Valmont unsafe to drink?')[0]?.id).toBe('claim:c1');
  });
});
