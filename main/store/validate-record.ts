// A JSON record as read from disk, taken to the current format (core/model/migrations.ts) and
// checked against its schema: what opening and recovery both do with every record they read.
import type { z } from 'zod';
import { migrate, type Migration, type StoredFileKind } from '../../core/model/migrations.ts';
import { WORKSPACE_SCHEMA_VERSION } from '../../core/model/stored-files.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { StoredFile } from './stored-file.ts';

/** What a file read is validated with: a zod schema, or as good as one. */
export type Schema<T> = { safeParse(data: unknown): z.ZodSafeParseResult<T> };

/** How a workspace is being read by `open`: whether it may repair, the migrations, and the files migrated (to be written once all are read). */
export interface Reading {
  readonly repair: boolean;
  readonly migrations: readonly Migration[];
  readonly migrated: { readonly stored: StoredFile<unknown>; readonly value: unknown; readonly from: number }[];
}

/** `data` (read from `stored`) migrated to the current format and validated; `from`: the format it was in. */
export function migrateAndValidate<T>(
  stored: StoredFile<T>,
  data: unknown,
  schema: Schema<T>,
  kind: StoredFileKind,
  reading: Reading,
): Result<T, 'invalid' | 'migration-failed'> & { from?: number } {
  const migrated = migrate(kind, data, reading.migrations);
  if (!migrated.ok) return fail('migration-failed', `${stored.relative}: ${migrated.error.message}`);
  const valid = validate(migrated.value.data, schema, stored.relative);
  return valid.ok && migrated.value.from < WORKSPACE_SCHEMA_VERSION ? { ...valid, from: migrated.value.from } : valid;
}

function validate<T>(data: unknown, schema: Schema<T>, relative: string): Result<T, 'invalid'> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return fail('invalid', `${relative}: ${issue?.message ?? 'invalid'}${where}`);
  }
  return ok(parsed.data);
}
