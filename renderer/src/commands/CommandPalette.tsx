// The command palette (Ctrl/Cmd+K, Ctrl/Cmd+Shift+P): every action the window can take now, with
// its keys, filtered as you type; ↑/↓ choose, Enter runs, Escape closes (focus goes back where it
// was). A combobox over a listbox, as in VS Code.
import { useEffect, useId, useRef, useState } from 'react';
import { filterPalette } from './palette-filter.ts';

export interface PaletteCommand {
  readonly id: string;
  readonly title: string;
  /** Its keys as people read them ("Ctrl+Shift+Z"), if it has any. */
  readonly keys: readonly string[];
  readonly run: () => void;
}

interface CommandPaletteProps {
  readonly commands: readonly PaletteCommand[];
  readonly onClose: () => void;
}

export function CommandPalette({ commands, onClose }: CommandPaletteProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const id = useId();
  const shown = filterPalette(commands, query);
  const current = shown[Math.min(active, shown.length - 1)];

  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    dialog.showModal();
    return () => {
      dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const run = (command: PaletteCommand | undefined) => {
    if (command === undefined) return;
    onClose();
    command.run();
  };

  return (
    <dialog ref={ref} className="dialog palette" aria-label="Command palette" onCancel={(event) => (event.preventDefault(), onClose())}>
      <input
        className="palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={current ? `${id}-${current.id}` : undefined}
        aria-label="Type a command"
        placeholder="Type a command (↑↓ to choose, Enter to run, Esc to close)"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => (setQuery(event.target.value), setActive(0))}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            const step = event.key === 'ArrowDown' ? 1 : -1;
            setActive((index) => (Math.min(index, shown.length - 1) + step + shown.length) % Math.max(shown.length, 1));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            run(current);
          }
        }}
      />
      <ul className="palette-list" role="listbox" id={`${id}-list`} aria-label="Commands" ref={list}>
        {shown.map((command) => (
          <li
            key={command.id}
            id={`${id}-${command.id}`}
            role="option"
            aria-selected={command === current}
            className="palette-item"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => run(command)}
          >
            <span className="palette-title">{command.title}</span>
            <span className="palette-keys">
              {command.keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </span>
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p className="palette-empty">No command matches “{query}”.</p>}
    </dialog>
  );
}
