// Naming a saved search: "Save search…" in the search view (a name already taken is replaced,
// after saying so), and Rename in the library's list. The list is kept in the workspace settings.
import { useState, type FormEvent } from 'react';
import { savedSearchKey, type SavedSearch } from '../../../core/search/saved-search.ts';
import { api } from '../api/client.ts';
import { Dialog, FormFooter } from '../ui/Dialog.tsx';

interface SavedSearchDialogProps {
  readonly searches: readonly SavedSearch[];
  /** The search to save (a new one), or the one to rename (its name changes). */
  readonly search: SavedSearch;
  readonly mode: 'save' | 'rename';
  readonly onClose: () => void;
  readonly onDone: (message: string) => void;
}

export function SavedSearchDialog({ searches, search, mode, onClose, onDone }: SavedSearchDialogProps) {
  const [name, setName] = useState(search.name);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const key = savedSearchKey(name);
  const taken = searches.find((other) => savedSearchKey(other.name) === key && (mode === 'save' || other !== search));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || name.trim() === '') return;
    if (mode === 'rename' && taken) return setError(`A saved search is already called “${taken.name}”: choose another name.`);
    const named = { ...search, name: name.trim() };
    const next =
      mode === 'rename'
        ? searches.map((other) => (other === search ? named : other))
        : taken
          ? searches.map((other) => (other === taken ? named : other))
          : [...searches, named];
    setBusy(true);
    const result = await api.updateSettings({ savedSearches: next }).catch((caught: unknown) => ({
      ok: false as const,
      error: { message: (caught as Error).message },
    }));
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    onDone(
      mode === 'rename'
        ? `Renamed the saved search to “${named.name}”.`
        : `Saved the search as “${named.name}”: it is listed in the library.`,
    );
    onClose();
  };

  return (
    <Dialog title={mode === 'save' ? 'Save search' : 'Rename saved search'} onClose={onClose}>
      <form className="form form-grid" onSubmit={(event) => void submit(event)}>
        <label className="span-2">
          Name
          <input
            value={name}
            maxLength={100}
            autoFocus
            onChange={(event) => {
              setName(event.target.value);
              setError(undefined);
            }}
          />
        </label>
        <p className="span-2 saved-search-query">
          <code>{search.query}</code>
          {search.matchCase ? ' · match case' : ''}
          {(search.filters ?? []).map((filter) => ` · ${filter.field}: ${filter.value}`).join('')}
        </p>
        {mode === 'save' && taken && !error && (
          <p className="span-2 form-hint">A saved search is called “{taken.name}”: saving replaces it.</p>
        )}
        <FormFooter
          error={error}
          busy={busy}
          disabled={name.trim() === ''}
          submit={mode === 'save' ? (taken ? ['Replace', 'Saving…'] : ['Save', 'Saving…']) : ['Rename', 'Renaming…']}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
