// A folded pane: a narrow strip with the pane's name, which unfolds it.
import type { PaneLayout, SidePane } from './pane-layout.ts';

interface PaneRailProps {
  readonly pane: SidePane;
  readonly label: string;
  readonly layout: PaneLayout;
  readonly onLayout: (next: PaneLayout) => void;
}

export function PaneRail({ pane, label, layout, onLayout }: PaneRailProps) {
  return (
    <div className={`pane-rail pane-rail-${pane}`} data-pane={pane}>
      <button
        type="button"
        className="pane-rail-button"
        aria-expanded="false"
        title={`Show the ${label.toLowerCase()} pane`}
        onClick={() => onLayout({ ...layout, [pane]: { ...layout[pane], collapsed: false } })}
      >
        {label}
      </button>
    </div>
  );
}

/** The small button in a pane's title that folds it away. */
export function FoldButton({
  pane,
  label,
  onFold,
}: {
  readonly pane: SidePane;
  readonly label: string;
  readonly onFold: (pane: SidePane) => void;
}) {
  return (
    <button
      type="button"
      className="button-small fold-button"
      aria-expanded="true"
      aria-label={`Fold the ${label.toLowerCase()} pane`}
      title={`Fold the ${label.toLowerCase()} pane (or double-click its splitter)`}
      onClick={() => onFold(pane)}
    >
      {pane === 'library' ? '«' : '»'}
    </button>
  );
}
