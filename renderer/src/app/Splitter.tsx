// A draggable, keyboard-resizable splitter between the reader and a side pane (the WAI-ARIA
// window splitter pattern): role="separator" with its pane's width as the value; arrows resize,
// Home/End go to the limits, Enter or a double-click folds the pane away and back.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { clampWidth, PANE_LIMITS, splitterKey, type PaneLayout, type SidePane } from './pane-layout.ts';

interface SplitterProps {
  readonly pane: SidePane;
  /** The id of the pane it resizes (aria-controls). */
  readonly controls: string;
  readonly label: string;
  readonly layout: PaneLayout;
  readonly onLayout: (next: PaneLayout) => void;
}

export function Splitter({ pane, controls, label, layout, onLayout }: SplitterProps) {
  const drag = useRef<{ startX: number; startWidth: number }>(null);
  const { width, collapsed } = layout[pane];
  // The library grows to the right, the side panel to the left.
  const direction = pane === 'library' ? 1 : -1;

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { startX: event.clientX, startWidth: collapsed ? 0 : width };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current === null) return;
    const wanted = drag.current.startWidth + direction * (event.clientX - drag.current.startX);
    // Dragged well below the minimum: fold it away, as VS Code does.
    if (wanted < PANE_LIMITS[pane].min / 2) {
      if (!collapsed) onLayout({ ...layout, [pane]: { width, collapsed: true } });
      return;
    }
    onLayout({ ...layout, [pane]: { width: clampWidth(pane, wanted), collapsed: false } });
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = splitterKey(layout, pane, event);
    if (next === undefined) return;
    event.preventDefault();
    onLayout(next);
  };

  return (
    <div
      className={`splitter splitter-${pane}`}
      role="separator"
      tabIndex={0}
      aria-orientation="vertical"
      aria-controls={controls}
      aria-label={label}
      aria-valuenow={collapsed ? 0 : width}
      aria-valuemin={0}
      aria-valuemax={PANE_LIMITS[pane].max}
      aria-valuetext={collapsed ? 'folded' : `${width} pixels`}
      title={`${label}: drag, or focus and use the arrow keys; Enter or a double-click folds it`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => onLayout({ ...layout, [pane]: { width, collapsed: !collapsed } })}
      onKeyDown={onKeyDown}
      data-testid={`splitter-${pane}`}
    />
  );
}
