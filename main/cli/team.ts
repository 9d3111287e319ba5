// `claimbench team …`: a team's shared workspace on PostgreSQL. `init` creates or migrates the
// schema; the other subcommands (members, tokens, serving, moving a workspace in) are in
// team-commands.ts. The database is named by --database or $CLAIMBENCH_DATABASE_URL (better: a URL
// with a password stays out of `ps` and the shell's history).
import { openTeamDb, type TeamDb } from '../team/db.ts';
import { migrateTeamDb } from '../team/migrate.ts';
import { UsageError, type Output } from './output.ts';

export const TEAM_HELP = `Usage: claimbench team <subcommand> [options]

A team's shared workspace on a PostgreSQL 15 server: many analysts, one corpus.

Subcommands:
  init                       create the schema in an empty database, or migrate ours
  user add NAME --role R     add a member (R: analyst, reviewer or admin); prints a
                             one-time password, or reads one from standard input
                             with --password-stdin (at least 12 characters)
  user role NAME --role R    change a member's role (from their next request)
  user disable NAME          sign a member out everywhere, revoke their tokens and
                             refuse their sign-in (user enable NAME undoes it)
  user password NAME         a new password (one-time, or --password-stdin); ends
                             their sessions
  user list                  list the members
  token NAME [--label L]     print a new personal access token for member NAME, for
                             scripts: send it as "Authorization: Bearer <token>"
  token list NAME            list a member's tokens
  token revoke NAME LABEL    revoke a member's token: refused from then on
  serve                      serve the workbench to the team (a sign-in page)
  import DIR|BUNDLE          move a local workspace folder or a .claimbundle in: a
                             folder into an empty database is copied as it is;
                             otherwise it is merged as bundles are (conflicts
                             listed, or settled by --on-conflict mine|theirs|both)

Options:
  --database URL   postgresql://user:password@host:port/database (default:
                   $CLAIMBENCH_DATABASE_URL)
  --host ADDRESS   serve: the IP address to listen on (default 127.0.0.1); another
                   needs --allow-remote
  --port N         serve: the port (default 4313)
  --allow-remote   serve: confirm --host
  --public-url URL serve: the https:// address people use through your TLS proxy
                   (cookies become Secure; that Host and Origin are accepted)
  --work-dir DIR   serve: where the server keeps derived files (the search index)
  --document-cache-mb N
                   serve: megabytes of documents kept in memory when nobody has
                   them open (default 64)
  --json           print one JSON object per line
  -h, --help       show this help`;

export interface TeamCommandOptions {
  readonly database?: string;
}

/** The database URL from --database or the environment; a usage error when neither gives one. */
export function databaseUrl(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const url = given ?? env.CLAIMBENCH_DATABASE_URL;
  if (url === undefined || url === '') throw new UsageError('name the team database: --database URL, or set CLAIMBENCH_DATABASE_URL');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--database takes a URL such as postgresql://claimbench@localhost/claims, not "${redact(url)}"`);
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:')
    throw new UsageError(`--database takes a postgresql:// URL, not "${redact(url)}"`);
  return url;
}

/** The URL as it may be printed: without its password. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** Runs `work` over the database, closing the pool after; a server that cannot be reached is said plainly. */
export async function withTeamDb(url: string, output: Output, work: (db: TeamDb) => Promise<number>): Promise<number> {
  const db = openTeamDb(url, { maxConnections: 4 });
  try {
    return await work(db);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== undefined && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|28P01|28000|3D000)$/.test(code)) {
      output.error('database-unreachable', `Cannot use the team database at ${redact(url)}: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  } finally {
    await db.destroy();
  }
}

/** `claimbench team init`. */
export async function teamInit({ database }: TeamCommandOptions, output: Output): Promise<number> {
  const url = databaseUrl(database);
  return withTeamDb(url, output, async (db) => {
    const migrated = await migrateTeamDb(db);
    if (!migrated.ok) {
      output.error(migrated.error.code, migrated.error.message);
      return 1;
    }
    const ran = migrated.value;
    output.report(
      'initialized',
      ran.length === 0
        ? `The team database at ${redact(url)} is up to date.`
        : `The team database at ${redact(url)} is ready (ran ${ran.join(', ')}).`,
      { database: redact(url), migrations: ran },
    );
    return 0;
  });
}
