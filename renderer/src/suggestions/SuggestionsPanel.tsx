// The Suggestions tab of the side panel (issue 21): the claims proposed in the open document,
// triaged from the keyboard. n and p move through them (the reader shows the one chosen), a tag
// key accepts it as an annotation with that tag (speaker, outlet and kind filled in by the
// service), x rejects it for good, Shift+A accepts every open suggestion of its kind after saying
// how many. Accepting is one undoable step (Ctrl+Z). Only the rows in view (and a screenful more)
// are rendered: a long document has thousands of suggestions.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import type { DocumentSuggestion } from '../../../core/contract/workbench-api.ts';
import type { Codebook } from '../../../core/model/codebook.ts';
import { useRowHeights } from '../annotations/use-row-heights.ts';
import { commandOfKey } from '../commands/command-registry.ts';
import type { Confirmation } from '../ui/ConfirmDialog.tsx';
import { shorten } from '../ui/format.ts';
import { acceptAllQuestion, KIND_NAMES, nextOpen, openOfKind } from './suggestion-list.ts';
import type { DocumentSuggestionsState } from './use-suggestions.ts';

/** A row's height before it is measured: kind and speaker, two lines of text, one of reason. */
const ESTIMATED_ROW = 96;

interface SuggestionsPanelProps {
  readonly suggestions: DocumentSuggestionsState;
  readonly codebook: Codebook;
  /** The side panel's tabs. */
  readonly header: ReactNode;
  readonly say: (text: string) => void;
  readonly report: (message: string | undefined) => void;
  readonly confirm: (question: Confirmation) => Promise<boolean>;
}

export function SuggestionsPanel({ suggestions: state, codebook, header, say, report, confirm }: SuggestionsPanelProps) {
  const { suggestions, activeId, setActiveId } = state;
  const list = useRef<HTMLOListElement>(null);
  const [lastTag, setLastTag] = useState<string>();
  const [busy, setBusy] = useState(false);
  const shortcuts = useMemo(
    () => new Map(codebook.tags.flatMap((tag) => (tag.shortcut && tag.codable !== false ? [[tag.shortcut, tag] as const] : []))),
    [codebook.tags],
  );
  const tagNames = useMemo(() => new Map(codebook.tags.map((tag) => [tag.id, tag.name])), [codebook.tags]);
  const openCount = suggestions?.filter((suggestion) => !suggestion.marked).length ?? 0;

  const found = suggestions?.findIndex((suggestion) => suggestion.id === activeId) ?? -1;
  const activeIndex = found >= 0 ? found : suggestions === undefined ? -1 : nextOpen(suggestions, -1, 1);
  const active = activeIndex >= 0 ? suggestions?.[activeIndex] : undefined;

  // The window of rows to render, from the list's scroll position and height.
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(800);
  const shown = suggestions !== undefined && suggestions.length > 0;
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, [shown]);
  const ids = useMemo(() => suggestions?.map((suggestion) => suggestion.id) ?? [], [suggestions]);
  const rows = useRowHeights(ids, ESTIMATED_ROW, scrollTop, viewHeight);

  // Keep the chosen suggestion in view when it changes (n, p, after accepting or rejecting one).
  const { topOf, heightOf } = rows;
  useEffect(() => {
    const element = list.current;
    if (!element || activeIndex < 0) return;
    const top = topOf(activeIndex);
    const height = heightOf(activeIndex);
    if (top < element.scrollTop) element.scrollTo({ top });
    else if (top + height > element.scrollTop + element.clientHeight) element.scrollTo({ top: top + height - element.clientHeight });
    // Only when the choice moves, not when a measurement does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeIndex]);

  // Focus follows a move once the row is rendered (it may first have to be scrolled into the window).
  const focusWanted = useRef<string>(undefined);
  useLayoutEffect(() => {
    const id = focusWanted.current;
    if (id === undefined) return;
    const button = list.current?.querySelector<HTMLButtonElement>(`[data-suggestion="${CSS.escape(id)}"] .suggestion-choose`);
    if (button === null || button === undefined) return;
    focusWanted.current = undefined;
    button.focus();
  });
  const choose = (suggestion: DocumentSuggestion | undefined, focus = true) => {
    if (suggestion === undefined) return;
    setActiveId(suggestion.id);
    if (focus) focusWanted.current = suggestion.id;
  };
  /** After `suggestion` is dealt with: the next open one (or the one before). */
  const moveOn = (suggestion: DocumentSuggestion) => {
    if (suggestions === undefined) return;
    const index = suggestions.indexOf(suggestion);
    const after = suggestions.slice(index + 1).find((other) => !other.marked && other.id !== suggestion.id);
    const before = [...suggestions.slice(0, index)].reverse().find((other) => !other.marked);
    choose(after ?? before);
  };

  const run = async (work: () => Promise<string | undefined>, done: string) => {
    setBusy(true);
    try {
      const error = await work();
      report(error);
      if (error === undefined) say(done);
    } finally {
      setBusy(false);
    }
  };
  const accept = (suggestion: DocumentSuggestion, tagId: string | undefined) => {
    if (busy) return;
    setLastTag(tagId);
    moveOn(suggestion);
    void run(
      () => state.accept([{ id: suggestion.id, tags: tagId === undefined ? [] : [tagId] }]),
      `Accepted the ${KIND_NAMES[suggestion.kind].toLowerCase()}${tagId === undefined ? '' : ` as ${tagNames.get(tagId) ?? tagId}`}${
        suggestion.speaker ? ` (${suggestion.speaker})` : ''
      } — Ctrl+Z undoes it`,
    );
  };
  const reject = (suggestion: DocumentSuggestion) => {
    if (busy) return;
    moveOn(suggestion);
    void run(
      () => state.reject([suggestion.id]),
      `Rejected the ${KIND_NAMES[suggestion.kind].toLowerCase()}: it will not be suggested again`,
    );
  };
  const acceptKind = async (kind: DocumentSuggestion['kind']) => {
    if (busy || suggestions === undefined) return;
    const chosen = openOfKind(suggestions, kind);
    if (chosen.length === 0) return say(`No ${KIND_NAMES[kind].toLowerCase()} suggestion is left to accept.`);
    const tagName = lastTag === undefined ? undefined : tagNames.get(lastTag);
    const yes = await confirm({
      title: 'Accept suggestions',
      message: acceptAllQuestion(kind, chosen.length, tagName),
      confirmLabel: `Accept ${chosen.length}`,
    });
    if (!yes) return;
    await run(
      () => state.accept(chosen.map((suggestion) => ({ id: suggestion.id, tags: lastTag === undefined ? [] : [lastTag] }))),
      `Accepted ${chosen.length} ${KIND_NAMES[kind].toLowerCase()} suggestion${chosen.length === 1 ? '' : 's'} — Ctrl+Z undoes it`,
    );
  };

  const onKey = (event: KeyboardEvent<HTMLElement>) => {
    if (suggestions === undefined || suggestions.length === 0 || event.defaultPrevented) return;
    if ((event.target as HTMLElement).closest('input, select, textarea, [role="dialog"]')) return;
    const command = commandOfKey(event.nativeEvent, 'suggestions-panel');
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
    const tag = command === undefined && plain && !event.shiftKey ? shortcuts.get(event.key.toLowerCase()) : undefined;
    if (command === undefined && tag === undefined) return;
    event.preventDefault();
    if (command === 'suggestions.next' || command === 'suggestions.previous') {
      const step = command === 'suggestions.next' ? 1 : -1;
      const index = activeIndex < 0 ? 0 : Math.min(Math.max(activeIndex + step, 0), suggestions.length - 1);
      choose(suggestions[index]);
    } else if (active === undefined) return;
    else if (command === 'suggestions.reject') reject(active);
    else if (command === 'suggestions.acceptKind') void acceptKind(active.kind);
    else if (tag !== undefined) accept(active, tag.id);
  };

  // The reader follows the chosen suggestion (see use-suggestion-marks.ts); choose the first open one at the start.
  useEffect(() => {
    if (activeId === undefined && active !== undefined) setActiveId(active.id);
  }, [activeId, active, setActiveId]);

  return (
    <aside className="pane tab-pane suggestions-panel" aria-label="Suggestions" onKeyDown={onKey}>
      {header}
      <h2 className="pane-title">Suggested claims</h2>
      <div className="suggestions-body">
        {state.state === 'none' ? (
          <p className="pane-empty">No document is open.</p>
        ) : state.state === 'analysing' ? (
          <p className="pane-empty" role="status">
            Finding claims… {Math.round(state.progress * 100)}%
          </p>
        ) : state.state === 'failed' ? (
          <p className="pane-empty">The document could not be analysed: {state.message}</p>
        ) : suggestions === undefined || suggestions.length === 0 ? (
          <p className="pane-empty" role="status">
            Nothing to suggest in this document: no attributed statement, quotation, figure or prediction was found (or all were rejected).
          </p>
        ) : (
          <>
            <p className="matches-note" data-testid="suggestions-note">
              {openCount} to look at{openCount < suggestions.length ? `, ${suggestions.length - openCount} already marked` : ''}.{' '}
              <kbd>n</kbd>/<kbd>p</kbd> move, a tag key accepts, <kbd>x</kbd> rejects, <kbd>Shift</kbd>+<kbd>A</kbd> accepts every one of
              the kind.
            </p>
            <ol
              className="suggestions-list"
              ref={list}
              aria-busy={busy}
              data-testid="suggestions-list"
              onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
            >
              {rows.before > 0 && <li aria-hidden="true" className="suggestions-spacer" style={{ height: rows.before }} />}
              {suggestions.slice(rows.first, rows.last).map((suggestion, offset) => (
                <SuggestionRow
                  key={suggestion.id}
                  suggestion={suggestion}
                  active={rows.first + offset === activeIndex}
                  rowRef={rows.measure(suggestion.id)}
                  onChoose={() => choose(suggestion, false)}
                  onReject={() => reject(suggestion)}
                />
              ))}
              {rows.after > 0 && <li aria-hidden="true" className="suggestions-spacer" style={{ height: rows.after }} />}
            </ol>
          </>
        )}
      </div>
    </aside>
  );
}

interface SuggestionRowProps {
  readonly suggestion: DocumentSuggestion;
  readonly active: boolean;
  /** Measured while rendered (its height places the rows of the window). */
  readonly rowRef: Ref<HTMLLIElement>;
  readonly onChoose: () => void;
  readonly onReject: () => void;
}

function SuggestionRow({ suggestion, active, rowRef, onChoose, onReject }: SuggestionRowProps) {
  const who = [suggestion.speaker, suggestion.outlet && `reported by ${suggestion.outlet}`].filter(Boolean).join(', ');
  return (
    <li
      ref={rowRef}
      className="suggestion-slot"
      aria-current={active ? 'true' : undefined}
      data-suggestion={suggestion.id}
      data-testid="suggestion-row"
    >
      <div className={`suggestion-row${suggestion.marked ? ' suggestion-marked' : ''}`}>
        {/* The row's one tab stop: the active row's (n and p move it). */}
        <button type="button" className="suggestion-choose" tabIndex={active ? 0 : -1} onClick={onChoose} onFocus={onChoose}>
          <span className="suggestion-head">
            <span className="suggestion-kind">{KIND_NAMES[suggestion.kind]}</span>
            {who && <span className="suggestion-speaker">{who}</span>}
            {suggestion.marked && <span className="suggestion-state">already marked</span>}
          </span>
          <q className="suggestion-text">{shorten(suggestion.text, 280)}</q>
          <span className="suggestion-reason">{withEmphasis(suggestion.reason)}</span>
        </button>
        <button
          type="button"
          className="button-small suggestion-reject"
          tabIndex={-1}
          onClick={onReject}
          title="Reject: not suggested again (x)"
        >
          Reject
        </button>
      </div>
    </li>
  );
}

/** A reason as written by core/suggest, its *quoted words* in italics. */
function withEmphasis(reason: string): ReactNode[] {
  return reason.split(/\*([^*]+)\*/u).map((part, index) => (index % 2 === 1 ? <em key={index}>{part}</em> : part));
}
