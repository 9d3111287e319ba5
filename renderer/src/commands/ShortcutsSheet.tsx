// The keyboard shortcuts sheet (?): every key of the command registry, by where it works, with the
// codebook's tag keys. Printed from the same list the key handlers read.
import { Fragment } from 'react';
import type { Codebook } from '../../../core/model/codebook.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { COMMAND_IDS, COMMANDS, formatKey, isMac, SCOPE_NAMES, type CommandSpec, type Scope } from './command-registry.ts';

interface ShortcutsSheetProps {
  readonly codebook: Codebook;
  readonly onClose: () => void;
}

export function ShortcutsSheet({ codebook, onClose }: ShortcutsSheetProps) {
  const mac = isMac();
  const tagKeys = codebook.tags.flatMap((tag) => (tag.shortcut ? [`${tag.shortcut} ${tag.name}`] : []));
  const scopes = Object.keys(SCOPE_NAMES) as Scope[];
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} wide closeButton={{ label: 'Close', primary: true }}>
      {/* It scrolls in a low window: a tab stop, so that the keyboard can scroll it too. */}
      <div className="shortcuts-sheet" tabIndex={0} role="group" aria-label="Shortcuts by where they work">
        {scopes.map((scope) => (
          <section key={scope} aria-label={SCOPE_NAMES[scope]}>
            <h3 className="shortcuts-scope">{SCOPE_NAMES[scope]}</h3>
            <dl className="shortcuts-list">
              {COMMAND_IDS.map((id) => {
                const spec: CommandSpec = COMMANDS[id];
                if (spec.scope !== scope || (spec.keys.length === 0 && !spec.tagKeys)) return null;
                return (
                  <Fragment key={id}>
                    <dt>
                      {spec.keys.map((chord) => (
                        <kbd key={formatKey(chord, mac)}>{formatKey(chord, mac)}</kbd>
                      ))}
                      {spec.tagKeys && <kbd title={tagKeys.join(', ')}>tag key</kbd>}
                    </dt>
                    <dd>
                      {spec.title}
                      {spec.when && <span className="shortcuts-when"> ({spec.when})</span>}
                    </dd>
                  </Fragment>
                );
              })}
            </dl>
          </section>
        ))}
        {tagKeys.length > 0 && <p className="shortcuts-tags">Tag keys in this codebook: {tagKeys.join(' · ')}</p>}
      </div>
    </Dialog>
  );
}
