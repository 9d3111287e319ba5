// The links panel: the open document's evidence links in reading order, each with its relation,
// the other document and both quotes. Follow opens the other end beside; Compare shows a quote
// against its source; links can be edited and deleted (Ctrl+Z undoes).
import type { LinkView } from '../../../core/contract/workbench-api.ts';
import { LINK_RELATIONS } from '../../../core/model/evidence.ts';
import { shorten } from '../ui/format.ts';

interface LinksPanelProps {
  readonly links: readonly LinkView[];
  readonly selectedAnnotation: string | undefined;
  readonly onFollow: (link: LinkView) => void;
  readonly onCompare: (link: LinkView) => void;
  readonly onEdit: (link: LinkView) => void;
  readonly onDelete: (link: LinkView) => void;
  readonly onClaim: (link: LinkView) => void;
}

const relationLabel = new Map(LINK_RELATIONS.map((relation) => [relation.id, relation.label]));

/** How the link reads from this document: "Source of" seen from its right end is "From". */
function relationFromHere(view: LinkView): string {
  const label = relationLabel.get(view.link.relation) ?? view.link.relation;
  if (view.local !== 'to') return label;
  const inverse: Record<string, string> = { supports: 'Supported by', refutes: 'Refuted by', 'source-of': 'Quoted in' };
  return inverse[view.link.relation] ?? label;
}

export function LinksPanel({ links, selectedAnnotation, onFollow, onCompare, onEdit, onDelete, onClaim }: LinksPanelProps) {
  if (links.length === 0) {
    return (
      <p className="pane-empty">
        No links yet. Open a source beside this document (<b>⇥</b> in the library), select a span in each, and press <kbd>Alt</kbd>+
        <kbd>L</kbd> or <b>Link…</b>.
      </p>
    );
  }
  return (
    <ol className="links-list">
      {links.map((view) => (
        <li
          key={view.link.id}
          className="link-row"
          aria-current={view.here.annotationId === selectedAnnotation ? 'true' : undefined}
          data-testid="link-item"
        >
          <div className="link-relation">
            <span className={`relation relation-${view.link.relation}`}>{relationFromHere(view)}</span>
            <span className="link-other" title={view.there.title}>
              {shorten(view.there.title, 60)}
            </span>
          </div>
          <q className="link-quote">{shorten(view.here.quote, 140)}</q>
          <q className="link-quote link-quote-there">
            {view.there.quote === undefined ? '(not found in the current text)' : shorten(view.there.quote, 140)}
          </q>
          {view.link.note && <p className="link-note">{shorten(view.link.note, 200)}</p>}
          <span className="row-actions">
            <button type="button" className="button-small" onClick={() => onFollow(view)} title="Open the other end beside this document">
              Follow
            </button>
            <button
              type="button"
              className="button-small"
              onClick={() => onCompare(view)}
              disabled={view.there.quote === undefined}
              title="Compare the quote with its source, word by word"
            >
              Compare
            </button>
            <button
              type="button"
              className="button-small"
              onClick={() => onClaim(view)}
              title="Put both ends in one claim (a new one, or one that exists)"
            >
              Claim…
            </button>
            <button type="button" className="button-small" onClick={() => onEdit(view)} aria-label="Edit link">
              Edit
            </button>
            <button
              type="button"
              className="button-small"
              onClick={() => onDelete(view)}
              aria-label="Delete link"
              title="Delete link (Ctrl+Z undoes)"
            >
              Delete
            </button>
          </span>
        </li>
      ))}
    </ol>
  );
}
