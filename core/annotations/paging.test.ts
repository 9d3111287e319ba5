import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation.ts';
import { annotationPage, compareTextOrder } from './paging.ts';

const annotation = (id: string, start: number, end: number) => ({ id, target: { start, end } }) as Annotation;

describe('annotationPage', () => {
  const all = [annotation('c', 10, 20), annotation('a', 0, 5), annotation('b', 0, 9), annotation('e', 10, 20), annotation('d', 30, 31)];

  it('pages through every annotation once, in text order', () => {
    const seen: string[] = [];
    let page = annotationPage(all, undefined, 2);
    seen.push(...page.annotations.map((item) => item.id));
    while (page.next) {
      page = annotationPage(all, page.next, 2);
      seen.push(...page.annotations.map((item) => item.id));
    }
    expect(seen).toEqual(['b', 'a', 'c', 'e', 'd']);
  });

  it('has no next cursor on the last page, and an empty page after the end', () => {
    expect(annotationPage(all, undefined, 5).next).toBeUndefined();
    expect(annotationPage(all, { start: 30, end: 31, id: 'd' }, 5)).toEqual({ annotations: [] });
  });

  it('skips nothing when an annotation before the cursor is removed or added between pages', () => {
    const first = annotationPage(all, undefined, 2);
    const changed = [...all.filter((item) => item.id !== 'a'), annotation('z', 1, 2)];
    const rest = annotationPage(changed, first.next, 10);
    expect(rest.annotations.map((item) => item.id)).toEqual(['z', 'c', 'e', 'd']);
  });

  it('orders ties by id, so the order is total', () => {
    expect(compareTextOrder(annotation('a', 1, 2), annotation('b', 1, 2))).toBeLessThan(0);
    expect(compareTextOrder(annotation('a', 1, 2), { start: 1, end: 2, id: 'a' })).toBe(0);
  });
});
