import { describe, expect, it } from 'vitest';
import type { BulkAnnotationPatch } from '../../../core/annotations/bulk-edit.ts';
import { describeBulkEdit } from './bulk-edit-summary.ts';

const names = {
  tagName: (id: string) => ({ opinion: 'Opinion', quote: 'Quote' })[id] ?? id,
  statusLabel: (id: string) => ({ refuted: 'Refuted' })[id] ?? id,
};

const cases: [string, BulkAnnotationPatch, number, number, string][] = [
  [
    'every field',
    { status: 'refuted', speaker: 'Teresa Albescu', addTags: ['opinion'], removeTags: ['quote'] },
    3,
    3,
    'Edited 3 annotations: status Refuted, speaker Teresa Albescu, tag Opinion added, tag Quote removed. Ctrl+Z undoes it.',
  ],
  ['some had it already', { status: 'refuted' }, 5, 2, 'Edited 2 annotations (3 already had that): status Refuted. Ctrl+Z undoes it.'],
  ['one changed', { addTags: ['opinion'] }, 2, 1, 'Edited 1 annotation (1 already had that): tag Opinion added. Ctrl+Z undoes it.'],
  ['a speaker taken away', { speaker: '' }, 2, 2, 'Edited 2 annotations: speaker removed. Ctrl+Z undoes it.'],
  ['nothing changed: nothing to undo', { status: 'refuted' }, 4, 0, 'No change: the 4 annotations already had that.'],
];

describe('what the status bar says after a bulk edit', () => {
  it.each(cases)('%s', (_case, patch, selected, changed, expected) => {
    expect(describeBulkEdit(patch, selected, changed, names)).toBe(expected);
  });
});
