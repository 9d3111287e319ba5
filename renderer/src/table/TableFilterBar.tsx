// The annotations table's filters: a query of the search language (its words looked for in the
// quotes), and one choice per field (document, tag, status, speaker, outlet, creator, claim,
// verdict). A speaker is chosen as the codebook groups its spellings, so "Zelensky" finds every
// spelling of him. Each choice narrows the rows; "Clear" takes them all away.
import { useId, useMemo } from 'react';
import { tagTree } from '../../../core/codebook/edit.ts';
import type { TableFilters } from '../../../core/contract/annotation-table-api.ts';
import type { DocumentSummary } from '../../../core/model/document.ts';
import { NO_VERDICT, type Claim } from '../../../core/model/evidence.ts';
import type { WorkspaceInfo } from '../../../core/model/workspace.ts';
import { api } from '../api/client.ts';
import { useServiceValue } from '../api/use-service-value.ts';
import { shorten } from '../ui/format.ts';
import type { AnnotationTableState } from './use-annotation-table.ts';

interface TableFilterBarProps {
  readonly table: AnnotationTableState;
  readonly workspace: WorkspaceInfo;
  readonly documents: readonly DocumentSummary[];
  readonly claims: readonly Claim[];
  readonly onExport: () => void;
}

type Field = Exclude<keyof TableFilters, 'inClaim'>;
type Choice = { readonly value: string; readonly label: string; readonly title?: string };

/** The claim choice says "in a claim", "in none" or names one claim. */
const IN_A_CLAIM = '@in';
const IN_NO_CLAIM = '@none';
/** The option of "none recorded" (a filter value of ''): a value no trimmed name can be, as '' is "all". */
const EMPTY = ' ';

export function TableFilterBar({ table, workspace, documents, claims, onExport }: TableFilterBarProps) {
  const { params, setFilter, setFilters, error } = table;
  const { filters } = params;
  const id = useId();
  const speakers = useServiceValue(api.getSpeakers, [api.onDidChangeAnnotations, api.onDidChangeWorkspace]) ?? [];
  const choices = useServiceValue(api.getAnnotationTableChoices, [api.onDidChangeAnnotations, api.onDidChangeDocuments]);
  const tags = useMemo(() => tagTree(workspace.codebook), [workspace.codebook]);
  const filtered = Object.keys(filters).length > 0;
  const queryError = typeof error === 'object' ? error : undefined;

  const field = (name: Field, label: string, options: readonly Choice[], all: string) => {
    const chosen = filters[name];
    const value = chosen === undefined ? '' : chosen.length === 1 ? chosen[0]! || EMPTY : '*';
    const choose = (next: string) => setFilter(name, next === '' ? undefined : [next === EMPTY ? '' : next]);
    return (
      <label className="table-filter">
        <span>{label}</span>
        <select aria-label={label} value={value} onChange={(event) => choose(event.target.value)}>
          <option value="">{all}</option>
          {value === '*' && <option value="*">{chosen!.length} chosen</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value || EMPTY} title={option.title}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
    );
  };

  const claimValue = filters.inClaim === true ? IN_A_CLAIM : filters.inClaim === false ? IN_NO_CLAIM : (filters.claims?.[0] ?? '');
  const chooseClaim = (value: string) => {
    const { claims: _claims, inClaim: _inClaim, ...rest } = filters;
    setFilters(
      value === ''
        ? rest
        : value === IN_A_CLAIM
          ? { ...rest, inClaim: true }
          : value === IN_NO_CLAIM
            ? { ...rest, inClaim: false }
            : { ...rest, claims: [value] },
    );
  };

  return (
    <div className="table-filters" role="search" aria-label="Filter the annotations">
      <div className="table-query">
        <input
          type="search"
          aria-label="Filter by a search query"
          aria-invalid={queryError !== undefined}
          aria-describedby={queryError ? `${id}-error` : undefined}
          placeholder='A search query: words, "phrases", tag:…, speaker:…, -excluded'
          spellCheck={false}
          value={params.query}
          onChange={(event) => table.setQuery(event.target.value)}
        />
        <label className="search-option">
          <input type="checkbox" checked={params.matchCase} onChange={(event) => table.setMatchCase(event.target.checked)} />
          Match case
        </label>
        {filtered && (
          <button type="button" className="button-small" onClick={() => setFilters({})}>
            Clear filters
          </button>
        )}
        <button type="button" className="button-small" onClick={onExport} title="Save the rows shown, in this order, as a CSV file">
          Export CSV
        </button>
      </div>
      {queryError && (
        <p id={`${id}-error`} className="table-error search-error" role="alert">
          {queryError.message}
        </p>
      )}
      <div className="table-filter-row">
        {field(
          'documents',
          'Document',
          documents.map(({ meta }) => ({ value: meta.id, label: shorten(meta.title, 60), title: meta.title })),
          'All documents',
        )}
        {field(
          'tags',
          'Tag',
          tags.map(({ tag, depth }) => ({ value: tag.id, label: `${'\u2003'.repeat(depth)}${tag.name}` })),
          'All tags',
        )}
        {field(
          'statuses',
          'Status',
          workspace.settings.statuses.map((status) => ({ value: status.id, label: status.label })),
          'All statuses',
        )}
        {field(
          'speakers',
          'Speaker',
          [
            { value: '', label: 'No speaker' },
            ...speakers.map((speaker) => ({
              value: speaker.name,
              label: `${speaker.name} (${speaker.annotations})`,
              ...(speaker.aliases.length > 0 ? { title: `Also ${speaker.aliases.join(', ')}` } : {}),
            })),
          ],
          'All speakers',
        )}
        {field(
          'outlets',
          'Outlet',
          (choices?.outlets ?? []).map(({ value, count }) => ({ value, label: `${value || 'No outlet'} (${count})` })),
          'All outlets',
        )}
        {field(
          'creators',
          'Creator',
          (choices?.creators ?? []).map(({ value, count }) => ({ value, label: `${value || 'Unnamed'} (${count})` })),
          'All creators',
        )}
        <label className="table-filter">
          <span>Claim</span>
          <select aria-label="Claim" value={claimValue} onChange={(event) => chooseClaim(event.target.value)}>
            <option value="">All</option>
            <option value={IN_A_CLAIM}>In a claim</option>
            <option value={IN_NO_CLAIM}>In no claim</option>
            {claims.map((claim) => (
              <option key={claim.id} value={claim.id} title={claim.statement}>
                {shorten(claim.statement || 'Untitled claim', 60)}
              </option>
            ))}
          </select>
        </label>
        {field(
          'verdicts',
          'Verdict',
          [
            { value: NO_VERDICT, label: 'No verdict' },
            ...workspace.settings.verdictScale.map((rating) => ({ value: rating.id, label: rating.label })),
          ],
          'All verdicts',
        )}
      </div>
    </div>
  );
}
