import { describe, expect, it } from 'vitest';
import { formKeyOf, nextStatus } from './form-keys.ts';

const shortcuts = new Map([
  ['1', 'statistic'],
  ['6', 'named-official'],
]);
const press = (key: string, modifiers: { ctrl?: boolean; alt?: boolean; shift?: boolean; code?: string } = {}) =>
  ({
    key,
    code: modifiers.code ?? '',
    ctrlKey: modifiers.ctrl ?? false,
    metaKey: false,
    shiftKey: modifiers.shift ?? false,
    altKey: modifiers.alt ?? false,
    target: null,
  }) as unknown as KeyboardEvent;

describe('the claim form’s keys', () => {
  it.each([
    [press('1'), { kind: 'tag', tagId: 'statistic' }],
    [press('¡', { alt: true, code: 'Digit1' }), { kind: 'tag', tagId: 'statistic' }],
    [press('6', { alt: true, code: 'Numpad6' }), { kind: 'tag', tagId: 'named-official' }],
    [press('s', { alt: true, code: 'KeyS' }), { kind: 'status' }],
    [press('Enter', { ctrl: true }), { kind: 'save' }],
    [press('2'), undefined],
    [press('1', { ctrl: true }), undefined],
    [press('!', { shift: true }), undefined],
    [press('s'), undefined],
  ])('%o → %o', (event, key) => {
    expect(formKeyOf(event, shortcuts)).toEqual(key);
  });

  it('moves to the next status, and from the last to the first', () => {
    const statuses = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(nextStatus(statuses, 'a')).toBe('b');
    expect(nextStatus(statuses, 'c')).toBe('a');
    expect(nextStatus(statuses, 'gone')).toBe('a');
  });
});
