// The workspace search index (issue 19): one SQLite file in a folder that is safe to delete
// (`<workspace>/index/search.sqlite`). It records its format and the fingerprint of the workspace
// state it reflects, is rebuilt in the background from plain data, follows each change in one
// transaction, and answers parsed queries (run-search.ts).
import { renameSync, rmSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { Codebook } from '../../core/model/codebook.ts';
import type { SearchQuery } from '../../core/search/query-ast.ts';
import type { SearchChange, SearchOptions, SearchResults, SearchSource } from '../../core/search/search-types.ts';
import { matchAnnotations } from './match-annotations.ts';
import { runSearch } from './run-search.ts';
import { buildIndexFile } from './build-index-file.ts';
import { createSchema, FORMAT_VERSION, openIndexFile, storedFormat } from './schema.ts';
import { RowWriter } from './write-rows.ts';

export const INDEX_FILE = 'search.sqlite';

/** How far a rebuild has come. */
export interface RebuildProgress {
  readonly documents: number;
  readonly annotations: number;
}

export interface SearchIndex {
  /** The fingerprint of the workspace state the index holds; undefined when it must be rebuilt. */
  readonly fingerprint: string | undefined;
  /**
   * Builds the index anew from `source` into a file beside the current one, in a worker thread
   * (build-index-file.ts: this thread only sends it the documents), and swaps it in at the end
   * (searches meanwhile see the old index). An aborted rebuild leaves the old index as it was and
   * rejects with the signal's reason.
   */
  rebuild(source: SearchSource, onProgress?: (progress: RebuildProgress) => void, signal?: AbortSignal): Promise<void>;
  /**
   * Applies one change of the workspace in one transaction. An index in a database server
   * (main/search/pg/pg-search-index.ts) writes it asynchronously, in order, and every later
   * search waits for it; the promise rejects when it could not be written.
   */
  applyChange(change: SearchChange): void | Promise<void>;
  search(query: SearchQuery, options?: SearchOptions): SearchResults | Promise<SearchResults>;
  /** Every annotation the query lets through, as the annotations table reads it (match-annotations.ts). */
  matchAnnotations(
    query: SearchQuery,
    options: { readonly matchCase: boolean },
  ): { documentId: string; annotationId: string }[] | Promise<{ documentId: string; annotationId: string }[]>;
  /** Closes the index; one in a database server first finishes the writes told. */
  close(): void | Promise<void>;
}

/**
 * Opens (or creates) the index in `dir`. An index of another format, or a file that is not one,
 * is deleted and started empty, with `fingerprint` undefined: the caller rebuilds it.
 * @example
 * const index = await openSearchIndex(path.join(workspace, 'index'));
 * if (index.fingerprint !== fingerprintNow) void index.rebuild(source);
 */
export async function openSearchIndex(dir: string): Promise<SearchIndex> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, INDEX_FILE);
  await rm(`${file}.building`, { force: true });
  let db = await openOrRecreate(file);
  let writer = new RowWriter(db);
  let rebuilding: AbortController | undefined;

  const meta = (key: string): string | undefined =>
    (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  const setMeta = (target: DatabaseSync, key: string, value: string) =>
    target.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run(key, value);
  let codebook: Codebook = JSON.parse(meta('codebook') ?? '{"tags":[]}') as Codebook;

  return {
    get fingerprint() {
      return meta('fingerprint');
    },
    async rebuild(source, onProgress, signal) {
      rebuilding?.abort(new Error('a newer rebuild started'));
      const mine = (rebuilding = new AbortController());
      const building = `${file}.building`;
      await removeDatabase(building);
      try {
        const stop = AbortSignal.any([mine.signal, ...(signal === undefined ? [] : [signal])]);
        await buildIndexFile(building, source, (progress) => onProgress?.(progress), stop);
        // Swapped without an await between closing the old file and opening the new one: a search
        // that runs meanwhile (queries answer from the index as it is) never meets a closed database.
        db.close();
        for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
        renameSync(building, file);
        db = openFile(file);
        writer = new RowWriter(db);
        codebook = source.codebook;
      } catch (error) {
        await removeDatabase(building);
        throw error;
      } finally {
        if (rebuilding === mine) rebuilding = undefined;
      }
    },
    applyChange(change) {
      db.exec('BEGIN');
      try {
        for (const id of change.deleteDocuments ?? []) writer.deleteDocument(id);
        for (const document of change.upsertDocuments ?? []) writer.upsertDocument(document);
        for (const { documentId, annotationId } of change.deleteAnnotations ?? []) writer.deleteAnnotation(documentId, annotationId);
        for (const { documentId, annotation } of change.upsertAnnotations ?? []) writer.upsertAnnotation(documentId, annotation);
        if (change.replaceClaims === true) writer.deleteAllClaims();
        for (const id of change.deleteClaims ?? []) writer.deleteClaim(id);
        for (const claim of change.upsertClaims ?? []) writer.upsertClaim(claim);
        if (change.codebook !== undefined) setMeta(db, 'codebook', JSON.stringify(change.codebook));
        if (change.fingerprint !== undefined) setMeta(db, 'fingerprint', change.fingerprint);
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
      if (change.codebook !== undefined) codebook = change.codebook;
    },
    search(query, options) {
      return runSearch(db, query, codebook, options);
    },
    matchAnnotations(query, options) {
      return matchAnnotations(db, query, codebook, options);
    },
    close() {
      rebuilding?.abort(new Error('the index was closed'));
      if (db.isOpen) db.close();
    },
  };
}

/** The index in `file` if it is one of this format; otherwise a new empty one in its place. */
async function openOrRecreate(file: string): Promise<DatabaseSync> {
  let db: DatabaseSync | undefined;
  try {
    db = openFile(file);
    if (storedFormat(db) === FORMAT_VERSION) return db;
  } catch {
    // Not a database (a torn or foreign file): it is derived data, so start again.
  }
  if (db?.isOpen) db.close();
  await removeDatabase(file);
  db = openFile(file);
  createSchema(db);
  return db;
}

function openFile(file: string): DatabaseSync {
  return openIndexFile(file);
}

/** Deletes a database with its WAL files (the main file too unless `keepMain`: rename replaces it). */
async function removeDatabase(file: string, options: { keepMain?: boolean } = {}): Promise<void> {
  for (const suffix of [options.keepMain ? undefined : '', '-wal', '-shm'])
    if (suffix !== undefined) await rm(`${file}${suffix}`, { force: true });
}
