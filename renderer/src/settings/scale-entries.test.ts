import { describe, expect, it } from 'vitest';
import { idFor, NEW_ENTRY, withIds } from './scale-entries.ts';

describe('ids of entries added in the settings dialog', () => {
  it.each([
    ['Needs context', [], 'needs-context'],
    ['  Satire! ', [], 'satire'],
    ['Vérifié', [], 'verifie'],
    ['Supported', ['supported'], 'supported-2'],
    ['Supported', ['supported', 'supported-2'], 'supported-3'],
    ['None', [], 'none-1'],
    ['???', [], 'entry'],
  ])('"%s" (taken: %o) → %s', (label, taken, id) => {
    expect(idFor(label, new Set(taken))).toBe(id);
  });

  it('keeps existing ids, trims names, and gives two new entries of one name different ids', () => {
    expect(
      withIds([
        { id: 'true', label: ' True ', color: '#000000' },
        { id: `${NEW_ENTRY}1`, label: 'Satire', color: '#111111' },
        { id: `${NEW_ENTRY}2`, label: 'satire', color: '#222222' },
      ]),
    ).toEqual([
      { id: 'true', label: 'True', color: '#000000' },
      { id: 'satire', label: 'Satire', color: '#111111' },
      { id: 'satire-2', label: 'satire', color: '#222222' },
    ]);
  });
});
