// The table of agreement figures: a row per tag and document, and the pooled row, each figure with
// the units behind it; a figure the data cannot give says "not defined" and why (a numbered note
// under the table, and in the cell for screen readers), never NaN.
import type { Figure } from '../../../core/agreement/figure.ts';
import { formatFigureValue } from '../../../core/agreement/figure.ts';
import { AGREEMENT_FIGURES, type AgreementFigureName, type AgreementRow } from '../../../core/agreement/report.ts';

interface FiguresTableProps {
  readonly caption: string;
  readonly rows: readonly AgreementRow[];
  readonly tagName: (id: string) => string;
  /** The second column's heading and each row's entry in it (the document, or the coders compared). */
  readonly second: { readonly heading: string; readonly of: (row: AgreementRow) => string };
  readonly testId?: string;
}

const HEADINGS: Readonly<Record<AgreementFigureName, string>> = {
  percentAgreement: 'Agreement',
  characterKappa: 'κ',
  characterAlpha: 'α',
  unitizedAlpha: 'α_u',
  spanF1: 'Span F1',
};

const DESCRIPTIONS: Readonly<Record<AgreementFigureName, string>> = {
  percentAgreement: 'The share of characters on which the coders agree (all marked or all not)',
  characterKappa: 'Cohen’s kappa (two coders) or Fleiss’ kappa (more), by character: agreement beyond chance',
  characterAlpha: 'Krippendorff’s alpha (nominal), by character',
  unitizedAlpha: 'Krippendorff’s unitized alpha on the spans: partial credit for overlapping spans',
  spanF1: 'The share of spans both coders marked, under the chosen overlap rule (two coders only)',
};

export function FiguresTable({ caption, rows, tagName, second, testId }: FiguresTableProps) {
  const reasons: string[] = [];
  const noteOf = (reason: string) => {
    if (!reasons.includes(reason)) reasons.push(reason);
    return reasons.indexOf(reason) + 1;
  };
  const kappa = (rows[0]?.coders.length ?? 2) > 2 ? 'Fleiss’ κ' : 'Cohen’s κ';
  // The pooled rows stand out among each document's; alone, every row is one.
  const mixed = rows.some((row) => row.documentId !== null);
  const cell = (figure: Figure, name: AgreementFigureName) => {
    if (!figure.defined) {
      const note = noteOf(figure.reason);
      return (
        <td key={name} className="number figure-undefined" title={figure.reason} data-figure={name}>
          not defined<sup aria-hidden="true">{note}</sup>
          <span className="visually-hidden"> ({figure.reason})</span>
        </td>
      );
    }
    return (
      <td key={name} className="number" data-figure={name}>
        {formatFigureValue(figure.value, name === 'percentAgreement')}
        {name === 'spanF1' && <span className="figure-units"> of {figure.units === 1 ? '1 span' : `${figure.units} spans`}</span>}
      </td>
    );
  };
  const body = rows.map((row) => (
    <tr
      key={`${row.tag} ${row.coders.join(' ')} ${row.documentId ?? ''}`}
      className={mixed && row.documentId === null ? 'figures-pooled' : undefined}
    >
      <th scope="row">{tagName(row.tag)}</th>
      <td>{second.of(row)}</td>
      <td className="number">{row.units.toLocaleString()}</td>
      {AGREEMENT_FIGURES.map((name) => cell(row[name], name))}
    </tr>
  ));
  return (
    <div className="figures">
      <table className="figures-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Tag</th>
            <th scope="col">{second.heading}</th>
            <th scope="col" className="number" title="Characters compared: the units of agreement, κ, α and α_u">
              Characters
            </th>
            {AGREEMENT_FIGURES.map((name) => (
              <th key={name} scope="col" className="number" title={DESCRIPTIONS[name]}>
                {name === 'characterKappa' ? kappa : HEADINGS[name]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{body}</tbody>
      </table>
      {reasons.length > 0 && (
        <ol className="figures-notes" aria-label="Why some figures are not defined">
          {reasons.map((reason) => (
            <li key={reason}>Not defined: {reason}</li>
          ))}
        </ol>
      )}
    </div>
  );
}
