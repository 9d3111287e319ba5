// The Claims view's "figures differ" column, worked out in the background: the figure reader
// (core/matching/figures.ts, with chrono-node's date parser) is loaded as a chunk of its own when
// the view first shows, and claims are read a few at a time while the window is idle. A claim's
// answer is kept for as long as its quotes stay the same.
import { useEffect, useState } from 'react';
import type { ClaimRow } from '../../../core/evidence/claims-view.ts';
import type * as FiguresModuleType from '../../../core/matching/figures.ts';
import { claimFigureClashes, type FigureClash } from './claim-figures.ts';

type FiguresModule = typeof FiguresModuleType;
let figures: Promise<FiguresModule> | undefined;

/** Answers by the claim's quotes (joined): shared by every visit to the view. */
const known = new Map<string, readonly FigureClash[]>();
const KNOWN_LIMIT = 20_000;

const quotesKey = (row: ClaimRow) => row.quotes.join('\u0000');

/** Each claim's figure clashes (by claim id) as far as worked out; claims with none are absent. */
export function useClaimFigures(rows: readonly ClaimRow[] | undefined): ReadonlyMap<string, readonly FigureClash[]> {
  const [found, setFound] = useState<ReadonlyMap<string, readonly FigureClash[]>>(() => collect(rows ?? []));
  useEffect(() => {
    if (rows === undefined) return;
    let live = true;
    let handle: number | undefined;
    figures ??= import('../../../core/matching/figures.ts');
    void figures.then(({ figuresThatDisagreeAmong }) => {
      let next = 0;
      const slice = (deadline?: IdleDeadline) => {
        if (!live) return;
        const until = performance.now() + (deadline ? Math.min(deadline.timeRemaining(), 12) : 8);
        for (; next < rows.length && performance.now() < until; next++) {
          const key = quotesKey(rows[next]!);
          if (known.has(key)) continue;
          if (known.size >= KNOWN_LIMIT) known.clear();
          known.set(key, claimFigureClashes(rows[next]!.quotes, figuresThatDisagreeAmong));
        }
        setFound(collect(rows));
        if (next < rows.length) handle = idle(slice);
      };
      handle = idle(slice);
    });
    return () => {
      live = false;
      if (handle !== undefined) cancelIdle(handle);
    };
  }, [rows]);
  return found;
}

function collect(rows: readonly ClaimRow[]): ReadonlyMap<string, readonly FigureClash[]> {
  const map = new Map<string, readonly FigureClash[]>();
  for (const row of rows) {
    const clashes = known.get(quotesKey(row));
    if (clashes !== undefined && clashes.length > 0) map.set(row.claim.id, clashes);
  }
  return map;
}

// Safari has no requestIdleCallback: a timer there.
const idle = (task: (deadline?: IdleDeadline) => void): number =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(task, { timeout: 500 }) : window.setTimeout(task, 16);
const cancelIdle = (handle: number) => (typeof cancelIdleCallback === 'function' ? cancelIdleCallback(handle) : clearTimeout(handle));
