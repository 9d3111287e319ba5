// Whether a CSS media query matches now, followed as the window changes (a narrow window lays a
// table out otherwise).
import { useCallback, useSyncExternalStore } from 'react';

/** @example const narrow = useMediaQuery('(max-width: 1100px)'); */
export function useMediaQuery(media: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const query = window.matchMedia(media);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    [media],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(media).matches);
}
