// The search view (issue 19): one query over every document, annotation and claim of the
// workspace. Results are grouped by document with keyword-in-context snippets (the hit marked),
// counts, and facets to narrow them; sorted by relevance or date. The query box is a combobox
// over the results: the arrow keys walk the hits, Enter opens one in the reader with its span
// selected (Shift+Enter: in the pane beside). While the index is being built, a progress bar says so.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AnswerHit } from '../../../core/contract/search-api.ts';
import type { SearchFacets, SearchHit, SearchStatus } from '../../../core/search/search-types.ts';
import type { Codebook } from '../../../core/model/codebook.ts';
import type { VerificationStatus } from '../../../core/model/workspace.ts';
import type { SavedSearch } from '../../../core/search/saved-search.ts';
import { claimsByMention } from '../../../core/evidence/membership.ts';
import { refKey, type Claim, type VerdictRating } from '../../../core/model/evidence.ts';
import { resultCountsText } from '../../../core/search/result-counts.ts';
import { countOf, shorten } from '../ui/format.ts';
import { caretUnder, flatHits, hitInLabel, hitKey, moveIndex } from './search-hits.ts';
import { SearchResults } from './SearchResults.tsx';
import { SavedSearchDialog } from './SavedSearchDialog.tsx';
import { TagOccurrencesDialog } from './TagOccurrencesDialog.tsx';
import type { FacetField, SearchState } from './use-search.ts';

interface SearchViewProps {
  readonly search: SearchState;
  readonly codebook: Codebook;
  readonly statuses: readonly VerificationStatus[];
  /** Opens a hit in the reader (`beside`: in the pane beside). */
  readonly onOpen: (hit: SearchHit, beside: boolean) => void;
  /** Says what was done (tagging every occurrence) in the window's notice. */
  readonly report: (message: string) => void;
  /** Says what was done (a search saved) in the status bar. */
  readonly say: (message: string) => void;
  /** The workspace's saved searches ("Save search…" adds this one, or replaces one of its name). */
  readonly savedSearches: readonly SavedSearch[];
  /** The workspace's claims and verdict scale: a hit in an annotation says which claim it is in. */
  readonly claims: readonly Claim[];
  readonly scale: readonly VerdictRating[];
}

const FACETS: readonly { field: FacetField; label: string }[] = [
  { field: 'tag', label: 'Tag' },
  { field: 'status', label: 'Status' },
  { field: 'outlet', label: 'Outlet' },
  { field: 'role', label: 'Role' },
  { field: 'speaker', label: 'Speaker' },
];
/** Values listed per facet before "more". */
const FACET_VALUES = 8;

export function SearchView({ search, codebook, statuses, onOpen, report, say, savedSearches, claims, scale }: SearchViewProps) {
  const { params, outcome, pending, status } = search;
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  /** After "Show more results": where the new page's hits start, until they come. */
  const moreFrom = useRef<number>(undefined);
  const answer = outcome.state === 'answered' ? outcome.answer : undefined;
  const hits = useMemo(() => flatHits(answer?.groups ?? []), [answer]);
  const indexOf = useMemo(() => new Map(hits.map(({ hit }, index) => [hit, index])), [hits]);
  const [activeKey, setActiveKey] = useState<string>();
  const [tagging, setTagging] = useState(false);
  const [saving, setSaving] = useState(false);
  // Words found in the text (not annotations or claims): what "tag every occurrence" can annotate.
  const inText = hits.some(({ hit }) => hit.annotationId === undefined && hit.end > hit.start);
  const found = hits.findIndex(({ hit }) => hitKey(hit) === activeKey);
  const active = found >= 0 ? found : hits.length > 0 ? 0 : -1;
  const optionId = (index: number) => `${id}-hit-${index}`;

  useEffect(() => input.current?.focus(), []);
  // The page asked by "Show more results" has come: its first hit is active, the list focused.
  useEffect(() => {
    const from = moreFrom.current;
    if (from === undefined || hits.length <= from) return;
    moreFrom.current = undefined;
    setActiveKey(hitKey(hits[from]!.hit));
    list.current?.focus();
  }, [hits]);
  // Keep the active hit in view as the arrow keys move it.
  useEffect(() => {
    if (active >= 0) document.getElementById(`${id}-hit-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, id]);

  const onKeyDown = (event: KeyboardEvent) => {
    const delta = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[event.key];
    const edge = event.currentTarget === input.current ? undefined : { Home: -Infinity, End: Infinity }[event.key];
    if (delta !== undefined || edge !== undefined) {
      event.preventDefault();
      const next = moveIndex(active, delta ?? edge!, hits.length);
      if (next >= 0) setActiveKey(hitKey(hits[next]!.hit));
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      onOpen(hits[active]!.hit, event.shiftKey);
    }
  };

  const tagNames = useMemo(() => new Map(codebook.tags.map((tag) => [tag.id, tag.name])), [codebook]);
  const memberships = useMemo(() => claimsByMention(claims, scale), [claims, scale]);
  const inLabel = (hit: AnswerHit) =>
    hitInLabel(
      hit.inAnnotations,
      (tagId) => tagNames.get(tagId) ?? tagId,
      (annotationId) => memberships.get(refKey({ documentId: hit.documentId, annotationId })) ?? [],
      (text) => shorten(text, 60),
    );
  const statusLabels = useMemo(() => new Map(statuses.map((entry) => [entry.id, entry.label])), [statuses]);
  const valueLabel = (field: FacetField, value: string) =>
    field === 'tag'
      ? (tagNames.get(value) ?? value)
      : field === 'status'
        ? (statusLabels.get(value) ?? value)
        : field === 'role'
          ? value === 'source'
            ? 'Source'
            : 'Claim'
          : value;
  const error = outcome.state === 'invalid' ? outcome.error : undefined;
  const feedbackId = `${id}-feedback`;

  return (
    <div className="search-view">
      <main className="pane search-main" aria-label="Search" data-pane="search">
        <div className="search-tools">
          <h1 className="pane-title">Search</h1>
          <input
            ref={input}
            type="search"
            role="combobox"
            aria-label="Search the workspace"
            aria-autocomplete="list"
            aria-expanded={hits.length > 0}
            aria-controls={`${id}-results`}
            aria-activedescendant={active >= 0 ? optionId(active) : undefined}
            aria-describedby={feedbackId}
            aria-invalid={error !== undefined}
            placeholder='Words, "exact phrases", tag:statistic, speaker:…, -excluded'
            spellCheck={false}
            value={params.query}
            onChange={(event) => search.setQuery(event.target.value)}
            onKeyDown={onKeyDown}
          />
          <label className="search-option">
            <input type="checkbox" checked={params.matchCase} onChange={(event) => search.setMatchCase(event.target.checked)} />
            Match case
          </label>
          <label className="search-option">
            Sort
            <select value={params.sort} onChange={(event) => search.setSort(event.target.value === 'date' ? 'date' : 'relevance')}>
              <option value="relevance">by relevance</option>
              <option value="date">by date, newest first</option>
            </select>
          </label>
          <button
            type="button"
            className="button-small"
            disabled={!inText || pending}
            title="Annotate the places the search finds in the text, with one tag, in one step"
            onClick={() => setTagging(true)}
          >
            Tag every occurrence…
          </button>
          <button
            type="button"
            className="button-small"
            disabled={params.query.trim() === '' || error !== undefined}
            title="Name this search: it is listed in the library with how many hits it finds, and travels in bundles"
            onClick={() => setSaving(true)}
          >
            Save search…
          </button>
        </div>
        <IndexProgress status={status} />
        <div id={feedbackId} className="search-feedback" role="status">
          {error ? (
            <span className="search-error">{error.message}</span>
          ) : outcome.state === 'failed' ? (
            <span className="search-error">The search failed: {outcome.message}</span>
          ) : answer ? (
            <span data-testid="search-counts">
              {resultCountsText(answer.counts)}
              {answer.groups.length < answer.counts.documents ? `; the first ${answer.groups.length} shown` : ''}
              {pending ? ' (searching…)' : ''}
            </span>
          ) : pending ? (
            'Searching…'
          ) : (
            ''
          )}
        </div>
        {error && <QueryCaret query={params.query} offset={error.offset} />}
        {outcome.state === 'empty' && <SearchHelp />}
        {answer && answer.groups.length > 0 && (
          <SearchResults
            id={id}
            listRef={list}
            groups={answer.groups}
            indexOf={indexOf}
            active={active}
            optionId={optionId}
            onKeyDown={onKeyDown}
            onChoose={(hit, beside) => {
              setActiveKey(hitKey(hit));
              onOpen(hit, beside);
            }}
            inLabel={inLabel}
          />
        )}
        {search.more && (
          <button
            type="button"
            className="button-small search-more"
            disabled={pending}
            onClick={() => {
              // Once the page comes, the arrow keys go on from its first hit.
              moreFrom.current = hits.length;
              search.showMore();
            }}
          >
            Show more results
          </button>
        )}
        {answer && answer.groups.length === 0 && <p className="pane-empty">Nothing matches.</p>}
      </main>
      {saving && (
        <SavedSearchDialog
          searches={savedSearches}
          search={{
            name: params.query.trim().slice(0, 100),
            query: params.query.trim(),
            ...(params.matchCase ? { matchCase: true } : {}),
            ...(params.filters.length > 0 ? { filters: [...params.filters] } : {}),
          }}
          mode="save"
          onClose={() => setSaving(false)}
          onDone={say}
        />
      )}
      {tagging && (
        <TagOccurrencesDialog params={params} codebook={codebook} statuses={statuses} onClose={() => setTagging(false)} onDone={report} />
      )}
      <aside className="pane search-facets" aria-label="Narrow the results">
        <h2 className="pane-title">Narrow</h2>
        {params.filters.length > 0 && (
          <button type="button" className="button-small" onClick={search.clearFilters}>
            Clear {countOf(params.filters.length, 'choice')}
          </button>
        )}
        {!answer?.facets && <p className="pane-empty search-facets-empty">Values to narrow by appear with the results.</p>}
        {FACETS.map(({ field, label }) => (
          <FacetList
            key={field}
            field={field}
            label={label}
            facets={answer?.facets}
            chosen={params.filters.filter((filter) => filter.field === field).map((filter) => filter.value)}
            labelOf={(value) => valueLabel(field, value)}
            onToggle={(value) => search.toggleFilter({ field, value })}
          />
        ))}
      </aside>
    </div>
  );
}

function QueryCaret({ query, offset }: { query: string; offset: number }) {
  const { line, caret } = caretUnder(query, offset);
  // The message above says where in words; this shows it.
  return (
    <pre className="search-caret" aria-hidden="true" data-testid="search-caret">
      {line}
      {'\n'}
      {caret}
    </pre>
  );
}

function IndexProgress({ status }: { status: SearchStatus | undefined }) {
  if (status?.state === 'building')
    return (
      <div className="search-index" data-testid="search-index-progress">
        <progress max={Math.max(1, status.total)} value={status.documents} aria-label="Building the search index" />
        <span>
          Building the search index: {status.documents} of {countOf(status.total, 'document')}. Results may be incomplete until it is done.
        </span>
      </div>
    );
  if (status?.state === 'checking') return <div className="search-index">Checking the search index…</div>;
  if (status?.state === 'failed')
    return <div className="search-index search-error">The search index could not be built: {status.message}</div>;
  return null;
}

function SearchHelp() {
  return (
    <div className="search-help">
      <p>Search every document, annotation and claim of the workspace. For example:</p>
      <ul>
        <li>
          <code>"ten times bigger"</code> the exact phrase (tick Match case to match its capitals)
        </li>
        <li>
          <code>reservoir OR dam -drought</code> either word, without the other
        </li>
        <li>
          <code>minist*</code> words that begin so
        </li>
        <li>
          <code>tag:statistic -outlet:AP</code> annotations with a tag (or a tag below it), not from an outlet
        </li>
        <li>
          <code>speaker:zelensky status:refuted</code> annotations by speaker and status
        </li>
        <li>
          <code>role:source after:2026-08 before:2026-09</code> sources published in August 2026
        </li>
        <li>
          <code>in:notes council</code>, <code>in:claims customs</code> look in notes or claims (also <code>in:text</code>,{' '}
          <code>in:quotes</code>)
        </li>
      </ul>
      <p>↑ ↓ walk the results, Enter opens one in the reader, Shift+Enter beside it.</p>
    </div>
  );
}

interface FacetListProps {
  readonly field: FacetField;
  readonly label: string;
  readonly facets: SearchFacets | undefined;
  readonly chosen: readonly string[];
  readonly labelOf: (value: string) => string;
  readonly onToggle: (value: string) => void;
}

function FacetList({ field, label, facets, chosen, labelOf, onToggle }: FacetListProps) {
  const [all, setAll] = useState(false);
  const counts = facets?.[field] ?? [];
  // A value chosen stays listed (to be unticked) even when the narrowed answer no longer counts it.
  const values = [
    ...counts,
    ...chosen.filter((value) => !counts.some((entry) => entry.value === value)).map((value) => ({ value, count: 0 })),
  ];
  if (values.length === 0) return null;
  const shown = all ? values : values.slice(0, FACET_VALUES);
  return (
    <fieldset className="search-facet">
      <legend>{label}</legend>
      {shown.map(({ value, count }) => (
        <label key={value} className="search-facet-value">
          <input type="checkbox" checked={chosen.includes(value)} onChange={() => onToggle(value)} />
          <span className="search-facet-name">{labelOf(value)}</span>
          <span className="search-facet-count">{count}</span>
        </label>
      ))}
      {values.length > FACET_VALUES && (
        <button type="button" className="button-small" onClick={() => setAll(!all)}>
          {all ? 'Fewer' : `All ${values.length}`}
        </button>
      )}
    </fieldset>
  );
}
