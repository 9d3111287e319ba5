// Reading a team database's workspace whole into memory (PgWorkspaceStore.open): every record
// validated by its schema, as the folder store validates its files; a row that fails is reported
// as a problem and left out, never repaired here.
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
import type { KnownAnnotation, KnownDocument, TeamTransaction } from './pg-store-writes.ts';

export interface LoadedWorkspace {
  readonly workspace: { readonly file: WorkspaceFile; readonly version: number };
  /** Undefined version: there is no row yet (the first write inserts it). */
  readonly evidence: { readonly file: EvidenceFile; readonly version: number | undefined };
  readonly archive: { readonly file: ArchiveFile; readonly version: number | undefined };
  readonly documents: Map<string, DocumentFile>;
  readonly known: Map<string, KnownDocument>;
  readonly problems: Failure[];
  /** The change log's last row these records include (see change-follower.ts). */
  readonly position: LogCursor;
}

/** Documents read per query when the workspace is loaded, with their annotations. */
const LOAD_BATCH = 1_000;

/**
 * Reads everything in one REPEATABLE READ transaction, so the rows agree with each other.
 * @param batch documents read per query (a test's small number shows the batches join up)
 */
export async function loadWorkspace(db: TeamDb, { batch: batchSize = LOAD_BATCH } = {}): Promise<LoadedWorkspace> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const problems: Failure[] = [];
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
      const documents = new Map<string, DocumentFile>();
      const known = new Map<string, KnownDocument>();
      // A batch of documents at a time, with their annotations: the driver holds a query's whole
      // result, and all 200,000 annotations of a 10,000-document corpus at once were ~130 MB more
      // at the server's peak than its memory once open.
      let after: string | undefined;
      for (;;) {
        let batch = trx.selectFrom('documents').select(['id', 'data', 'version']).orderBy('id').limit(batchSize);
        if (after !== undefined) batch = batch.where('id', '>', after);
        const rows = await batch.execute();
        if (rows.length === 0) break;
        const byDocument = await annotationsOf(trx, rows[0]!.id, rows.at(-1)!.id);
        for (const row of rows) {
          const annotations = byDocument.get(row.id);
          const parsed = parseDocumentFile({ ...(row.data as object), annotations: annotations?.data ?? [] });
          if (!parsed.success) {
            problems.push({
              code: 'invalid',
              message: `document "${row.id}" in the team database is not valid: ${parsed.error.issues[0]?.message}`,
            });
            continue;
          }
          documents.set(row.id, parsed.data);
          known.set(row.id, { version: row.version, annotations: annotations?.known ?? new Map() });
        }
        if (rows.length < batchSize) break;
        after = rows.at(-1)!.id;
      }
      return {
        workspace: { file: workspace.data, version: workspaceRow.version },
        evidence: { file: evidence.data, version: evidenceRow?.version },
        archive: { file: archive.data, version: archiveRow?.version },
        documents,
        known,
        problems,
        position,
      };
    });
}

/** The annotations of the documents from `first` to `last` (ids, in the database's order), by document, in their order. */
async function annotationsOf(
  trx: TeamTransaction,
  first: string,
  last: string,
): Promise<Map<string, { data: unknown[]; known: Map<string, KnownAnnotation> }>> {
  const rows = await trx
    .selectFrom('annotations')
    .select(['document_id', 'id', 'position', 'data', 'version'])
    .where('document_id', '>=', first)
    .where('document_id', '<=', last)
    .orderBy('document_id')
    .orderBy('position')
    .execute();
  const byDocument = new Map<string, { data: unknown[]; known: Map<string, KnownAnnotation> }>();
  for (const row of rows) {
    let entry = byDocument.get(row.document_id);
    if (entry === undefined) byDocument.set(row.document_id, (entry = { data: [], known: new Map() }));
    entry.data.push(row.data);
    entry.known.set(row.id, { version: row.version, position: row.position });
  }
  return byDocument;
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
