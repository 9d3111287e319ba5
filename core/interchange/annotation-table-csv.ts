// The annotations table's rows as CSV ("Export CSV" in the table): the rows shown, in the order
// shown, with the table's columns plus ids and positions. As in claims.csv, positions are Unicode
// code points, the quote is written exactly as in the text, and every other text cell goes through
// the formula-injection guard (a cell a spreadsheet would run starts with `'`).
import { outletOf, type TableContext, type TableEntry } from '../annotations/annotation-table.ts';
import { codePointIndex, spanToCodePoints, type CodePointIndex } from '../text/code-points.ts';
import { isPlaced } from './export-input.ts';
import { spreadsheetSafe, toCsv } from './csv.ts';

/** The header row, in order. */
export const TABLE_CSV_COLUMNS = [
  'document_id',
  'document_title',
  'annotation_id',
  'quote',
  'start',
  'end',
  'tags',
  'status',
  'speaker',
  'outlet',
  'creator',
  'claims',
  'verdicts',
  'note',
  'created',
  'modified',
  'published',
] as const;
type Column = (typeof TABLE_CSV_COLUMNS)[number];

/** Cells written as they are: the document's own text, and values Claimbench made (ids, numbers, dates). */
const UNGUARDED: ReadonlySet<Column> = new Set(['document_id', 'annotation_id', 'quote', 'start', 'end', 'created', 'modified']);

/**
 * CSV of `entries` (RFC 4180, CRLF, a BOM for spreadsheets): `textOf` gives each document's
 * current text (for positions in code points; an orphaned annotation has empty ones). Speakers are
 * written as the speaker they belong to (the codebook's name), tags by name, statuses by label,
 * claims by statement and verdicts by label, several separated by "; ".
 * @example annotationTableCsv(rows, context, (id) => store.document(id)?.text ?? '')
 */
export function annotationTableCsv(entries: readonly TableEntry[], context: TableContext, textOf: (documentId: string) => string): string {
  const indexes = new Map<string, { text: string; index?: CodePointIndex }>();
  const rows: string[][] = [[...TABLE_CSV_COLUMNS]];
  for (const entry of entries) {
    const { annotation, meta } = entry;
    let document = indexes.get(meta.id);
    if (document === undefined) indexes.set(meta.id, (document = { text: textOf(meta.id) }));
    const placed = isPlaced(annotation, document.text);
    const span = placed
      ? spanToCodePoints((document.index ??= codePointIndex(document.text)), annotation.target.start, annotation.target.end)
      : undefined;
    const claims = context.claimsOf(entry.key);
    const cells: Record<Column, string> = {
      document_id: meta.id,
      document_title: meta.title,
      annotation_id: annotation.id,
      quote: annotation.target.exact,
      start: span ? String(span.start) : '',
      end: span ? String(span.end) : '',
      tags: annotation.tags.map(context.tagName).join('; '),
      status: context.statusLabel(annotation.status),
      speaker: annotation.speaker.trim() === '' ? '' : context.speakerOf(annotation.speaker),
      outlet: outletOf(entry),
      creator: annotation.creator,
      claims: claims.map((claim) => claim.statement).join('; '),
      verdicts: claims.flatMap((claim) => (claim.verdict ? [claim.verdict.label] : [])).join('; '),
      note: annotation.note,
      created: annotation.created,
      modified: annotation.modified,
      published: meta.publishedAt ?? '',
    };
    rows.push(TABLE_CSV_COLUMNS.map((column) => (UNGUARDED.has(column) ? cells[column] : spreadsheetSafe(cells[column]))));
  }
  return `\uFEFF${toCsv(rows)}`;
}
