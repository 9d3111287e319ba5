// What the Agreement view compares: the coders (the annotations' creators), the tags, the
// documents, and when span F1 counts two spans as the same. Each list starts as the service's
// default (every coder but the curator, every tag they used, every document) and is the analyst's
// own once they change it.
import type { CoderSummary } from '../../../core/contract/workbench-api.ts';
import type { Codebook } from '../../../core/model/codebook.ts';
import type { DocumentSummary } from '../../../core/model/document.ts';
import type { AgreementChoice } from './use-agreement.ts';

interface AgreementChoicesProps {
  readonly choice: AgreementChoice;
  readonly onChoice: (choice: AgreementChoice) => void;
  /** What the figures compare now (the choice with the defaults filled in). */
  readonly compared: { readonly coders: readonly string[]; readonly tagIds: readonly string[]; readonly documentIds: readonly string[] };
  readonly coders: readonly CoderSummary[];
  readonly codebook: Codebook;
  readonly documents: readonly DocumentSummary[];
}

/** Span F1's rules to choose from: exact boundaries, or a minimum overlap (intersection over union). */
const OVERLAPS: readonly { value: string; label: string }[] = [
  { value: '', label: 'Exact boundaries' },
  { value: '0.9', label: 'Overlap ≥ 90%' },
  { value: '0.75', label: 'Overlap ≥ 75%' },
  { value: '0.5', label: 'Overlap ≥ 50%' },
  { value: '0.25', label: 'Overlap ≥ 25%' },
  { value: '0', label: 'Any overlap' },
];

/** A creator as people read it: annotations made before an analyst name was set have none. */
export function coderName(coder: string): string {
  return coder === '' ? '(no analyst name)' : coder;
}

function toggled(list: readonly string[], id: string, on: boolean): string[] {
  return on ? [...list, id] : list.filter((one) => one !== id);
}

export function AgreementChoices({ choice, onChoice, compared, coders, codebook, documents }: AgreementChoicesProps) {
  // The analyst's own lists at once (the figures follow when the service answers), else the defaults.
  const chosen = {
    coders: choice.coders ?? compared.coders,
    tagIds: choice.tagIds ?? compared.tagIds,
    documentIds: choice.documentIds ?? compared.documentIds,
  };
  const overlap = choice.overlap === undefined ? '' : String(choice.overlap);
  return (
    <aside className="pane agreement-choices" aria-label="Compare">
      <h2 className="pane-title">Compare</h2>
      <fieldset className="agreement-fieldset">
        <legend>Coders</legend>
        {coders.length === 0 && <p className="pane-empty">No annotations yet.</p>}
        {coders.map((coder) => {
          const curated = coder.name === choice.curator;
          return (
            <label key={coder.name} className="agreement-check" title={curated ? 'The curated version: not a coder' : undefined}>
              <input
                type="checkbox"
                checked={chosen.coders.includes(coder.name)}
                disabled={curated}
                onChange={(event) => onChoice({ ...choice, coders: toggled(chosen.coders, coder.name, event.target.checked) })}
              />
              <span className="agreement-check-name">{coderName(coder.name)}</span>
              <span className="agreement-check-count">{curated ? 'curated' : coder.annotations}</span>
            </label>
          );
        })}
      </fieldset>
      <fieldset className="agreement-fieldset">
        <legend>Tags</legend>
        {codebook.tags.map((tag) => (
          <label key={tag.id} className={tag.parentId ? 'agreement-check agreement-check-child' : 'agreement-check'}>
            <input
              type="checkbox"
              checked={chosen.tagIds.includes(tag.id)}
              onChange={(event) => onChoice({ ...choice, tagIds: toggled(chosen.tagIds, tag.id, event.target.checked) })}
            />
            <span className="agreement-check-name">{tag.name}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="agreement-fieldset">
        <legend>Documents</legend>
        <div className="agreement-all-none">
          <button type="button" className="button-small" onClick={() => onChoice({ ...choice, documentIds: undefined })}>
            All
          </button>
          <button type="button" className="button-small" onClick={() => onChoice({ ...choice, documentIds: [] })}>
            None
          </button>
        </div>
        {documents.map(({ meta }) => (
          <label key={meta.id} className="agreement-check">
            <input
              type="checkbox"
              checked={chosen.documentIds.includes(meta.id)}
              onChange={(event) => onChoice({ ...choice, documentIds: toggled(chosen.documentIds, meta.id, event.target.checked) })}
            />
            <span className="agreement-check-name">{meta.title}</span>
          </label>
        ))}
      </fieldset>
      <label className="agreement-field">
        <span>Span F1 counts two spans as one at</span>
        <select
          value={overlap}
          onChange={(event) => {
            const { overlap: _old, ...rest } = choice;
            onChoice(event.target.value === '' ? rest : { ...rest, overlap: Number(event.target.value) });
          }}
        >
          {OVERLAPS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
    </aside>
  );
}
