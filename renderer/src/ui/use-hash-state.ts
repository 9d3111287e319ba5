// The open document lives in the URL's hash (#doc=<id>), so a reload or a bookmark keeps it.
import { useCallback, useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export type SetHashParam = (value: string | undefined, options?: { replace?: boolean }) => void;

export function useHashParam(name: string): [string | undefined, SetHashParam] {
  const value = useSyncExternalStore(subscribe, () => new URLSearchParams(window.location.hash.slice(1)).get(name) ?? undefined);
  const setValue = useCallback<SetHashParam>(
    (next, options) => {
      const params = new URLSearchParams(window.location.hash.slice(1));
      if (next === undefined) params.delete(name);
      else params.set(name, next);
      if (options?.replace) {
        window.history.replaceState(window.history.state, '', `#${params.toString()}`);
        // replaceState fires no hashchange: tell the subscribers ourselves.
        window.dispatchEvent(new HashChangeEvent('hashchange'));
      } else {
        window.location.hash = params.toString();
      }
    },
    [name],
  );
  return [value, setValue];
}
