// The one list of the workbench's actions and their keys. The command palette lists it, the
// shortcuts sheet prints it, and every key handler (the window's, the reader's, the claims
// panel's, the claim form's) asks it whether a key press is an action's: so the three cannot
// disagree. A tag's own key comes from the codebook, and is shown as "tag key".

/** A key press: `key` is KeyboardEvent.key (letters lower case); `mod` is Ctrl, or ⌘ on a Mac. */
export interface KeyChord {
  readonly key: string;
  readonly mod?: boolean;
  readonly shift?: boolean;
  readonly alt?: boolean;
}

/** Where a key works: anywhere in the window, or only with focus in one place. */
export type Scope =
  'window' | 'reader' | 'claims-panel' | 'claim-form' | 'matches-panel' | 'archive-view' | 'agreement' | 'suggestions-panel';

export const SCOPE_NAMES: Readonly<Record<Scope, string>> = {
  window: 'Anywhere',
  reader: 'In the reader',
  'claims-panel': 'In the annotations panel',
  'claim-form': 'In the annotation form',
  'matches-panel': 'In the Matches tab',
  'archive-view': 'In the Archive view’s list',
  agreement: 'In the Agreement view’s disagreements',
  'suggestions-panel': 'In the Suggestions tab',
};

export interface CommandSpec {
  readonly title: string;
  readonly scope: Scope;
  readonly keys: readonly KeyChord[];
  /** When it applies, for the shortcuts sheet ("with text selected"). */
  readonly when?: string;
  /** Its keys are the codebook's tag keys (1–9 unless changed). */
  readonly tagKeys?: boolean;
}

export const COMMANDS = {
  'palette.show': {
    title: 'Show all commands',
    scope: 'window',
    keys: [
      { key: 'k', mod: true },
      { key: 'p', mod: true, shift: true },
    ],
  },
  'help.shortcuts': { title: 'Keyboard shortcuts', scope: 'window', keys: [{ key: '?', shift: true }], when: 'outside text fields' },
  'settings.show': { title: 'Settings…', scope: 'window', keys: [{ key: ',', mod: true }] },
  'edit.undo': { title: 'Undo', scope: 'window', keys: [{ key: 'z', mod: true }], when: 'outside text fields' },
  'edit.redo': {
    title: 'Redo',
    scope: 'window',
    keys: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    when: 'outside text fields',
  },
  'view.documents': { title: 'Show the documents', scope: 'window', keys: [] },
  'view.claims': { title: 'Show the Claims view', scope: 'window', keys: [] },
  'view.search': { title: 'Search the workspace', scope: 'window', keys: [{ key: 'f', mod: true, shift: true }] },
  'view.annotationTable': { title: 'Show all annotations (one table of the workspace)', scope: 'window', keys: [] },
  'view.tagMatrix': { title: 'Show the tags × documents matrix', scope: 'window', keys: [] },
  'view.archive': { title: 'Show the fact-check archive', scope: 'window', keys: [{ key: 'a', alt: true }] },
  'view.agreement': { title: 'Show the Agreement view (coders compared, curation)', scope: 'window', keys: [] },
  'agreement.exportCsv': { title: 'Export the agreement table as CSV', scope: 'window', keys: [] },
  'library.import': { title: 'Import files…', scope: 'window', keys: [] },
  'library.paste': { title: 'New document from pasted text…', scope: 'window', keys: [] },
  'codebook.show': { title: 'Codebook…', scope: 'window', keys: [] },
  'workspace.export': { title: 'Export…', scope: 'window', keys: [] },
  'workspace.importBundle': { title: 'Import bundle…', scope: 'window', keys: [] },
  'workspace.removeSample': { title: 'Remove the sample documents…', scope: 'window', keys: [] },
  'document.openBeside': { title: 'Open beside…', scope: 'window', keys: [] },
  'document.closeBeside': { title: 'Close the side-by-side pane', scope: 'window', keys: [] },
  'document.swap': { title: 'Swap the two documents', scope: 'window', keys: [] },
  'document.editDetails': { title: 'Edit document details…', scope: 'window', keys: [] },
  'document.versions': { title: 'Version history of this document…', scope: 'window', keys: [{ key: 'v', alt: true }] },
  'document.newVersion': { title: 'Import a new version of this document…', scope: 'window', keys: [] },
  'document.importAnnotations': { title: 'Import annotations onto this document…', scope: 'window', keys: [] },
  'document.delete': { title: 'Delete this document…', scope: 'window', keys: [] },
  'reader.tag': {
    title: 'Tag the selection, or add or remove the tag of the annotation at the cursor',
    scope: 'reader',
    keys: [],
    tagKeys: true,
  },
  'reader.claim': {
    title: 'New annotation from the selection, or edit the annotation at the cursor',
    scope: 'reader',
    keys: [{ key: 'Enter' }],
  },
  'reader.selectSentence': { title: 'Select the sentence at the cursor', scope: 'reader', keys: [{ key: 's', alt: true }] },
  'reader.link': { title: 'Link with the selection in the other pane…', scope: 'reader', keys: [{ key: 'l', alt: true }] },
  'reader.followLink': {
    title: 'Follow the evidence link of the annotation at the cursor',
    scope: 'reader',
    keys: [{ key: 'Enter', alt: true }],
  },
  'panel.next': { title: 'Next annotation', scope: 'claims-panel', keys: [{ key: 'j' }] },
  'panel.previous': { title: 'Previous annotation', scope: 'claims-panel', keys: [{ key: 'k' }] },
  'panel.edit': { title: 'Edit the selected annotation', scope: 'claims-panel', keys: [{ key: 'Enter' }, { key: 'e' }] },
  'panel.delete': { title: 'Delete the selected annotation', scope: 'claims-panel', keys: [{ key: 'Delete' }, { key: 'Backspace' }] },
  'panel.extendNext': {
    title: 'Extend the selection down',
    scope: 'claims-panel',
    keys: [
      { key: 'ArrowDown', shift: true },
      { key: 'j', shift: true },
    ],
    when: 'Shift+click: to the annotation clicked',
  },
  'panel.extendPrevious': {
    title: 'Extend the selection up',
    scope: 'claims-panel',
    keys: [
      { key: 'ArrowUp', shift: true },
      { key: 'k', shift: true },
    ],
  },
  'panel.moveNext': { title: 'Move down, keeping the selection', scope: 'claims-panel', keys: [{ key: 'ArrowDown', mod: true }] },
  'panel.movePrevious': {
    title: 'Move up, keeping the selection',
    scope: 'claims-panel',
    keys: [{ key: 'ArrowUp', mod: true }],
  },
  'panel.toggleSelected': {
    title: 'Add to the selection, or take out',
    scope: 'claims-panel',
    keys: [{ key: 'x' }, { key: ' ', mod: true }],
    when: 'or Ctrl/⌘+click',
  },
  'panel.selectAll': {
    title: 'Select all the annotations shown',
    scope: 'claims-panel',
    keys: [{ key: 'a', mod: true }],
    when: 'the filter applies',
  },
  'panel.clearSelection': { title: 'Clear the selection of annotations', scope: 'claims-panel', keys: [{ key: 'Escape' }] },
  'matches.next': { title: 'Next match', scope: 'matches-panel', keys: [{ key: 'j' }] },
  'matches.previous': { title: 'Previous match', scope: 'matches-panel', keys: [{ key: 'k' }] },
  'matches.attach': {
    title: 'Attach the sentence (or the selection) to the chosen match, as a mention of its claim',
    scope: 'matches-panel',
    keys: [{ key: 'm' }],
    when: 'or Enter on its Attach button',
  },
  'archive.next': { title: 'Next fact-check', scope: 'archive-view', keys: [{ key: 'j' }, { key: 'ArrowDown' }] },
  'archive.previous': { title: 'Previous fact-check', scope: 'archive-view', keys: [{ key: 'k' }, { key: 'ArrowUp' }] },
  'archive.claim': {
    title: 'Make the fact-check a workspace claim (its verdict and link)',
    scope: 'archive-view',
    keys: [{ key: 'c' }],
    when: 'or Enter on its Make a claim button',
  },
  'form.tag': {
    title: 'Add or remove a tag',
    scope: 'claim-form',
    keys: [],
    tagKeys: true,
    when: 'tag key outside text fields, or Alt + tag key anywhere',
  },
  'form.status': {
    title: 'Next status',
    scope: 'claim-form',
    keys: [{ key: 's', alt: true }],
  },
  'suggestions.next': { title: 'Next suggestion', scope: 'suggestions-panel', keys: [{ key: 'n' }] },
  'suggestions.previous': { title: 'Previous suggestion', scope: 'suggestions-panel', keys: [{ key: 'p' }] },
  'suggestions.accept': {
    title: 'Accept the suggestion as an annotation with that tag (speaker, outlet and kind filled in)',
    scope: 'suggestions-panel',
    keys: [],
    tagKeys: true,
  },
  'suggestions.reject': { title: 'Reject the suggestion (it does not come back)', scope: 'suggestions-panel', keys: [{ key: 'x' }] },
  'suggestions.acceptKind': {
    title: 'Accept every suggestion of the current kind, after saying how many',
    scope: 'suggestions-panel',
    keys: [{ key: 'a', shift: true }],
  },
  'form.save': { title: 'Save the annotation', scope: 'claim-form', keys: [{ key: 'Enter', mod: true }] },
  'agreement.next': { title: 'Next disagreement', scope: 'agreement', keys: [{ key: 'j' }, { key: 'ArrowDown' }] },
  'agreement.previous': { title: 'Previous disagreement', scope: 'agreement', keys: [{ key: 'k' }, { key: 'ArrowUp' }] },
  'agreement.acceptLeft': { title: 'Accept the left coder’s side', scope: 'agreement', keys: [{ key: 'h' }] },
  'agreement.acceptRight': { title: 'Accept the right coder’s side', scope: 'agreement', keys: [{ key: 'l' }] },
  'agreement.acceptCoder': {
    title: 'Accept the side of coder 1–9 (in the order shown)',
    scope: 'agreement',
    keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((key) => ({ key })),
  },
  'agreement.merge': { title: 'Merge: the first side’s spans with every side’s tags', scope: 'agreement', keys: [{ key: 'm' }] },
  'agreement.edit': { title: 'Edit the curated annotation…', scope: 'agreement', keys: [{ key: 'e' }, { key: 'Enter' }] },
  'dialog.close': { title: 'Close the dialog or the palette', scope: 'window', keys: [{ key: 'Escape' }] },
} as const satisfies Record<string, CommandSpec>;

export type CommandId = keyof typeof COMMANDS;

export const COMMAND_IDS = Object.keys(COMMANDS) as CommandId[];

/** A key press as the handlers read it (a KeyboardEvent, or what tests make). */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'> & { readonly code?: string };

/** Whether `event` is one of `keys` (Ctrl and ⌘ both count as `mod`; Shift is ignored for '?'). */
export function matchesKey(event: KeyPress, keys: readonly KeyChord[]): boolean {
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  // With Alt (Option on a Mac) a letter key may type another character: its position says which.
  const letter = event.altKey ? /^Key([A-Z])$/.exec(event.code ?? '')?.[1]?.toLowerCase() : undefined;
  return keys.some(
    (chord) =>
      (chord.key === key || chord.key === letter) &&
      Boolean(chord.mod) === (event.ctrlKey || event.metaKey) &&
      Boolean(chord.alt) === event.altKey &&
      // A printed symbol ('?') is typed with Shift on most layouts: the key itself says enough.
      (/^[^a-z0-9]$/.test(chord.key) || Boolean(chord.shift) === event.shiftKey),
  );
}

/** The command of `scope` that `event` is, if any. */
export function commandOfKey(event: KeyPress, scope: Scope): CommandId | undefined {
  return COMMAND_IDS.find((id) => {
    const spec: CommandSpec = COMMANDS[id];
    return spec.scope === scope && matchesKey(event, spec.keys);
  });
}

/** Whether `event` is the key of `id`. */
export function isKeyOf(id: CommandId, event: KeyPress): boolean {
  return matchesKey(event, COMMANDS[id].keys);
}

const KEY_NAMES: Readonly<Record<string, string>> = {
  ',': ',',
  ' ': 'Space',
  Enter: 'Enter',
  Escape: 'Esc',
  Delete: 'Delete',
  Backspace: 'Backspace',
  ArrowDown: '↓',
  ArrowUp: '↑',
};

/** A key as people read it: "Ctrl+Shift+Z" ("⌘⇧Z" on a Mac). */
export function formatKey(chord: KeyChord, mac: boolean): string {
  // A letter alone is written as it is typed ("j"): a capital would read as Shift+J.
  const alone = !chord.mod && !chord.alt && !chord.shift;
  const name = KEY_NAMES[chord.key] ?? (chord.key.length === 1 && !alone ? chord.key.toUpperCase() : chord.key);
  const symbol = /^[^a-zA-Z0-9]$/.test(chord.key);
  if (mac) return `${chord.mod ? '⌘' : ''}${chord.alt ? '⌥' : ''}${chord.shift && !symbol ? '⇧' : ''}${name}`;
  return [chord.mod ? 'Ctrl' : '', chord.alt ? 'Alt' : '', chord.shift && !symbol ? 'Shift' : '', name].filter(Boolean).join('+');
}

/** Whether this window runs on a Mac (⌘ rather than Ctrl). */
export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

/** Whether a key press is typing in a text field (where the window's plain keys must not act). */
export function inTextField(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color', 'range'].includes(target.type);
  return false;
}
