// `claimbench team serve`: the same workbench service and renderer as `claimbench serve`, over the
// team's store on PostgreSQL (main/team/pg-store.ts), to members who sign in (main/web/team-access.ts,
// main/team/sessions.ts), each call made as its member and checked against their role
// (main/rpc/dispatch.ts `dispatchAs`, core/team/roles.ts).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { refKey } from '../../core/model/evidence.ts';
import type { CreatorLookup } from '../../core/team/roles.ts';
import { RENDERER_DIR } from '../app-paths.ts';
import type { ImportLimits } from '../import/extract-types.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { dispatchAs } from '../rpc/dispatch.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { authenticateBearer } from '../team/access-tokens.ts';
import { openTeamDb, type TeamDb } from '../team/db.ts';
import { pendingMigrations } from '../team/migrate.ts';
import { PgWorkspaceStore } from '../team/pg-store.ts';
import { authenticateSession, login, logout } from '../team/sessions.ts';
import { addressKind } from '../web/ip-address.ts';
import { startWebHost } from '../web/server.ts';
import type { TeamAccess } from '../web/team-access.ts';
import { createWorkbenchService, type WorkbenchHost } from '../workbench/workbench-service.ts';
import { userDataDir } from '../workspace/default-location.ts';
import { UsageError, type Output } from './output.ts';
import { shutdownSignal } from './serve.ts';
import { databaseUrl, redact } from './team.ts';

export const TEAM_DEFAULT_PORT = 4313;

export interface TeamServeOptions {
  readonly database?: string;
  readonly port?: number;
  /** Passed bindAddress: a remote address was confirmed with --allow-remote. */
  readonly host?: string;
  readonly publicUrl?: string;
  readonly workDir?: string;
  /** Bytes of documents kept in memory when nobody holds them (PgStoreOptions.residentBytes). */
  readonly documentCacheBytes?: number;
  readonly limits: ImportLimits;
}

/** Who made an annotation, link or claim, as the store holds it now (for the roles' ownership rules). */
export function storeCreators(store: WorkspaceStore): CreatorLookup {
  return {
    creatorsOf: async (items) => {
      const annotations = await store.readAnnotations(items.flatMap((item) => (item.kind === 'annotation' ? [item] : [])));
      return items.map((item) => {
        if (item.kind === 'annotation') return annotations.get(refKey(item))?.annotation.creator;
        const records = item.kind === 'link' ? store.evidence.links : store.evidence.claims;
        return records.find((record) => record.id === item.id)?.creator;
      });
    },
  };
}

/** The team database's members, sessions and tokens, and calls made as a member. */
export function teamAccess(db: TeamDb, service: WorkbenchHost, store: WorkspaceStore): TeamAccess {
  const creators = storeCreators(store);
  return {
    async login(name, password, client) {
      const result = await login(db, name, password, client);
      if (result.ok) return { ok: true, token: result.value.token, expiresAt: result.value.expiresAt };
      const { error } = result;
      return { ok: false, reason: error.message, ...('retryAfterSeconds' in error ? { retryAfterSeconds: error.retryAfterSeconds } : {}) };
    },
    sessionActor: async (token) => (await authenticateSession(db, token))?.actor,
    tokenActor: (token) => authenticateBearer(db, token),
    logout: (token) => logout(db, token),
    call: (actor, method, args) => dispatchAs(service, actor, method, args, creators),
  };
}

/** Where the server keeps what it derives (the search index): one folder per database. */
export function defaultWorkDir(url: string): string {
  return path.join(userDataDir(), 'team', createHash('sha256').update(redact(url)).digest('hex').slice(0, 16));
}

function publicOrigin(text: string | undefined): URL | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--public-url takes the address people open, such as https://claims.example.org, not "${text}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--public-url is an https:// address, not "${text}"`);
  return new URL(url.origin);
}

/** Runs until SIGINT/SIGTERM; resolves with the exit code. */
export async function teamServe(options: TeamServeOptions, output: Output): Promise<number> {
  const url = databaseUrl(options.database);
  const origin = publicOrigin(options.publicUrl);
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    output.error('not-built', `The renderer is not built yet (${RENDERER_DIR} is missing): run \`npm run build\` first.`);
    return 1;
  }
  if (options.host !== undefined && addressKind(options.host) !== 'loopback' && origin?.protocol !== 'https:') {
    const warning = `claimbench: WARNING: serving the team on ${options.host} over plain HTTP: passwords and session cookies cross the network in the clear. Put a TLS proxy in front and pass --public-url https://… (README: Team server).`;
    process.stderr.write(`${warning}\n`);
    if (output.json) output.report('warning', warning, { code: 'no-tls', host: options.host });
  }
  const db = openTeamDb(url, { maxConnections: 20 });
  let pending: string[];
  try {
    pending = await pendingMigrations(db);
  } catch (error) {
    await db.destroy();
    output.error('database-unreachable', `Cannot use the team database at ${redact(url)}: ${(error as Error).message}`);
    return 1;
  }
  if (pending.length > 0) {
    await db.destroy();
    output.error(
      'not-initialized',
      `The team database at ${redact(url)} is not ready (${pending.join(', ')} to run): run \`claimbench team init\` first.`,
    );
    return 1;
  }
  const store = await PgWorkspaceStore.open(db, {
    workDir: options.workDir ?? defaultWorkDir(url),
    ownsDb: true,
    url,
    ...(options.documentCacheBytes === undefined ? {} : { residentBytes: options.documentCacheBytes }),
  });
  const service = createWorkbenchService(store, {
    extractors: EXTRACTORS,
    limits: options.limits,
    keysDir: path.join(userDataDir(), 'keys'),
    indexOnOpen: true,
    suggestOnImport: true,
    team: { database: `team database ${redact(url)}` },
  });
  const host = await startWebHost({
    service,
    uploads: service.uploads,
    exports: service.exports,
    rendererDir: RENDERER_DIR,
    port: options.port ?? TEAM_DEFAULT_PORT,
    host: options.host,
    allowRemote: options.host !== undefined,
    team: { access: teamAccess(db, service, store), ...(origin === undefined ? {} : { publicOrigin: origin }) },
  });
  const stop = shutdownSignal();
  const address =
    addressKind(host.address) === 'unspecified' ? '127.0.0.1' : host.address.includes(':') ? `[${host.address}]` : host.address;
  const shown = origin?.toString() ?? `http://${address}:${host.port}/`;
  output.report(
    'listening',
    `Claimbench is serving the team database at ${redact(url)}\n\n    ${shown}\n\nMembers sign in there (claimbench team user add NAME --role ROLE). Press Ctrl-C to stop.`,
    { url: shown, host: host.address, port: host.port, database: redact(url), documents: store.heads.length },
  );
  await stop;
  output.report('stopping', 'Stopping: finishing pending writes…');
  await service.dispose();
  await host.close();
  await store.close();
  output.report('stopped', 'Stopped.');
  return 0;
}
