// One disagreement in the curation list: what differs, and the region's text once per coder with
// that coder's spans marked, their tags, status and speaker, side by side (stacked when narrow),
// with the curated version beside them.
import type { CSSProperties, KeyboardEvent, ReactNode } from 'react';
import type { DisagreementKind } from '../../../core/agreement/disagreements.ts';
import type { DisagreementView } from '../../../core/contract/workbench-api.ts';
import type { Annotation } from '../../../core/model/annotation.ts';
import type { Tag } from '../../../core/model/codebook.ts';
import type { VerificationStatus } from '../../../core/model/workspace.ts';
import { coderName } from './AgreementChoices.tsx';

interface DisagreementItemProps {
  readonly item: DisagreementView;
  readonly position: number;
  readonly count: number;
  readonly current: boolean;
  readonly curator: string;
  readonly tags: ReadonlyMap<string, Tag>;
  readonly statuses: ReadonlyMap<string, VerificationStatus>;
  readonly onChoose: () => void;
  readonly onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
}

/** What differs, in words; `sides` names who marked it when some did not. */
function kindLabel(kind: DisagreementKind, sides: DisagreementView['sides']): string {
  if (kind === 'marked-by-some') {
    const marking = sides.filter((side) => side.annotations.length > 0).map((side) => coderName(side.coder));
    return marking.length === 1
      ? `only ${marking[0]} marked it`
      : `not marked by ${sides
          .filter((side) => side.annotations.length === 0)
          .map((side) => coderName(side.coder))
          .join(', ')}`;
  }
  return { boundaries: 'different boundaries', tags: 'different tags', status: 'different status', speaker: 'different speaker' }[kind];
}

export function DisagreementItem({
  item,
  position,
  count,
  current,

  curator,
  tags,
  statuses,
  onChoose,
  onKeyDown,
}: DisagreementItemProps) {
  const settled = item.curated.length > 0 || item.keptNothing;
  const column = (key: string, name: string, hint: string | undefined, annotations: readonly Annotation[], empty: string): ReactNode => (
    <span key={key} className="disagreement-side" data-testid="disagreement-side">
      <span className="disagreement-side-name">
        {hint && <kbd aria-hidden="true">{hint}</kbd>} {name}
      </span>
      <span className="disagreement-text">{marked(item, annotations)}</span>
      {annotations.length === 0 ? (
        <span className="muted">{empty}</span>
      ) : (
        annotations.map((annotation) => (
          <span key={annotation.id} className="annotation-tags">
            <span className="status" style={{ '--c': statuses.get(annotation.status)?.color } as CSSProperties}>
              {statuses.get(annotation.status)?.label ?? annotation.status}
            </span>
            {annotation.tags.map((id) => (
              <span key={id} className="chip" style={{ '--c': tags.get(id)?.color } as CSSProperties}>
                {tags.get(id)?.name ?? id}
              </span>
            ))}
            {annotation.speaker && <span className="annotation-source">{annotation.speaker}</span>}
          </span>
        ))
      )}
    </span>
  );
  return (
    <li className="disagreement" aria-posinset={position} aria-setsize={count}>
      <button
        type="button"
        className="disagreement-item"
        tabIndex={current ? 0 : -1}
        aria-current={current ? 'true' : undefined}
        data-state={settled ? 'curated' : 'open'}
        data-testid="disagreement"
        onClick={onChoose}
        onKeyDown={onKeyDown}
      >
        <span className="disagreement-head">
          <span className="disagreement-number">{position}</span>
          {item.kinds.map((kind) => (
            <span key={kind} className="disagreement-kind">
              {kindLabel(kind, item.sides)}
            </span>
          ))}
          <span className={settled ? 'disagreement-state disagreement-curated' : 'disagreement-state'}>{settled ? 'Curated' : 'Open'}</span>
        </span>
        <span className="disagreement-sides">
          {item.sides.map((side, index) =>
            column(
              side.coder,
              coderName(side.coder),
              item.sides.length === 2 ? (index === 0 ? 'h' : 'l') : index < 9 ? String(index + 1) : undefined,
              side.annotations,
              'did not mark it',
            ),
          )}
          {column('\u0000curated', `Curated (${curator})`, undefined, item.curated, item.keptNothing ? 'nothing kept' : 'not yet')}
        </span>
      </button>
    </li>
  );
}

/** The region's text with the characters `annotations` cover marked. */
function marked(item: DisagreementView, annotations: readonly Annotation[]): ReactNode[] {
  const length = item.text.length;
  const covered = new Uint8Array(length);
  for (const { target } of annotations) {
    for (let i = Math.max(0, target.start - item.start); i < Math.min(length, target.end - item.start); i++) covered[i] = 1;
  }
  const pieces: ReactNode[] = [];
  let from = 0;
  for (let i = 1; i <= length; i++) {
    if (i < length && covered[i] === covered[from]) continue;
    const text = item.text.slice(from, i);
    pieces.push(covered[from] === 1 ? <mark key={from}>{text}</mark> : <span key={from}>{text}</span>);
    from = i;
  }
  return pieces;
}
