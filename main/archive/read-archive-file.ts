// Reads one fact-check archive file from disk: which format it is (by its extension, else by its
// first characters), and its entries through that format's reader in core/archive/.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArchiveCsv } from '../../core/archive/archive-csv.ts';
import { parseCheckThatTsv } from '../../core/archive/checkthat-tsv.ts';
import { parseClaimReviewJsonLd } from '../../core/archive/claimreview-jsonld.ts';
import type { ArchiveEntry, ArchiveParseError } from '../../core/archive/entry.ts';
import { fail, ok, type Result } from '../../core/result.ts';

export type ArchiveFormat = 'claimreview' | 'csv' | 'checkthat';

/** What each format is called in messages. */
export const ARCHIVE_FORMAT_NAMES: Readonly<Record<ArchiveFormat, string>> = {
  claimreview: 'ClaimReview JSON-LD',
  csv: 'CSV',
  checkthat: 'CheckThat! TSV',
};

const READERS: Readonly<Record<ArchiveFormat, (text: string) => Result<ArchiveEntry[], ArchiveParseError>>> = {
  claimreview: parseClaimReviewJsonLd,
  csv: parseArchiveCsv,
  checkthat: parseCheckThatTsv,
};

const BY_EXTENSION: Readonly<Record<string, ArchiveFormat>> = {
  '.json': 'claimreview',
  '.jsonld': 'claimreview',
  '.csv': 'csv',
  '.tsv': 'checkthat',
};

/**
 * The format of an archive file: by its extension (.json and .jsonld ClaimReview, .csv, .tsv
 * CheckThat!), else by its content (JSON starts with `{` or `[`; a first line with a tab is TSV;
 * anything else is read as CSV, whose reader says what is wrong with it).
 */
export function detectArchiveFormat(file: string, text: string): ArchiveFormat {
  const byName = BY_EXTENSION[path.extname(file).toLowerCase()];
  if (byName !== undefined) return byName;
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return 'claimreview';
  return (start.split('\n', 1)[0] ?? '').includes('\t') ? 'checkthat' : 'csv';
}

export interface ArchiveFileRead {
  readonly format: ArchiveFormat;
  readonly entries: ArchiveEntry[];
}

/**
 * Reads and parses `file`. Fails with `unreadable` (no such file, a folder, not UTF-8) or
 * `invalid` (the reader's message, naming the line or item). `name` is the file's name as the
 * analyst knows it (an uploaded file is staged under another), for its format.
 * @example const read = await readArchiveFile('factcheck-feed.json'); if (read.ok) read.value.entries.length
 */
export async function readArchiveFile(file: string, name = file): Promise<Result<ArchiveFileRead, 'unreadable' | 'invalid'>> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : error instanceof TypeError
            ? 'not UTF-8 text'
            : (error as Error).message;
    return fail('unreadable', reason);
  }
  const format = detectArchiveFormat(name, text);
  const parsed = READERS[format](text);
  if (!parsed.ok) return fail('invalid', `${ARCHIVE_FORMAT_NAMES[format]}: ${parsed.error.message}`);
  return ok({ format, entries: parsed.value });
}
