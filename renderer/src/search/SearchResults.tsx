// The search view's results: a listbox of hits grouped by document (title, date, how many hits),
// each hit a keyword-in-context snippet with its kind (an annotation, a claim, the document's
// details) and, for words found in the text, the annotations they are in (tags, claim, verdict).
// The arrow keys are the view's (SearchView.tsx); a click opens the hit (Shift: in the pane beside).
import type { KeyboardEvent, Ref } from 'react';
import type { AnswerGroup, AnswerHit } from '../../../core/contract/search-api.ts';
import type { SearchHit } from '../../../core/search/search-types.ts';
import { countOf, formatDate } from '../ui/format.ts';
import { hitKey, snippetParts } from './search-hits.ts';

interface SearchResultsProps {
  readonly id: string;
  readonly listRef: Ref<HTMLDivElement>;
  readonly groups: readonly AnswerGroup[];
  /** Each hit's place in reading order (the arrow keys' order). */
  readonly indexOf: ReadonlyMap<SearchHit, number>;
  readonly active: number;
  readonly optionId: (index: number) => string;
  readonly onKeyDown: (event: KeyboardEvent) => void;
  /** A hit clicked: it becomes the active one and opens (`beside`: in the pane beside). */
  readonly onChoose: (hit: SearchHit, beside: boolean) => void;
  /** The annotations a hit on the text is in, in words ('' for none). */
  readonly inLabel: (hit: AnswerHit) => string;
}

export function SearchResults({ id, listRef, groups, indexOf, active, optionId, onKeyDown, onChoose, inLabel }: SearchResultsProps) {
  return (
    <div
      id={`${id}-results`}
      ref={listRef}
      role="listbox"
      tabIndex={0}
      aria-label="Results"
      aria-activedescendant={active >= 0 ? optionId(active) : undefined}
      className="search-results"
      onKeyDown={onKeyDown}
    >
      {groups.map((group) => {
        const titleId = `${id}-doc-${group.documentId}`;
        return (
          <div key={group.documentId} role="group" aria-labelledby={titleId} className="search-group">
            <div id={titleId} className="search-group-title">
              <span className="search-group-name">{group.title}</span>
              <span className="search-group-meta">
                {group.publishedAt ? `${formatDate(group.publishedAt)} · ` : ''}
                {countOf(group.hitCount, 'hit')}
              </span>
            </div>
            {group.hits.map((hit) => {
              const index = indexOf.get(hit)!;
              return (
                <div
                  key={hitKey(hit)}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === active}
                  className="search-hit"
                  data-testid="search-hit"
                  // Keep the focus where it is (the query box): a click opens the hit.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={(event) => onChoose(hit, event.shiftKey)}
                >
                  <HitSnippet hit={hit} inLabel={inLabel(hit)} />
                </div>
              );
            })}
            {group.hitCount > group.hits.length && (
              <div className="search-group-more">{countOf(group.hitCount - group.hits.length, 'more hit')} in this document</div>
            )}
          </div>
        );
      })}
    </div>
  );
}

function HitSnippet({ hit, inLabel }: { hit: AnswerHit; inLabel: string }) {
  const [before, marked, after] = snippetParts(hit.snippet);
  const kind =
    hit.claimId !== undefined ? 'Claim' : hit.annotationId !== undefined ? 'Annotation' : hit.start === hit.end ? 'Details' : undefined;
  return (
    <>
      {kind && <span className="search-hit-kind">{kind}</span>}
      <span className="search-snippet">
        {before}
        {marked && <mark>{marked}</mark>}
        {after}
      </span>
      {inLabel && (
        <span className="search-hit-in" data-testid="search-hit-in">
          {inLabel}
        </span>
      )}
    </>
  );
}
