import { describe, expect, it } from 'vitest';
import { textTarget, type Annotation } from '../model/annotation.ts';
import { annotationsAt } from './hit-annotations.ts';

const TEXT = 'The reservoir stands at 18 percent, the lowest since 1976, officials said.';
const at = (quote: string) => [TEXT.indexOf(quote), TEXT.indexOf(quote) + quote.length] as const;
const annotation = (id: string, quote: string, tags: string[], state: Annotation['anchor']['state'] = 'exact'): Annotation => ({
  id,
  target: textTarget(TEXT, ...at(quote)),
  anchor: { state } as Annotation['anchor'],
  tags,
  speaker: '',
  outlet: '',
  status: 'unverified',
  note: '',
  creator: 'ana',
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
});

const annotations = [
  annotation('sentence', 'The reservoir stands at 18 percent', ['claim']),
  annotation('figure', '18 percent', ['statistic']),
  annotation('lowest', 'percent, the lowest', ['quote']),
  annotation('gone', 'reservoir', ['claim'], 'orphaned'),
  annotation('later', 'officials said', ['attribution']),
];

describe('annotationsAt', () => {
  it.each([
    // A hit inside two annotations, and overlapping a third: those holding it first, in text order.
    ['18 percent', ['sentence:in', 'figure:in', 'lowest:part']],
    // Inside one; the orphaned annotation (its span is in an older text) is not there.
    ['reservoir', ['sentence:in']],
    // Across the end of one and into another: overlaps both, inside neither.
    ['stands at 18 percent, the', ['sentence:part', 'figure:part', 'lowest:part']],
    // Touching an annotation's end is not overlapping it; a hit between annotations is in none.
    [' since', []],
    ['1976', []],
    [', officials', ['later:part']],
  ])('%s lies in %o', (quote, expected) => {
    const [start, end] = at(quote);
    expect(annotationsAt(annotations, start, end).map((one) => `${one.annotationId}:${one.inside ? 'in' : 'part'}`)).toEqual(expected);
  });

  it('gives the annotation’s tags, and nothing for an empty span', () => {
    const [start, end] = at('18 percent');
    expect(annotationsAt(annotations, start, end)[1]).toEqual({ annotationId: 'figure', tags: ['statistic'], inside: true });
    expect(annotationsAt(annotations, 5, 5)).toEqual([]);
  });
});
