// Which index a query is asked of, and what: the word index wherever it narrows as well as the
// trigram one (a phrase by its whole words), the trigram index otherwise.
import { expect, it } from 'vitest';
import { parseQuery } from '../../core/search/query.ts';
import { ftsMatch } from './fts-expression.ts';

const match = (query: string, columns?: string[]) => {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return ftsMatch(parsed.value, columns);
};

it.each([
  ['drought rationing', { index: 'words', expression: '"drought" AND "rationing"' }],
  ['irrigat*', { index: 'words', expression: '"irrigat"*' }],
  ['hospital OR surgery', { index: 'words', expression: '("hospital" OR "surgery")' }],
  // A word too short for a trigram still narrows by words.
  ['ai', { index: 'words', expression: '"ai"' }],
  ['u.s.*', { index: 'words', expression: '"u.s."' }],
  // An excluded word of letters the word index folds as find-text.ts does narrows it; other
  // excluded terms and fields do not (the exact test decides them).
  ['reservoir -drought', { index: 'words', expression: '("reservoir") NOT ("drought")' }],
  ['reservoir -Drought -irrigat*', { index: 'words', expression: '("reservoir") NOT ("Drought" OR "irrigat"*)' }],
  ['"ten times" -drought', { index: 'words', expression: '("times"*) NOT ("drought")', strict: '("ten times"*) NOT ("drought")' }],
  ['reservoir -risk -stock -café -u.s. -"dry spell" -drought OR rain', { index: 'words', expression: '"reservoir"' }],
  ['tag:statistic drought', { index: 'words', expression: '"drought"' }],
  // A phrase may begin and end inside words: its first word is left out, its last is a prefix;
  // the strict form keeps the first word whole (the likely matches, ranked first).
  ['"ten times bigger"', { index: 'words', expression: '"times bigger"*', strict: '"ten times bigger"*' }],
  ['"40 percent"', { index: 'words', expression: '"percent"*', strict: '"40 percent"*' }],
  ['"€1.2 billion"', { index: 'words', expression: '"1.2 billion"*' }],
  ['"«the figure»"', { index: 'words', expression: '"the figure "' }],
  ['drought "ten times"', { index: 'words', expression: '"drought" AND "times"*', strict: '"drought" AND "ten times"*' }],
  // Characters SQLite would keep inside a word are given to it as spaces.
  ['"great🥺 times"', { index: 'words', expression: '"times"*', strict: '"great  times"*' }],
  // No whole word of three letters or more: the trigram index, for the whole query.
  ['"12.5%"', { index: 'trigrams', expression: '"12.5%"' }],
  ['"東京都" drought', { index: 'trigrams', expression: '"東京都" AND "drought"' }],
  ['"ten times" OR "12.5%"', { index: 'trigrams', expression: '("ten times" OR "12.5%")' }],
  // Neither narrows: nothing to ask.
  ['"ab"', undefined],
  ['-drought', undefined],
  ['tag:statistic', undefined],
] as const)('%s', (query, expected) => {
  expect(match(query)).toEqual(expected);
});

it('limits the match to columns', () => {
  expect(match('reservoir', ['quote', 'note'])).toEqual({ index: 'words', expression: '{quote note} : ("reservoir")' });
  expect(match('reservoir -drought', ['quote'])).toEqual({ index: 'words', expression: '{quote} : (("reservoir") NOT ("drought"))' });
  expect(match('"ten times"', ['quote'])).toEqual({
    index: 'words',
    expression: '{quote} : ("times"*)',
    strict: '{quote} : ("ten times"*)',
  });
});
