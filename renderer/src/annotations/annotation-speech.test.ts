import { describe, expect, it } from 'vitest';
import { Annotation } from '../../../core/model/annotation.ts';
import { annotationSpeech } from './annotation-speech.ts';

const TIME = '2026-12-01T10:00:00.000Z';
const annotation = (id: string, start: number, fields: Partial<{ tags: string[]; status: string; speaker: string }> = {}) =>
  Annotation.parse({
    id,
    target: { start, end: start + 5, exact: 'hello', prefix: '', suffix: '' },
    tags: fields.tags ?? [],
    status: fields.status ?? 'unverified',
    speaker: fields.speaker ?? '',
    created: TIME,
    modified: TIME,
  });

describe('annotationSpeech', () => {
  const context = {
    tagName: (id: string) => ({ statistic: 'Statistic', quote: 'Quote' })[id] ?? id,
    statusLabel: (id: string) => ({ unverified: 'Unverified', supported: 'Supported' })[id] ?? id,
    claims: new Map([['b', [{ claimId: 'c1', statement: 'Water use fell 12%', verdict: { id: 'false', label: 'False' } }]]]),
  };
  // Given out of order: the position is in text order.
  const annotations = [
    annotation('b', 40, { tags: ['statistic', 'quote'], status: 'supported', speaker: 'Mayor Albescu' }),
    annotation('a', 10),
  ];

  it.each([
    ['b', 'Annotation 2 of 2: Statistic, Quote. Supported. Speaker: Mayor Albescu. In claim “Water use fell 12%” · False.'],
    ['a', 'Annotation 1 of 2: Untagged. Unverified.'],
    ['gone', ''],
  ])('%s', (id, expected) => {
    expect(annotationSpeech(annotations, id, context)).toBe(expected);
  });
});
