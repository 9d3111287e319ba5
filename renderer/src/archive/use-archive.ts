// The fact-check archive as the window sees it: its size (for the top bar, and to know whether
// there is anything to match against) and a page of its entries, both read again on every change.
import { useEffect, useState } from 'react';
import type { ArchivePage, ArchiveQuery } from '../../../core/contract/workbench-api.ts';
import { api } from '../api/client.ts';
import { useServiceValue } from '../api/use-service-value.ts';

/** How many entries the archive has (undefined until known). */
export function useArchiveSize(): number | undefined {
  const [size, setSize] = useState<number>();
  useEffect(() => {
    let live = true;
    // The event carries the size as it is now: a first read answered after one is older.
    let heard = false;
    api.queryArchive({ limit: 1 }).then(
      (page) => live && !heard && setSize(page.size),
      () => undefined,
    );
    const subscription = api.onDidChangeArchive(({ entries }) => {
      heard = true;
      setSize(entries);
    });
    return () => {
      live = false;
      subscription.dispose();
    };
  }, []);
  return size;
}

/** One page of the entries `query` asks for (undefined until the first answer; the last one shown meanwhile). */
export function useArchivePage(query: ArchiveQuery): ArchivePage | undefined {
  return useServiceValue(() => api.queryArchive(query), [api.onDidChangeArchive], JSON.stringify(query));
}
