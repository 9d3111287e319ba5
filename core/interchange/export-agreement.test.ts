import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';
import { Annotation, textTarget } from '../model/annotation.ts';
import { DocumentMeta } from '../model/document.ts';
import { DEFAULT_VERDICT_SCALE } from '../model/evidence.ts';
import { DEFAULT_STATUSES } from '../model/workspace.ts';
import { exportAgreement, exportAgreementCsv } from './export-agreement.ts';
import type { ExportInput } from './export-input.ts';
import { reportHtml } from './report-html.ts';

const TIME = '2025-01-02T03:04:05.000Z';
const TEXT = 'The reservoir stands at 18 percent. The mayor said the taps could run dry.';

function annotation(id: string, creator: string, quote: string, tags: string[]): Annotation {
  const start = TEXT.indexOf(quote);
  return Annotation.parse({
    id,
    target: textTarget(TEXT, start, start + quote.length),
    tags,
    status: 'unverified',
    creator,
    created: TIME,
    modified: TIME,
  });
}

const inputWith = (annotations: Annotation[]): ExportInput => ({
  workspace: {
    name: 'Checks',
    statuses: DEFAULT_STATUSES,
    verdictScale: DEFAULT_VERDICT_SCALE,
    codebook: {
      tags: [
        { id: 'stat', name: 'Statistic <b>', color: '#112233', description: '' },
        { id: 'quote', name: 'Quote', color: '#445566', description: '' },
      ],
    },
  },
  documents: [
    {
      meta: DocumentMeta.parse({
        id: 'd1',
        title: 'Reservoir',
        format: 'text',
        importedAt: TIME,
        importedFrom: '/tmp/r.txt',
        textHash: 'a'.repeat(64),
      }),
      text: TEXT,
      annotations,
    },
  ],
  evidence: { links: [], claims: [] },
});

const twoCoders = inputWith([
  annotation('a1', 'Ana', '18 percent', ['stat']),
  annotation('a2', 'Ana', 'the taps could run dry', ['quote']),
  annotation('b1', 'Ben', '18 percent', ['stat']),
  annotation('c1', 'curator', 'The mayor said', ['quote']),
]);

describe('agreement in exports', () => {
  it('compares every creator but the curator, on every tag they used', () => {
    const agreement = exportAgreement(twoCoders)!;
    expect(agreement.coders).toEqual(['Ana', 'Ben']);
    expect(agreement.rows.map((row) => [row.tag, row.documentId])).toEqual([
      ['stat', 'd1'],
      ['stat', null],
      ['quote', 'd1'],
      ['quote', null],
    ]);
  });

  it('gives nothing with one coder (a curated version is not a second one)', () => {
    expect(
      exportAgreement(inputWith([annotation('a1', 'Ana', '18 percent', ['stat']), annotation('c1', 'curator', '18 percent', ['stat'])])),
    ).toBeUndefined();
    expect(reportHtml(inputWith([annotation('a1', 'Ana', '18 percent', ['stat'])]), { generatedAt: TIME })).not.toContain(
      '<h2>Agreement</h2>',
    );
  });

  it('puts the pooled figures in report.html, "—" with the reason where not defined, names escaped', () => {
    const page = new JSDOM(reportHtml(twoCoders, { generatedAt: TIME })).window.document;
    const section = page.querySelector('section.agreement')!;
    expect(section.querySelector('h2')?.textContent).toBe('Agreement');
    expect(section.textContent).toContain('Ana, Ben agree');
    const rows = [...section.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent));
    // Statistic: both marked the same 10 characters. Quote: only Ana marked it, so the agreement
    // observed is what chance gives: κ is 0.
    expect(rows[0]).toEqual(['Statistic <b>', String(TEXT.length), '100.0%', '1.000', '1.000', '1.000', '1.000 (2 spans)']);
    expect(rows[1]![0]).toBe('Quote');
    expect(rows[1]![3]).toBe('0.000');
    expect(section.querySelector('th')?.textContent).toBe('Tag');
    expect(section.innerHTML).not.toContain('<b>');
  });

  it('says why a figure is not defined', () => {
    // Both mark the whole text: every character has one value, so chance agreement is total.
    const whole = TEXT;
    const html = reportHtml(inputWith([annotation('a1', 'Ana', whole, ['stat']), annotation('b1', 'Ben', whole, ['stat'])]), {
      generatedAt: TIME,
    });
    const section = new JSDOM(html).window.document.querySelector('section.agreement')!;
    const cells = [...section.querySelectorAll('tbody tr td')].map((cell) => cell.textContent);
    expect(cells[1]).toBe('100.0%');
    expect(cells[2]).toBe('—1');
    expect([...section.querySelectorAll('ol li')].map((item) => item.textContent)).toEqual([
      'Not defined: no variation: every coder gave every unit the same value, so chance agreement is total',
    ]);
    expect(html).not.toContain('NaN');
  });

  it('writes every row to agreement.csv with tag names and titles', () => {
    const parsed = parseCsv(exportAgreementCsv(twoCoders, exportAgreement(twoCoders)!));
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.slice(1).map((row) => [row[1], row[3]])).toEqual([
      ['Statistic <b>', 'Reservoir'],
      ['Statistic <b>', 'All documents'],
      ['Quote', 'Reservoir'],
      ['Quote', 'All documents'],
    ]);
  });
});
