// A value read from the service and read again each time an event says it may have changed. Only
// the answer to the latest read is shown: the web host answers on several connections, so an
// earlier read can come back after a later one, and would put a stale value on screen (a list that
// still shows what an undo has taken back).
import { useEffect, useState } from 'react';
import type { Disposable } from '../../../core/events.ts';

/** An api event to read again on (`api.onDidChangeDocuments`, …). */
export type ReadAgainOn = (listener: () => void) => Disposable;

/**
 * `read()`'s latest answer; undefined until the first. Read again when any of `events` fires, and
 * from scratch when `key` changes (the value shown until then stays). A failed read keeps what is
 * shown: the status bar says when the service cannot be reached.
 * @example const usage = useServiceValue(api.getTagUsage, [api.onDidChangeDocuments], codebook);
 */
export function useServiceValue<T>(read: () => Promise<T>, events: readonly ReadAgainOn[], key?: unknown): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    let latest = 0;
    let live = true;
    const readNow = () => {
      const request = ++latest;
      read().then(
        (answer) => live && request === latest && setValue(() => answer),
        () => undefined,
      );
    };
    readNow();
    const subscriptions = events.map((event) => event(readNow));
    return () => {
      live = false;
      for (const subscription of subscriptions) subscription.dispose();
    };
    // `read` and `events` are the api's own functions, the same on every render; `key` says when to start again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return value;
}
