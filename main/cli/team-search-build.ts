// Builds the team database's search index (PostgreSQL full-text search and pg_trgm,
// main/search/pg/) as part of `claimbench team import`, so that the server opens on an index that
// already matches the workspace: it checks the fingerprint and serves searches at once, instead of
// rebuilding the index for half a minute at 10,000 documents, beside its analysts and their
// memory. The index is derived data: if this fails the import stands, and `team serve` builds it.
import type { SearchStatus } from '../../core/search/search-types.ts';
import type { IndexLog } from '../search/log-catch-up.ts';
import { openPgSearchIndex } from '../search/pg/pg-search-index.ts';
import { WorkspaceSearch } from '../search/workspace-search.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { TeamDb } from '../team/db.ts';
import type { Output } from './output.ts';

/** The least time between two progress lines. */
const PROGRESS_INTERVAL_MS = 2_000;

/**
 * Brings the search index of `db` in step with `store` (which holds what was just imported),
 * reporting progress on `output`. `log`: the place in the change log the index then reflects (the
 * store's own follower, or where the copy of a folder into an empty database left the log). Resolves with the seconds it took, or undefined if it failed
 * (said on `output`; the server will build it when it opens).
 */
export async function buildTeamSearchIndex(
  store: WorkspaceStore,
  db: TeamDb,
  output: Output,
  log: IndexLog | undefined = store.changeFeed,
): Promise<number | undefined> {
  const started = performance.now();
  let reported = 0;
  const onStatus = (status: SearchStatus) => {
    if (status.state !== 'building' || Date.now() - reported < PROGRESS_INTERVAL_MS) return;
    reported = Date.now();
    output.report(
      'search-index-progress',
      `Indexing for search: ${status.documents.toLocaleString('en')} of ${status.total.toLocaleString('en')} documents…`,
      { documents: status.documents, total: status.total, annotations: status.annotations },
    );
  };
  const search = new WorkspaceSearch(store, onStatus, () => openPgSearchIndex(db), log);
  try {
    await search.whenReady();
    const status = search.status;
    if (status.state !== 'ready') {
      const why = status.state === 'failed' ? status.message : `it is ${status.state}`;
      output.error(
        'search-index-failed',
        `The import is complete, but its search index could not be built (${why}); the server will build it when it opens.`,
      );
      return undefined;
    }
    return (performance.now() - started) / 1000;
  } finally {
    await search.dispose();
  }
}
