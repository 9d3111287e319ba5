// claims.csv: one row per annotation, for spreadsheets and scripts. Positions are Unicode code
// points (what Python, R and the W3C selectors count), converted here from the app's UTF-16
// offsets. The quote is written exactly as in the text, always, so that text[start:end] == quote;
// the other text cells go through the formula-injection guard unless the export turns it off. The
// column dictionary below is what the bundle's README prints.
import type { Annotation } from '../model/annotation.ts';
import type { EvidenceLink } from '../model/evidence.ts';
import { codePointIndex, spanToCodePoints } from '../text/code-points.ts';
import { csvRecord, spreadsheetSafe } from './csv.ts';
import { exportIndex, isPlaced, type ExportDocument, type ExportIndex, type ExportInput } from './export-input.ts';

export type { ExportInput } from './export-input.ts';

/** One column of claims.csv: its header and what it holds. */
export interface CsvColumn {
  readonly name: string;
  readonly description: string;
}

/** The columns of claims.csv, in order: the header row and the README's column dictionary. */
export const CLAIMS_CSV_COLUMNS = [
  { name: 'document_id', description: 'Id of the document (its files in the bundle are documents/<id>.txt and .json).' },
  { name: 'document_title', description: 'Title of the document.' },
  { name: 'annotation_id', description: 'Id of the annotation, unique within its document.' },
  {
    name: 'quote',
    description:
      'The annotated text, exactly as in the document (may contain line breaks), never altered: not even by the formula guard, so a quote that starts with = + - or @ may be taken for a formula by a spreadsheet that opens the file directly (import the column as text).',
  },
  {
    name: 'start',
    description:
      'Where the quote starts in documents/<id>.txt, in Unicode code points from 0 (as Python and the W3C TextPositionSelector count). Empty for an orphaned annotation.',
  },
  {
    name: 'end',
    description:
      'Where the quote ends (exclusive), in code points: text[start:end] in Python is the quote. Empty for an orphaned annotation.',
  },
  { name: 'tags', description: 'Names of the codebook tags, separated by "; ". The first is the primary tag.' },
  { name: 'status', description: 'Verification status (its label).' },
  { name: 'speaker', description: 'Who makes the claim, as the analyst recorded it.' },
  { name: 'outlet', description: "Where the claim appeared: the analyst's outlet for this annotation, else the document's outlet." },
  { name: 'note', description: "The analyst's note (Markdown source)." },
  {
    name: 'anchor',
    description:
      'How the annotation was last found in the text: exact, moved, fuzzy, or orphaned (no longer found: start and end are empty).',
  },
  {
    name: 'links',
    description:
      'Evidence links to other annotations, separated by "; ": `<relation> → <document title>: "<quote>"` for a link from this annotation, `←` for a link to it.',
  },
  { name: 'claims', description: 'Statements of the claims this annotation is a mention of, separated by "; ".' },
  { name: 'created', description: 'When the annotation was made (ISO 8601, UTC).' },
  { name: 'modified', description: 'When the annotation was last changed (ISO 8601, UTC).' },
  { name: 'creator', description: 'Who made the annotation.' },
] as const satisfies readonly CsvColumn[];

type ColumnName = (typeof CLAIMS_CSV_COLUMNS)[number]['name'];

export interface ClaimsCsvOptions {
  /** Start with a UTF-8 byte-order mark, which Excel needs to read the file as UTF-8. */
  readonly bom?: boolean;
  /** Guard text cells other than `quote` against spreadsheet formulas (README: the claims.csv columns). Default: true. */
  readonly formulaGuard?: boolean;
}

/** The column whose cells are the document's text, exact: no guard may change it. */
const EXACT_COLUMNS: ReadonlySet<ColumnName> = new Set(['quote']);

/**
 * claims.csv for `input`: a header row, then one row per annotation (documents in input order,
 * annotations by position, orphans after them). RFC 4180 with CRLF. The quote is exact; with
 * `formulaGuard` (the default) every other cell that a spreadsheet would run as a formula starts
 * with `'` (undo with `undoSpreadsheetSafe`).
 * @example claimsCsv(input, { bom: true }) // '\uFEFFdocument_id,document_title,…\r\n'
 */
export function claimsCsv(input: ExportInput, options: ClaimsCsvOptions = {}): string {
  return [...claimsCsvRecords(input, options)].join('');
}

/**
 * claims.csv as it is made, record by record (the byte-order mark, if any, before the header):
 * `claimsCsv` joined, for a writer that streams it.
 * @example for (const record of claimsCsvRecords(input)) write(record)
 */
export function* claimsCsvRecords(input: ExportInput, options: ClaimsCsvOptions = {}): Generator<string> {
  const index = exportIndex(input);
  const guard = options.formulaGuard ?? true;
  const cell = (name: ColumnName, value: string) => (guard && !EXACT_COLUMNS.has(name) ? spreadsheetSafe(value) : value);
  if (options.bom === true) yield '\uFEFF';
  yield csvRecord(CLAIMS_CSV_COLUMNS.map((column) => column.name));
  for (const document of input.documents) {
    const codePoints = codePointIndex(document.text);
    for (const annotation of inReadingOrder(document)) {
      const placed = isPlaced(annotation, document.text);
      const span = placed ? spanToCodePoints(codePoints, annotation.target.start, annotation.target.end) : undefined;
      const ref = { documentId: document.meta.id, annotationId: annotation.id };
      const cells: Record<ColumnName, string> = {
        document_id: document.meta.id,
        document_title: document.meta.title,
        annotation_id: annotation.id,
        quote: annotation.target.exact,
        start: span ? String(span.start) : '',
        end: span ? String(span.end) : '',
        tags: annotation.tags.map(index.tagName).join('; '),
        status: index.statusLabel(annotation.status),
        speaker: annotation.speaker,
        outlet: annotation.outlet.trim() || document.meta.outlet,
        note: annotation.note,
        anchor: placed ? annotation.anchor.state : 'orphaned',
        links: index
          .linksOf(ref)
          .map((link) => describeLink(link, ref.documentId, ref.annotationId, index))
          .join('; '),
        claims: index
          .claimsOf(ref)
          .map((claim) => claim.statement)
          .join('; '),
        created: annotation.created,
        modified: annotation.modified,
        creator: annotation.creator,
      };
      yield csvRecord(CLAIMS_CSV_COLUMNS.map((column) => cell(column.name, cells[column.name])));
    }
  }
}

/** The column dictionary as Markdown list items, for the bundle's README. */
export function claimsCsvDictionary(): string {
  return CLAIMS_CSV_COLUMNS.map((column) => `- \`${column.name}\`: ${column.description}`).join('\n');
}

/** Each document's annotations in reading order, made once: the CSV, brat and the report all walk them. */
const readingOrders = new WeakMap<ExportDocument, readonly Annotation[]>();

/** Placed annotations by start, then end; orphans (whose offsets count into an old text) last. */
export function inReadingOrder(document: ExportDocument): readonly Annotation[] {
  let ordered = readingOrders.get(document);
  if (ordered === undefined) readingOrders.set(document, (ordered = readingOrder(document)));
  return ordered;
}

function readingOrder(document: ExportDocument): Annotation[] {
  // One test of each annotation (it compares its quote with the text), not one for each list.
  const placed: Annotation[] = [];
  const orphans: Annotation[] = [];
  for (const annotation of document.annotations) (isPlaced(annotation, document.text) ? placed : orphans).push(annotation);
  placed.sort((a, b) => a.target.start - b.target.start || a.target.end - b.target.end);
  return [...placed, ...orphans];
}

function describeLink(link: EvidenceLink, documentId: string, annotationId: string, index: ExportIndex): string {
  const outgoing = link.from.documentId === documentId && link.from.annotationId === annotationId;
  const other = index.find(outgoing ? link.to : link.from);
  const where = other ? `${other.document.meta.title}: "${other.annotation.target.exact}"` : '?';
  return `${link.relation} ${outgoing ? '→' : '←'} ${where}`;
}
