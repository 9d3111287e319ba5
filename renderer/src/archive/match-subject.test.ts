import { describe, expect, it } from 'vitest';
import type { CheckedSentence } from '../../../core/contract/workbench-api.ts';
import type { Annotation } from '../../../core/model/annotation.ts';
import { checkedSentenceAt, mentionOf, selectionSubject, sentenceSubject } from './match-subject.ts';

const TEXT = 'The reservoir fell to 18 percent. Farmers lost 30 million euros.\n\nNothing else.';

describe('what the Matches tab asks about', () => {
  it.each<[{ start: number; end: number }, ReturnType<typeof selectionSubject>]>([
    [
      { start: 0, end: 33 },
      { kind: 'selection', start: 0, end: 33, text: 'The reservoir fell to 18 percent.' },
    ],
    [
      { start: 33, end: 64 },
      { kind: 'selection', start: 34, end: 64, text: 'Farmers lost 30 million euros.' },
    ],
    [{ start: 64, end: 66 }, undefined],
  ])('the selection %o, its white space left out', (span, subject) => {
    expect(selectionSubject(TEXT, span)).toEqual(subject);
  });

  it('finds the matched sentence at the cursor, its end included, and none between sentences', () => {
    const sentences: CheckedSentence[] = [
      { start: 0, end: 33, matches: [] },
      { start: 66, end: 79, matches: [] },
    ];
    expect(checkedSentenceAt(sentences, 10)?.start).toBe(0);
    expect(checkedSentenceAt(sentences, 33)?.start).toBe(0);
    expect(checkedSentenceAt(sentences, 40)).toBeUndefined();
    expect(checkedSentenceAt(undefined, 10)).toBeUndefined();
    expect(sentenceSubject(TEXT, { start: 66, end: 79 })).toEqual({ kind: 'sentence', start: 66, end: 79, text: 'Nothing else.' });
  });

  it('attaches the annotation already on exactly that span, else the span as a new annotation', () => {
    const annotation = (id: string, start: number, end: number, state = 'exact') =>
      ({ id, target: { start, end }, anchor: { state } }) as unknown as Annotation;
    const annotations = [annotation('a1', 0, 20), annotation('gone', 34, 64, 'orphaned'), annotation('a2', 0, 33)];
    expect(mentionOf('doc', { start: 0, end: 33 }, annotations, () => 'new')).toEqual({ documentId: 'doc', annotationId: 'a2' });
    expect(mentionOf('doc', { start: 34, end: 64 }, annotations, () => 'new')).toEqual({
      documentId: 'doc',
      start: 34,
      end: 64,
      annotationId: 'new',
    });
  });
});
