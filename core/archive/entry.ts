// One already-checked claim in a workspace's fact-check archive, whatever file it came from
// (ClaimReview JSON-LD, CSV, CheckThat! TSV): the shape every archive reader produces.
import { z } from 'zod';

/** An archive entry: the fact-checker's id for it, the claim checked, and what they said of it. */
export const ArchiveEntry = z.object({
  /** The id as imported (a review's URL or @id, a CSV's or TSV's id column). */
  id: z.string().trim().min(1, 'an archive entry needs an id'),
  /** The claim as the fact-checkers wrote it. */
  claim: z.string().trim().min(1, 'an archive entry needs a claim'),
  title: z.string().optional(),
  /** The verdict's label ("False", "Mostly true"). */
  rating: z.string().optional(),
  url: z.string().optional(),
  /** As published (ISO 8601 when the source gives it so). */
  date: z.string().optional(),
  publisher: z.string().optional(),
  /** Columns or properties with no field of their own. */
  extra: z.record(z.string(), z.string()).optional(),
});
export type ArchiveEntry = z.infer<typeof ArchiveEntry>;

/** Why an archive file was refused; the message names the line or item. */
export type ArchiveParseError = 'invalid';

/**
 * `fields` without its empty or absent optional values (id and claim are kept, for the schema to refuse), so entries compare equal however the file
 * wrote "nothing" (a missing property, an empty CSV cell).
 */
export function compactEntry(fields: { [K in keyof ArchiveEntry]: ArchiveEntry[K] | undefined }): ArchiveEntry {
  const entry: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || (value === '' && key !== 'id' && key !== 'claim')) continue;
    if (key === 'extra' && Object.keys(value as object).length === 0) continue;
    entry[key] = typeof value === 'string' ? value.trim() : value;
  }
  return entry as ArchiveEntry;
}
