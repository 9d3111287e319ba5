// The codebook's speakers: every speaker the annotations name, with its other spellings and how
// many annotations name it. Check two or more and merge them into the one to keep: the others
// become its spellings, every annotation takes its name, and typing a spelling later gives it too.
// One undoable change (Ctrl/Cmd+Z).
import { useMemo, useState } from 'react';
import type { Codebook } from '../../../core/model/codebook.ts';
import { api } from '../api/client.ts';
import { useServiceValue } from '../api/use-service-value.ts';

interface SpeakersPaneProps {
  /** The codebook as windows see it: the list reloads when it changes (a merge, an undo). */
  readonly codebook: Codebook;
  readonly onMessage: (message: string) => void;
}

export function SpeakersPane({ codebook, onMessage }: SpeakersPaneProps) {
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [into, setInto] = useState('');
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState(false);

  const speakers = useServiceValue(api.getSpeakers, [api.onDidChangeDocuments], codebook);

  const shown = useMemo(() => {
    const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    return (speakers ?? []).filter((speaker) => {
      const spellings = [speaker.name, ...speaker.aliases].join('\n').toLocaleLowerCase();
      return words.every((word) => spellings.includes(word));
    });
  }, [speakers, query]);
  const chosen = (speakers ?? []).filter((speaker) => checked.has(speaker.name));
  // The name kept: the one chosen, else the most used of those checked (the list is most used first).
  const keep = chosen.some((speaker) => speaker.name === into) ? into : (chosen[0]?.name ?? '');

  const toggle = (name: string) => {
    const next = new Set(checked);
    if (!next.delete(name)) next.add(name);
    setChecked(next);
  };

  const merge = async () => {
    const others = chosen.map((speaker) => speaker.name).filter((name) => name !== keep);
    setBusy(true);
    const result = await api.mergeSpeakers(keep, others);
    setBusy(false);
    if (!result.ok) return onMessage(`Could not merge: ${result.error.message}`);
    setChecked(new Set());
    onMessage(
      `Merged ${others.map((name) => `“${name}”`).join(', ')} into “${keep}”: ${result.value.annotations} annotation${result.value.annotations === 1 ? '' : 's'} renamed. Ctrl+Z undoes it.`,
    );
  };

  return (
    <section className="speakers-pane form" aria-label="Speakers">
      <h3 className="codebook-heading">Speakers</h3>
      <p className="export-hint">
        One speaker, several spellings: check them, choose the name to keep, and merge. Filters and counts then treat them as one, and a
        spelling typed later is stored under the kept name.
      </p>
      <input
        type="search"
        aria-label="Filter speakers"
        placeholder="Filter speakers"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {speakers === undefined ? (
        <p className="export-hint">Loading…</p>
      ) : speakers.length === 0 ? (
        <p className="export-hint">No annotation names a speaker yet.</p>
      ) : (
        <ul className="speakers-list" aria-label="Speakers">
          {shown.map((speaker) => (
            <li key={speaker.name}>
              <label>
                <input type="checkbox" checked={checked.has(speaker.name)} onChange={() => toggle(speaker.name)} />{' '}
                <span className="speaker-name">{speaker.name}</span>
                {speaker.aliases.length > 0 && <small className="speaker-aliases"> also {speaker.aliases.join(', ')}</small>}
                <span className="codebook-usage" title="Annotations naming this speaker">
                  {speaker.annotations}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <div className="speakers-merge">
        <label>
          Keep the name{' '}
          <select value={keep} disabled={chosen.length < 2} onChange={(event) => setInto(event.target.value)}>
            {chosen.map((speaker) => (
              <option key={speaker.name} value={speaker.name}>
                {speaker.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button-primary" disabled={chosen.length < 2 || busy} onClick={() => void merge()}>
          {busy ? 'Merging…' : chosen.length < 2 ? 'Merge (check two or more)' : `Merge ${chosen.length} speakers`}
        </button>
      </div>
    </section>
  );
}
