import { describe, expect, it } from 'vitest';
import type { AnnotationFileOutcome } from '../../../core/contract/workbench-api.ts';
import { describeAnnotationFileOutcome } from './annotation-file-outcome.ts';

const NOTHING: AnnotationFileOutcome = {
  format: 'w3c',
  added: 0,
  fuzzy: 0,
  duplicates: 0,
  newTags: [],
  notFound: [],
  invalid: [],
  skipped: [],
  elsewhere: 0,
};
const at = (index: number, quote: string) => ({ index, quote });
const why = (index: number, reason: string) => ({ index, reason });

const cases: [string, Partial<AnnotationFileOutcome>, string][] = [
  ['nothing in the file', {}, '0 annotations added from notes.json.'],
  ['one added: undo is offered', { added: 1 }, '1 annotation added from notes.json. Ctrl+Z undoes it.'],
  [
    'approximate matches point to Review',
    { added: 3, fuzzy: 2 },
    '3 annotations added from notes.json; 2 found by approximate match (see Review). Ctrl+Z undoes it.',
  ],
  ['duplicates only: nothing to undo', { duplicates: 4 }, '0 annotations added from notes.json; 4 already here.'],
  [
    'made on another document',
    { added: 1, elsewhere: 1 },
    '1 annotation added from notes.json; 1 left out as made on another document. Ctrl+Z undoes it.',
  ],
  [
    'two quotes not found are both named',
    { notFound: [at(0, 'the first'), at(3, 'the second')] },
    '0 annotations added from notes.json; 2 not found in this text (“the first”, “the second”).',
  ],
  [
    'more than two not found: the first two, shortened, then an ellipsis',
    { notFound: [at(0, 'a quote that is much longer than forty characters, so it is cut'), at(1, 'b'), at(2, 'c')] },
    '0 annotations added from notes.json; 3 not found in this text (“a quote that is much longer than forty…”, “b” …).',
  ],
  [
    'skipped items, counted as items',
    { skipped: [why(0, 'a page note'), why(1, 'a reply')] },
    '0 annotations added from notes.json; 2 items skipped (page notes, replies or links between annotations).',
  ],
  [
    'one skipped item',
    { skipped: [why(0, 'a page note')] },
    '0 annotations added from notes.json; 1 item skipped (page notes, replies or links between annotations).',
  ],
  [
    'unreadable: the first reason, without its full stop',
    { invalid: [why(0, 'No target.'), why(1, 'No body.')] },
    '0 annotations added from notes.json; 2 unreadable (No target).',
  ],
  [
    'new tags are listed',
    { added: 2, newTags: ['Budget', 'Health'] },
    '2 annotations added from notes.json; new tags: Budget, Health. Ctrl+Z undoes it.',
  ],
  [
    'every kind at once, in this order',
    {
      added: 5,
      fuzzy: 1,
      duplicates: 2,
      elsewhere: 1,
      notFound: [at(0, 'gone')],
      skipped: [why(0, 'reply')],
      invalid: [why(0, 'bad')],
      newTags: ['New'],
    },
    '5 annotations added from notes.json; 1 found by approximate match (see Review); 2 already here; 1 left out as made on another document; 1 not found in this text (“gone”); 1 item skipped (page notes, replies or links between annotations); 1 unreadable (bad); new tags: New. Ctrl+Z undoes it.',
  ],
];

describe('describeAnnotationFileOutcome', () => {
  it.each(cases)('%s', (_name, outcome, expected) => {
    expect(describeAnnotationFileOutcome('notes.json', { ...NOTHING, ...outcome })).toBe(expected);
  });
});
