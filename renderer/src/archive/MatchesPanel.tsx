// The Matches tab of the side panel: what the selection, or else the sentence at the reader's
// cursor, may have been checked as (api.matchText: the archive's fact-checks and the workspace's
// claims with a verdict, best first), each with its rating, who checked it, when, a link, and the
// figures that disagree. `m` (or Enter on its Attach button) makes the span a mention of the
// chosen match's claim, a new claim from a fact-check, in one undoable step.
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import type { CheckedMatch } from '../../../core/contract/workbench-api.ts';
import type { VerdictRating } from '../../../core/model/evidence.ts';
import { api } from '../api/client.ts';
import { commandOfKey } from '../commands/command-registry.ts';
import { loadSentences } from '../reader/reader-keys.ts';
import type { DocumentPaneState } from '../reader/use-document-pane.ts';
import { formatDate, shorten } from '../ui/format.ts';
import { webLink } from '../ui/web-link.ts';
import { attachedMessage, checkedBy, levelName } from './match-descriptions.ts';
import { checkedSentenceAt, mentionOf, selectionSubject, sentenceSubject, type MatchSubject, type TextSpan } from './match-subject.ts';
import type { CheckedSentences } from './use-checked-sentences.ts';

/** Longer selections are not matched: a fact-check is one claim, not a page. */
const MAX_SUBJECT = 2000;
/** How many matches are listed. */
const TOP = 5;

interface MatchesPanelProps {
  readonly pane: DocumentPaneState;
  /** The open document's matched sentences (for the sentence at the cursor without the splitter, and the state). */
  readonly checked: CheckedSentences;
  readonly scale: readonly VerdictRating[];
  /** The side panel's tabs. */
  readonly header: ReactNode;
  /** Says what attaching did, in the status bar. */
  readonly say: (text: string) => void;
  readonly report: (message: string | undefined) => void;
}

export function MatchesPanel({ pane, checked, scale, header, say, report }: MatchesPanelProps) {
  const subject = useMatchSubject(pane, checked);
  const { matches, pending } = useMatches(pane.documentId, subject, checked.version, report);
  const [chosen, setChosen] = useState<{ key: string; index: number }>();
  const subjectKey = subject ? `${subject.start}:${subject.end}` : '';
  const active = chosen?.key === subjectKey ? Math.min(chosen.index, Math.max(0, (matches?.length ?? 1) - 1)) : 0;
  const list = useRef<HTMLOListElement>(null);
  const [attaching, setAttaching] = useState(false);
  const colors = useMemo(() => new Map(scale.map((rating) => [rating.label, rating.color])), [scale]);
  const labels = useMemo(() => new Map(scale.map((rating) => [rating.id, rating.label])), [scale]);

  const { open } = pane;
  const attach = useCallback(
    (match: CheckedMatch) => {
      if (open === undefined || subject === undefined || attaching) return;
      const mention = mentionOf(open.meta.id, subject, open.annotations, () => crypto.randomUUID());
      setAttaching(true);
      api
        .attachMatch({ to: match.kind === 'claim' ? { claimId: match.id } : { archiveId: match.id }, mention })
        .then(
          (result) => {
            if (!result.ok) return report(result.error.message);
            report(undefined);
            say(attachedMessage(subject.kind, match, result.value, (id) => labels.get(id) ?? id));
          },
          (error: unknown) => report((error as Error).message),
        )
        .finally(() => setAttaching(false));
    },
    [open, subject, attaching, report, say, labels],
  );

  const choose = (index: number, focus: boolean) => {
    setChosen({ key: subjectKey, index });
    if (focus) requestAnimationFrame(() => list.current?.querySelectorAll<HTMLButtonElement>('.match-attach')[index]?.focus());
  };
  const onKey = (event: KeyboardEvent<HTMLElement>) => {
    if (matches === undefined || matches.length === 0 || event.defaultPrevented) return;
    if ((event.target as HTMLElement).closest('input, select, textarea')) return;
    const command = commandOfKey(event.nativeEvent, 'matches-panel');
    if (command === undefined) return;
    event.preventDefault();
    if (command === 'matches.attach') attach(matches[active]!);
    else choose(command === 'matches.next' ? Math.min(active + 1, matches.length - 1) : Math.max(active - 1, 0), true);
  };

  return (
    <aside className="pane tab-pane matches-panel" aria-label="Matches" onKeyDown={onKey}>
      {header}
      <h2 className="pane-title">Checked before?</h2>
      <div className="matches-body">
        <DocumentState checked={checked} />
        {open === undefined ? (
          <p className="pane-empty">No document is open.</p>
        ) : subject === undefined ? (
          <p className="pane-empty">Put the cursor in a sentence, or select text, to see whether it was checked before.</p>
        ) : (
          <>
            <figure className="matches-subject">
              <figcaption>{subject.kind === 'selection' ? 'The selection' : 'The sentence at the cursor'}</figcaption>
              <q>{shorten(subject.text, 240)}</q>
            </figure>
            {subject.text.length > MAX_SUBJECT ? (
              <p className="pane-empty">Select less (at most {MAX_SUBJECT} characters): a fact-check is about one claim.</p>
            ) : checked.state === 'none' ? null : matches === undefined ? (
              <p className="pane-empty" role="status">
                Matching…
              </p>
            ) : matches.length === 0 ? (
              <p className="pane-empty" role="status">
                Nothing in the archive, and no claim with a verdict, says the same.
              </p>
            ) : (
              <ol className="matches-list" ref={list} aria-busy={pending || attaching} data-testid="matches-list">
                {matches.map((match, index) => (
                  <MatchRow
                    key={`${match.kind}:${match.id}`}
                    match={match}
                    subject={subject.kind}
                    active={index === active}
                    color={match.rating === undefined ? undefined : colors.get(match.rating)}
                    onChoose={() => choose(index, false)}
                    onAttach={() => attach(match)}
                  />
                ))}
              </ol>
            )}
          </>
        )}
      </div>
    </aside>
  );
}

/** What the background pass over the whole document is doing, when that is worth saying. */
function DocumentState({ checked }: { readonly checked: CheckedSentences }) {
  const count = checked.sentences?.length;
  if (checked.state === 'done' || (checked.state === 'matching' && count !== undefined))
    return (
      <p className="matches-note" data-testid="checked-count">
        {count === 0
          ? 'No sentence of this document matches a fact-check or a claim with a verdict.'
          : `${count === 1 ? '1 sentence' : `${count} sentences`} of this document may have been checked before (a bar in the gutter marks each).`}
      </p>
    );
  if (checked.state === 'matching')
    return (
      <p className="matches-note" role="status">
        Matching the document’s sentences…{checked.progress === undefined ? '' : ` ${Math.floor(checked.progress * 100)}%`}
      </p>
    );
  if (checked.state === 'none')
    return (
      <p className="pane-empty">
        Nothing to match against yet: import fact-checks in the Archive view (<kbd>Alt</kbd>+<kbd>A</kbd>), or give a claim a verdict.
      </p>
    );
  if (checked.state === 'failed') return <p className="matches-note">The document could not be matched: {checked.message}</p>;
  return null;
}

interface MatchRowProps {
  readonly match: CheckedMatch;
  readonly subject: MatchSubject['kind'];
  readonly active: boolean;
  readonly color: string | undefined;
  readonly onChoose: () => void;
  readonly onAttach: () => void;
}

function MatchRow({ match, subject, active, color, onChoose, onAttach }: MatchRowProps) {
  const link = webLink(match.url);
  const attachTitle =
    match.kind === 'claim'
      ? `Add the ${subject} to this claim, as a mention (m; Ctrl+Z undoes it)`
      : `Make a claim of this fact-check, with its rating as the verdict and the ${subject} as its mention (m; Ctrl+Z undoes it)`;
  return (
    // A click anywhere on the row, or the focus on its button or link, chooses it; the button is the
    // list's one tab stop (j and k move it).
    <li className="match-row" aria-current={active ? 'true' : undefined} onClick={onChoose} onFocus={onChoose} data-testid="match-row">
      <div className="match-head">
        <span className="status" style={{ '--c': color } as CSSProperties}>
          {match.rating ?? 'No rating'}
        </span>
        <span
          className={`match-level match-level-${match.level}`}
          title={`Score ${match.score}; the text covers ${Math.round(match.coverage * 100)}% of the checked claim. A strong match may be trusted, a suggestion is for you to confirm.`}
        >
          {levelName(match.level)} · {Math.round(match.coverage * 100)}%
        </span>
      </div>
      <q className="match-text">{match.text}</q>
      {match.figures.length > 0 && (
        <p className="match-figures">
          Figures differ:{' '}
          {match.figures.map(({ text, checked }, index) => (
            <span key={`${text} ${checked}`}>
              {index > 0 && '; '}
              <b>{text}</b> here against <b>{checked}</b> there
            </span>
          ))}
        </p>
      )}
      <p className="match-source">
        {match.kind === 'claim' ? 'A claim in this workspace' : checkedBy(match)}
        {match.date && ` · ${formatDate(match.date)}`}
      </p>
      <span className="row-actions">
        <button
          type="button"
          className="button-small match-attach"
          tabIndex={active ? 0 : -1}
          title={attachTitle}
          onClick={(event) => {
            event.stopPropagation();
            onChoose();
            onAttach();
          }}
        >
          Attach {subject}
        </button>
        {link && (
          <a className="match-link" href={link.href} target="_blank" rel="noopener noreferrer" title={link.href}>
            {link.host}
            <span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        )}
      </span>
    </li>
  );
}

/**
 * The span the Matches tab matches: the selection, else the sentence at the cursor (or at the
 * start of the annotation chosen in the panel). A sentence the document's pass matched is known at
 * once; another is found with the sentence splitter, loaded on first use.
 */
function useMatchSubject(pane: DocumentPaneState, checked: CheckedSentences): MatchSubject | undefined {
  const text = pane.open?.text;
  const selection = pane.textSelection;
  const chosenStart = pane.open?.annotations.find((annotation) => annotation.id === pane.selectedAnnotation)?.target.start;
  const offset = pane.cursorOffset ?? chosenStart;
  const known = offset === undefined ? undefined : checkedSentenceAt(checked.sentences, offset);
  const needsSplitter = text !== undefined && selection === undefined && offset !== undefined && known === undefined;
  const [found, setFound] = useState<{ text: string; offset: number; span: TextSpan | undefined }>();
  useEffect(() => {
    if (!needsSplitter) return;
    let live = true;
    void loadSentences().then(({ sentenceAt }) => live && setFound({ text, offset, span: sentenceAt(text, offset) }));
    return () => {
      live = false;
    };
  }, [needsSplitter, text, offset]);

  if (text === undefined) return undefined;
  if (selection !== undefined) return selectionSubject(text, selection);
  if (known !== undefined) return sentenceSubject(text, known);
  if (found?.text === text && found.offset === offset && found.span) return sentenceSubject(text, found.span);
  return undefined;
}

/** The matches of `subject` (undefined until the first answer for it), asked again when what it is matched against changes. */
function useMatches(
  documentId: string | undefined,
  subject: MatchSubject | undefined,
  version: string,
  report: (message: string | undefined) => void,
): { matches: readonly CheckedMatch[] | undefined; pending: boolean } {
  const [answer, setAnswer] = useState<{ key: string; version: string; matches: readonly CheckedMatch[] }>();
  const key = subject === undefined ? undefined : `${documentId}:${subject.start}:${subject.end}:${subject.text.length}`;
  const text = subject?.text;
  useEffect(() => {
    if (key === undefined || text === undefined || text.length > MAX_SUBJECT) return;
    let live = true;
    // The cursor moves through sentences: ask once it rests.
    const timer = setTimeout(() => {
      api.matchText(text, TOP).then(
        (matches) => live && setAnswer({ key, version, matches }),
        (error: unknown) => live && report((error as Error).message),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, text, version, report]);
  const current = answer?.key === key ? answer : undefined;
  return { matches: current?.matches, pending: current !== undefined && current.version !== version };
}
