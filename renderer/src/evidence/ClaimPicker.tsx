// Chooses one of the workspace's claims by typing words of its statement: a search box over a
// list (the ARIA combobox pattern, with the list always shown). The highlighted claim is the
// chosen one, so arrows choose and Enter submits the form around it; a click chooses too. At
// hundreds of claims a <select> cut every statement to one line; here they wrap, whole.
import { useId, useMemo, useState } from 'react';
import type { Claim, VerdictRating } from '../../../core/model/evidence.ts';
import { findClaims } from './claim-search.ts';

interface ClaimPickerProps {
  readonly claims: readonly Claim[];
  readonly value: string;
  readonly onChange: (claimId: string) => void;
  /** The workspace's verdict scale, to name each claim's rating. */
  readonly scale: readonly VerdictRating[];
}

/** How many matches are listed; typing narrows the rest. */
const SHOWN = 50;

export function ClaimPicker({ claims, value, onChange, scale }: ClaimPickerProps) {
  const [query, setQuery] = useState('');
  const listId = useId();
  const found = useMemo(() => findClaims(claims, query), [claims, query]);
  const shown = found.slice(0, SHOWN);
  const index = shown.findIndex((claim) => claim.id === value);
  const optionId = (claimId: string) => `${listId}-${claimId}`;

  const search = (next: string) => {
    setQuery(next);
    const first = findClaims(claims, next)[0];
    onChange(first?.id ?? '');
  };
  const move = (step: number) => {
    if (shown.length === 0) return;
    const next = index < 0 ? 0 : Math.min(shown.length - 1, Math.max(0, index + step));
    onChange(shown[next]!.id);
    document.getElementById(optionId(shown[next]!.id))?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <div className="claim-picker">
      <input
        type="search"
        role="combobox"
        aria-label="Find a claim by words of its statement"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={index >= 0 ? optionId(value) : undefined}
        placeholder="Words of the statement…"
        value={query}
        onChange={(event) => search(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            move(event.key === 'ArrowDown' ? 1 : -1);
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label="Claims" className="claim-picker-list">
        {shown.map((claim) => (
          <li
            key={claim.id}
            id={optionId(claim.id)}
            role="option"
            aria-selected={claim.id === value}
            className={claim.id === value ? 'claim-picker-option is-chosen' : 'claim-picker-option'}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onChange(claim.id)}
          >
            <span>{claim.statement}</span>
            <small>
              {claim.mentions.length} annotation{claim.mentions.length === 1 ? '' : 's'}
              {claim.verdict && ` · ${scale.find((rating) => rating.id === claim.verdict!.rating)?.label ?? claim.verdict.rating}`}
            </small>
          </li>
        ))}
      </ul>
      <p className="claim-picker-count" role="status">
        {found.length === 0
          ? `No claim has all of “${query.trim()}” in its statement.`
          : found.length > SHOWN
            ? `${SHOWN} of ${found.length} claims shown: type more words to narrow.`
            : `${found.length} claim${found.length === 1 ? '' : 's'}`}
      </p>
    </div>
  );
}
