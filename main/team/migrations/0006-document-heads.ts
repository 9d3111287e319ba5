// What a store needs of every document without reading the document (docs/design/on-demand-store.md
// §2.2): its head's `title` and `imported_at`, as plain columns beside `data`, so that opening reads
// them without detoasting every text; and indexes on the meta fields an import looks documents up by
// (`findDocument`: textHash, originalHash, sourceUrl). The columns are filled from `data` here and
// written with it by every write of a whole document (pg-store-writes.ts writeDocument,
// import-workspace.ts), never by a save of annotations, which does not change the document's row.
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const documentHeadsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // Text, not timestamptz: the head keeps importedAt as the meta says it (any precision), and
    // library order compares those strings.
    await sql`ALTER TABLE documents ADD COLUMN title text, ADD COLUMN imported_at text`.execute(db);
    // A row whose data lacks them is not a valid document: opening reports it and leaves it out.
    // The migration neither repairs nor refuses it, so it gets empty strings.
    await sql`UPDATE documents SET title = coalesce(data->'meta'->>'title', ''),
                                   imported_at = coalesce(data->'meta'->>'importedAt', '')`.execute(db);
    // A writer that forgets them fails at once rather than leaving a head out of step.
    await sql`ALTER TABLE documents ALTER COLUMN title SET NOT NULL, ALTER COLUMN imported_at SET NOT NULL`.execute(db);
    // Hash indexes: only equality is asked, and a btree entry is limited to about 2.7 kB, which a
    // sourceUrl (no maximum in the schema) can pass. The expressions are the ones findDocument
    // writes (pg-store-reads.ts), or the planner would not use them.
    await sql`CREATE INDEX documents_by_text_hash ON documents USING hash ((data->'meta'->>'textHash'))`.execute(db);
    await sql`CREATE INDEX documents_by_original_hash ON documents USING hash ((data->'meta'->>'originalHash'))`.execute(db);
    await sql`CREATE INDEX documents_by_source_url ON documents USING hash ((data->'meta'->>'sourceUrl'))`.execute(db);
  },
};
