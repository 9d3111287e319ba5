import { describe, expect, it } from 'vitest';
import { COMMAND_IDS, COMMANDS, commandOfKey, formatKey, matchesKey, type CommandSpec } from './command-registry.ts';
import { filterPalette, paletteScore } from './palette-filter.ts';

const press = (key: string, modifiers: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key,
  ctrlKey: modifiers.ctrl ?? false,
  metaKey: modifiers.meta ?? false,
  shiftKey: modifiers.shift ?? false,
  altKey: modifiers.alt ?? false,
});

describe('the command registry', () => {
  it('gives no key to two commands of one place', () => {
    const seen = new Map<string, string>();
    for (const id of COMMAND_IDS) {
      const spec: CommandSpec = COMMANDS[id];
      for (const chord of spec.keys) {
        const key = `${spec.scope} ${JSON.stringify(chord)}`;
        expect(seen.get(key), `${id} and ${seen.get(key)} share ${key}`).toBeUndefined();
        seen.set(key, id);
      }
    }
  });

  it('reads the Suggestions tab’s keys there only: n, p, x, and Shift+A apart from a', () => {
    expect(commandOfKey(press('n'), 'suggestions-panel')).toBe('suggestions.next');
    expect(commandOfKey(press('p'), 'suggestions-panel')).toBe('suggestions.previous');
    expect(commandOfKey(press('x'), 'suggestions-panel')).toBe('suggestions.reject');
    expect(commandOfKey(press('A', { shift: true }), 'suggestions-panel')).toBe('suggestions.acceptKind');
    expect(commandOfKey(press('a'), 'suggestions-panel')).toBeUndefined();
    expect(commandOfKey(press('n'), 'window')).toBeUndefined();
    expect(commandOfKey(press('x'), 'claims-panel')).toBe('panel.toggleSelected');
  });

  it.each([
    [press('k', { ctrl: true }), 'palette.show'],
    [press('P', { meta: true, shift: true }), 'palette.show'],
    [press('?', { shift: true }), 'help.shortcuts'],
    [press(',', { ctrl: true }), 'settings.show'],
    [press('z', { ctrl: true }), 'edit.undo'],
    [press('Z', { ctrl: true, shift: true }), 'edit.redo'],
    [press('y', { ctrl: true }), 'edit.redo'],
    [press('y', { meta: true }), 'edit.redo'],
    [press('k'), undefined],
    [press('z', { ctrl: true, alt: true }), undefined],
    [{ ...press('ß', { alt: true }), code: 'KeyS' }, undefined],
  ])('reads %o in the window as %s', (event, id) => {
    expect(commandOfKey(event, 'window')).toBe(id);
  });

  it('reads the claims panel’s keys, which the window does not take', () => {
    expect(commandOfKey(press('e'), 'claims-panel')).toBe('panel.edit');
    expect(commandOfKey(press('Enter'), 'claims-panel')).toBe('panel.edit');
    expect(commandOfKey(press('j'), 'claims-panel')).toBe('panel.next');
    // Option+S types "ß" on a Mac: the key's position says it was S.
    expect(commandOfKey({ ...press('ß', { alt: true }), code: 'KeyS' }, 'claim-form')).toBe('form.status');
    expect(matchesKey(press('Enter', { alt: true }), COMMANDS['reader.claim'].keys)).toBe(false);
  });

  it('reads the Matches tab’s keys there only, and Alt+A (Option+A: “å”) as the archive anywhere', () => {
    expect(commandOfKey(press('m'), 'matches-panel')).toBe('matches.attach');
    expect(commandOfKey(press('j'), 'matches-panel')).toBe('matches.next');
    expect(commandOfKey(press('m'), 'window')).toBeUndefined();
    expect(commandOfKey(press('m'), 'claims-panel')).toBeUndefined();
    expect(commandOfKey(press('a', { alt: true }), 'window')).toBe('view.archive');
    expect(commandOfKey({ ...press('å', { alt: true }), code: 'KeyA' }, 'window')).toBe('view.archive');
  });

  it('reads the Archive view’s keys in its list only', () => {
    expect(commandOfKey(press('c'), 'archive-view')).toBe('archive.claim');
    expect(commandOfKey(press('ArrowDown'), 'archive-view')).toBe('archive.next');
    expect(commandOfKey(press('k'), 'archive-view')).toBe('archive.previous');
    expect(commandOfKey(press('c'), 'window')).toBeUndefined();
    expect(commandOfKey(press('c', { ctrl: true }), 'archive-view')).toBeUndefined();
  });

  it.each([
    [press('ArrowDown', { shift: true }), 'panel.extendNext'],
    [press('J', { shift: true }), 'panel.extendNext'],
    [press('K', { shift: true }), 'panel.extendPrevious'],
    [press('ArrowDown'), undefined],
    [press('ArrowUp', { ctrl: true }), 'panel.movePrevious'],
    [press('x'), 'panel.toggleSelected'],
    [press(' ', { ctrl: true }), 'panel.toggleSelected'],
    [press('a', { meta: true }), 'panel.selectAll'],
    [press('a'), undefined],
    [press('Escape'), 'panel.clearSelection'],
  ])('reads %o in the annotations panel as %s (selecting several)', (event, id) => {
    expect(commandOfKey(event, 'claims-panel')).toBe(id);
  });

  it.each([
    [press('j'), 'agreement.next'],
    [press('ArrowUp'), 'agreement.previous'],
    [press('h'), 'agreement.acceptLeft'],
    [press('l'), 'agreement.acceptRight'],
    [press('3'), 'agreement.acceptCoder'],
    [press('m'), 'agreement.merge'],
    [press('Enter'), 'agreement.edit'],
    [press('m', { ctrl: true }), undefined],
    [press('0'), undefined],
  ])('reads %o in the Agreement view’s list as %s', (event, id) => {
    expect(commandOfKey(event, 'agreement')).toBe(id);
  });

  it.each([
    [{ key: 'z', mod: true, shift: true }, false, 'Ctrl+Shift+Z'],
    [{ key: 'z', mod: true, shift: true }, true, '⌘⇧Z'],
    [{ key: '?', shift: true }, false, '?'],
    [{ key: ',', mod: true }, false, 'Ctrl+,'],
    [{ key: 'Enter', alt: true }, false, 'Alt+Enter'],
    [{ key: 'j' }, false, 'j'],
    [{ key: 's', alt: true }, true, '⌥S'],
    [{ key: 'ArrowDown', shift: true }, false, 'Shift+↓'],
    [{ key: 'j', shift: true }, true, '⇧J'],
    [{ key: ' ', mod: true }, false, 'Ctrl+Space'],
  ])('writes %o (Mac: %s) as %s', (chord, mac, text) => {
    expect(formatKey(chord, mac)).toBe(text);
  });
});

describe('the palette’s filter', () => {
  it('finds the annotations table and the tag matrix among the registry’s window commands', () => {
    const entries = COMMAND_IDS.filter((id) => COMMANDS[id].scope === 'window').map((id) => ({ id, title: COMMANDS[id].title }));
    expect(filterPalette(entries, 'all annotations')[0]?.id).toBe('view.annotationTable');
    expect(filterPalette(entries, 'annotation table')[0]?.id).toBe('view.annotationTable');
    expect(filterPalette(entries, 'tag matrix')[0]?.id).toBe('view.tagMatrix');
  });

  const entries = ['Import files…', 'Import bundle…', 'Export…', 'Show the Claims view', 'Redo'].map((title) => ({ id: title, title }));
  it.each([
    ['', ['Import files…', 'Import bundle…', 'Export…', 'Show the Claims view', 'Redo']],
    ['imp bun', ['Import bundle…']],
    ['claims', ['Show the Claims view']],
    ['port', ['Import files…', 'Import bundle…', 'Export…']],
    ['exp', ['Export…']],
    ['rdo', ['Redo']],
    ['xyz', []],
  ])('"%s" shows %o', (query, titles) => {
    expect(filterPalette(entries, query).map((entry) => entry.title)).toEqual(titles);
  });

  it('ranks a title’s start above a word’s start above a part above scattered letters', () => {
    expect(paletteScore('Export…', 'ex')).toBe(4);
    expect(paletteScore('Show the Claims view', 'cla vi')).toBe(3);
    expect(paletteScore('Show the Claims view', 'aims')).toBe(2);
    expect(paletteScore('Show the Claims view', 'stcv')).toBe(1);
  });
});
