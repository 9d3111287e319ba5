import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation.ts';
import { applyBulkPatch, BulkAnnotationPatch } from './bulk-edit.ts';

const vocabulary = {
  tagIds: new Set(['quote', 'statistic', 'event']),
  statusIds: new Set(['unverified', 'refuted']),
  defaultStatus: 'unverified',
};
const annotation: Annotation = {
  id: 'a',
  target: { start: 0, end: 4, exact: 'text', prefix: '', suffix: '' },
  anchor: { state: 'exact' },
  tags: ['quote', 'event'],
  status: 'unverified',
  speaker: 'Ana',
  outlet: '',
  note: 'kept',
  creator: '',
  created: '2026-01-01T00:00:00Z',
  modified: '2026-01-01T00:00:00Z',
};
const NOW = '2026-12-06T00:00:00.000Z';

describe('applyBulkPatch', () => {
  it('sets the fields given and adds and removes tags, keeping the others', () => {
    const result = applyBulkPatch(annotation, { status: 'refuted', addTags: ['statistic'], removeTags: ['event'] }, vocabulary, NOW);
    expect(result).toEqual({
      ok: true,
      value: { ...annotation, status: 'refuted', tags: ['quote', 'statistic'], modified: NOW, version: 2 },
    });
  });

  it('gives back the same annotation when nothing changes', () => {
    const result = applyBulkPatch(annotation, { speaker: 'Ana', addTags: ['quote'] }, vocabulary, NOW);
    expect(result.ok && result.value).toBe(annotation);
  });

  it('refuses a tag or status the workspace does not have', () => {
    expect(applyBulkPatch(annotation, { addTags: ['opinion'] }, vocabulary, NOW).ok).toBe(false);
    expect(applyBulkPatch(annotation, { status: 'maybe' }, vocabulary, NOW).ok).toBe(false);
    expect(applyBulkPatch(annotation, { removeTags: ['nonsense'] }, vocabulary, NOW).ok).toBe(false);
  });

  it('refuses an edit that changes nothing at all', () => {
    expect(BulkAnnotationPatch.safeParse({}).success).toBe(false);
    expect(BulkAnnotationPatch.safeParse({ status: 'refuted', note: 'x' }).success).toBe(false);
  });
});
