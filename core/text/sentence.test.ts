import { describe, expect, it } from 'vitest';
import { sentenceAt } from './sentence.ts';

const TEXT = 'Headline without a stop\n\nMayor Teresa Albescu said the city would ration water. "We have no choice," she said. Mr. Reinholt cited 3.5 percent.\n\nLast line.';

describe('sentenceAt', () => {
  it.each([
    ['Headline', 'Headline without a stop'],
    ['ration', 'Mayor Teresa Albescu said the city would ration water.'],
    ['no choice', '"We have no choice," she said.'],
    ['Reinholt', 'Mr. Reinholt cited 3.5 percent.'],
    ['3.5', 'Mr. Reinholt cited 3.5 percent.'],
    ['Last', 'Last line.'],
  ])('the sentence around "%s"', (word, sentence) => {
    const span = sentenceAt(TEXT, TEXT.indexOf(word));
    expect(span && TEXT.slice(span.start, span.end)).toBe(sentence);
  });

  it('gives nothing for empty text or a blank position', () => {
    expect(sentenceAt('', 0)).toBeUndefined();
    expect(sentenceAt('   ', 1)).toBeUndefined();
  });
});
