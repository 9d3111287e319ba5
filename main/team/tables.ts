// The team database's tables as Kysely sees them: one interface per table, written by hand beside
// the migration that creates it (migrations/), so the SQL stays the one definition of the schema.
// Each migration's tables are listed in `TeamTables`.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the migrations' table interfaces
export interface TeamTables {}
