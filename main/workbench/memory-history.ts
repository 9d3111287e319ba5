// The undo histories kept in this process's memory (core/history/history.ts), one per member: the
// folder store's (the desktop app, the local web host). They start empty at every opening.
import { History, type HistoryState } from '../../core/history/history.ts';
import type { Result } from '../../core/result.ts';
import type { HistoryOp, HistoryStep, UndoHistory } from '../store/undo-history.ts';

export class MemoryHistory implements UndoHistory {
  private readonly histories = new Map<string, History>();

  private of(member: string): History {
    return this.histories.get(member) ?? this.histories.set(member, new History()).get(member)!;
  }

  state(member: string): Promise<HistoryState> {
    return Promise.resolve(this.of(member).state);
  }

  peekUndo(member: string): Promise<HistoryStep | undefined> {
    const change = this.of(member).peekUndo();
    return Promise.resolve(change && { change });
  }

  peekRedo(member: string): Promise<HistoryStep | undefined> {
    const change = this.of(member).peekRedo();
    return Promise.resolve(change && { change });
  }

  async alongside<T extends Result<unknown, string>>(
    member: string,
    op: HistoryOp,
    write: () => Promise<T>,
    onState: (state: HistoryState) => void,
  ): Promise<T> {
    const history = this.of(member);
    if (op.kind === 'record' && op.early === true) {
      const change = op.change();
      history.record(change);
      onState(history.state);
      const written = await write();
      if (!written.ok) {
        history.discard(change);
        onState(history.state);
      }
      return written;
    }
    const written = await write();
    if (!written.ok) return written;
    if (op.kind === 'record') history.record(op.change());
    else if (op.kind === 'undo') history.confirmUndo(op.change());
    else history.confirmRedo(op.change());
    onState(history.state);
    return written;
  }
}
