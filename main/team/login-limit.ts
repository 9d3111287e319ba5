// The login rate limit, kept in PostgreSQL (so it holds across restarts and across servers on one
// database). The rule: at most 5 failed logins for one name from one client in 15 minutes, and at
// most 20 from one client whatever the names (guessing one common password for many names). Past
// either, logins from that client (for that name) are refused, whatever the password, until the
// oldest counted failure is 15 minutes old; the refusal says how many seconds that is. A good login
// clears that name's failures from that client. `clientKey` is what the host knows of the client:
// its address (or the address a trusted proxy reports).
//
// An attempt is counted as a failure *before* the password is checked (and the count is taken under
// a lock per name and client), so that many attempts sent at once cannot all get past the count:
// the sixth of six simultaneous guesses is refused. The good login then removes its own row.
import { sql } from 'kysely';
import type { TeamDb } from './db.ts';

export const LOGIN_LIMIT = {
  /** Failures of one name from one client. */
  perName: 5,
  /** Failures from one client, all names together. */
  perClient: 20,
  windowSeconds: 15 * 60,
} as const;

export type AttemptVerdict =
  { readonly allowed: true; readonly attemptId: string } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Counts an attempt for `name` from `clientKey`, or refuses it while the client is over the limit. */
export async function beginAttempt(db: TeamDb, name: string, clientKey: string): Promise<AttemptVerdict> {
  const window = sql<Date>`now() - make_interval(secs => ${LOGIN_LIMIT.windowSeconds})`;
  return db.transaction().execute(async (trx) => {
    // One lock per client: the two counts and the insert are one step for attempts from that client.
    // Over both limits, the wait is until both have cleared (max of the two).
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`login:${clientKey}`}, 0))`.execute(trx);
    await trx.deleteFrom('login_failures').where('at', '<', window).execute();
    const waits = await sql<{ wait: number | null }>`
      SELECT ceil(extract(epoch FROM max(oldest) + make_interval(secs => ${LOGIN_LIMIT.windowSeconds}) - now()))::int AS wait
      FROM (
        SELECT (SELECT at FROM login_failures
                WHERE lower(name) = lower(${name}) AND client_key = ${clientKey} AND at >= ${window}
                ORDER BY at DESC OFFSET ${LOGIN_LIMIT.perName - 1} LIMIT 1) AS oldest
        UNION ALL
        SELECT (SELECT at FROM login_failures
                WHERE client_key = ${clientKey} AND at >= ${window}
                ORDER BY at DESC OFFSET ${LOGIN_LIMIT.perClient - 1} LIMIT 1)
      ) AS limits`.execute(trx);
    const wait = waits.rows[0]?.wait;
    if (wait !== null && wait !== undefined) return { allowed: false, retryAfterSeconds: Math.max(1, wait) };
    const row = await trx.insertInto('login_failures').values({ name, client_key: clientKey }).returning('id').executeTakeFirstOrThrow();
    return { allowed: true, attemptId: row.id };
  });
}

/** A good login: forgets the failures of that name from that client (this attempt's row among them). */
export async function attemptSucceeded(db: TeamDb, name: string, clientKey: string): Promise<void> {
  await db
    .deleteFrom('login_failures')
    .where(sql<string>`lower(name)`, '=', sql<string>`lower(${name})`)
    .where('client_key', '=', clientKey)
    .execute();
}
