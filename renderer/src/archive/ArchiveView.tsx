// The Archive view: the workspace's fact-check archive (claims others, or the analyst, already
// checked), searchable by any word of an entry, sorted by a column, a page at a time, with each
// entry's rating, publisher, date and link; and "Import fact-checks…" (ClaimReview JSON-LD, CSV,
// CheckThat! TSV), which says what became of each file. Ctrl+Z undoes an import. "Make a claim"
// (or `c` on an entry's row; j/k or the arrows move between rows) turns an entry into a workspace
// claim with its verdict and link, in one undoable step, and says so in the status bar.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ArchiveEntry } from '../../../core/archive/entry.ts';
import type { ArchiveQuery } from '../../../core/contract/workbench-api.ts';
import type { VerdictRating } from '../../../core/model/evidence.ts';
import { api } from '../api/client.ts';
import { commandOfKey } from '../commands/command-registry.ts';
import { FileButton } from '../ui/FileButton.tsx';
import { countOf, formatDate, shorten } from '../ui/format.ts';
import { webLink } from '../ui/web-link.ts';
import { claimMadeMessage, describeArchiveFile, summarizeArchiveImport } from './archive-outcome.ts';
import { useArchiveImport } from './use-archive-import.ts';
import { useArchivePage } from './use-archive.ts';

type SortKey = Exclude<NonNullable<ArchiveQuery['sort']>, 'order'>;

const COLUMNS: readonly { key: SortKey; label: string }[] = [
  { key: 'claim', label: 'Claim' },
  { key: 'rating', label: 'Rating' },
  { key: 'publisher', label: 'Publisher' },
  { key: 'date', label: 'Date' },
];

/** Entries per page. */
const PAGE = 100;
/** What the import chooser offers: ClaimReview JSON-LD, CSV with a header, CheckThat! TSV. */
const ACCEPT = '.json,.jsonld,.csv,.tsv,application/json,application/ld+json,text/csv,text/tab-separated-values';

interface ArchiveViewProps {
  /** Shows a failure of a whole import (a lost connection, a failed write), or of making a claim. */
  readonly report: (message: string | undefined) => void;
  /** Says what was done (a claim made) in the status bar. */
  readonly say: (message: string) => void;
  /** The workspace's verdict scale, to name a claim's verdict. */
  readonly scale: readonly VerdictRating[];
}

export function ArchiveView({ report, say, scale }: ArchiveViewProps) {
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>();
  const [offset, setOffset] = useState(0);
  const page = useArchivePage({
    query,
    ...(sort ? { sort: sort.key, descending: sort.descending } : {}),
    offset,
    limit: PAGE,
  });
  const imports = useArchiveImport(report);
  const claims = useClaimFromEntry(report, say, scale);
  const table = useRef<HTMLTableSectionElement>(null);

  // The search follows typing once it pauses (each answer is a pass over the whole archive).
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(typed.trim());
      setOffset(0);
    }, 150);
    return () => clearTimeout(timer);
  }, [typed]);

  const toggleSort = (key: SortKey) => {
    setSort((current) => (current?.key === key ? { key, descending: !current.descending } : { key, descending: key === 'date' }));
    setOffset(0);
  };
  const onTableKey = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (page === undefined || event.defaultPrevented) return;
    const command = commandOfKey(event.nativeEvent, 'archive-view');
    const row = (event.target as HTMLElement).closest('tr');
    const rows = [...(table.current?.querySelectorAll('tr') ?? [])];
    const index = row === null ? -1 : rows.indexOf(row);
    if (command === undefined || index < 0) return;
    event.preventDefault();
    if (command === 'archive.claim') claims.make(page.entries[index]!);
    else rows[command === 'archive.next' ? Math.min(index + 1, rows.length - 1) : Math.max(index - 1, 0)]?.querySelector('button')?.focus();
  };
  // Past the end after entries went (an import undone): back to the last page.
  if (page !== undefined && offset > 0 && offset >= page.total) setOffset(Math.max(0, Math.floor((page.total - 1) / PAGE) * PAGE));

  return (
    <div className="archive-view">
      <main className="pane archive-pane" aria-label="Fact-check archive" data-pane="archive">
        <div className="archive-tools">
          <h1 className="pane-title">
            Fact-check archive{' '}
            <span className="pane-count" data-testid="archive-count">
              {page === undefined ? '' : query === '' ? countOf(page.size, 'entry', 'entries') : `${page.total} of ${page.size}`}
            </span>
          </h1>
          <input
            type="search"
            aria-label="Search the archive"
            placeholder="Words of a claim, title, rating, publisher or id"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
          <FileButton
            multiple
            accept={ACCEPT}
            testId="archive-input"
            className="button-small"
            title="Add fact-checks: ClaimReview JSON-LD (.json, .jsonld), a CSV with a header (id, claim, title, rating, url, date, publisher) or a CheckThat! TSV (id, vclaim, title). Entries are merged by id; Ctrl+Z undoes it."
            onFiles={imports.start}
          >
            {imports.running ? 'Importing…' : 'Import fact-checks…'}
          </FileButton>
        </div>
        {imports.outcomes && (
          <section className="archive-outcome" aria-label="Import outcome" data-testid="archive-outcome">
            <p role="status">{summarizeArchiveImport(imports.outcomes)}</p>
            <ul>
              {imports.outcomes.map((outcome, index) => (
                <li key={`${index} ${outcome.name}`} className={outcome.status === 'refused' ? 'archive-refused' : undefined}>
                  <b>{outcome.name}</b>: {describeArchiveFile(outcome)}
                </li>
              ))}
            </ul>
            <button type="button" className="button-small" onClick={imports.dismiss}>
              Dismiss
            </button>
          </section>
        )}
        {page === undefined ? null : page.size === 0 ? (
          <div className="pane-empty archive-empty">
            <p>
              No fact-checks yet. Import what fact-checkers have published (a ClaimReview feed, a CSV or a CheckThat! TSV): each sentence of
              your documents is then matched against them, and against your own claims with a verdict.
            </p>
            <p>
              In the reader, a bar in the gutter marks a sentence that was checked before; the <b>Matches</b> tab beside the text lists what
              it matches.
            </p>
          </div>
        ) : (
          <div className="archive-table-scroll">
            <table className="claims-table archive-table">
              <colgroup>
                <col />
                <col className="col-rating" />
                <col className="col-publisher" />
                <col className="col-date" />
                <col className="col-link" />
                <col className="col-action" />
              </colgroup>
              <thead>
                <tr>
                  {COLUMNS.map((column) => (
                    <th key={column.key} aria-sort={sort?.key === column.key ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                      <button type="button" className="sort-button" onClick={() => toggleSort(column.key)}>
                        {column.label}
                        {sort?.key === column.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                      </button>
                    </th>
                  ))}
                  <th>
                    <span className="sort-button">Link</span>
                  </th>
                  <th>
                    <span className="visually-hidden">Claim</span>
                  </th>
                </tr>
              </thead>
              <tbody ref={table} onKeyDown={onTableKey}>
                {page.entries.map((entry) => {
                  const link = webLink(entry.url);
                  return (
                    <tr key={entry.id} data-testid="archive-row">
                      <td>
                        <span className="archive-claim">{shorten(entry.claim, 300)}</span>
                        {entry.title && entry.title !== entry.claim && <span className="claim-outlets">{shorten(entry.title, 160)}</span>}
                      </td>
                      <td>{entry.rating ? <span className="status">{entry.rating}</span> : <span className="muted">none</span>}</td>
                      <td>{entry.publisher ?? ''}</td>
                      <td>{formatDate(entry.date)}</td>
                      <td className="archive-link">
                        {link && (
                          <a href={link.href} target="_blank" rel="noopener noreferrer" title={link.href}>
                            {link.host}
                            <span className="visually-hidden"> (opens the fact-check in a new tab)</span>
                          </a>
                        )}
                      </td>
                      <td className="archive-action">
                        <button
                          type="button"
                          className="button-small"
                          aria-busy={claims.making}
                          title="Make this fact-check a claim of the workspace, with its rating as the verdict and its link (key: c). Ctrl+Z undoes it."
                          onClick={() => claims.make(entry)}
                        >
                          Make a claim
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {page.total === 0 && <p className="pane-empty">No entry has every word of “{query}”.</p>}
          </div>
        )}
        {page !== undefined && page.total > PAGE && (
          <nav className="archive-pages" aria-label="Archive pages">
            <button type="button" className="button-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Previous
            </button>
            <span>
              {offset + 1}–{Math.min(offset + PAGE, page.total)} of {page.total}
            </span>
            <button type="button" className="button-small" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
              Next
            </button>
          </nav>
        )}
      </main>
    </div>
  );
}

/** "Make a claim" from an entry: one claimFromArchive at a time, what it did said in the status bar. */
function useClaimFromEntry(report: (message: string | undefined) => void, say: (message: string) => void, scale: readonly VerdictRating[]) {
  const [making, setMaking] = useState(false);
  const labels = useMemo(() => new Map(scale.map((rating) => [rating.id, rating.label])), [scale]);
  const make = (entry: ArchiveEntry) => {
    if (making) return;
    setMaking(true);
    api
      .claimFromArchive(entry.id)
      .then(
        (result) => {
          if (!result.ok) return report(result.error.message);
          report(undefined);
          say(claimMadeMessage(result.value, (id) => labels.get(id) ?? id));
        },
        (error: unknown) => report((error as Error).message),
      )
      .finally(() => setMaking(false));
  };
  return { making, make };
}
