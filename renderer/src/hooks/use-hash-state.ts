// The open document lives in the URL's hash (#doc=<id>), so a reload or a bookmark keeps it.
import { useCallback, useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashParam(name: string): [string | undefined, (value: string | undefined) => void] {
  const value = useSyncExternalStore(subscribe, () => new URLSearchParams(window.location.hash.slice(1)).get(name) ?? undefined);
  const setValue = useCallback(
    (next: string | undefined) => {
      const params = new URLSearchParams(window.location.hash.slice(1));
      if (next === undefined) params.delete(name);
      else params.set(name, next);
      window.location.hash = params.toString();
    },
    [name],
  );
  return [value, setValue];
}
