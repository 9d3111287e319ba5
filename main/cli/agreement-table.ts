// The agreement report as `claimbench agreement` prints it: an aligned table for people, with each
// figure the data cannot give shown as "—" and its reason footnoted, or one JSON object per row
// where such a figure is null with a "<figure>Undefined" reason beside it (never NaN).
import { formatFigureValue, type Figure } from '../../core/agreement/figure.ts';
import { AGREEMENT_FIGURES as FIGURES, type AgreementFigureName as FigureName, type AgreementRow } from '../../core/agreement/report.ts';

/** A row as JSON: each figure a number, or null and `<name>Undefined` with the reason. */
export function rowJson(row: AgreementRow): Record<string, unknown> {
  const json: Record<string, unknown> = { tag: row.tag, documentId: row.documentId, coders: row.coders, units: row.units };
  for (const name of FIGURES) {
    const figure = row[name];
    json[name] = figure.defined ? figure.value : null;
    if (!figure.defined) json[`${name}Undefined`] = figure.reason;
  }
  return json;
}

/** How the table names tags, documents and coders. */
export interface TableNames {
  tag(id: string): string;
  /** A document's title; `null` is all the chosen documents together. */
  document(id: string | null): string;
}

const TITLE_WIDTH = 40;
const SUPERSCRIPTS = ['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/**
 * The table's lines: the header, one line per row (in the order of `rows`),
 * and the footnotes that give the reasons behind each "—".
 */
export function agreementTable(rows: readonly AgreementRow[], names: TableNames): { header: string; rows: string[]; footnotes: string[] } {
  const reasons: string[] = [];
  const mark = (reason: string) => {
    if (!reasons.includes(reason)) reasons.push(reason);
    const index = reasons.indexOf(reason);
    return SUPERSCRIPTS[index] ?? `(${index + 1})`;
  };
  const show = (figure: Figure, name: FigureName) => {
    if (!figure.defined) return `—${mark(figure.reason)}`;
    return formatFigureValue(figure.value, name === 'percentAgreement');
  };
  const kappa = (rows[0]?.coders.length ?? 2) > 2 ? "Fleiss' κ" : "Cohen's κ";
  const head = ['tag', 'document', 'characters', 'agreement', kappa, 'α', 'α_u', 'span F1'];
  const cells = rows.map((row) => [
    names.tag(row.tag),
    shorten(names.document(row.documentId)),
    String(row.units),
    ...FIGURES.map((name) => show(row[name], name)),
  ]);
  const widths = head.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  // Names on the left, numbers (and their "—" marks) on the right.
  const line = (values: readonly string[]) =>
    values
      .map((value, column) => (column < 2 ? value.padEnd(widths[column]!) : value.padStart(widths[column]!)))
      .join('  ')
      .trimEnd();
  const footnotes = reasons.map((reason, index) => `${SUPERSCRIPTS[index] ?? `(${index + 1})`} ${reason}`);
  return { header: line(head), rows: cells.map(line), footnotes };
}

/** A long title cut to TITLE_WIDTH characters (code points, so no surrogate pair is split), ending in "…". */
function shorten(title: string): string {
  const characters = [...title];
  return characters.length <= TITLE_WIDTH
    ? title
    : `${characters
        .slice(0, TITLE_WIDTH - 1)
        .join('')
        .trimEnd()}…`;
}
