// Reading a team database's workspace (PgWorkspaceStore.open): the singletons and every document's
// head at open, documents when they are held. Every record is validated by its schema, as the folder
// store validates its files; a row that fails is reported as a problem and left out, never repaired here.
import { sql } from 'kysely';
import { WorkspaceOpenError } from '../store/open-store.ts';
import {
  ArchiveFile,
  EvidenceFile,
  parseDocumentFile,
  WORKSPACE_SCHEMA_VERSION,
  WorkspaceFile,
  type DocumentFile,
} from '../../core/model/stored-files.ts';
import type { Failure } from '../../core/result.ts';
import { logPosition, type LogCursor } from './change-follower.ts';
import type { TeamDb } from './db.ts';
import type { DocumentHead } from '../store/workspace-store.ts';
import type { KnownDocument, TeamTransaction } from './pg-store-writes.ts';

export interface LoadedWorkspace {
  readonly workspace: { readonly file: WorkspaceFile; readonly version: number };
  /** Undefined version: there is no row yet (the first write inserts it). */
  readonly evidence: { readonly file: EvidenceFile; readonly version: number | undefined };
  readonly archive: { readonly file: ArchiveFile; readonly version: number | undefined };
  /** Every document's head (in the database's order); the documents themselves are read when held. */
  readonly heads: DocumentHead[];
  /** The change log's last row these records include (see change-follower.ts). */
  readonly position: LogCursor;
}

/**
 * Reads the singletons, the change log's position and every document's head in one REPEATABLE READ
 * transaction, so that they agree with each other. No document is read: a hold reads it
 * (docs/design/on-demand-store.md §2.2), and a document that is not valid is reported then.
 */
export async function loadWorkspace(db: TeamDb): Promise<LoadedWorkspace> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const workspaceRow = await trx.selectFrom('workspace').select(['data', 'version']).executeTakeFirst();
      if (workspaceRow === undefined)
        throw new WorkspaceOpenError(
          'not-a-workspace',
          'The team database holds no workspace yet: import one first (claimbench team import).',
        );
      const workspace = WorkspaceFile.safeParse(workspaceRow.data);
      if (!workspace.success)
        throw new WorkspaceOpenError(
          'invalid-workspace-file',
          `The team database's workspace record is not valid: ${workspace.error.issues[0]?.message}`,
        );
      const evidenceRow = await trx.selectFrom('evidence').select(['data', 'version']).executeTakeFirst();
      const archiveRow = await trx.selectFrom('archive').select(['data', 'version']).executeTakeFirst();
      const evidence = EvidenceFile.safeParse(evidenceRow?.data ?? { schemaVersion: WORKSPACE_SCHEMA_VERSION, links: [], claims: [] });
      const archive = ArchiveFile.safeParse(archiveRow?.data ?? { schemaVersion: WORKSPACE_SCHEMA_VERSION, entries: [] });
      if (!evidence.success)
        throw new WorkspaceOpenError('invalid-workspace-file', `The evidence record is not valid: ${evidence.error.issues[0]?.message}`);
      if (!archive.success)
        throw new WorkspaceOpenError('invalid-workspace-file', `The archive record is not valid: ${archive.error.issues[0]?.message}`);
      const position = await logPosition(trx);
      return {
        workspace: { file: workspace.data, version: workspaceRow.version },
        evidence: { file: evidence.data, version: evidenceRow?.version },
        archive: { file: archive.data, version: archiveRow?.version },
        heads: await readHeads(trx),
        position,
      };
    });
}

/** The heads of the documents `ids` names (every document without it): migration 0006's columns and the count of annotation rows. */
export async function readHeads(db: TeamDb | TeamTransaction, ids?: readonly string[]): Promise<DocumentHead[]> {
  // The count is grouped once over the annotations' document_id index, not counted per document.
  const rows = await sql<{ id: string; title: string; imported_at: string; annotation_count: number }>`
    SELECT d.id, d.title, d.imported_at, coalesce(c.n, 0)::int AS annotation_count
      FROM documents d
      LEFT JOIN (SELECT document_id, count(*) AS n FROM annotations
                  ${ids === undefined ? sql`` : sql`WHERE document_id = any(${ids}::text[])`}
                  GROUP BY document_id) c ON c.document_id = d.id
      ${ids === undefined ? sql`` : sql`WHERE d.id = any(${ids}::text[])`}`.execute(db);
  return rows.rows.map((row) => ({ id: row.id, title: row.title, importedAt: row.imported_at, annotationCount: row.annotation_count }));
}

/** A document read from the database: the file, and its rows' versions as read (what its next write expects). */
export interface ReadDocument {
  readonly file: DocumentFile;
  readonly known: KnownDocument;
}

/** Document `id` as the database holds it now: undefined when it is gone, a failure when it is not valid. */
export async function reloadDocument(db: TeamDb, id: string): Promise<ReadDocument | undefined | Failure> {
  return (await readDocuments(db, [id])).get(id);
}

/**
 * The documents `ids` names, as the database holds them now, read in one REPEATABLE READ
 * transaction (so each file and its versions come from one snapshot): those that exist, each a
 * failure when it is not valid. Two queries whatever the number of ids; callers batch them.
 */
export async function readDocuments(db: TeamDb, ids: readonly string[]): Promise<Map<string, ReadDocument | Failure>> {
  const found = new Map<string, ReadDocument | Failure>();
  if (ids.length === 0) return found;
  await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const rows = await trx
        .selectFrom('documents')
        .select(['id', 'data', 'version'])
        .where('id', '=', sql<string>`any(${ids}::text[])`)
        .execute();
      const annotationRows = await trx
        .selectFrom('annotations')
        .select(['document_id', 'id', 'position', 'data', 'version'])
        .where('document_id', '=', sql<string>`any(${ids}::text[])`)
        .orderBy('document_id')
        .orderBy('position')
        .execute();
      const byDocument = new Map<string, typeof annotationRows>();
      for (const row of annotationRows) {
        const list = byDocument.get(row.document_id);
        if (list === undefined) byDocument.set(row.document_id, [row]);
        else list.push(row);
      }
      for (const row of rows) {
        const annotations = byDocument.get(row.id) ?? [];
        const parsed = parseDocumentFile({ ...(row.data as object), annotations: annotations.map((annotation) => annotation.data) });
        if (!parsed.success) {
          found.set(row.id, {
            code: 'invalid',
            message: `document "${row.id}" in the team database is not valid: ${parsed.error.issues[0]?.message}`,
          });
          continue;
        }
        const known = new Map(
          annotations.map((annotation) => [annotation.id, { version: annotation.version, position: annotation.position }]),
        );
        found.set(row.id, { file: parsed.data, known: { version: row.version, annotations: known } });
      }
    });
  return found;
}

/** The workspace, evidence or archive record as the database holds it now (undefined: not valid, or no row). */
export async function reloadSingleton<K extends 'workspace' | 'evidence' | 'archive'>(
  db: TeamDb,
  table: K,
): Promise<{ readonly file: SingletonFiles[K]; readonly version: number } | undefined> {
  const row = await db
    .selectFrom(table as 'workspace')
    .select(['data', 'version'])
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const parsed = SINGLETON_SCHEMAS[table].safeParse(row.data);
  return parsed.success ? { file: parsed.data as SingletonFiles[K], version: row.version } : undefined;
}

interface SingletonFiles {
  workspace: WorkspaceFile;
  evidence: EvidenceFile;
  archive: ArchiveFile;
}
const SINGLETON_SCHEMAS = { workspace: WorkspaceFile, evidence: EvidenceFile, archive: ArchiveFile };
