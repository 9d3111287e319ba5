// One piece of work in the turn of several write-queue keys at once: the PostgreSQL store reads the
// documents a hold needs in one query, yet each in its own document's turn, so that no write or
// remote change of that document runs between the read and its install
// (docs/design/on-demand-store.md §3.3: a hold racing a remote change).
import { ok } from '../../core/result.ts';
import type { WriteQueue } from '../store/write-queue.ts';

/**
 * Runs `work` once every key of `keys` has come to its turn, and keeps each key's queue waiting
 * until it is done. Tasks are queued on every key at once (synchronously), so two calls that share
 * keys are in the same order on each of them and cannot wait on each other; the tasks of other
 * writes never wait on another key. `work`'s failure is the returned promise's, never a queue's.
 */
export function inTurns<T>(queue: WriteQueue, keys: readonly string[], work: () => Promise<T>): Promise<T> {
  if (keys.length === 0) return work();
  let arrived = 0;
  let allArrived!: () => void;
  const done = new Promise<void>((resolve) => (allArrived = resolve)).then(work);
  const settled = done.then(
    () => undefined,
    () => undefined,
  );
  for (const key of keys)
    void queue.enqueue(
      key,
      async () => {
        if (++arrived === keys.length) allArrived();
        await settled;
        return ok(undefined);
      },
      { quiet: true },
    );
  return done;
}
