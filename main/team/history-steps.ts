// The members' undo histories in the team database (migrations/0004-history-steps.ts): what a
// change, an undo or a redo does to its member's history is written in the transaction of its
// last write (pg-store.ts `transact` takes it from here through AsyncLocalStorage, as it takes the
// actor), so an acknowledged change always has its step and a failed one never has. A history read
// from the database is the same after a restart and on every process; the stacks behave as the
// in-memory history's (core/history/history.ts `History`): a new step clears the member's redo
// stack, undo moves the top step to the redo stack, redo moves it back, and only the last
// HISTORY_LIMIT steps are kept.
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type Kysely } from 'kysely';
import { HISTORY_LIMIT, type Change, type HistoryState } from '../../core/history/history.ts';
import type { Result } from '../../core/result.ts';
import type { HistoryOp, HistoryStep, UndoHistory } from '../store/undo-history.ts';
import { inTransaction, type TeamDb } from './db.ts';
import { changeFromJson, changeToJson } from './history-json.ts';
import { StaleWrite, type TeamTransaction } from './pg-store-writes.ts';
import type { TeamTables } from './tables.ts';

type Stack = 'done' | 'undone';

/** The history write of one change, undo or redo, waiting for the store transaction of its last write. */
export class PendingHistoryWrite {
  taken = false;
  committed = false;
  /** The member's history once it is written. */
  state: HistoryState | undefined;
  /** The row a record inserted (to take it back). */
  private inserted: string | undefined;
  private readonly member: string;
  private readonly op: HistoryOp;
  private readonly position: string;
  private readonly limit: number;

  constructor(member: string, op: HistoryOp, position: string, limit: number) {
    this.member = member;
    this.op = op;
    this.position = position;
    this.limit = limit;
  }

  /** Writes it, in `trx`. Throws StaleWrite when the step to undo or redo is no longer where it was read. */
  async write(trx: TeamTransaction): Promise<void> {
    const { member, op, position } = this;
    const change = op.change();
    const json = changeToJson(change);
    if (op.kind === 'record') {
      // One statement: the redo stack cleared, the oldest steps past the limit dropped, the step added.
      const { rows } = await sql<{ id: string }>`
        WITH cleared AS (DELETE FROM history_steps WHERE member = ${member} AND stack = 'undone'),
             trimmed AS (
               DELETE FROM history_steps
                WHERE member = ${member} AND stack = 'done'
                  AND position <= (SELECT position FROM history_steps WHERE member = ${member} AND stack = 'done'
                                    ORDER BY position DESC OFFSET ${this.limit - 1} LIMIT 1))
        INSERT INTO history_steps (member, stack, position, label, change)
        VALUES (${member}, 'done', ${position}::bigint, ${change.label}, ${json}::jsonb)
        RETURNING id::text AS id`.execute(trx);
      this.inserted = rows[0]!.id;
      this.state = { canUndo: true, canRedo: false, undoLabel: change.label, redoLabel: undefined };
      return;
    }
    const [from, to]: [Stack, Stack] = op.kind === 'undo' ? ['done', 'undone'] : ['undone', 'done'];
    const moved = await trx
      .updateTable('history_steps')
      .set({ stack: to, position, change: json })
      .where('id', '=', op.step.id!)
      .where('member', '=', member)
      .where('stack', '=', from)
      .returning('id')
      .executeTakeFirst();
    if (moved === undefined)
      throw new StaleWrite(`the step "${change.label}" was ${op.kind === 'undo' ? 'undone' : 'redone'} in another window meanwhile`);
    this.state = await stateOf(trx, member);
  }

  /** Takes it back, after the change it went with failed in a later transaction (best effort, as the change's own rollback). */
  async takeBack(db: TeamDb): Promise<void> {
    const { op } = this;
    if (op.kind === 'record') {
      if (this.inserted !== undefined) await db.deleteFrom('history_steps').where('id', '=', this.inserted).execute();
      return;
    }
    await db
      .updateTable('history_steps')
      .set({ stack: op.kind === 'undo' ? 'done' : 'undone', position: op.step.position!, change: changeToJson(op.step.change) })
      .where('id', '=', op.step.id!)
      .execute();
  }
}

const pendingWrites = new AsyncLocalStorage<PendingHistoryWrite>();

/**
 * One store transaction (`work`), with the history write that waits for it, if any: the first
 * store transaction run within `PgHistory.alongside`'s write takes it.
 */
export async function withHistoryWrite<T>(db: TeamDb, work: (trx: TeamTransaction) => Promise<T>): Promise<T> {
  const pending = pendingWrites.getStore();
  const history = pending === undefined || pending.taken ? undefined : pending;
  if (history !== undefined) history.taken = true;
  const done = await inTransaction(db, async (trx) => {
    const done = await work(trx);
    await history?.write(trx);
    return done;
  });
  if (history !== undefined) history.committed = true;
  return done;
}

/** `member`'s history: the labels at the top of each stack. */
async function stateOf(db: Kysely<TeamTables>, member: string): Promise<HistoryState> {
  const { rows } = await sql<{ undo: string | null; redo: string | null }>`
    SELECT (SELECT label FROM history_steps WHERE member = ${member} AND stack = 'done' ORDER BY position DESC LIMIT 1) AS undo,
           (SELECT label FROM history_steps WHERE member = ${member} AND stack = 'undone' ORDER BY position DESC LIMIT 1) AS redo`.execute(
    db,
  );
  const { undo, redo } = rows[0]!;
  return { canUndo: undo !== null, canRedo: redo !== null, undoLabel: undo ?? undefined, redoLabel: redo ?? undefined };
}

export class PgHistory implements UndoHistory {
  private readonly db: TeamDb;
  private readonly limit: number;
  /** The last position given (see nextPosition). */
  private last = 0;

  constructor(db: TeamDb, limit = HISTORY_LIMIT) {
    this.db = db;
    this.limit = limit;
  }

  /**
   * A position above every one given before: the time in microseconds, or one more than the last
   * when the clock has not moved on. Given when a step is made, not when it commits, so that
   * pipelined saves whose transactions commit out of order keep the order they were made in;
   * another process's steps are placed by its clock (the same machine's, or one kept in time).
   */
  private nextPosition(): string {
    this.last = Math.max(Date.now() * 1000, this.last + 1);
    return String(this.last);
  }

  state(member: string): Promise<HistoryState> {
    return stateOf(this.db, member);
  }

  peekUndo(member: string): Promise<HistoryStep | undefined> {
    return this.top(member, 'done');
  }

  peekRedo(member: string): Promise<HistoryStep | undefined> {
    return this.top(member, 'undone');
  }

  private async top(member: string, stack: Stack): Promise<HistoryStep | undefined> {
    const row = await this.db
      .selectFrom('history_steps')
      .select(['id', 'position', 'change'])
      .where('member', '=', member)
      .where('stack', '=', stack)
      .orderBy('position', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && { id: String(row.id), position: String(row.position), change: changeFromJson(row.change) satisfies Change };
  }

  async alongside<T extends Result<unknown, string>>(
    member: string,
    op: HistoryOp,
    write: () => Promise<T>,
    onState: (state: HistoryState) => void,
  ): Promise<T> {
    const pending = new PendingHistoryWrite(member, op, this.nextPosition(), this.limit);
    const written = await pendingWrites.run(pending, write);
    if (written.ok && !pending.committed) {
      // A last write that needed no transaction (a document already gone): the step goes in one of its own.
      await inTransaction(this.db, (trx) => pending.write(trx));
      pending.committed = true;
    } else if (!written.ok && pending.committed) {
      // Its transaction committed, a later one of the same write did not (a batch of documents).
      await pending.takeBack(this.db);
      return written;
    }
    if (pending.committed && pending.state !== undefined) onState(pending.state);
    return written;
  }
}
