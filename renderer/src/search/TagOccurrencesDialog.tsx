// "Tag every occurrence" (issue 19): every place the search finds in the documents' text, a
// checkbox each (all chosen, except those an annotation already holds unless asked), tagged with a
// codebook tag, a status and a speaker in one step that one undo takes back. It says first how
// many annotations it will make in how many documents.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { Occurrence } from '../../../core/contract/search-api.ts';
import type { Codebook } from '../../../core/model/codebook.ts';
import type { VerificationStatus } from '../../../core/model/workspace.ts';
import { api } from '../api/client.ts';
import { Dialog, FormFooter } from '../ui/Dialog.tsx';
import { countOf } from '../ui/format.ts';
import { OptionSelect } from '../ui/OptionSelect.tsx';
import { snippetParts } from './search-hits.ts';
import type { SearchParams } from './use-search.ts';

interface TagOccurrencesDialogProps {
  readonly params: SearchParams;
  readonly codebook: Codebook;
  readonly statuses: readonly VerificationStatus[];
  readonly onClose: () => void;
  /** What was done, for the window's notice. */
  readonly onDone: (message: string) => void;
}

const keyOf = (occurrence: Occurrence) => `${occurrence.documentId}:${occurrence.start}-${occurrence.end}`;

export function TagOccurrencesDialog({ params, codebook, statuses, onClose, onDone }: TagOccurrencesDialogProps) {
  const [listed, setListed] = useState<{ occurrences: Occurrence[]; truncated: boolean } | { error: string }>();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [tag, setTag] = useState('');
  const [status, setStatus] = useState(statuses[0]?.id ?? '');
  const [speaker, setSpeaker] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const { query, matchCase, filters } = params;
    api.findOccurrences(query, { matchCase, filters: [...filters] }).then(
      (result) => {
        if (!live) return;
        if (!result.ok) return setListed({ error: result.error.message });
        setListed(result.value);
        setChosen(new Set(result.value.occurrences.filter((occurrence) => !occurrence.annotated).map(keyOf)));
      },
      (caught: unknown) => live && setListed({ error: (caught as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [params]);

  const occurrences = useMemo(() => (listed && 'occurrences' in listed ? listed.occurrences : []), [listed]);
  const groups = useMemo(() => {
    const byDocument = new Map<string, { title: string; occurrences: Occurrence[] }>();
    for (const occurrence of occurrences) {
      const group = byDocument.get(occurrence.documentId) ?? { title: occurrence.title, occurrences: [] };
      group.occurrences.push(occurrence);
      byDocument.set(occurrence.documentId, group);
    }
    return [...byDocument];
  }, [occurrences]);
  const annotated = occurrences.filter((occurrence) => occurrence.annotated);
  const picked = occurrences.filter((occurrence) => chosen.has(keyOf(occurrence)));
  const documents = new Set(picked.map((occurrence) => occurrence.documentId)).size;
  const allAnnotatedChosen = annotated.length > 0 && annotated.every((occurrence) => chosen.has(keyOf(occurrence)));

  const toggle = (keys: readonly string[], on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      for (const key of keys) {
        if (on) next.add(key);
        else next.delete(key);
      }
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || picked.length === 0 || tag === '') return;
    setBusy(true);
    try {
      const spans = picked.map(({ documentId, start, end }) => ({ documentId, start, end }));
      const result = await api.tagOccurrences(spans, {
        tags: [tag],
        ...(status ? { status } : {}),
        ...(speaker.trim() ? { speaker: speaker.trim() } : {}),
      });
      if (!result.ok) return setError(result.error.message);
      onDone(
        `Tagged ${countOf(result.value.annotations, 'occurrence')} in ${countOf(result.value.documents, 'document')} as ${codebook.tags.find((entry) => entry.id === tag)?.name ?? tag}. Ctrl+Z undoes it.`,
      );
      onClose();
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Tag every occurrence" onClose={onClose} wide>
      <form className="form form-grid" onSubmit={(event) => void submit(event)}>
        <label>
          Tag
          <OptionSelect
            value={tag}
            first={[{ id: '', label: 'Choose a tag' }]}
            options={codebook.tags.map(({ id, name }) => ({ id, label: name }))}
            onChange={setTag}
          />
        </label>
        <label>
          Status
          <OptionSelect value={status} options={statuses} onChange={setStatus} />
        </label>
        <label className="span-2">
          Speaker
          <input value={speaker} onChange={(event) => setSpeaker(event.target.value)} placeholder="Who said it (optional)" />
        </label>
        <div className="span-2 occurrence-list" data-testid="occurrence-list">
          {listed === undefined ? (
            <p className="pane-empty">Finding the occurrences…</p>
          ) : 'error' in listed ? (
            <p className="form-error">{listed.error}</p>
          ) : occurrences.length === 0 ? (
            <p className="pane-empty">
              The search finds no words in the documents’ text to tag (annotations and claims it finds are tagged already).
            </p>
          ) : (
            groups.map(([documentId, group]) => (
              <fieldset key={documentId} className="occurrence-group">
                <legend>{group.title}</legend>
                {group.occurrences.map((occurrence) => {
                  const [before, marked, after] = snippetParts(occurrence.snippet);
                  return (
                    <label key={keyOf(occurrence)} className="occurrence">
                      <input
                        type="checkbox"
                        checked={chosen.has(keyOf(occurrence))}
                        onChange={(event) => toggle([keyOf(occurrence)], event.target.checked)}
                      />
                      <span className="search-snippet">
                        {before}
                        <mark>{marked}</mark>
                        {after}
                      </span>
                      {occurrence.annotated && <span className="search-hit-kind">already annotated</span>}
                    </label>
                  );
                })}
              </fieldset>
            ))
          )}
        </div>
        {annotated.length > 0 && (
          <label className="span-2 checkbox-line">
            <input type="checkbox" checked={allAnnotatedChosen} onChange={(event) => toggle(annotated.map(keyOf), event.target.checked)} />
            Also tag the {countOf(annotated.length, 'occurrence')} inside an annotation already
          </label>
        )}
        <p className="span-2 occurrence-summary" role="status">
          {listed && 'occurrences' in listed
            ? `Makes ${countOf(picked.length, 'annotation')} in ${countOf(documents, 'document')}${listed.truncated ? ' (the search found more than are listed)' : ''}.`
            : ''}
        </p>
        <FormFooter
          error={error}
          busy={busy}
          disabled={picked.length === 0 || tag === ''}
          submit={[`Tag ${countOf(picked.length, 'occurrence')}`, 'Tagging…']}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
