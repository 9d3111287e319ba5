import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../core/model/annotation.ts';
import { differingFields, keptMine, mergedFields, myFields, type EditConflict } from './edit-conflict.ts';

const base = {
  id: 'a1',
  tags: ['quote', 'event'],
  status: 'unverified',
  speaker: 'Ana',
  outlet: '',
  note: 'Base.',
  version: 3,
} as unknown as Annotation;

const conflict = (mine: EditConflict['mine'], theirs: Partial<Annotation>): EditConflict => ({
  documentId: 'd',
  base,
  mine,
  theirs: { ...base, ...theirs, version: 4 },
});

describe('an edit that came second', () => {
  it.each<[string, EditConflict, ReturnType<typeof mergedFields>]>([
    [
      'both notes changed: both kept, theirs first',
      conflict({ note: 'Mine.' }, { note: 'Theirs.' }),
      { tags: ['quote', 'event'], status: 'unverified', speaker: 'Ana', outlet: '', note: 'Theirs.\n\nMine.' },
    ],
    [
      'different fields: each side’s change',
      conflict({ status: 'refuted', tags: ['quote', 'event'] }, { speaker: 'Ben' }),
      { tags: ['quote', 'event'], status: 'refuted', speaker: 'Ben', outlet: '', note: 'Base.' },
    ],
    [
      'tags: additions and removals of both sides',
      conflict({ tags: ['quote', 'statistic'] }, { tags: ['quote', 'event', 'opinion'] }),
      { tags: ['quote', 'opinion', 'statistic'], status: 'unverified', speaker: 'Ana', outlet: '', note: 'Base.' },
    ],
    [
      'the same field set differently: theirs (the dialog lets the analyst choose mine)',
      conflict({ status: 'refuted' }, { status: 'supported' }),
      { tags: ['quote', 'event'], status: 'supported', speaker: 'Ana', outlet: '', note: 'Base.' },
    ],
  ])('%s', (_name, given, merged) => {
    expect(mergedFields(given)).toEqual(merged);
  });

  it('lists the fields in which keeping mine differs from theirs: only those the edit set', () => {
    const given = conflict({ note: 'Mine.', status: 'refuted' }, { note: 'Theirs.', status: 'refuted', speaker: 'Ben' });
    expect(differingFields(given)).toEqual(['note']);
    expect(keptMine(given)).toMatchObject({ speaker: 'Ben', status: 'refuted', note: 'Mine.' });
    expect(myFields(given)).toMatchObject({ speaker: 'Ana', status: 'refuted', note: 'Mine.' });
  });
});
