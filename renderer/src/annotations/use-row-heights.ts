// A virtual list whose rows have their own heights: each rendered row is measured (a
// ResizeObserver), rows not seen yet count an estimate, and the rows in view are found from the
// running sum. A panel of 10,000 annotations renders only the few dozen in view.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

export interface RowWindow {
  /** Index of the first and one past the last row to render. */
  readonly first: number;
  readonly last: number;
  /** Pixels above `first` and below `last`, for the spacers. */
  readonly before: number;
  readonly after: number;
  /** Top of row `index` in the list's content. */
  readonly topOf: (index: number) => number;
  readonly heightOf: (index: number) => number;
  /** Give each rendered row's element: it is measured while it is in the list. */
  readonly measure: (id: string) => (element: HTMLElement | null) => void;
}

// About fifteen rows either side of the window: fast scrolling and the keyboard find rows ready.
const OVERSCAN_PX = 1200;

/**
 * The rows of `ids` to render for a list scrolled to `scrollTop` with `viewHeight` pixels in view.
 * @example const rows = useRowHeights(ids, 84, scrollTop, viewHeight); ids.slice(rows.first, rows.last)
 */
export function useRowHeights(ids: readonly string[], estimate: number, scrollTop: number, viewHeight: number): RowWindow {
  const [heights, setHeights] = useState<ReadonlyMap<string, number>>(() => new Map());
  const observer = useRef<ResizeObserver>(null);
  const elements = useRef(new Map<string, HTMLElement>());

  useEffect(() => {
    const resize = new ResizeObserver((entries) => {
      const measured: [string, number][] = [];
      for (const entry of entries) {
        const id = (entry.target as HTMLElement).dataset.rowId;
        const height = Math.round(entry.borderBoxSize[0]?.blockSize ?? (entry.target as HTMLElement).offsetHeight);
        if (id !== undefined && height > 0) measured.push([id, height]);
      }
      setHeights((current) => {
        if (measured.every(([id, height]) => current.get(id) === height)) return current;
        const next = new Map(current);
        for (const [id, height] of measured) next.set(id, height);
        return next;
      });
    });
    observer.current = resize;
    for (const element of elements.current.values()) resize.observe(element);
    return () => resize.disconnect();
  }, []);

  const measure = useCallback(
    (id: string) => (element: HTMLElement | null) => {
      const previous = elements.current.get(id);
      if (previous && previous !== element) observer.current?.unobserve(previous);
      if (element === null) {
        elements.current.delete(id);
        return;
      }
      element.dataset.rowId = id;
      elements.current.set(id, element);
      observer.current?.observe(element);
    },
    [],
  );

  // Running sum of the heights: offsets[i] is the top of row i, offsets[n] the whole height.
  const offsets = useMemo(() => {
    const sums = new Float64Array(ids.length + 1);
    for (let i = 0; i < ids.length; i++) sums[i + 1] = sums[i]! + (heights.get(ids[i]!) ?? estimate);
    return sums;
  }, [ids, estimate, heights]);

  const rowAt = (y: number): number => {
    let low = 0;
    let high = ids.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (offsets[middle + 1]! <= y) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const first = Math.min(ids.length, rowAt(Math.max(0, scrollTop - OVERSCAN_PX)));
  const last = Math.min(ids.length, rowAt(scrollTop + viewHeight + OVERSCAN_PX) + 1);
  const total = offsets[ids.length]!;
  return {
    first,
    last,
    before: offsets[first]!,
    after: total - offsets[last]!,
    topOf: (index) => offsets[Math.max(0, Math.min(index, ids.length))]!,
    heightOf: (index) => offsets[index + 1]! - offsets[index]!,
    measure,
  };
}
