// The team server's search index (issue 24): main/search/search-index.ts's contract on PostgreSQL
// full-text search and pg_trgm, in the team database's search tables (main/team/migrations/0005-search.ts),
// so main/search/workspace-search.ts keeps it in step with the store exactly as it keeps the
// desktop's SQLite file: checked against the workspace's fingerprint at opening, rebuilt when it
// differs, told every change in one transaction per batch. Changes are written in order, and a
// search waits for those told before it, so it sees every change made before it. A rebuild is one
// transaction: searches meanwhile see the index as it was until it commits.
import { sql } from 'kysely';
import type { Codebook } from '../../../core/model/codebook.ts';
import type { SearchChange, SearchDocument } from '../../../core/search/search-types.ts';
import type { SearchIndex } from '../search-index.ts';
import { inTransaction } from '../../team/db.ts';
import { deleteAnnotations, deleteClaims, deleteDocuments, upsertAnnotations, upsertClaims, upsertDocuments } from './pg-rows.ts';
import { pgMatchAnnotations, pgRunSearch } from './pg-run-search.ts';
import type { Db } from './pg-units.ts';

/** Documents written per statement during a rebuild. */
const REBUILD_BATCH = 200;

/**
 * The GIN indexes of the search tables, as main/team/migrations/0005-search.ts creates them
 * (pg-search-index.test.ts checks that a rebuild leaves the same definitions).
 */
const GIN_INDEXES = [
  sql`CREATE INDEX search_docs_words ON search_docs USING gin (words) WITH (fastupdate = off)`,
  sql`CREATE INDEX search_docs_trigrams ON search_docs USING gin (text_folded gin_trgm_ops) WITH (fastupdate = off)`,
  sql`CREATE INDEX search_anns_words ON search_anns USING gin (words) WITH (fastupdate = off)`,
  sql`CREATE INDEX search_anns_quote_trigrams ON search_anns USING gin (quote_folded gin_trgm_ops) WITH (fastupdate = off)`,
  sql`CREATE INDEX search_anns_note_trigrams ON search_anns USING gin (note_folded gin_trgm_ops) WITH (fastupdate = off)`,
  sql`CREATE INDEX search_anns_tags ON search_anns USING gin (tags) WITH (fastupdate = off)`,
];
const GIN_NAMES = [
  'search_docs_words',
  'search_docs_trigrams',
  'search_anns_words',
  'search_anns_quote_trigrams',
  'search_anns_note_trigrams',
  'search_anns_tags',
];

async function readMeta(db: Db, key: string): Promise<string | undefined> {
  const { rows } = await sql<{ value: string }>`SELECT value FROM search_meta WHERE key = ${key}`.execute(db);
  return rows[0]?.value;
}

async function writeMeta(db: Db, key: string, value: string): Promise<void> {
  await sql`INSERT INTO search_meta (key, value) VALUES (${key}, ${value}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(
    db,
  );
}

/** Writes one change of the workspace in the transaction `trx`. */
async function writeChange(trx: Db, change: SearchChange): Promise<void> {
  await deleteDocuments(trx, change.deleteDocuments ?? []);
  await upsertDocuments(trx, change.upsertDocuments ?? []);
  await deleteAnnotations(trx, change.deleteAnnotations ?? []);
  await upsertAnnotations(trx, change.upsertAnnotations ?? []);
  if (change.replaceClaims === true) await sql`DELETE FROM search_claims`.execute(trx);
  await deleteClaims(trx, change.deleteClaims ?? []);
  await upsertClaims(trx, change.upsertClaims ?? []);
  if (change.codebook !== undefined) await writeMeta(trx, 'codebook', JSON.stringify(change.codebook));
  if (change.fingerprint !== undefined) await writeMeta(trx, 'fingerprint', change.fingerprint);
}

/** Opens the search index held in the team database `db` (migrated to 0005-search or later). */
export async function openPgSearchIndex(db: Db): Promise<SearchIndex> {
  let fingerprint = await readMeta(db, 'fingerprint');
  let codebook = JSON.parse((await readMeta(db, 'codebook')) ?? '{"tags":[]}') as Codebook;
  /** The writes told so far, in order; a failed one is reported once, to the caller that awaits it. */
  let writes: Promise<void> = Promise.resolve();
  /** Changes told while a write runs, not yet begun. */
  let queued: { changes: SearchChange[]; written: Promise<void> } | undefined;
  /** A first build is under way, holding the tables: searches answer from the empty index without asking. */
  let bulk = false;

  return {
    get fingerprint() {
      return fingerprint;
    },
    async rebuild(source, onProgress, signal) {
      await writes.catch(() => undefined);
      const { rows } = await sql<{
        empty: boolean;
      }>`SELECT NOT EXISTS (SELECT FROM search_docs) AND NOT EXISTS (SELECT FROM search_claims) AS empty`.execute(db);
      bulk = rows[0]!.empty;
      try {
        const counts = { documents: 0, annotations: 0 };
        await inTransaction(db, async (trx) => {
          // DELETE, not TRUNCATE: TRUNCATE would lock out the searches that read the old index meanwhile.
          await sql`DELETE FROM search_docs`.execute(trx);
          await sql`DELETE FROM search_claims`.execute(trx);
          // The first build (nothing indexed yet): the GIN indexes are dropped and made again at the end, one
          // sort each instead of an insertion per row (fastupdate off makes those dear). DROP INDEX locks the
          // tables until the commit, so searches in this process answer from the empty index meanwhile (bulk).
          if (bulk) for (const name of GIN_NAMES) await sql`DROP INDEX ${sql.table(name)}`.execute(trx);
          let batch: SearchDocument[] = [];
          const flush = async () => {
            signal?.throwIfAborted();
            await upsertDocuments(trx, batch);
            counts.documents += batch.length;
            counts.annotations += batch.reduce((sum, document) => sum + document.annotations.length, 0);
            batch = [];
            onProgress?.({ ...counts });
          };
          for await (const document of source.documents) {
            batch.push(document);
            if (batch.length >= REBUILD_BATCH) await flush();
          }
          await flush();
          signal?.throwIfAborted();
          if (bulk) for (const statement of GIN_INDEXES) await statement.execute(trx);
          await upsertClaims(trx, source.claims);
          await writeMeta(trx, 'codebook', JSON.stringify(source.codebook));
          await writeMeta(trx, 'fingerprint', source.fingerprint);
        });
      } finally {
        bulk = false;
      }
      codebook = source.codebook;
      fingerprint = source.fingerprint;
    },
    applyChange(change) {
      // Changes told while one write runs wait in one batch, written together in one transaction:
      // under a team's saves the index is never more than one write behind.
      if (queued !== undefined) {
        queued.changes.push(change);
        return queued.written;
      }
      const batch: { changes: SearchChange[]; written: Promise<void> } = { changes: [change], written: Promise.resolve() };
      queued = batch;
      batch.written = writes.then(async () => {
        queued = undefined;
        await inTransaction(db, async (trx) => {
          for (const each of batch.changes) await writeChange(trx, each);
        });
        for (const each of batch.changes) {
          if (each.codebook !== undefined) codebook = each.codebook;
          if (each.fingerprint !== undefined) fingerprint = each.fingerprint;
        }
      });
      // The next write and the next search wait for this one, failed or not; the caller hears of a failure.
      writes = batch.written.catch(() => undefined);
      return batch.written;
    },
    async search(query, options) {
      await writes;
      if (bulk) return { counts: { documents: 0, hits: 0, exact: true }, groups: [] };
      return pgRunSearch(db, query, codebook, options);
    },
    async matchAnnotations(query, options) {
      await writes;
      return bulk ? [] : pgMatchAnnotations(db, query, codebook, options);
    },
    async close() {
      // The writes told are finished before the store closes the database handle (it is the store's).
      await writes;
    },
  };
}
