// The workspace's records (one database holds one workspace), the imported files, and the change
// log. Annotations are rows of their own, so that saving one rewrites one narrow row and never the
// document's row with its text; `version` on every mutable row is what a write compares and sets
// (a write made from a stale copy changes no row and is refused). No counter row is updated by
// every write: the change log's order comes from its bigserial and the writing transaction's id.
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const workspaceMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // One row: the workspace record (name, settings, codebook).
    await sql`CREATE TABLE workspace (
      id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      data jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1
    )`.execute(db);
    // A document without its annotations (meta, text, structure, earlier versions).
    await sql`CREATE TABLE documents (
      id text PRIMARY KEY,
      data jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1
    )`.execute(db);
    // `position`: the annotation's place in its document's list (a new one goes after the others).
    await sql`CREATE TABLE annotations (
      document_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
      id text NOT NULL,
      position integer NOT NULL,
      data jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      author text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (document_id, id)
    ) WITH (fillfactor = 90)`.execute(db);
    await sql`CREATE INDEX annotations_by_position ON annotations (document_id, position)`.execute(db);
    // Links and claims, and the fact-check archive: each one row, written whole.
    await sql`CREATE TABLE evidence (
      id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      data jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1
    )`.execute(db);
    await sql`CREATE TABLE archive (
      id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      data jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1
    )`.execute(db);
    // Imported files ('original') and earlier versions' texts ('text'), content-addressed, written once.
    await sql`CREATE TABLE blobs (
      kind text NOT NULL CHECK (kind IN ('original', 'text')),
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      bytes bytea NOT NULL,
      PRIMARY KEY (kind, sha256)
    )`.execute(db);
    // Append-only: one row per write. Read in (xid, seq) order below the oldest running transaction
    // (a bigserial alone can commit out of order).
    await sql`CREATE TABLE change_log (
      seq bigserial PRIMARY KEY,
      xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      kind text NOT NULL,
      document_id text,
      annotation_ids text[],
      payload jsonb
    )`.execute(db);
    await sql`CREATE INDEX change_log_by_xid ON change_log (xid, seq)`.execute(db);
    await sql`CREATE INDEX change_log_by_document ON change_log (document_id, seq) WHERE document_id IS NOT NULL`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['change_log', 'blobs', 'archive', 'evidence', 'annotations', 'documents', 'workspace'])
      await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  },
};
