import { describe, expect, it } from 'vitest';
import type { RejectedSuggestion } from '../model/document.ts';
import { carryRejections } from './carry-rejections.ts';

const OLD = 'a'.repeat(64);
const NEW = 'b'.repeat(64);
const BEFORE = [
  'Mayor Elena Ortiz said the reservoir holds 40 percent of its usual volume.',
  'The ministry insisted that rationing will not be needed before July.',
  '"We will not ration water," Ortiz told reporters.',
].join('\n');

/** The rejection of `words` (their first occurrence) in the old text. */
const rejection = (words: string, kind: RejectedSuggestion['kind'] = 'attributed'): RejectedSuggestion => {
  const start = BEFORE.indexOf(words);
  if (start < 0) throw new Error(`not in the text: ${words}`);
  return { textHash: OLD, kind, start, end: start + words.length, text: words };
};

const cases: { name: string; after: string; words: string; carried: boolean }[] = [
  { name: 'unchanged text', after: BEFORE, words: 'rationing will not be needed before July', carried: true },
  {
    name: 'a paragraph added before it',
    after: `Updated at noon: the council met on Tuesday.\n${BEFORE}`,
    words: 'rationing will not be needed before July',
    carried: true,
  },
  {
    name: 'a word changed in an earlier sentence',
    after: BEFORE.replace('Mayor Elena Ortiz said', 'Mayor Elena Ortiz told the council'),
    words: 'rationing will not be needed before July',
    carried: true,
  },
  {
    name: 'its own words changed',
    after: BEFORE.replace('before July', 'before August'),
    words: 'rationing will not be needed before July',
    carried: false,
  },
  { name: 'its sentence removed', after: BEFORE.split('\n').slice(0, 1).join('\n'), words: 'We will not ration water', carried: false },
];

describe('carrying rejected suggestions to a new version of the text', () => {
  for (const { name, after, words, carried } of cases)
    it(`${name}: ${carried ? 'carried' : 'not carried'}`, () => {
      const decision = rejection(words);
      const result = carryRejections({ text: BEFORE, textHash: OLD }, { text: after, textHash: NEW }, [decision]);
      expect(result[0]).toEqual(decision);
      const moved = result.filter((entry) => entry.textHash === NEW);
      if (!carried) return expect(moved).toEqual([]);
      expect(moved).toEqual([{ ...decision, textHash: NEW, start: after.indexOf(words), end: after.indexOf(words) + words.length }]);
    });

  it('carries only the old text’s own rejections, each once, and keeps a returning text’s own', () => {
    const older = { ...rejection('We will not ration water', 'quote'), textHash: 'c'.repeat(64) };
    const mine = rejection('40 percent', 'figure');
    const already = { ...mine, textHash: NEW };
    const after = `New first line.\n${BEFORE}`;
    const result = carryRejections({ text: BEFORE, textHash: OLD }, { text: after, textHash: NEW }, [older, mine, already]);
    expect(result).toEqual([
      older,
      mine,
      already,
      { ...mine, textHash: NEW, start: after.indexOf('40 percent'), end: after.indexOf('40 percent') + 10 },
    ]);
  });
});
