// An editable list of named, coloured entries: the annotation statuses, or the verdict scale. Entries
// can be renamed, recoloured, moved and added; one that records use cannot be removed, and says
// how many use it.
import { useRef } from 'react';
import { NEW_ENTRY, type ScaleEntry } from './scale-entries.ts';

interface ScaleEditorProps {
  /** "Annotation statuses", "Verdict scale". */
  readonly legend: string;
  readonly description: string;
  /** What one entry is called in buttons ("status", "rating"). */
  readonly noun: string;
  readonly entries: readonly ScaleEntry[];
  /** How many records use each entry, by id (undefined while it is being counted). */
  readonly usage: Readonly<Record<string, number>> | undefined;
  /** What records are ("annotation", "claim"). */
  readonly usedBy: string;
  readonly onChange: (entries: ScaleEntry[]) => void;
}

export function ScaleEditor({ legend, description, noun, entries, usage, usedBy, onChange }: ScaleEditorProps) {
  const serial = useRef(0);
  const put = (index: number, entry: ScaleEntry) => onChange(entries.map((old, at) => (at === index ? entry : old)));
  const move = (index: number, step: number) => {
    const next = [...entries];
    const [entry] = next.splice(index, 1);
    next.splice(index + step, 0, entry!);
    onChange(next);
  };
  return (
    <fieldset className="scale-editor span-2">
      <legend>{legend}</legend>
      <p className="form-hint">{description}</p>
      <ol className="scale-list">
        {entries.map((entry, index) => {
          const used = usage?.[entry.id] ?? 0;
          const name = entry.label || `new ${noun}`;
          return (
            <li key={entry.id} className="scale-row">
              <input
                type="color"
                value={entry.color}
                aria-label={`Colour of ${name}`}
                onChange={(event) => put(index, { ...entry, color: event.target.value })}
              />
              <input
                value={entry.label}
                aria-label={`Name of ${noun} ${index + 1}`}
                maxLength={80}
                onChange={(event) => put(index, { ...entry, label: event.target.value })}
              />
              <span className="scale-used">{used > 0 ? `${used} ${usedBy}${used === 1 ? '' : 's'}` : 'unused'}</span>
              <button
                type="button"
                className="button-small"
                aria-label={`Move ${name} up`}
                disabled={index === 0}
                onClick={() => move(index, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="button-small"
                aria-label={`Move ${name} down`}
                disabled={index === entries.length - 1}
                onClick={() => move(index, 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="button-small"
                aria-label={`Remove ${name}`}
                disabled={used > 0 || entries.length === 1 || usage === undefined}
                title={
                  used > 0
                    ? `${used} ${usedBy}${used === 1 ? ' uses' : 's use'} it: give them another ${noun} first, or rename it`
                    : entries.length === 1
                      ? `The list needs at least one ${noun}`
                      : `Remove this ${noun}`
                }
                onClick={() => onChange(entries.filter((_, at) => at !== index))}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button-small"
        onClick={() => onChange([...entries, { id: `${NEW_ENTRY}${++serial.current}`, label: '', color: '#8a8f98' }])}
      >
        Add {noun}
      </button>
    </fieldset>
  );
}
