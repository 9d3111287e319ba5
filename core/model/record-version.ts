// The version of a record the service changes (an annotation, a claim): 1 when it is made, one
// more on every change the service makes to it (undo and redo included: they are new changes). A
// window names the version an edit was made from (`baseVersion`), and an edit made from an older
// one is refused as a conflict instead of overwriting what someone else wrote in between.
import { z } from 'zod';

/**
 * A record's version. Optional in the files: records written before versions existed have none,
 * and count as version 1 (`versionOf`), so older workspaces open unchanged.
 */
export const RecordVersion = z.number().int().positive();

/** A record's version; 1 for a record from before versions. */
export function versionOf(record: { readonly version?: number | undefined }): number {
  return record.version ?? 1;
}

/** Whether an edit made from `baseVersion` comes too late for `record` (someone changed it since). */
export function isStale(record: { readonly version?: number | undefined }, baseVersion: number | undefined): boolean {
  return baseVersion !== undefined && baseVersion !== versionOf(record);
}
