// The PostgreSQL store's writes, each a part of one transaction (pg-store.ts opens it and appends
// the change log's row in it). Every mutable row is compared and set on its `version`: a write
// made from a copy that someone else has changed since touches fewer rows than it expected, and
// throws `StaleWrite`, which rolls the whole transaction back. Arrays go in as parameters and are
// spread with unnest(), so a change of a hundred annotations is one statement, not a hundred.
import { sql, type Transaction } from 'kysely';
import type { Annotation } from '../../core/model/annotation.ts';
import type { DocumentMeta } from '../../core/model/document.ts';
import { fail, type Result } from '../../core/result.ts';
import type { TeamDb } from './db.ts';
import type { TeamTables } from './tables.ts';

export type TeamTransaction = Transaction<TeamTables>;

/** A write was made from a copy of rows that have changed since: nothing of it was written. */
export class StaleWrite extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaleWrite';
  }
}

/** A write's failure as the store says it (`what`: what it was saving): a stale write says what to do. */
export function writeFailure(what: string, error: unknown): Result<never, 'write-failed'> {
  if (error instanceof StaleWrite)
    return fail(
      'write-failed',
      `Could not save ${what}: ${error.message}. Nothing of this change was saved; reload to see the other change.`,
    );
  return fail('write-failed', `Could not save ${what}: ${error instanceof Error ? error.message : String(error)}`);
}

/** An annotation row as this process last wrote or read it. */
export interface KnownAnnotation {
  readonly version: number;
  readonly position: number;
}

/** A document's rows as this process last wrote or read them: what its next write expects. */
export interface KnownDocument {
  readonly version: number;
  readonly annotations: ReadonlyMap<string, KnownAnnotation>;
}

export interface ChangeEntry {
  readonly actor: string;
  readonly kind: 'workspace' | 'evidence' | 'archive' | 'document' | 'annotations' | 'document-removed';
  readonly documentId?: string;
  readonly annotationIds?: readonly string[];
  readonly payload?: unknown;
  /** The writing store's id (see change-follower.ts). */
  readonly origin?: string;
}

/** The store's write queue's key for document `id` (the same file name the folder store queues on). */
export function documentKey(id: string): string {
  return `documents/${id}.json`;
}

/** Appends the transaction's one change-log row; resolves with its seq. */
export async function logChange(trx: TeamTransaction, entry: ChangeEntry): Promise<string> {
  const row = await trx
    .insertInto('change_log')
    .values({
      origin: entry.origin ?? null,
      actor: entry.actor,
      kind: entry.kind,
      document_id: entry.documentId ?? null,
      annotation_ids: entry.annotationIds === undefined ? null : [...entry.annotationIds],
      payload: entry.payload === undefined ? null : JSON.stringify(entry.payload),
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  return row.seq;
}

/** Writes the one row of `table` (created when `expected` is undefined); resolves with its new version. */
export async function writeSingleton(
  trx: TeamTransaction,
  table: 'workspace' | 'evidence' | 'archive',
  data: unknown,
  expected: number | undefined,
): Promise<number> {
  const json = JSON.stringify(data);
  const row =
    expected === undefined
      ? await trx
          .insertInto(table)
          .values({ data: json })
          .onConflict((conflict) => conflict.column('id').doNothing())
          .returning('version')
          .executeTakeFirst()
      : await trx
          .updateTable(table)
          .set({ data: json, version: sql`version + 1` })
          .where('id', '=', 1)
          .where('version', '=', expected)
          .returning('version')
          .executeTakeFirst();
  if (row === undefined) throw new StaleWrite(`the ${table} record was changed by someone else since this copy was read`);
  return row.version;
}

export interface AnnotationWrites {
  readonly updates: readonly { readonly annotation: Annotation; readonly version: number }[];
  readonly inserts: readonly { readonly annotation: Annotation; readonly position: number }[];
  readonly removals: readonly { readonly id: string; readonly version: number }[];
}

/**
 * The rows a change of annotations `changed` (those of `put` put, the others removed) writes, each
 * checked against the version `known` says it had; new ones go after the last.
 */
export function annotationWrites(known: KnownDocument, changed: readonly string[], put: readonly Annotation[]): AnnotationWrites {
  const byId = new Map(put.map((annotation) => [annotation.id, annotation]));
  // A loop, not Math.max(...): a document may hold more annotations than a call can take arguments.
  let next = 0;
  for (const { position } of known.annotations.values()) if (position >= next) next = position + 1;
  const updates: AnnotationWrites['updates'][number][] = [];
  const inserts: AnnotationWrites['inserts'][number][] = [];
  const removals: AnnotationWrites['removals'][number][] = [];
  for (const annotationId of changed) {
    const annotation = byId.get(annotationId);
    const was = known.annotations.get(annotationId);
    if (annotation !== undefined && was !== undefined) updates.push({ annotation, version: was.version });
    else if (annotation !== undefined) inserts.push({ annotation, position: next++ });
    else if (was !== undefined) removals.push({ id: annotationId, version: was.version });
  }
  return { updates, inserts, removals };
}

/** `known` once `writes` are committed. */
export function knownAfter(known: KnownDocument, writes: AnnotationWrites): KnownDocument {
  const annotations = new Map<string, KnownAnnotation>(known.annotations);
  for (const { annotation, version } of writes.updates)
    annotations.set(annotation.id, { ...annotations.get(annotation.id)!, version: version + 1 });
  for (const { annotation, position } of writes.inserts) annotations.set(annotation.id, { version: 1, position });
  for (const { id } of writes.removals) annotations.delete(id);
  return { version: known.version, annotations };
}

/** Updates, inserts and deletes annotations of one document, each row checked against the version it was read at. */
export async function writeAnnotations(trx: TeamTransaction, documentId: string, writes: AnnotationWrites, author: string): Promise<void> {
  const stale = (what: string, ids: readonly string[], done: readonly string[]) => {
    const missed = ids.filter((id) => !done.includes(id));
    return new StaleWrite(
      `annotation ${missed.join(', ')} of document "${documentId}" was ${what} by someone else since this copy was read`,
    );
  };
  if (writes.updates.length > 0) {
    const ids = writes.updates.map(({ annotation }) => annotation.id);
    const { rows } = await sql<{ id: string }>`
      UPDATE annotations AS a
         SET data = u.data::jsonb, version = a.version + 1, author = ${author}, updated_at = now()
        FROM unnest(${ids}::text[], ${writes.updates.map(({ version }) => version)}::int[], ${writes.updates.map(({ annotation }) => JSON.stringify(annotation))}::text[])
             AS u(id, version, data)
       WHERE a.document_id = ${documentId} AND a.id = u.id AND a.version = u.version
      RETURNING a.id`.execute(trx);
    if (rows.length !== ids.length)
      throw stale(
        'changed or deleted',
        ids,
        rows.map((row) => row.id),
      );
  }
  if (writes.removals.length > 0) {
    const ids = writes.removals.map(({ id }) => id);
    const { rows } = await sql<{ id: string }>`
      DELETE FROM annotations AS a
       USING unnest(${ids}::text[], ${writes.removals.map(({ version }) => version)}::int[]) AS u(id, version)
       WHERE a.document_id = ${documentId} AND a.id = u.id AND a.version = u.version
      RETURNING a.id`.execute(trx);
    if (rows.length !== ids.length)
      throw stale(
        'changed or deleted',
        ids,
        rows.map((row) => row.id),
      );
  }
  if (writes.inserts.length > 0) {
    const inserted = await insertAnnotations(
      trx,
      documentId,
      writes.inserts.map(({ annotation, position }) => ({ annotation, position, version: 1 })),
      author,
    );
    const ids = writes.inserts.map(({ annotation }) => annotation.id);
    if (inserted.length !== ids.length) throw stale('added', ids, inserted);
  }
}

/** Inserts annotations of one document (an id already there is skipped); resolves with the ids inserted. */
export async function insertAnnotations(
  trx: TeamTransaction,
  documentId: string,
  rows: readonly { readonly annotation: Annotation; readonly position: number; readonly version: number }[],
  author: string,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const { rows: inserted } = await sql<{ id: string }>`
    INSERT INTO annotations (document_id, id, position, data, version, author)
    SELECT ${documentId}, u.id, u.position, u.data::jsonb, u.version, ${author}
      FROM unnest(${rows.map(({ annotation }) => annotation.id)}::text[], ${rows.map(({ position }) => position)}::int[],
                  ${rows.map(({ annotation }) => JSON.stringify(annotation))}::text[], ${rows.map(({ version }) => version)}::int[])
           AS u(id, position, data, version)
    ON CONFLICT DO NOTHING
    RETURNING id`.execute(trx);
  return inserted.map((row) => row.id);
}

/**
 * Locks document `id`'s row and its annotations' rows, and checks them against `expected` (what
 * this process read); throws `StaleWrite` when anyone changed, added or removed one since.
 */
async function lockDocument(trx: TeamTransaction, id: string, expected: KnownDocument): Promise<void> {
  const row = await trx.selectFrom('documents').select('version').where('id', '=', id).forUpdate().executeTakeFirst();
  if (row === undefined) throw new StaleWrite(`document "${id}" was deleted by someone else since this copy was read`);
  if (row.version !== expected.version) throw new StaleWrite(`document "${id}" was changed by someone else since this copy was read`);
  const annotations = await trx.selectFrom('annotations').select(['id', 'version']).where('document_id', '=', id).forUpdate().execute();
  const changed = annotations.filter((annotation) => expected.annotations.get(annotation.id)?.version !== annotation.version);
  if (changed.length > 0 || annotations.length !== expected.annotations.size)
    throw new StaleWrite(`annotations of document "${id}" were changed by someone else since this copy was read`);
}

/**
 * Writes document `id` whole: its row (`data`, without annotations) and its annotations, in list
 * order. A new document when `expected` is undefined. Resolves with the rows' new versions.
 */
export async function writeDocument(
  trx: TeamTransaction,
  id: string,
  data: { readonly meta: Pick<DocumentMeta, 'title' | 'importedAt'> },
  annotations: readonly Annotation[],
  expected: KnownDocument | undefined,
  author: string,
): Promise<KnownDocument> {
  const json = JSON.stringify(data);
  // The head's columns (migration 0006), in step with `data`.
  const head = { title: data.meta.title, imported_at: data.meta.importedAt };
  let version: number;
  if (expected === undefined) {
    const row = await trx
      .insertInto('documents')
      .values({ id, data: json, ...head })
      .onConflict((conflict) => conflict.column('id').doNothing())
      .returning('version')
      .executeTakeFirst();
    if (row === undefined) throw new StaleWrite(`document "${id}" was added by someone else meanwhile`);
    version = row.version;
  } else {
    await lockDocument(trx, id, expected);
    const row = await trx
      .updateTable('documents')
      .set({ data: json, ...head, version: sql`version + 1` })
      .where('id', '=', id)
      .returning('version')
      .executeTakeFirstOrThrow();
    version = row.version;
    await trx.deleteFrom('annotations').where('document_id', '=', id).execute();
  }
  const rows = annotations.map((annotation, position) => ({
    annotation,
    position,
    version: (expected?.annotations.get(annotation.id)?.version ?? 0) + 1,
  }));
  await insertAnnotations(trx, id, rows, author);
  return { version, annotations: new Map(rows.map(({ annotation, position, version }) => [annotation.id, { version, position }])) };
}

/** Deletes document `id` and its annotations, checked against `expected`. */
export async function deleteDocument(trx: TeamTransaction, id: string, expected: KnownDocument): Promise<void> {
  await lockDocument(trx, id, expected);
  await trx.deleteFrom('documents').where('id', '=', id).execute();
}

/** Keeps `bytes` under (kind, sha256) unless it is there already. */
export async function insertBlob(db: TeamDb, kind: 'original' | 'text', sha256: string, bytes: Uint8Array): Promise<void> {
  await db
    .insertInto('blobs')
    .values({ kind, sha256, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
    .onConflict((conflict) => conflict.columns(['kind', 'sha256']).doNothing())
    .execute();
}
