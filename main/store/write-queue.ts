// The store's one write path: each file (by its path relative to the workspace) has a queue, so
// writes to one file land in the order they were made while writes to different files go to disk
// side by side; every save's outcome is reported as the save state ("Saving…", "All changes saved",
// or the last error).
import { Emitter } from '../../core/events.ts';
import type { SaveState } from '../../core/model/workspace.ts';
import type { Result } from '../../core/result.ts';

export class WriteQueue {
  /** Per file, the tail of its queue. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly saveStateEmitter = new Emitter<SaveState>();
  private readonly idleEmitter = new Emitter<string>();
  private saveState: SaveState = { pending: 0 };

  readonly onDidChangeSaveState = this.saveStateEmitter.event;
  /** A file's queue has nothing queued or running any more (the PostgreSQL store may then evict the document). */
  readonly onDidIdle = this.idleEmitter.event;

  /** Whether the file `key` has a write queued or running. */
  has(key: string): boolean {
    return this.queues.has(key);
  }

  get currentSaveState(): SaveState {
    return this.saveState;
  }

  /**
   * Runs `work` after every write to the file `key` asked for before it. `quiet`: housekeeping in
   * the file's turn (preparing or closing a journal) that is not a save and does not show as one.
   */
  enqueue<T>(key: string, work: () => Promise<Result<T, 'write-failed'>>, { quiet = false } = {}): Promise<Result<T, 'write-failed'>> {
    // After the one before has settled, however: a write that threw must not take every later write of the file with it.
    const previous = (this.queues.get(key) ?? Promise.resolve()).catch(() => undefined);
    let run: Promise<Result<T, 'write-failed'>>;
    if (quiet) {
      run = previous.then(work);
    } else {
      this.setSaveState({ ...this.saveState, pending: this.saveState.pending + 1 });
      run = previous.then(async () => {
        const result = await work();
        if (result.ok) this.setSaveState({ pending: this.saveState.pending - 1, lastSavedAt: new Date().toISOString() });
        else this.setSaveState({ pending: this.saveState.pending - 1, lastSavedAt: this.saveState.lastSavedAt, lastError: result.error });
        return result;
      });
    }
    this.queues.set(key, run);
    // Both ways, not `finally`: a write that threw is its caller's to handle, not an unhandled rejection here.
    const settled = () => {
      if (this.queues.get(key) !== run) return;
      this.queues.delete(key);
      this.idleEmitter.fire(key);
    };
    void run.then(settled, settled);
    return run;
  }

  /** Resolves when every write accepted so far has settled. */
  async flush(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  private setSaveState(state: SaveState): void {
    this.saveState = state;
    this.saveStateEmitter.fire(state);
  }
}
