import { describe, expect, it } from 'vitest';
import { mergeSavedSearches, savedSearchesProblem, type SavedSearch } from './saved-search.ts';

const s = (name: string, query = 'q'): SavedSearch => ({ name, query });

describe('merging saved searches by name', () => {
  it.each([
    { mine: [], theirs: [s('A')], merged: [s('A')] },
    { mine: [s('A', 'x')], theirs: [s('a', 'y'), s('B')], merged: [s('A', 'x'), s('B')] },
    { mine: [s('Zelensky claims')], theirs: [s(' zelensky CLAIMS ', 'other')], merged: [s('Zelensky claims')] },
    // Two of theirs with one name: the first is added.
    { mine: [], theirs: [s('C', '1'), s('c', '2')], merged: [s('C', '1')] },
  ])('$mine.length of ours, $theirs.length of theirs', ({ mine, theirs, merged }) => {
    expect(mergeSavedSearches(mine, theirs)).toEqual(merged);
  });

  it('gives back the same list when nothing is added', () => {
    const mine = [s('A')];
    expect(mergeSavedSearches(mine, [s('a')])).toBe(mine);
  });

  it('names a name given twice', () => {
    expect(savedSearchesProblem([s('A'), s('B')])).toBeUndefined();
    expect(savedSearchesProblem([s('Stats'), s(' stats')])).toMatch(/"stats"/);
  });
});
