// How a file written in an older format becomes one of the current format. Every workspace file
// carries its `schemaVersion`; each step below takes a file of one version to the next, and a file
// is taken through every step from its version to WORKSPACE_SCHEMA_VERSION before it is validated.
// Steps work on the JSON as it was read (they cannot trust it: it is validated only afterwards),
// and are pure: the store writes the migrated files only once every file has been migrated and
// validated, so a failed migration leaves the old files as they were (main/store/workspace-store.ts).
//
// To change the format: raise WORKSPACE_SCHEMA_VERSION, add the step here, and keep a workspace
// written in the old format under tests/fixtures/workspace-v<N>/ for main/store/migrations.test.ts.
import { fail, ok, type Result } from '../result.ts';
import { WORKSPACE_SCHEMA_VERSION } from './stored-files.ts';

/** The kinds of file a workspace holds (workspace.json, evidence.json, archive.json, documents/<id>.json). */
export type StoredFileKind = 'workspace' | 'evidence' | 'archive' | 'document';

type JsonObject = { readonly [key: string]: unknown };

export interface Migration {
  /** The version it reads; it writes `from + 1`. */
  readonly from: number;
  /** What changed, for the analyst and for whoever reads this code. */
  readonly change: string;
  /** Each kind's step; a kind without one only has its version raised. Throws when the file cannot be migrated. */
  readonly steps: Partial<Record<StoredFileKind, (file: JsonObject) => JsonObject>>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    from: 1,
    // Format 1 was read by builds from before the journal too: such a build opens a journaled
    // document without the claim changes its journal holds, and its next save writes over them.
    // Raising the version makes them refuse the workspace ("written by a newer version") instead.
    change: 'claim changes may be kept in a journal beside their document (documents/<id>.jsonl)',
    steps: {},
  },
];

export interface Migrated {
  readonly data: unknown;
  /** The version the file had; equal to WORKSPACE_SCHEMA_VERSION when nothing was done. */
  readonly from: number;
}

/**
 * `data` (a `kind` file as read) taken to the current version. Data that is not an object, or has
 * no numeric version, or a version from the future, is returned as it is: validation judges it.
 */
export function migrate(
  kind: StoredFileKind,
  data: unknown,
  migrations: readonly Migration[] = MIGRATIONS,
): Result<Migrated, 'migration-failed'> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return ok({ data, from: WORKSPACE_SCHEMA_VERSION });
  const version = (data as JsonObject).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version >= WORKSPACE_SCHEMA_VERSION)
    return ok({ data, from: WORKSPACE_SCHEMA_VERSION });
  let file = data as JsonObject;
  for (let at = version; at < WORKSPACE_SCHEMA_VERSION; at++) {
    const migration = migrations.find((candidate) => candidate.from === at);
    if (migration === undefined) return fail('migration-failed', `there is no migration from format ${at} to ${at + 1}`);
    try {
      const step = migration.steps[kind];
      file = { ...(step ? step(file) : file), schemaVersion: at + 1 };
    } catch (error) {
      return fail(
        'migration-failed',
        `the migration from format ${at} to ${at + 1} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return ok({ data: file, from: version });
}

/** What opening did to a workspace in an older format, in words; undefined when nothing was migrated. */
export function describeMigration(
  files: readonly { readonly file: string; readonly from: number }[],
  migrations: readonly Migration[] = MIGRATIONS,
): string | undefined {
  if (files.length === 0) return undefined;
  const from = Math.min(...files.map((file) => file.from));
  const changes = migrations
    .filter((migration) => migration.from >= from)
    .map((migration) => `format ${migration.from + 1}: ${migration.change}`);
  const count = files.length === 1 ? '1 file' : `${files.length} files`;
  return `Brought ${count} of this workspace from format ${from} to format ${WORKSPACE_SCHEMA_VERSION} (${changes.join('; ')}). The old versions are kept in .backups/; Claimbench builds that read only format ${from} will no longer open it.`;
}
