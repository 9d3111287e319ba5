// Moves a workspace folder (opened with the folder store) into an empty team database: the blobs
// first (a transaction per batch: one left behind by a failed import is harmless, content-addressed),
// then every record in one transaction with one change-log row, so the workspace is in whole or
// not at all. Rows go in by the batch through unnest(), not one statement per row.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { fail, ok, type Result } from '../../core/result.ts';
import type { FolderStore } from '../store/folder-store.ts';
import { ORIGINALS_DIR, TEXTS_DIR } from '../store/workspace-layout.ts';
import { currentActor } from './actor.ts';
import type { TeamDb } from './db.ts';
import { logChange, writeSingleton, type TeamTransaction } from './pg-store-writes.ts';

export interface ImportFigures {
  readonly documents: number;
  readonly annotations: number;
  readonly blobs: number;
  readonly blobBytes: number;
}

/** Documents per INSERT, and blob bytes per transaction. */
const DOCUMENT_BATCH = 500;
const ANNOTATION_BATCH = 5000;
const BLOB_BATCH_BYTES = 32 * 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Copies `source` into `db`, which must be migrated and hold no workspace yet ('not-empty'
 * otherwise, and nothing is written). Resolves with what was copied.
 */
export async function importWorkspace(source: FolderStore, db: TeamDb): Promise<Result<ImportFigures, 'not-empty' | 'write-failed'>> {
  const existing = await db.selectFrom('workspace').select('version').executeTakeFirst();
  if (existing !== undefined) return fail('not-empty', 'This team database holds a workspace already: import into an empty one.');
  await source.flush();
  const author = currentActor()?.name ?? 'import';
  try {
    const blobs = await importBlobs(source.dir, db);
    const counts = await db.transaction().execute(async (trx) => {
      await writeSingleton(trx, 'workspace', source.workspace, undefined);
      await writeSingleton(trx, 'evidence', { schemaVersion: source.workspace.schemaVersion, ...source.evidence }, undefined);
      await writeSingleton(trx, 'archive', { schemaVersion: source.workspace.schemaVersion, entries: source.archive }, undefined);
      let annotations = 0;
      const documents = source.documents;
      for (let start = 0; start < documents.length; start += DOCUMENT_BATCH) {
        const batch = documents.slice(start, start + DOCUMENT_BATCH);
        await insertDocuments(trx, batch);
        annotations += await insertAllAnnotations(trx, batch, author);
      }
      await logChange(trx, {
        actor: author,
        kind: 'workspace',
        payload: { imported: source.dir, documents: documents.length, annotations },
      });
      return { documents: documents.length, annotations };
    });
    return ok({ ...counts, ...blobs });
  } catch (error) {
    return fail('write-failed', `Could not import ${source.dir}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function insertDocuments(trx: TeamTransaction, documents: FolderStore['documents']): Promise<void> {
  const ids = documents.map((document) => document.meta.id);
  const data = documents.map(({ annotations: _annotations, journal: _journal, ...rest }) => JSON.stringify(rest));
  // title and imported_at: the head's columns (migration 0006), in step with `data`.
  const titles = documents.map((document) => document.meta.title);
  const importedAts = documents.map((document) => document.meta.importedAt);
  await sql`INSERT INTO documents (id, data, title, imported_at)
            SELECT u.id, u.data::jsonb, u.title, u.imported_at
              FROM unnest(${ids}::text[], ${data}::text[], ${titles}::text[], ${importedAts}::text[]) AS u(id, data, title, imported_at)`.execute(
    trx,
  );
}

/** Inserts the documents' annotations, in their list order, ANNOTATION_BATCH rows per statement; resolves with how many. */
async function insertAllAnnotations(trx: TeamTransaction, documents: FolderStore['documents'], author: string): Promise<number> {
  const rows = documents.flatMap((document) =>
    document.annotations.map((annotation, position) => ({ documentId: document.meta.id, annotation, position })),
  );
  for (let start = 0; start < rows.length; start += ANNOTATION_BATCH) {
    const batch = rows.slice(start, start + ANNOTATION_BATCH);
    await sql`INSERT INTO annotations (document_id, id, position, data, author)
              SELECT u.document_id, u.id, u.position, u.data::jsonb, ${author}
                FROM unnest(${batch.map((row) => row.documentId)}::text[], ${batch.map((row) => row.annotation.id)}::text[],
                            ${batch.map((row) => row.position)}::int[], ${batch.map((row) => JSON.stringify(row.annotation))}::text[])
                     AS u(document_id, id, position, data)`.execute(trx);
  }
  return rows.length;
}

/** Copies originals/ and texts/ into the blobs table; resolves with how many and how many bytes. */
async function importBlobs(dir: string, db: TeamDb): Promise<{ blobs: number; blobBytes: number }> {
  let blobs = 0;
  let blobBytes = 0;
  for (const [folder, kind] of [
    [ORIGINALS_DIR, 'original'],
    [TEXTS_DIR, 'text'],
  ] as const) {
    const names = (await readdir(path.join(dir, folder)).catch(() => [] as string[])).filter((name) => SHA256.test(name)).sort();
    let batch: { sha256: string; bytes: Buffer }[] = [];
    let size = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await sql`INSERT INTO blobs (kind, sha256, bytes)
                SELECT ${kind}, u.sha256, u.bytes FROM unnest(${batch.map(({ sha256 }) => sha256)}::text[], ${batch.map(({ bytes }) => bytes)}::bytea[]) AS u(sha256, bytes)
                ON CONFLICT DO NOTHING`.execute(db);
      batch = [];
      size = 0;
    };
    for (const name of names) {
      const bytes = await readFile(path.join(dir, folder, name));
      batch.push({ sha256: name, bytes });
      size += bytes.length;
      blobs++;
      blobBytes += bytes.length;
      if (size >= BLOB_BATCH_BYTES) await flush();
    }
    await flush();
  }
  return { blobs, blobBytes };
}
