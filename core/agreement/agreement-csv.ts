// The agreement table as CSV, for spreadsheets and statistics software: one row per tag and
// document (and the pooled row, with an empty documentId), the same fields as
// `claimbench agreement --json`. A figure the data cannot give is an empty cell, with the reason in
// its `…Undefined` column: never NaN, never a number that is not one.
import { spreadsheetSafe, toCsv } from '../interchange/csv.ts';
import { AGREEMENT_FIGURES, type AgreementRow } from './report.ts';

/** How the CSV names tags and documents beside their ids. */
export interface AgreementCsvNames {
  tag(id: string): string;
  /** A document's title; null: the chosen documents together. */
  document(id: string | null): string;
}

export interface AgreementCsvOptions {
  /** Start with a byte order mark, so spreadsheets read it as UTF-8 (default true). */
  readonly bom?: boolean;
}

const HEAD = [
  'tag',
  'tagName',
  'documentId',
  'document',
  'coders',
  'units',
  ...AGREEMENT_FIGURES.flatMap((name) => [name, `${name}Undefined`]),
  'spanUnits',
];

/**
 * The rows as CSV text (CRLF, RFC 4180). Figures are written at full precision as fractions
 * (percent agreement 0.8125, not 81.3%); `spanUnits` is the number of spans span F1 rests on.
 * Names and titles are guarded against spreadsheet formulas; coders are joined with "; ".
 *
 * @example agreementCsv(rows, { tag: (id) => tagNames.get(id) ?? id, document: (id) => id === null ? 'All documents' : titles.get(id) ?? id })
 */
export function agreementCsv(rows: readonly AgreementRow[], names: AgreementCsvNames, options: AgreementCsvOptions = {}): string {
  const lines = rows.map((row) => [
    row.tag,
    spreadsheetSafe(names.tag(row.tag)),
    row.documentId ?? '',
    spreadsheetSafe(names.document(row.documentId)),
    spreadsheetSafe(row.coders.map((coder) => (coder === '' ? '(no analyst name)' : coder)).join('; ')),
    String(row.units),
    ...AGREEMENT_FIGURES.flatMap((name) => {
      const figure = row[name];
      return figure.defined ? [String(figure.value), ''] : ['', figure.reason];
    }),
    String(row.spanF1.units),
  ]);
  return `${options.bom === false ? '' : '\uFEFF'}${toCsv([HEAD, ...lines])}`;
}
