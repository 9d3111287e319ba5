// The reader's keys, from the command registry: Monaco keybindings for the reader's commands, and
// what a plain key does in the read-only text (tag or claim the selection; edit or retag the claim
// at the cursor when nothing is selected); and the sentence splitter Alt+S loads.
import type * as SentencesModuleType from '../../../core/text/sentences.ts';
import { COMMANDS, isKeyOf, type CommandId, type KeyChord } from '../commands/command-registry.ts';
import { monaco } from './monaco.ts';

type SentencesModule = typeof SentencesModuleType;

let sentences: Promise<SentencesModule> | undefined;
/**
 * The sentence splitter (Alt+S), loaded once, on first use: it carries its language model (a few
 * MB), as a chunk of its own, so that opening the app does not wait for it.
 */
export function loadSentences(): Promise<SentencesModule> {
  sentences ??= import('../../../core/text/sentences.ts');
  return sentences;
}

/** Monaco's keybindings for a command's keys. */
export function monacoKeybindings(id: CommandId): number[] {
  return COMMANDS[id].keys.map((chord: KeyChord) => {
    const code = chord.key === 'Enter' ? monaco.KeyCode.Enter : monaco.KeyCode[`Key${chord.key.toUpperCase()}` as 'KeyA'];
    return (chord.mod ? monaco.KeyMod.CtrlCmd : 0) | (chord.shift ? monaco.KeyMod.Shift : 0) | (chord.alt ? monaco.KeyMod.Alt : 0) | code;
  });
}

/** What a key press in the reader asks for: a tag (by the codebook's key) or the claim form. */
export type ReaderKey = { readonly kind: 'tag'; readonly tagId: string } | { readonly kind: 'claim' } | undefined;

/** Reads a key press: a tag key (no modifier) or Enter; anything else is not the reader's. */
export function readerKeyOf(event: KeyboardEvent, shortcuts: ReadonlyMap<string, string>): ReaderKey {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  if (isKeyOf('reader.claim', event)) return { kind: 'claim' };
  const tagId = shortcuts.get(event.key.toLowerCase());
  return tagId === undefined ? undefined : { kind: 'tag', tagId };
}
