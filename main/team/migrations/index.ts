// Every migration of the team database, in order. A migration is plain SQL (Kysely's `sql`) and is
// never edited once released: a change of schema is a new entry here.
import type { Migration } from 'kysely/migration';
import { workspaceMigration } from './0001-workspace.ts';
import { membersMigration } from './0002-members.ts';
import { changeOriginMigration } from './0003-change-origin.ts';
import { historyStepsMigration } from './0004-history-steps.ts';
import { searchMigration } from './0005-search.ts';
import { documentHeadsMigration } from './0006-document-heads.ts';

export const TEAM_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-workspace': workspaceMigration,
  '0002-members': membersMigration,
  '0003-change-origin': changeOriginMigration,
  '0004-history-steps': historyStepsMigration,
  '0005-search': searchMigration,
  '0006-document-heads': documentHeadsMigration,
};
