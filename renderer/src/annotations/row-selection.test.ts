import { describe, expect, it } from 'vitest';
import { extendTo, moveKeeping, selectAll, selectedIds, SINGLE, toggleRow, type RowSelection } from './row-selection.ts';

const ALL = ['a', 'b', 'c', 'd', 'e'];
/** What the filter leaves of ALL. */
const FILTERED = ['b', 'd', 'e'];
const picked = (...ids: string[]): RowSelection => ({ picked: new Set(ids) });

describe('the rows the panel has selected', () => {
  it.each<[string, RowSelection, string | undefined, readonly string[], string[]]>([
    ['the cursor’s row alone', SINGLE, 'c', ALL, ['c']],
    ['nothing when the cursor is on no row', SINGLE, undefined, ALL, []],
    ['nothing when the filter hides the cursor’s row', SINGLE, 'c', FILTERED, []],
    ['the picked rows in the list’s order', picked('d', 'a'), 'c', ALL, ['a', 'd']],
    ['the picked rows the filter shows', picked('a', 'b', 'c', 'd'), 'c', FILTERED, ['b', 'd']],
    ['none when every pick was taken back', picked(), 'c', ALL, []],
  ])('%s', (_case, selection, cursor, shown, expected) => {
    expect(selectedIds(selection, cursor, shown)).toEqual(expected);
  });
});

describe('changing the selection', () => {
  it.each<[string, (selection: RowSelection) => RowSelection, RowSelection, string | undefined, readonly string[], string[]]>([
    ['Ctrl+click adds a row to the cursor’s', (s) => toggleRow(s, 'b', ALL, 'd'), SINGLE, 'b', ALL, ['b', 'd']],
    ['Ctrl+click adds a row to those picked', (s) => toggleRow(s, 'b', ALL, 'e'), picked('a', 'b'), 'b', ALL, ['a', 'b', 'e']],
    ['Ctrl+click on a picked row takes it out', (s) => toggleRow(s, 'b', ALL, 'a'), picked('a', 'b'), 'b', ALL, ['b']],
    ['Ctrl+click with no cursor starts from that row', (s) => toggleRow(s, undefined, ALL, 'c'), SINGLE, undefined, ALL, ['c']],
    ['Shift+click selects from the cursor to the row', (s) => extendTo(s, 'b', ALL, 'd'), SINGLE, 'b', ALL, ['b', 'c', 'd']],
    ['Shift+click upwards too', (s) => extendTo(s, 'd', ALL, 'a'), SINGLE, 'd', ALL, ['a', 'b', 'c', 'd']],
    ['Shift+click replaces the range', (s) => extendTo(s, 'e', ALL, 'b'), { ...picked('c', 'd', 'e'), anchor: 'c' }, 'e', ALL, ['b', 'c']],
    ['Shift+click runs over the rows shown', (s) => extendTo(s, 'b', FILTERED, 'e'), SINGLE, 'b', FILTERED, ['b', 'd', 'e']],
    ['a hidden anchor starts from the row itself', (s) => extendTo(s, 'c', FILTERED, 'e'), SINGLE, 'c', FILTERED, ['e']],
    ['Ctrl+↓ keeps the cursor’s row selected', (s) => moveKeeping(s, 'b', ALL, 'c'), SINGLE, 'b', ALL, ['b']],
    ['Ctrl+↓ keeps the rows picked', (s) => moveKeeping(s, 'b', ALL, 'c'), picked('a', 'b'), 'b', ALL, ['a', 'b']],
    ['Ctrl+A selects every row shown', (s) => selectAll(s, 'b', FILTERED), SINGLE, 'b', FILTERED, ['b', 'd', 'e']],
  ])('%s', (_case, change, before, cursor, shown, expected) => {
    const after = change(before);
    // The cursor ends where the change put it (`at`), or stays.
    expect(selectedIds(after, after.at ?? cursor, shown)).toEqual(expected);
  });

  it('extends a range from the row last toggled, as Shift+↓ after Ctrl+click does', () => {
    const toggled = toggleRow(SINGLE, 'a', ALL, 'c');
    expect(toggled.at).toBe('c');
    const extended = extendTo(toggled, 'c', ALL, 'd');
    expect(selectedIds(extended, 'd', ALL)).toEqual(['c', 'd']);
    expect(selectedIds(extendTo(extended, 'd', ALL, 'e'), 'e', ALL)).toEqual(['c', 'd', 'e']);
    // Shift+↑ back shrinks it.
    expect(selectedIds(extendTo(extended, 'd', ALL, 'c'), 'c', ALL)).toEqual(['c']);
  });

  it('moves the cursor with the keys that move it, and leaves it with Ctrl+A', () => {
    expect(extendTo(SINGLE, 'a', ALL, 'b').at).toBe('b');
    expect(moveKeeping(SINGLE, 'a', ALL, 'b').at).toBe('b');
    expect(selectAll(SINGLE, 'a', ALL).at).toBe('a');
  });

  it('leaves the selection alone when Shift goes to a row that is not shown', () => {
    const selection = picked('b');
    expect(extendTo(selection, 'b', FILTERED, 'a')).toBe(selection);
  });
});
