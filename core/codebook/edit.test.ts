import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation.ts';
import { Codebook } from '../model/codebook.ts';
import { addTag, afterTagDeletion, checkCodebook, descendantsOf, removeTag, tagIdFor, tagTree, updateTag } from './edit.ts';

const codebook: Codebook = Codebook.parse({
  tags: [
    { id: 'claim-type', name: 'Claim type', color: '#5b6b82' },
    { id: 'statistic', name: 'Statistic', color: '#e6a700', parentId: 'claim-type', shortcut: '1' },
    { id: 'percent', name: 'Percentage', color: '#e6a700', parentId: 'statistic' },
    { id: 'quote', name: 'Quote', color: '#3b82f6', parentId: 'claim-type', shortcut: '2' },
  ],
});

const annotation = (tags: string[]): Annotation => ({
  id: 'a1',
  target: { start: 0, end: 4, exact: 'Text', prefix: '', suffix: '' },
  anchor: { state: 'exact' },
  tags,
  speaker: '',
  outlet: '',
  status: 'unverified',
  note: '',
  creator: '',
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
});

describe('tagIdFor', () => {
  it.each([
    ['Named official', [], 'named-official'],
    ['Named official', ['named-official'], 'named-official-2'],
    ['Named official', ['named-official', 'named-official-2'], 'named-official-3'],
    ['Déclaration  publique!', [], 'declaration-publique'],
    ['数字', [], 'tag'],
    ['  --  ', ['tag'], 'tag-2'],
  ])('%s (taken %j) → %s', (name, taken, id) => {
    expect(tagIdFor(name, new Set(taken))).toBe(id);
  });
});

describe('addTag', () => {
  it('adds a tag with an id from its name, under a parent', () => {
    const result = addTag(codebook, { name: 'Forecast', color: '#123456', parentId: 'claim-type', shortcut: '3' });
    expect(result).toMatchObject({
      ok: true,
      value: { tag: { id: 'forecast', name: 'Forecast', parentId: 'claim-type', description: '' } },
    });
    if (result.ok) expect(result.value.codebook.tags).toHaveLength(5);
  });

  it.each([
    [{ name: '', color: '#123456' }, /name/],
    [{ name: 'Bad colour', color: 'red' }, /color/],
    [{ name: 'Orphan', color: '#123456', parentId: 'nowhere' }, /unknown parent "nowhere"/],
    [{ name: 'Clash', color: '#123456', shortcut: '1' }, /The key "1" already tags as Statistic/],
    [{ name: 'Two keys', color: '#123456', shortcut: '12' }, /shortcut/],
  ])('refuses %j', (draft, message) => {
    expect(addTag(codebook, draft)).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(message) } });
  });
});

describe('updateTag', () => {
  it('renames and recolours, keeping the id', () => {
    const result = updateTag(codebook, 'quote', { name: ' Direct quote ', color: '#000000' });
    expect(result).toMatchObject({
      ok: true,
      value: { tag: { id: 'quote', name: 'Direct quote', color: '#000000', parentId: 'claim-type', shortcut: '2' } },
    });
  });

  it('clears a shortcut and a parent with null', () => {
    const result = updateTag(codebook, 'statistic', { shortcut: null, parentId: null });
    expect(result.ok && result.value.tag).toEqual({ id: 'statistic', name: 'Statistic', color: '#e6a700', description: '' });
  });

  it('refuses to put a tag inside its own descendant', () => {
    expect(updateTag(codebook, 'claim-type', { parentId: 'percent' })).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringMatching(/inside itself/) },
    });
    expect(updateTag(codebook, 'quote', { parentId: 'quote' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('refuses a key another tag uses, and an unknown tag', () => {
    expect(updateTag(codebook, 'quote', { shortcut: '1' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(updateTag(codebook, 'nope', { name: 'x' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('removeTag', () => {
  it('moves the children of a removed tag up to its parent', () => {
    const result = removeTag(codebook, 'statistic');
    expect(result.ok && result.value.tags.find((tag) => tag.id === 'percent')?.parentId).toBe('claim-type');
    expect(result.ok && checkCodebook(result.value).ok).toBe(true);
  });

  it('makes the children of a removed root roots', () => {
    const result = removeTag(codebook, 'claim-type');
    expect(result.ok && result.value.tags.filter((tag) => tag.parentId === undefined).map((tag) => tag.id)).toEqual(['statistic', 'quote']);
  });

  it('says when there is no such tag', () => {
    expect(removeTag(codebook, 'nope')).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('afterTagDeletion', () => {
  const now = '2026-02-02T00:00:00.000Z';
  it('leaves an annotation without the tag alone (the same object)', () => {
    const untouched = annotation(['quote']);
    expect(afterTagDeletion(untouched, 'statistic', { annotations: 'delete' }, now)).toBe(untouched);
  });
  it('untags, keeping the other tags', () => {
    expect(afterTagDeletion(annotation(['statistic', 'quote']), 'statistic', { annotations: 'untag' }, now)).toMatchObject({
      tags: ['quote'],
      modified: now,
    });
  });
  it('retags in place without duplicates', () => {
    expect(afterTagDeletion(annotation(['statistic', 'quote']), 'statistic', { annotations: 'retag', into: 'quote' }, now)?.tags).toEqual([
      'quote',
    ]);
    expect(afterTagDeletion(annotation(['statistic']), 'statistic', { annotations: 'retag', into: 'percent' }, now)?.tags).toEqual([
      'percent',
    ]);
  });
  it('deletes', () => {
    expect(afterTagDeletion(annotation(['statistic']), 'statistic', { annotations: 'delete' }, now)).toBeUndefined();
  });
});

describe('descendantsOf', () => {
  it('collects the whole subtree', () => {
    expect([...descendantsOf(codebook, 'claim-type')].sort()).toEqual(['claim-type', 'percent', 'quote', 'statistic']);
    expect([...descendantsOf(codebook, 'quote')]).toEqual(['quote']);
  });
});

describe('tagTree', () => {
  it('lists parents before their children, with depths', () => {
    const withLate = Codebook.parse({
      tags: [
        ...codebook.tags,
        { id: 'late', name: 'Late child', color: '#000000', parentId: 'claim-type' },
        { id: 'root-2', name: 'Second root', color: '#000000' },
      ],
    });
    expect(tagTree(withLate).map(({ tag, depth }) => `${depth}:${tag.id}`)).toEqual([
      '0:claim-type',
      '1:statistic',
      '2:percent',
      '1:quote',
      '1:late',
      '0:root-2',
    ]);
  });
});
