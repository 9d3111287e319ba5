// Agreement in exports: when the exported annotations come from two or more coders (their
// creators; a curated version under "curator" is not one), the figures for every tag they used,
// per document and pooled, for report.html's table and the bundle's agreement.csv.
import { agreementCsv } from '../agreement/agreement-csv.ts';
import { MAX_CODERS } from '../agreement/character-tally.ts';
import { groupByCoder } from '../agreement/coded-annotations.ts';
import { CURATOR } from '../agreement/curation.ts';
import { codersOf, tagsUsed } from '../agreement/default-selection.ts';
import { formatFigureValue } from '../agreement/figure.ts';
import { AGREEMENT_FIGURES, agreementReport, type AgreementRow } from '../agreement/report.ts';
import { exportIndex, type ExportInput } from './export-input.ts';
import { escapeHtml } from './report-escape.ts';

export interface ExportAgreement {
  readonly coders: readonly string[];
  readonly rows: readonly AgreementRow[];
  /** More coders than the figures take at once: none are given. */
  readonly tooMany: boolean;
}

/**
 * The figures for every coder of `input` (every creator but "curator") and every codebook tag
 * they used, on exact boundaries; undefined when fewer than two coders have annotations there.
 */
export function exportAgreement(input: ExportInput): ExportAgreement | undefined {
  const { codebook } = input.workspace;
  const byCoder = groupByCoder(input.documents.map((document) => ({ id: document.meta.id, annotations: document.annotations })));
  const coders = codersOf(byCoder).filter((coder) => coder !== CURATOR);
  if (coders.length < 2) return undefined;
  if (coders.length > MAX_CODERS) return { coders, rows: [], tooMany: true };
  const rows = agreementReport(
    input.documents.map((document) => ({ id: document.meta.id, textLength: document.text.length })),
    byCoder,
    codebook,
    { coders, tagIds: tagsUsed(byCoder, coders, codebook) },
  );
  return { coders, rows, tooMany: false };
}

const coderName = (coder: string) => (coder === '' ? '(no analyst name)' : coder);

/** agreement.csv: every row, with tag names and document titles (see core/agreement/agreement-csv.ts). */
export function exportAgreementCsv(input: ExportInput, agreement: ExportAgreement): string {
  const index = exportIndex(input);
  const titles = new Map(input.documents.map((document) => [document.meta.id, document.meta.title]));
  return agreementCsv(agreement.rows, {
    tag: index.tagName,
    document: (id) => (id === null ? 'All documents' : (titles.get(id) ?? id)),
  });
}

const HEADINGS = ['Agreement', 'κ', 'α', 'α_u', 'Span F1'];

/**
 * report.html's agreement section: the pooled figures per tag (each document's are in
 * agreement.csv), a figure the data cannot give as "—" with its reason in a numbered note.
 */
export function agreementSectionHtml(input: ExportInput, agreement: ExportAgreement): string {
  const index = exportIndex(input);
  const coders = agreement.coders.map(coderName).map(escapeHtml).join(', ');
  if (agreement.tooMany)
    return `<section class="agreement"><h2>Agreement</h2><p>${agreement.coders.length} coders (${coders}): more than the ${MAX_CODERS} the figures compare at once; compare fewer with <code>claimbench agreement --coders</code>.</p></section>`;
  const reasons: string[] = [];
  const note = (reason: string) => {
    if (!reasons.includes(reason)) reasons.push(reason);
    return reasons.indexOf(reason) + 1;
  };
  const kappa = agreement.coders.length > 2 ? 'Fleiss’ κ' : 'Cohen’s κ';
  const rows = agreement.rows
    .filter((row) => row.documentId === null)
    .map((row) => {
      const cells = AGREEMENT_FIGURES.map((name) => {
        const figure = row[name];
        if (!figure.defined) return `<td class="number">—<sup>${note(figure.reason)}</sup></td>`;
        const units = name === 'spanF1' ? ` <span class="meta">(${figure.units} spans)</span>` : '';
        return `<td class="number">${formatFigureValue(figure.value, name === 'percentAgreement')}${units}</td>`;
      });
      return `<tr><th scope="row">${escapeHtml(index.tagName(row.tag))}</th><td class="number">${row.units}</td>${cells.join('')}</tr>`;
    });
  const head = ['Tag', 'Characters', ...HEADINGS.map((heading) => (heading === 'κ' ? kappa : heading))];
  return [
    '<section class="agreement"><h2>Agreement</h2>',
    `<p>How far ${coders} agree on the passages they marked, on ${input.documents.length} ${input.documents.length === 1 ? 'document' : 'documents'} together, by character (agreement, κ, α), on the spans (α_u) and on exact span boundaries (span F1). Each document’s figures are in agreement.csv.</p>`,
    `<table class="agreement-table"><thead><tr>${head.map((heading) => `<th>${heading}</th>`).join('')}</tr></thead><tbody>`,
    ...rows,
    '</tbody></table>',
    reasons.length > 0 ? `<ol class="meta">${reasons.map((reason) => `<li>Not defined: ${escapeHtml(reason)}</li>`).join('')}</ol>` : '',
    '</section>',
  ].join('\n');
}
