// Each member's undo and redo history (main/team/history-steps.ts), so that it survives a restart of
// the server and is the same on every process on the database. A row is one undo step (a `Change`,
// core/history/history.ts, with both sides and its label), written in the transaction of the change,
// undo or redo it records. `stack`: 'done' (to undo) or 'undone' (to redo); the top of each is the
// row with the greatest `position`, set by the writing process when the step is made, undone or
// redone (history-steps.ts `nextPosition`), so that steps keep the order in which they were made
// even when their transactions commit in another order.
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const historyStepsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`CREATE TABLE history_steps (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      member text NOT NULL,
      stack text NOT NULL CHECK (stack IN ('done', 'undone')),
      position bigint NOT NULL,
      label text NOT NULL,
      change jsonb NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
    await sql`CREATE INDEX history_steps_top ON history_steps (member, stack, position)`.execute(db);
  },
};
