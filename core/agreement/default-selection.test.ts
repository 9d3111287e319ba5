import { describe, expect, it } from 'vitest';
import type { Codebook } from '../model/codebook.ts';
import { groupByCoder, type CodedAnnotation } from './coded-annotations.ts';
import { codersOf, tagsUsed } from './default-selection.ts';

const codebook: Codebook = {
  tags: [
    { id: 'claim', name: 'Claim', color: '#112233', description: '' },
    { id: 'statistic', name: 'Statistic', color: '#112233', description: '', parentId: 'claim' },
    { id: 'quote', name: 'Quote', color: '#112233', description: '' },
    { id: 'event', name: 'Event', color: '#112233', description: '' },
  ],
};

let next = 0;
const a = (creator: string, tags: string[], more: Partial<CodedAnnotation> = {}) => ({
  id: `a${next++}`,
  creator,
  target: { start: 0, end: 5 },
  tags,
  ...more,
});

const byCoder = groupByCoder([
  {
    id: 'd1',
    annotations: [
      a('ben', ['quote']),
      a('Ana', ['statistic', 'gone-from-codebook']),
      a('carl', ['event'], { anchor: { state: 'orphaned' } }),
    ],
  },
  { id: 'd2', annotations: [a('ana', ['claim'])] },
]);

describe('the default agreement selection', () => {
  it('takes every creator with annotations, sorted', () => {
    expect(codersOf(byCoder)).toEqual(['Ana', 'ana', 'ben', 'carl']);
    expect(codersOf(groupByCoder([{ id: 'd1', annotations: [] }]))).toEqual([]);
  });

  it.each([
    { coders: ['Ana', 'ben'], expected: ['statistic', 'quote'], why: 'codebook order; a tag not in the codebook is left out' },
    { coders: ['ana'], expected: ['claim'], why: 'only the tags of the chosen coders' },
    { coders: ['carl'], expected: [], why: 'an orphaned annotation is not read by the figures' },
    { coders: ['nobody'], expected: [], why: 'a coder without annotations used no tag' },
  ])('takes the tags the coders used: $why', ({ coders, expected }) => {
    expect(tagsUsed(byCoder, coders, codebook)).toEqual(expected);
  });
});
