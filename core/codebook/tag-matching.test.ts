// The three answers to "is this incoming tag one of mine?" on the same tags, one row per case, so
// that where they differ is visible (and deliberate: see the table in ./tag-matching.ts).
import { describe, expect, it } from 'vitest';
import type { Tag } from '../model/codebook.ts';
import { tagMatcherByGuidIdOrName, tagMatcherById, tagMatcherByName } from './tag-matching.ts';

const GUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const mine: Tag[] = [
  { id: 'economy', name: 'Economy', color: '#111111', description: '', guid: GUID },
  { id: 'stat', name: 'Statistic', color: '#222222', description: '' },
  { id: 'econ-2', name: 'Economy', color: '#333333', description: '', parentId: 'stat' },
  { id: 'quote', name: 'Quote', color: '#444444', description: '' },
];
const incoming = (id: string, name: string, more: Partial<Tag> = {}): Tag => ({ id, name, color: '#000000', description: '', ...more });

describe('tag matching', () => {
  // [case, incoming tag, its parent in this workspace, codebook import, bundle merge, annotation file]
  it.each<[string, Tag, string | undefined, string | undefined, string | undefined, string | undefined]>([
    ['same id, same name', incoming('stat', 'Statistic'), undefined, 'stat', 'stat', 'stat'],
    ['same id, another name', incoming('stat', 'Figures'), undefined, 'stat', 'stat', undefined],
    ['another id, the same name in another case', incoming('x', 'STATISTIC'), undefined, 'stat', undefined, 'stat'],
    [
      'a GUID of mine (any case) under another id and name',
      incoming('y', 'Money', { guid: GUID.toUpperCase() }),
      undefined,
      'economy',
      undefined,
      undefined,
    ],
    ['a name used twice, under a parent', incoming('z', 'Economy'), 'stat', 'econ-2', undefined, 'economy'],
    ['a name used twice, with the id of the second', incoming('econ-2', 'Economy'), undefined, 'econ-2', 'econ-2', 'econ-2'],
    ['the id of a tag with another name', incoming('quote', 'Economy'), undefined, 'quote', 'quote', 'economy'],
  ])('%s', (_case, tag, parentId, codebookImport, bundleMerge, annotationFile) => {
    expect(tagMatcherByGuidIdOrName(mine)(tag, parentId, () => true)?.id).toBe(codebookImport);
    expect(tagMatcherById(mine)(tag)?.id).toBe(bundleMerge);
    expect(tagMatcherByName(mine).match(tag)).toBe(annotationFile);
  });

  it('codebook import: a tag already matched is not matched again, and the next handle is tried', () => {
    const match = tagMatcherByGuidIdOrName(mine);
    expect(match(incoming('stat', 'Economy'), undefined, (id) => id !== 'stat')?.id).toBe('economy');
    expect(match(incoming('x', 'Statistic'), undefined, (id) => id !== 'stat')).toBeUndefined();
  });

  it('annotation file: a tag planned during the import is matched by its name from then on', () => {
    const tags = tagMatcherByName(mine);
    expect(tags.match({ name: 'rumour' })).toBeUndefined();
    tags.add(incoming('rumour', 'Rumour'));
    expect(tags.match({ name: 'RUMOUR' })).toBe('rumour');
  });
});
