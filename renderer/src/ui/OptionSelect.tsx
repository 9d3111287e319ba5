// A <select> over a list of { id, label } (verification statuses, claim statuses, verdict
// ratings), with optional choices before the list ("All statuses", "No verdict yet").
import type { CSSProperties } from 'react';

export interface SelectOption<V extends string> {
  readonly id: V;
  readonly label: string;
}

interface OptionSelectProps<V extends string> {
  readonly options: readonly SelectOption<V>[];
  readonly value: V;
  readonly onChange: (value: V) => void;
  /** Offered before `options`, e.g. `{ id: '', label: 'All statuses' }`. */
  readonly first?: readonly SelectOption<V>[];
  readonly 'aria-label'?: string;
  /** The id of an element that explains the choice (a help line under the field). */
  readonly 'aria-describedby'?: string;
  readonly style?: CSSProperties;
}

/**
 * @example
 * <OptionSelect aria-label="Status" value={filter.status} first={[{ id: '', label: 'All statuses' }]} options={statuses} onChange={(status) => setFilter({ ...filter, status })} />
 */
export function OptionSelect<V extends string>({
  options,
  value,
  onChange,
  first = [],
  'aria-label': label,
  'aria-describedby': describedBy,
  style,
}: OptionSelectProps<V>) {
  return (
    // Every option's value is one of the ids given, so the chosen value is a V.
    <select
      aria-label={label}
      aria-describedby={describedBy}
      value={value}
      onChange={(event) => onChange(event.target.value as V)}
      style={style}
    >
      {[...first, ...options].map((option) => (
        <option key={option.id} value={option.id}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
