// The claims view: every claim of the workspace with its annotations (across documents), the outlets that carry it,
// its first appearance (by the documents' publication dates) and its verdict; sortable and
// filterable. Choosing one shows its detail: statement, status, verdict, and its timeline.
import { Fragment, useMemo, useState, type CSSProperties } from 'react';
import { filterClaimRows, sortClaimRows, type ClaimRow, type ClaimSortKey } from '../../../core/evidence/claims-view.ts';
import { CLAIM_STATUSES, NO_VERDICT, type AnnotationRef, type ClaimStatus, type VerdictRating } from '../../../core/model/evidence.ts';
import { formatDate, shorten } from '../ui/format.ts';
import { OptionSelect } from '../ui/OptionSelect.tsx';
import { ClaimDetail } from './ClaimDetail.tsx';
import { useMediaQuery } from '../ui/use-media-query.ts';
import { useClaimFigures } from './use-claim-figures.ts';

interface ClaimsViewProps {
  readonly rows: readonly ClaimRow[] | undefined;
  readonly scale: readonly VerdictRating[];
  readonly analystName: string;
  /** The workspace's review URL pattern (`{claimId}`). */
  readonly reviewUrlPattern: string | undefined;
  /** Opens a mention in the left pane (`beside`: in the right one). */
  readonly onOpenMention: (ref: AnnotationRef, beside: boolean) => void;
  readonly onSideBySide: (left: AnnotationRef, right: AnnotationRef) => void;
}

const VERDICT_FILTERS = [
  { id: '', label: 'All verdicts' },
  { id: NO_VERDICT, label: 'No verdict yet' },
];
const ALL_STATUSES = [{ id: '' as const, label: 'All statuses' }];

const COLUMNS: readonly { key: ClaimSortKey; label: string }[] = [
  { key: 'statement', label: 'Claim' },
  { key: 'mentions', label: 'Annotations' },
  { key: 'first-appearance', label: 'First appearance' },
  { key: 'verdict', label: 'Verdict' },
  { key: 'modified', label: 'Modified' },
];

export function ClaimsView({ rows, scale, analystName, reviewUrlPattern, onOpenMention, onSideBySide }: ClaimsViewProps) {
  const [sort, setSort] = useState<{ key: ClaimSortKey; direction: 'asc' | 'desc' }>({ key: 'first-appearance', direction: 'asc' });
  const [filter, setFilter] = useState<{ text: string; verdict: string; status: ClaimStatus | '' }>({ text: '', verdict: '', status: '' });
  const [chosen, setChosen] = useState<string>();
  const shown = useMemo(() => {
    const filtered = filterClaimRows(rows ?? [], {
      text: filter.text,
      ...(filter.verdict ? { verdict: filter.verdict } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    });
    return sortClaimRows(filtered, sort.key, sort.direction, scale);
  }, [rows, filter, sort, scale]);
  const ratings = new Map(scale.map((rating) => [rating.id, rating]));
  const toggleSort = (key: ClaimSortKey) =>
    setSort((current) => ({ key, direction: current.key === key && current.direction === 'asc' ? 'desc' : 'asc' }));
  const current = rows?.find((row) => row.claim.id === chosen);
  // A column of its own while some claim's mentions disagree on a figure; in a narrow window, a
  // line under the claim's outlets instead.
  const figures = useClaimFigures(rows);
  const narrow = useMediaQuery('(max-width: 1100px)');
  const figuresColumn = figures.size > 0 && !narrow;

  return (
    <div className="claims-view">
      {/* The view's one main landmark; the claim's detail beside it is complementary. */}
      <main className="pane claims-table-pane" aria-label="All claims" data-pane="claims">
        <div className="claims-view-tools">
          <h1 className="pane-title">
            Claims{' '}
            <span className="pane-count">
              {rows === undefined ? '' : shown.length === rows.length ? rows.length : `${shown.length} of ${rows.length}`}
            </span>
          </h1>
          <input
            type="search"
            aria-label="Filter claims by text"
            placeholder="Filter by statement, outlet, speaker, quote"
            value={filter.text}
            onChange={(event) => setFilter({ ...filter, text: event.target.value })}
          />
          <OptionSelect
            aria-label="Verdict"
            value={filter.verdict}
            first={VERDICT_FILTERS}
            options={scale}
            onChange={(verdict) => setFilter({ ...filter, verdict })}
          />
          <OptionSelect<ClaimStatus | ''>
            aria-label="Claim status"
            value={filter.status}
            first={ALL_STATUSES}
            options={CLAIM_STATUSES}
            onChange={(status) => setFilter({ ...filter, status })}
          />
        </div>
        {rows?.length === 0 ? (
          <p className="pane-empty">
            No claims yet. In a document, choose an annotation in the Annotations panel and press “Claim…”, or link two annotations as “Same
            claim”.
          </p>
        ) : (
          <table className="claims-table">
            <colgroup>
              <col />
              <col className="col-mentions" />
              <col className="col-first" />
              <col className="col-verdict" />
              {figuresColumn && <col className="col-figures" />}
              <col className="col-modified" />
            </colgroup>
            <thead>
              <tr>
                {COLUMNS.map((column) => (
                  <Fragment key={column.key}>
                    {column.key === 'modified' && figuresColumn && (
                      <th title="Figures that differ between the claim's annotations: “18 percent” in one, “19 percent” in another">
                        <span className="sort-button">Figures differ</span>
                      </th>
                    )}
                    <th aria-sort={sort.key === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
                      <button type="button" className="sort-button" onClick={() => toggleSort(column.key)}>
                        {column.label}
                        {sort.key === column.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                      </button>
                    </th>
                  </Fragment>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => {
                const rating = row.verdict ? ratings.get(row.verdict.rating) : undefined;
                return (
                  <tr
                    key={row.claim.id}
                    aria-selected={row.claim.id === chosen}
                    onClick={() => setChosen(row.claim.id)}
                    data-testid="claim-row"
                  >
                    <td>
                      <button type="button" className="claim-statement" onClick={() => setChosen(row.claim.id)}>
                        {shorten(row.claim.statement, 160)}
                      </button>
                      {row.outlets.length > 0 && <span className="claim-outlets">{row.outlets.join(' · ')}</span>}
                      {narrow && figures.has(row.claim.id) && (
                        <span className="claim-outlets" data-testid="figures-differ">
                          Figures differ:{' '}
                          {figures
                            .get(row.claim.id)!
                            .map(({ figure, other }) => `${figure} against ${other}`)
                            .join('; ')}
                        </span>
                      )}
                    </td>
                    <td className="number">{row.mentionCount}</td>
                    <td data-testid="first-appearance">
                      {row.firstAppearance ? (
                        <>
                          {formatDate(row.firstAppearance.date)}
                          <span className="claim-outlets">
                            {row.firstAppearance.outlet || shorten(row.firstAppearance.documentTitle, 50)}
                          </span>
                          {row.sameDayCount > 0 && (
                            <span
                              className="same-day"
                              title={`${row.sameDayCount === 1 ? 'Another document was' : `${row.sameDayCount} other documents were`} published the same day. On a tied day a source counts before a checked document, then the document imported first (see the README).`}
                            >
                              same day
                            </span>
                          )}
                        </>
                      ) : (
                        <span className="muted">undated</span>
                      )}
                    </td>
                    <td>
                      {row.verdict ? (
                        <span className="status" style={{ '--c': rating?.color } as CSSProperties}>
                          {rating?.label ?? row.verdict.rating}
                        </span>
                      ) : (
                        <span className="muted">none</span>
                      )}
                    </td>
                    {figuresColumn && (
                      <td data-testid="figures-differ">
                        {figures.get(row.claim.id)?.map(({ figure, other }) => (
                          <span key={`${figure} ${other}`} className="figure-clash">
                            {figure} <span className="muted">against</span> {other}
                          </span>
                        ))}
                      </td>
                    )}
                    <td className="muted">{formatDate(row.claim.modified.slice(0, 10))}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </main>
      {current ? (
        <ClaimDetail
          key={current.claim.id}
          row={current}
          scale={scale}
          analystName={analystName}
          reviewUrlPattern={reviewUrlPattern}
          onOpenMention={onOpenMention}
          onSideBySide={onSideBySide}
          onClosed={() => setChosen(undefined)}
        />
      ) : (
        <aside className="pane claim-detail" aria-label="Claim" data-pane="claim">
          <p className="pane-empty">Choose a claim to see its annotations, timeline and verdict.</p>
        </aside>
      )}
    </div>
  );
}
