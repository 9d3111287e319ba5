// An undo step read back from the database is the step that was kept: above all a details edit
// whose field was absent on one side, which undo must remove again (JSON alone would drop it).
import { describe, expect, it } from 'vitest';
import { withDetails, type Change } from '../../core/history/history.ts';
import type { DocumentMeta } from '../../core/model/document.ts';
import { changeFromJson, changeToJson } from './history-json.ts';

const read = (change: Change): Change => changeFromJson(JSON.parse(changeToJson(change)));

const cases: readonly { readonly name: string; readonly change: Change }[] = [
  { name: 'a new annotation (nothing before)', change: { label: 'Tag as Statistic', annotations: [] } },
  {
    name: 'a field added by a details edit',
    change: {
      label: 'Edit details',
      annotations: [],
      details: [{ documentId: 'd1', before: { sourceUrl: undefined }, after: { sourceUrl: 'https://example.org/a' } }],
    },
  },
  {
    name: 'fields changed and removed',
    change: {
      label: 'Edit details of 2 documents',
      annotations: [],
      details: [
        { documentId: 'd1', before: { outlet: 'Courier', language: 'en' }, after: { outlet: 'Herald', language: undefined } },
        { documentId: 'd2', before: {}, after: {} },
      ],
    },
  },
];

describe('an undo step as JSON', () => {
  for (const { name, change } of cases)
    it(`reads back ${name} as it was`, () => {
      const back = read(change);
      expect(back).toStrictEqual(change);
      // Each side says which fields it sets and which it removes, as the step did.
      for (const [index, edit] of (change.details ?? []).entries())
        for (const side of ['before', 'after'] as const)
          expect(Object.keys(back.details![index]![side]).toSorted()).toEqual(Object.keys(edit[side]).toSorted());
    });

  it('undoes a field added by a details edit: the field is removed again', () => {
    const meta = { id: 'd1', title: 'A', sourceUrl: 'https://example.org/a' } as unknown as DocumentMeta;
    const [edit] = read(cases[1]!.change).details!;
    expect('sourceUrl' in withDetails(meta, edit!.before)).toBe(false);
  });
});
