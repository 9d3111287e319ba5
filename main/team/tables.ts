// The team database's tables as Kysely sees them: one interface per table, written by hand beside
// the migration that creates it (migrations/), so the SQL stays the one definition of the schema.
// Each migration's tables are listed in `TeamTables`.

import type { AccessTokensTable, LoginFailuresTable, SessionsTable, UsersTable } from './migrations/0002-members.ts';

export interface TeamTables {
  users: UsersTable;
  sessions: SessionsTable;
  access_tokens: AccessTokensTable;
  login_failures: LoginFailuresTable;
}
