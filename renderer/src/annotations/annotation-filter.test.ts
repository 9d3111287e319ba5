import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../core/model/annotation.ts';
import { filterAnnotations, NO_FILTER } from './annotation-filter.ts';

const annotation = (id: string, exact: string, tags: string[], status: string, speaker = ''): Annotation => ({
  id,
  target: { start: 0, end: exact.length, exact, prefix: '', suffix: '' },
  anchor: { state: 'exact' },
  tags,
  status,
  speaker,
  outlet: '',
  note: '',
  creator: '',
  created: '2026-01-01T00:00:00Z',
  modified: '2026-01-01T00:00:00Z',
});

const annotations = [
  annotation('a', 'reservoir at 18 percent', ['statistic'], 'supported', 'City of Valmont'),
  annotation('b', 'taps will run dry', ['quote', 'named-official'], 'misleading', 'Teresa Albescu'),
  annotation('c', 'hospital postponed surgery', ['event', 'outlet-report'], 'unverified'),
];
const parents = new Map<string, string | undefined>([
  ['statistic', 'claim-type'],
  ['quote', 'claim-type'],
  ['event', 'claim-type'],
  ['named-official', 'attribution'],
  ['outlet-report', 'attribution'],
]);
const ids = (filter: Partial<typeof NO_FILTER>) =>
  filterAnnotations(annotations, { ...NO_FILTER, ...filter }, parents).map((annotation) => annotation.id);

describe('filterAnnotations', () => {
  it.each([
    [{}, ['a', 'b', 'c']],
    [{ tag: 'quote' }, ['b']],
    [{ tag: 'attribution' }, ['b', 'c']],
    [{ status: 'unverified' }, ['c']],
    [{ query: 'albescu' }, ['b']],
    [{ query: 'percent 18' }, ['a']],
    [{ tag: 'claim-type', status: 'supported' }, ['a']],
  ])('%j', (filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });
});

describe('filterAnnotations by any spelling of a speaker', () => {
  it('finds the annotations of a speaker by one of its other spellings', () => {
    const spellingsOf = (speaker: string) => (speaker === 'Teresa Albescu' ? [speaker, 'Mayor Albescu'] : [speaker]);
    const found = filterAnnotations(annotations, { ...NO_FILTER, query: 'mayor' }, parents, spellingsOf);
    expect(found.map((annotation) => annotation.id)).toEqual(['b']);
    expect(filterAnnotations(annotations, { ...NO_FILTER, query: 'mayor' }, parents)).toEqual([]);
  });
});
