// The PostgreSQL store's whole-workspace reads in SQL (docs/design/on-demand-store.md §2.2, §2.3):
// the metadata of a page of the library, the look-ups of an import, the annotations counted by a
// TallyKey (one GROUP BY each), found by tag or speaker, or read by reference. Each answers exactly
// what main/store/tally.ts's loops answer over memory (tally.test.ts runs both on PostgreSQL), for
// the documents the database holds: the caller (pg-library.ts) leaves out the documents memory
// answers for (`except`) and adds their answers from memory. Rows are read as the stores wrote them
// (parsed files, every default filled); the coalesces below are the schema's defaults all the same.
import { sql, type RawBuilder } from 'kysely';
import { Annotation } from '../../core/model/annotation.ts';
import { isCanonicalAnnotation } from '../../core/model/canonical-annotation.ts';
import { DocumentMeta } from '../../core/model/document.ts';
import type { AnnotationRef } from '../../core/model/evidence.ts';
import type { AnnotationQuery, TallyKey } from '../store/tally.ts';
import type { FindField } from '../store/workspace-store.ts';
import type { TeamDb } from './db.ts';

/**
 * Every character JavaScript's `trim()` removes (its WhiteSpace and LineTerminator), found by asking
 * it: PostgreSQL's btrim removes only spaces unless given the set, and the annotation table's
 * outlet (`outletOf`) is trimmed by JavaScript.
 */
const JS_WHITESPACE = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code))
  .filter((character) => character.trim() === '')
  .join('');

/** An annotation row's data as an Annotation: as it is when canonical (what the stores write), else through the schema; undefined when not valid. */
export function annotationOf(data: unknown): Annotation | undefined {
  if (isCanonicalAnnotation(data)) return data;
  const parsed = Annotation.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/** The metadata of the documents `ids` names that exist and are valid, in the order of `ids`. */
export async function readMetas(db: TeamDb, ids: readonly string[]): Promise<Map<string, DocumentMeta>> {
  const found = new Map<string, DocumentMeta>();
  if (ids.length === 0) return found;
  const { rows } = await sql<{ id: string; meta: unknown }>`
    SELECT id, data->'meta' AS meta FROM documents WHERE id = any(${ids}::text[])`.execute(db);
  const byId = new Map(rows.map((row) => [row.id, row.meta]));
  for (const id of ids) {
    const meta = DocumentMeta.safeParse(byId.get(id));
    if (meta.success) found.set(id, meta.data);
  }
  return found;
}

/** The expressions migration 0006 indexes, written as it writes them (the planner matches them as text). */
const META_FIELDS: Readonly<Record<FindField, RawBuilder<string>>> = {
  textHash: sql`data->'meta'->>'textHash'`,
  originalHash: sql`data->'meta'->>'originalHash'`,
  sourceUrl: sql`data->'meta'->>'sourceUrl'`,
};

/** The ids of the documents whose meta has `value` in `field` (in no order: the caller orders by the library). */
export async function findDocumentIds(db: TeamDb, field: FindField, value: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM documents WHERE ${META_FIELDS[field]} = ${value}`.execute(db);
  return rows.map((row) => row.id);
}

/**
 * The annotations of every document but `except` counted by `key` (tally.ts's TallyKey), keyed as
 * tally.ts keys them. The outlet a table row shows falls back to its document's: the documents'
 * rows are read once per document that needs it, never once per annotation (reading `data` of a
 * document detoasts its text).
 */
export async function tallyRows(db: TeamDb, key: TallyKey, except: readonly string[]): Promise<Map<string, number>> {
  const others = sql`a.document_id <> all(${except}::text[])`;
  const counts = new Map<string, number>();
  const add = (value: string, n: number) => counts.set(value, (counts.get(value) ?? 0) + n);
  if (key === 'shown-outlet') {
    const { rows } = await sql<{ outlet: string; n: number }>`
      WITH own AS (
        SELECT a.document_id, nullif(btrim(coalesce(a.data->>'outlet', ''), ${JS_WHITESPACE}), '') AS outlet
          FROM annotations a WHERE ${others}
      )
      SELECT outlet, count(*)::int AS n FROM own WHERE outlet IS NOT NULL GROUP BY outlet
      UNION ALL
      SELECT coalesce(d.data->'meta'->>'outlet', ''), b.n
        FROM (SELECT document_id, count(*)::int AS n FROM own WHERE outlet IS NULL GROUP BY document_id) b
        JOIN documents d ON d.id = b.document_id`.execute(db);
    for (const row of rows) add(row.outlet, row.n);
    return counts;
  }
  if (key === 'tags' || key === 'document-tags') {
    const { rows } = await sql<{ document_id: string | null; tags: unknown; n: number }>`
      SELECT ${key === 'tags' ? sql`NULL` : sql`a.document_id`} AS document_id, a.data->'tags' AS tags, count(*)::int AS n
        FROM annotations a WHERE ${others} GROUP BY 1, 2`.execute(db);
    for (const row of rows) add(JSON.stringify(row.document_id === null ? row.tags : [row.document_id, row.tags]), row.n);
    return counts;
  }
  if (key === 'coder-documents') {
    const { rows } = await sql<{ creator: string; document_id: string; n: number }>`
      SELECT coalesce(a.data->>'creator', '') AS creator, a.document_id, count(*)::int AS n
        FROM annotations a
       WHERE ${others} AND coalesce(a.data->'anchor'->>'state', 'exact') <> 'orphaned'
       GROUP BY 1, 2`.execute(db);
    for (const row of rows) add(JSON.stringify([row.creator, row.document_id]), row.n);
    return counts;
  }
  const { rows } = await sql<{ value: string | null; n: number }>`
    SELECT ${FIELDS[key]} AS value, count(*)::int AS n FROM annotations a WHERE ${others} GROUP BY 1`.execute(db);
  // A status is required (no default): a row without one is not a valid annotation, and is not counted.
  for (const row of rows) if (row.value !== null) add(row.value, row.n);
  return counts;
}

/** An annotation's own field, with the schema's default where it has one. */
const FIELDS: Readonly<Record<'status' | 'speaker' | 'outlet' | 'creator', RawBuilder<string | null>>> = {
  status: sql`a.data->>'status'`,
  speaker: sql`coalesce(a.data->>'speaker', '')`,
  outlet: sql`coalesce(a.data->>'outlet', '')`,
  creator: sql`coalesce(a.data->>'creator', '')`,
};

/** An annotation row found, with its place in its document's list. */
export interface FoundRow {
  readonly documentId: string;
  readonly position: number;
  readonly annotation: Annotation;
}

/** The annotations of every document but `except` that `query` finds (in no order: the caller orders by the library). */
export async function findAnnotationRows(db: TeamDb, query: AnnotationQuery, except: readonly string[]): Promise<FoundRow[]> {
  const matches =
    'tags' in query ? sql`a.data->'tags' ?| ${query.tags}::text[]` : sql`coalesce(a.data->>'speaker', '') = any(${query.speakers}::text[])`;
  const { rows } = await sql<{ document_id: string; position: number; data: unknown }>`
    SELECT a.document_id, a.position, a.data FROM annotations a
     WHERE ${matches} AND a.document_id <> all(${except}::text[])`.execute(db);
  return rows.flatMap((row) => {
    const annotation = annotationOf(row.data);
    return annotation === undefined ? [] : [{ documentId: row.document_id, position: row.position, annotation }];
  });
}

/** Annotations read by reference, and the metadata of the documents they are in. */
export interface ReadRows {
  readonly annotations: readonly { readonly documentId: string; readonly annotation: Annotation }[];
  /** Per document: its meta, and its first version's importedAt (undefined when it has one version). */
  readonly documents: ReadonlyMap<string, { readonly meta: DocumentMeta; readonly firstImportedAt: string | undefined }>;
}

/**
 * The annotations `refs` names that exist, and their documents' metadata, read in one REPEATABLE
 * READ transaction (an annotation and its document's meta from one snapshot).
 */
export async function readAnnotationRows(db: TeamDb, refs: readonly AnnotationRef[]): Promise<ReadRows> {
  if (refs.length === 0) return { annotations: [], documents: new Map() };
  const documentIds = refs.map((ref) => ref.documentId);
  const annotationIds = refs.map((ref) => ref.annotationId);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const { rows } = await sql<{ document_id: string; data: unknown }>`
        SELECT a.document_id, a.data FROM annotations a
          JOIN (SELECT DISTINCT * FROM unnest(${documentIds}::text[], ${annotationIds}::text[])) r (document_id, id)
            ON a.document_id = r.document_id AND a.id = r.id`.execute(trx);
      const annotations = rows.flatMap((row) => {
        const annotation = annotationOf(row.data);
        return annotation === undefined ? [] : [{ documentId: row.document_id, annotation }];
      });
      const ids = [...new Set(annotations.map((found) => found.documentId))];
      const { rows: metaRows } = await sql<{ id: string; meta: unknown; first_imported_at: string | null }>`
        SELECT id, data->'meta' AS meta, data->'versions'->0->>'importedAt' AS first_imported_at
          FROM documents WHERE id = any(${ids}::text[])`.execute(trx);
      const documents = new Map<string, { meta: DocumentMeta; firstImportedAt: string | undefined }>();
      for (const row of metaRows) {
        const meta = DocumentMeta.safeParse(row.meta);
        if (meta.success) documents.set(row.id, { meta: meta.data, firstImportedAt: row.first_imported_at ?? undefined });
      }
      return { annotations, documents };
    });
}
