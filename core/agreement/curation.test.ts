import { describe, expect, it } from 'vitest';
import { textTarget, type Annotation } from '../model/annotation.ts';
import { curatedIn, curationEdit, keptNothingAfter, keptNothingIn } from './curation.ts';

const TEXT = 'The mayor said the reservoir is at 12 percent, the lowest since 1976.';
const annotation = (
  id: string,
  creator: string,
  start: number,
  end: number,
  tags = ['claim'],
  more: Partial<Annotation> = {},
): Annotation => ({
  id,
  target: textTarget(TEXT, start, end),
  anchor: { state: 'exact' },
  tags,
  speaker: '',
  outlet: '',
  status: 'unverified',
  note: '',
  creator,
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  ...more,
});

const region = { start: 15, end: 45 };

describe('curatedIn', () => {
  const annotations = [
    annotation('a1', 'ann', 15, 45),
    annotation('c1', 'curator', 19, 45),
    annotation('c2', 'curator', 10, 30),
    annotation('c3', 'curator', 46, 68),
    annotation('c4', 'curator', 15, 45, ['quote']),
    annotation('c5', 'curator', 15, 45, ['claim'], { anchor: { state: 'orphaned' } }),
    annotation('x1', 'Curator', 15, 45),
  ];

  it('is the curator’s annotations inside the region, placed, with a chosen tag', () => {
    expect(curatedIn(region, annotations, 'curator', new Set(['claim'])).map((one) => one.id)).toEqual(['c1']);
  });

  it('takes every tag when none is chosen, and only that creator', () => {
    expect(curatedIn(region, annotations, 'curator').map((one) => one.id)).toEqual(['c1', 'c4']);
    expect(curatedIn(region, annotations, 'Curator').map((one) => one.id)).toEqual(['x1']);
  });
});

describe('curationEdit', () => {
  const old = annotation('c1', 'curator', 15, 45, ['claim', 'quote']);

  it('replaces the curated version there with the one written', () => {
    const written = [annotation('c2', 'curator', 19, 45)];
    expect(curationEdit([old], written)).toEqual({ put: written, remove: [old] });
  });

  it('writes nothing when the region is already curated so (tags in any order, other ids and dates)', () => {
    const again = annotation('c9', 'curator', 15, 45, ['quote', 'claim'], { created: '2026-03-03T00:00:00.000Z' });
    expect(curationEdit([old], [again])).toEqual({ put: [], remove: [] });
    expect(curationEdit([], [])).toEqual({ put: [], remove: [] });
  });

  it('removes the curated version when the decision keeps nothing there', () => {
    expect(curationEdit([old], [])).toEqual({ put: [], remove: [old] });
  });

  it('a different status, speaker or note is a different version', () => {
    for (const more of [{ status: 'refuted' }, { speaker: 'Mayor' }, { note: 'checked' }, { outlet: 'Courier' }]) {
      const written = [annotation('c2', 'curator', 15, 45, ['claim', 'quote'], more)];
      expect(curationEdit([old], written).put).toEqual(written);
    }
  });
});

describe('keptNothingIn and keptNothingAfter', () => {
  const hash = 'a'.repeat(64);
  const later = 'b'.repeat(64);
  const meta = { textHash: hash, keptNothing: [{ curator: 'curator', textHash: hash, start: 15, end: 45 }] };

  it('holds for the same curator, region and text only', () => {
    expect(keptNothingIn(region, meta, 'curator')).toBe(true);
    expect(keptNothingIn(region, meta, 'Ana')).toBe(false);
    expect(keptNothingIn({ start: 15, end: 44 }, meta, 'curator')).toBe(false);
    // A new version of the text: the decision was made on another one.
    expect(keptNothingIn(region, { ...meta, textHash: later }, 'curator')).toBe(false);
    expect(keptNothingIn(region, { textHash: hash }, 'curator')).toBe(false);
  });

  it('adds the region when nothing is kept, removes it otherwise, and is undefined when nothing changes', () => {
    expect(keptNothingAfter({ textHash: hash }, region, 'curator', true)).toEqual(meta.keptNothing);
    expect(keptNothingAfter(meta, region, 'curator', true)).toBeUndefined();
    expect(keptNothingAfter(meta, region, 'curator', false)).toEqual([]);
    expect(keptNothingAfter({ textHash: hash }, region, 'curator', false)).toBeUndefined();
    expect(keptNothingAfter(meta, region, 'Ana', true)).toEqual([
      ...meta.keptNothing,
      { curator: 'Ana', textHash: hash, start: 15, end: 45 },
    ]);
  });
});
