// Members, their sessions and personal access tokens, and failed logins (for the rate limit). A
// session's or a token's secret is never stored: only its SHA-256 digest (main/team/secret-tokens.ts);
// a password only as an argon2id PHC string (main/team/passwords.ts).
import { sql, type Generated, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export interface UsersTable {
  readonly id: Generated<string>;
  readonly name: string;
  readonly role: 'analyst' | 'reviewer' | 'admin';
  readonly password_hash: string;
  readonly created_at: Generated<Date>;
  readonly disabled: Generated<boolean>;
}

export interface SessionsTable {
  /** SHA-256 of the token (32 bytes). */
  readonly token_hash: Buffer;
  readonly user_id: string;
  readonly created_at: Generated<Date>;
  readonly expires_at: Date;
  readonly last_seen: Generated<Date>;
}

export interface AccessTokensTable {
  readonly id: Generated<string>;
  readonly user_id: string;
  readonly name: string;
  /** SHA-256 of the token (32 bytes). */
  readonly token_hash: Buffer;
  readonly created_at: Generated<Date>;
  readonly revoked_at: Date | null;
  readonly last_used: Date | null;
}

export interface LoginFailuresTable {
  readonly id: Generated<string>;
  readonly name: string;
  readonly client_key: string;
  readonly at: Generated<Date>;
}

export const membersMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        role text NOT NULL CHECK (role IN ('analyst', 'reviewer', 'admin')),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled boolean NOT NULL DEFAULT false
      )`.execute(db);
    // Names are authors (an annotation's creator): two that differ only in case would be confused.
    await sql`CREATE UNIQUE INDEX users_name_key ON users (lower(name))`.execute(db);
    await sql`
      CREATE TABLE sessions (
        token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        last_seen timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE INDEX sessions_user_id ON sessions (user_id)`.execute(db);
    await sql`
      CREATE TABLE access_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        last_used timestamptz
      )`.execute(db);
    // One live token of a name per member (a revoked one's name may be used again).
    await sql`CREATE UNIQUE INDEX access_tokens_live_name ON access_tokens (user_id, name) WHERE revoked_at IS NULL`.execute(db);
    await sql`
      CREATE TABLE login_failures (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name text NOT NULL,
        client_key text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE INDEX login_failures_name_client ON login_failures (lower(name), client_key, at)`.execute(db);
    await sql`CREATE INDEX login_failures_client ON login_failures (client_key, at)`.execute(db);
    await sql`CREATE INDEX login_failures_at ON login_failures (at)`.execute(db);
  },
};
