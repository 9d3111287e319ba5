import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../core/model/annotation.ts';
import { deltaBetween, recordDerivation, type AnnotationDelta } from './annotation-delta.ts';

const at = (id: string, start: number, status = 'unverified'): Annotation => ({
  id,
  target: { start, end: start + 3, exact: 'abc', prefix: '', suffix: '' },
  anchor: { state: 'exact' },
  tags: [],
  speaker: '',
  outlet: '',
  status,
  note: '',
  creator: '',
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
});

/** `base` with `put` replacing or added and `removed` taken out, recorded as derived. */
function derive(base: readonly Annotation[], put: Annotation[], removed: string[] = []): Annotation[] {
  const byId = new Map(put.map((annotation) => [annotation.id, annotation]));
  const next = base
    .filter((annotation) => !removed.includes(annotation.id))
    .map((annotation) => {
      const replacement = byId.get(annotation.id);
      byId.delete(annotation.id);
      return replacement ?? annotation;
    });
  next.push(...byId.values());
  recordDerivation(next, base, put, removed);
  return next;
}

const plain = (delta: AnnotationDelta | undefined) =>
  delta && {
    put: [...delta.put.values()].map((annotation) => `${annotation.id}:${annotation.status}`).sort(),
    removed: [...delta.removed].sort(),
  };

describe('deltaBetween', () => {
  const base = [at('a', 0), at('b', 10), at('c', 20)];

  it('folds a chain of derivations from an ancestor, later steps winning', () => {
    const one = derive(base, [at('d', 30)]);
    const two = derive(one, [at('b', 10, 'refuted')], ['c']);
    const three = derive(two, [at('c', 20, 'supported')], ['d']);
    expect(plain(deltaBetween(base, three))).toEqual({ put: ['b:refuted', 'c:supported'], removed: ['d'] });
    expect(plain(deltaBetween(one, two))).toEqual({ put: ['b:refuted'], removed: ['c'] });
  });

  it('is empty from a list to itself', () => {
    expect(plain(deltaBetween(base, base))).toEqual({ put: [], removed: [] });
  });

  it('reads back from the newer list what its sibling had changed (a pending annotation, then the written one)', () => {
    const pending = derive(base, [at('new', 5), at('a', 0, 'refuted')]);
    const written = derive(base, [at('new', 5, 'supported')]);
    // `a` was only pending: it goes back to what `written` holds; `new` is the written one.
    expect(plain(deltaBetween(pending, written))).toEqual({ put: ['a:unverified', 'new:supported'], removed: [] });
  });

  it('removes what a sibling had added and the newer list does not hold (a failed write withdrawn)', () => {
    const pending = derive(base, [at('new', 5)]);
    const withdrawn = derive(base, [at('b', 10, 'misleading')]);
    expect(plain(deltaBetween(pending, withdrawn))).toEqual({ put: ['b:misleading'], removed: ['new'] });
  });

  it('says nothing for lists not derived from one another (a document loaded again)', () => {
    const reloaded = [at('a', 0), at('b', 10)];
    expect(deltaBetween(base, reloaded)).toBeUndefined();
    expect(deltaBetween(derive(base, [at('x', 1)]), derive(reloaded, [at('y', 2)]))).toBeUndefined();
  });

  it('forgets derivations far behind the newest, so their lists can be collected', () => {
    const lists: (readonly Annotation[])[] = [base];
    for (let step = 0; step < 100; step++) lists.push(derive(lists.at(-1)!, [at(`m${step}`, 200 + step)]));
    expect(deltaBetween(lists[10]!, lists[11]!)).toBeUndefined();
    expect(plain(deltaBetween(lists[99]!, lists[100]!))).toEqual({ put: ['m99:unverified'], removed: [] });
    expect(deltaBetween(lists[70]!, lists[100]!)).toBeDefined();
  });

  it('gives up on chains longer than it follows', () => {
    let list: readonly Annotation[] = base;
    for (let step = 0; step < 40; step++) list = derive(list, [at(`n${step}`, 100 + step)]);
    expect(deltaBetween(base, list)).toBeUndefined();
  });
});
