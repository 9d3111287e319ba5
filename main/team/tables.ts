// The team database's tables as Kysely sees them: one interface per table, written by hand beside
// the migration that creates it (migrations/), so the SQL stays the one definition of the schema.
// Each migration's tables are listed in `TeamTables`.
import type { ColumnType, Generated } from 'kysely';

import type { AccessTokensTable, LoginFailuresTable, SessionsTable, UsersTable } from './migrations/0002-members.ts';

/** A jsonb column: written as JSON text (or a value pg serialises), read as parsed JSON. */
type Json = ColumnType<unknown, string, string>;

// 0001-workspace
export interface SingletonRow {
  id: Generated<number>;
  data: Json;
  version: Generated<number>;
}
export interface DocumentRow {
  id: string;
  data: Json;
  version: Generated<number>;
  /** 0006-document-heads: meta.title and meta.importedAt, written with `data`. */
  title: string;
  imported_at: string;
}
export interface AnnotationRow {
  document_id: string;
  id: string;
  position: number;
  data: Json;
  version: Generated<number>;
  author: string;
  updated_at: Generated<Date>;
}
export interface BlobRow {
  kind: 'original' | 'text';
  sha256: string;
  bytes: Buffer;
}
export interface ChangeLogRow {
  seq: Generated<string>;
  xid: Generated<string>;
  at: Generated<Date>;
  actor: string;
  kind: string;
  document_id: string | null;
  annotation_ids: string[] | null;
  payload: ColumnType<unknown, string | null, string | null>;
  /** 0003-change-origin: the writing store's id (PgWorkspaceStore.origin); null before it. */
  origin: string | null;
}

// 0004-history-steps
export interface HistoryStepRow {
  id: Generated<string>;
  member: string;
  stack: 'done' | 'undone';
  /** bigint, read as text by pg. */
  position: ColumnType<string, string, string>;
  label: string;
  change: Json;
  at: Generated<Date>;
}

export interface TeamTables {
  workspace: SingletonRow;
  documents: DocumentRow;
  annotations: AnnotationRow;
  evidence: SingletonRow;
  archive: SingletonRow;
  blobs: BlobRow;
  change_log: ChangeLogRow;
  users: UsersTable;
  sessions: SessionsTable;
  access_tokens: AccessTokensTable;
  login_failures: LoginFailuresTable;
  history_steps: HistoryStepRow;
}
