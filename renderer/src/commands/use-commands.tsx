// The window's commands at work: the key handler for the window's keys (also called by the reader,
// whose editor would otherwise take them), the command palette and the shortcuts sheet. What each
// command does comes from the window (App) as `actions`; a command without one is not available now.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Codebook } from '../../../core/model/codebook.ts';
import { CommandPalette, type PaletteCommand } from './CommandPalette.tsx';
import {
  COMMAND_IDS,
  COMMANDS,
  commandOfKey,
  formatKey,
  inTextField,
  isMac,
  type CommandId,
  type CommandSpec,
} from './command-registry.ts';
import { ShortcutsSheet } from './ShortcutsSheet.tsx';

export type CommandActions = Partial<Record<CommandId, () => void>>;

/** Keys that must not act while typing in a field (there they edit the field). */
const NOT_WHILE_TYPING: ReadonlySet<CommandId> = new Set(['edit.undo', 'edit.redo', 'help.shortcuts']);
/** Keys that still act while a dialog is open. */
const IN_DIALOGS: ReadonlySet<CommandId> = new Set(['edit.undo', 'edit.redo']);

/**
 * `actions`: what each available command does now. `extra`: further palette entries (one per tag
 * when there is something to tag). Returns the handler the reader calls with its key presses, and
 * the palette or sheet to render.
 */
export function useCommands(actions: CommandActions, extra: readonly PaletteCommand[], codebook: Codebook | undefined) {
  const [open, setOpen] = useState<'palette' | 'shortcuts'>();
  const all: CommandActions = useMemo(
    () => ({ ...actions, 'palette.show': () => setOpen('palette'), 'help.shortcuts': () => setOpen('shortcuts') }),
    [actions],
  );
  const allRef = useRef(all);
  useEffect(() => {
    allRef.current = all;
  });

  /** Runs the window command `event` is, if it may act here; true if it did. */
  const onWindowKey = useCallback((event: KeyboardEvent): boolean => {
    if (event.defaultPrevented) return false;
    const id = commandOfKey(event, 'window');
    if (id === undefined || id === 'dialog.close') return false;
    // The reader is read-only: its input element takes no typing, so its keys are the window's.
    const inReader = event.target instanceof Element && event.target.closest('.monaco-editor') !== null;
    if (NOT_WHILE_TYPING.has(id) && inTextField(event.target) && !inReader) return false;
    if (!IN_DIALOGS.has(id) && document.querySelector('dialog[open]') !== null) return false;
    const run = allRef.current[id];
    if (run === undefined) return false;
    run();
    return true;
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // The reader hands its keys over itself (see Reader's onWindowKey).
      if ((event.target as HTMLElement | null)?.closest?.('.monaco-editor')) return;
      if (onWindowKey(event)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onWindowKey]);

  const mac = isMac();
  const paletteCommands = useMemo((): PaletteCommand[] => {
    const listed = COMMAND_IDS.flatMap((id): PaletteCommand[] => {
      const run = all[id];
      if (run === undefined || id === 'palette.show') return [];
      const spec: CommandSpec = COMMANDS[id];
      return [{ id, title: spec.title, keys: spec.keys.map((chord) => formatKey(chord, mac)), run }];
    });
    return [...listed, ...extra];
  }, [all, extra, mac]);

  const close = useCallback(() => setOpen(undefined), []);
  let overlay: ReactNode = null;
  if (open === 'palette') overlay = <CommandPalette commands={paletteCommands} onClose={close} />;
  else if (open === 'shortcuts' && codebook) overlay = <ShortcutsSheet codebook={codebook} onClose={close} />;
  return { onWindowKey, overlay };
}
