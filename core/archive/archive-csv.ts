// Reads a fact-check archive from CSV with a header row (`id, claim, title, rating, url, date,
// publisher`, in any order; other columns go to `extra`). Quoting is RFC 4180, through the one
// CSV reader (core/interchange/csv.ts), which also drops a byte-order mark.
import { parseCsv } from '../interchange/csv.ts';
import { fail, ok, type Result } from '../result.ts';
import { ArchiveEntry, compactEntry, type ArchiveParseError } from './entry.ts';

const FIELDS = ['id', 'claim', 'title', 'rating', 'url', 'date', 'publisher'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Archive entries from CSV. Header names are matched without regard to case or surrounding
 * spaces; `id` and `claim` columns are required. Blank lines are skipped. Fails, naming the line,
 * on a row with more cells than the header, an empty id or claim, or an id used twice.
 * @example parseArchiveCsv('id,claim,rating\r\n1,"Bleach cures flu, says post",False\r\n')
 */
export function parseArchiveCsv(text: string): Result<ArchiveEntry[], ArchiveParseError> {
  const parsed = parseCsv(text);
  if (!parsed.ok) return fail('invalid', parsed.error.message);
  const [header, ...rows] = parsed.value;
  if (header === undefined) return fail('invalid', 'The file is empty: an archive CSV starts with a header line (id, claim, …).');
  const names = header.map((name) => name.trim());
  const column = new Map(names.map((name, i) => [name.toLowerCase(), i]));
  for (const required of ['id', 'claim']) {
    if (!column.has(required)) return fail('invalid', `Line 1: the header has no "${required}" column (it has ${names.join(', ')}).`);
  }
  const entries: ArchiveEntry[] = [];
  const seen = new Set<string>();
  // A quoted cell may span lines, so a row's line is counted from the line breaks before it.
  let line = 1 + lineBreaks(header);
  for (const row of rows) {
    const where = `Line ${line}`;
    line += lineBreaks(row);
    if (row.length === 1 && row[0]?.trim() === '') continue;
    if (row.length > names.length) return fail('invalid', `${where}: ${row.length} cells, but the header names ${names.length}.`);
    const cell = (field: Field) => {
      const i = column.get(field);
      return i === undefined ? undefined : row[i];
    };
    const extra: Record<string, string> = {};
    names.forEach((name, i) => {
      if (!(FIELDS as readonly string[]).includes(name.toLowerCase()) && (row[i] ?? '') !== '') extra[name] = row[i] ?? '';
    });
    const entry = ArchiveEntry.safeParse(
      compactEntry({
        id: cell('id') ?? '',
        claim: cell('claim') ?? '',
        title: cell('title'),
        rating: cell('rating'),
        url: cell('url'),
        date: cell('date'),
        publisher: cell('publisher'),
        extra,
      }),
    );
    if (!entry.success) return fail('invalid', `${where}: ${entry.error.issues.map((issue) => issue.message).join('; ')}.`);
    if (seen.has(entry.data.id)) return fail('invalid', `${where}: the id ${JSON.stringify(entry.data.id)} was used before.`);
    seen.add(entry.data.id);
    entries.push(entry.data);
  }
  return ok(entries);
}

/** The lines a row takes: 1 plus the line breaks inside its cells. */
function lineBreaks(row: readonly string[]): number {
  return 1 + row.reduce((count, cell) => count + (cell.match(/\r\n|\r|\n/g) ?? []).length, 0);
}
