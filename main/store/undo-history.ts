// Where a workspace's undo histories are kept, one per member (on a team server, undo undoes your
// own changes). The change log (main/workbench/change-log.ts) writes a change, an undo or a redo,
// and its history follows: in memory for the folder store (main/workbench/memory-history.ts), in
// the team database for the PostgreSQL store (main/team/history-steps.ts), in the very transaction
// of the change's last write, so that an acknowledged change always has its step and the history
// survives a restart and is the same on every server process.
import type { Change, HistoryState } from '../../core/history/history.ts';
import type { Result } from '../../core/result.ts';

/** The step at the top of a member's undo or redo stack. */
export interface HistoryStep {
  readonly change: Change;
  /** Where the history keeps it (a database row), when it is kept outside this process. */
  readonly id?: string;
  readonly position?: string;
}

/**
 * What a change, an undo or a redo does to its member's history. `change()` is the step as it is to
 * be kept from then on (see core/history/history.ts `withRemoved`): called once, after the write or
 * inside its last transaction. `early`: a pipelined save, recorded as soon as it is made (so steps
 * keep the order they were made in), and taken back should it fail.
 */
export type HistoryOp =
  | { readonly kind: 'record'; readonly change: () => Change; readonly early?: boolean }
  | { readonly kind: 'undo' | 'redo'; readonly step: HistoryStep; readonly change: () => Change };

export interface UndoHistory {
  state(member: string): Promise<HistoryState>;
  peekUndo(member: string): Promise<HistoryStep | undefined>;
  peekRedo(member: string): Promise<HistoryStep | undefined>;
  /**
   * Runs `write`, the last write of a change, an undo or a redo (the writes before it have been
   * made), and applies `op` to `member`'s history with it: kept if the write succeeds, not if it
   * fails. `onState`: the member's history as it is now, each time it changes.
   */
  alongside<T extends Result<unknown, string>>(
    member: string,
    op: HistoryOp,
    write: () => Promise<T>,
    onState: (state: HistoryState) => void,
  ): Promise<T>;
}
