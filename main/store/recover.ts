// A damaged JSON record set aside (renamed `<name>.corrupt-<time>`, never overwritten) and its
// newest backup that reads and validates put in its place (durable-file.ts keeps the backups).
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { StoredFileKind } from '../../core/model/migrations.ts';
import { fail, ok, type Failure, type Result } from '../../core/result.ts';
import { backupTime, listBackups, writeDurably } from './durable-file.ts';
import { migrateAndValidate, type Reading, type Schema } from './validate-record.ts';
import { describe, type StoredFile } from './stored-file.ts';
import { BACKUPS_DIR } from './workspace-layout.ts';

/**
 * Sets `stored` aside and restores its newest good backup (`fits` may refuse a backup that
 * validates but is not this file's, e.g. another document's); `restored` says which. Without such
 * a backup the damage stands, and says where the damaged file was put.
 */
export async function recover<T>(
  stored: StoredFile<T>,
  schema: Schema<T>,
  damage: Failure<'unreadable' | 'invalid'>,
  kind: StoredFileKind,
  reading: Reading,
  fits: (value: T) => boolean = () => true,
): Promise<Result<T, 'unreadable' | 'invalid'> & { restored?: Failure<'restored'>; from?: number }> {
  const file = path.join(stored.dir, stored.relative);
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[-:.]/g, '')}`;
  try {
    await rename(file, aside);
  } catch (error) {
    return fail(damage.code, `${damage.message} (it could not be set aside: ${describe(error)})`);
  }
  const asideName = `${stored.relative}.corrupt-${path.basename(aside).split('.corrupt-')[1]}`;
  const backupsDir = path.join(stored.dir, BACKUPS_DIR, stored.relative);
  for (const name of await listBackups(backupsDir).catch(() => [])) {
    const text = await readFile(path.join(backupsDir, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    let data: unknown;
    try {
      data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch {
      continue;
    }
    // A backup may be older than the format: migrated like the file (and written migrated after).
    const valid = migrateAndValidate(stored, data, schema, kind, reading);
    if (!valid.ok || !fits(valid.value)) continue;
    try {
      await writeDurably(file, text);
    } catch (error) {
      return fail(
        damage.code,
        `${damage.message}. It was set aside as ${asideName}, and its backup could not be put back: ${describe(error)}`,
      );
    }
    stored.db.data = valid.value;
    const when = backupTime(name)?.toISOString() ?? name;
    return {
      ...ok(valid.value),
      ...(valid.from !== undefined ? { from: valid.from } : {}),
      restored: {
        code: 'restored',
        message: `${stored.relative} was damaged (${damage.message.replace(`${stored.relative}: `, '')}); it was set aside as ${asideName} and its backup of ${when} was restored`,
      },
    };
  }
  return fail(damage.code, `${damage.message}. It was set aside as ${asideName}; there is no good backup of it to restore`);
}
