import { describe, expect, it } from 'vitest';
import { Annotation, textTarget } from '../model/annotation.ts';
import { DocumentMeta } from '../model/document.ts';
import { Claim, DEFAULT_VERDICT_SCALE, EvidenceLink } from '../model/evidence.ts';
import { DEFAULT_STATUSES } from '../model/workspace.ts';
import { CLAIMS_CSV_COLUMNS, claimsCsv, claimsCsvDictionary, inReadingOrder } from './claims-csv.ts';
import { parseCsv, undoSpreadsheetSafe } from './csv.ts';
import { exportIndex, type ExportInput } from './export-input.ts';

const HASH = 'a'.repeat(64);
const TIME = '2025-01-02T03:04:05.000Z';

function meta(id: string, overrides: Partial<DocumentMeta> = {}): DocumentMeta {
  return DocumentMeta.parse({
    id,
    title: `Title of ${id}`,
    format: 'text',
    importedAt: TIME,
    importedFrom: '/tmp/x.txt',
    textHash: HASH,
    ...overrides,
  });
}

function annotation(id: string, text: string, quote: string, overrides: Partial<Annotation> = {}): Annotation {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in the text`);
  return Annotation.parse({
    id,
    target: textTarget(text, start, start + quote.length),
    tags: [],
    status: 'unverified',
    created: TIME,
    modified: TIME,
    ...overrides,
  });
}

function input(documents: ExportInput['documents'], evidence: Partial<ExportInput['evidence']> = {}): ExportInput {
  return {
    workspace: {
      name: 'Test',
      statuses: DEFAULT_STATUSES,
      verdictScale: DEFAULT_VERDICT_SCALE,
      codebook: {
        tags: [
          { id: 'stat', name: 'Statistic', color: '#112233', description: '' },
          { id: 'quote', name: 'Direct quote', color: '#445566', description: '' },
        ],
      },
    },
    documents,
    evidence: { links: [], claims: [], ...evidence },
  };
}

/** The CSV read back: header checked, rows as records by column name, the guard undone. */
function readBack(csv: string): Record<string, string>[] {
  const parsed = parseCsv(csv);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const [header, ...rows] = parsed.value;
  expect(header).toEqual(CLAIMS_CSV_COLUMNS.map((column) => column.name));
  // The quote is never guarded: it is read as written.
  return rows.map((row) =>
    Object.fromEntries(row.map((cell, index) => [header![index]!, header![index] === 'quote' ? cell : undoSpreadsheetSafe(cell)])),
  );
}

const HOSTILE_TEXT = 'Intro 😀😀 =HYPERLINK("http://evil.example","click") said "no", twice,\nand more. @SUM(A1) -2+3 +cmd|calc';

describe('claimsCsv', () => {
  const doc = {
    meta: meta('doc-1', { title: '=cmd|" /c calc"!A1', outlet: 'Valley, "Courier"' }),
    text: HOSTILE_TEXT,
    annotations: [] as Annotation[],
  };
  const hostile = annotation('a1', HOSTILE_TEXT, '=HYPERLINK("http://evil.example","click") said "no", twice,\nand more.', {
    tags: ['stat', 'quote'],
    speaker: '@mayor',
    note: '-note with "quotes",\r\ncommas, and 🇺🇦',
    creator: '+analyst',
  });
  const plain = annotation('a2', HOSTILE_TEXT, 'Intro', { status: 'supported', outlet: 'Own outlet' });
  const full = input([{ ...doc, annotations: [hostile, plain] }]);

  it('writes every hostile cell so that it reads back exactly', () => {
    const rows = readBack(claimsCsv(full));
    expect(rows).toHaveLength(2);
    const row = rows.find((item) => item.annotation_id === 'a1')!;
    expect(row).toMatchObject({
      document_id: 'doc-1',
      document_title: '=cmd|" /c calc"!A1',
      quote: hostile.target.exact,
      tags: 'Statistic; Direct quote',
      status: 'Unverified',
      speaker: '@mayor',
      outlet: 'Valley, "Courier"',
      note: '-note with "quotes",\r\ncommas, and 🇺🇦',
      anchor: 'exact',
      creator: '+analyst',
      created: TIME,
    });
  });

  it('guards formula cells in the file itself, except the quote, which stays exact', () => {
    const parsed = parseCsv(claimsCsv(full));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const quoteColumn = CLAIMS_CSV_COLUMNS.findIndex((column) => column.name === 'quote');
    const rows = parsed.value.slice(1);
    for (const row of rows) row.forEach((cell, column) => column === quoteColumn || expect(cell).not.toMatch(/^[=+\-@\t\r]/));
    expect(rows.map((row) => row[quoteColumn])).toContain(hostile.target.exact);
    expect(rows.flat()).toContain("'@mayor");
  });

  it('writes every cell as it is with the formula guard off', () => {
    const parsed = parseCsv(claimsCsv(full, { formulaGuard: false }));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const cells = parsed.value.slice(1).flat();
    expect(cells).toEqual(expect.arrayContaining(['@mayor', '+analyst', '=cmd|" /c calc"!A1', hostile.target.exact]));
    expect(cells.some((cell) => cell.startsWith("'"))).toBe(false);
  });

  it('keeps text[start:end] == quote in the file as written, for quotes that start like formulas', () => {
    const text = 'Growth was -2+3 points; @handle said +5% and =SUM.';
    const quotes = ['-2+3 ', '@handle', '+5%', '=SUM.'];
    const annotations = quotes.map((quote, n) => ({ ...annotation(`q${n}`, text, quote) }));
    const parsed = parseCsv(claimsCsv(input([{ ...doc, text, annotations }])));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const [header, ...rows] = parsed.value;
    const at = (name: string) => header!.indexOf(name);
    const points = Array.from(text);
    expect(rows).toHaveLength(quotes.length);
    for (const row of rows) expect(points.slice(Number(row[at('start')]), Number(row[at('end')])).join('')).toBe(row[at('quote')]);
  });

  it('counts positions in code points: Python-style slicing of the text gives the quote', () => {
    const rows = readBack(claimsCsv(full));
    const codePoints = Array.from(HOSTILE_TEXT);
    for (const row of rows) {
      expect(codePoints.slice(Number(row.start), Number(row.end)).join('')).toBe(row.quote);
    }
    // Two emoji before the quote: UTF-16 would say 11, code points say 9.
    expect(rows.find((row) => row.annotation_id === 'a1')!.start).toBe('9');
  });

  it('orders rows by position, uses CRLF, and the document outlet unless the annotation has its own', () => {
    const csv = claimsCsv(full);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replaceAll('\r\n', '').includes('\n')).toBe(true); // the line break inside the quoted cell
    const rows = readBack(csv);
    expect(rows.map((row) => row.annotation_id)).toEqual(['a2', 'a1']);
    expect(rows[0]!.outlet).toBe('Own outlet');
  });

  it('adds a byte-order mark only when asked', () => {
    expect(claimsCsv(full, { bom: true }).startsWith('\uFEFFdocument_id,')).toBe(true);
    expect(claimsCsv(full).startsWith('document_id,')).toBe(true);
  });

  it('leaves positions of an orphan empty and lists it last', () => {
    const orphan = { ...plain, id: 'a3', anchor: { state: 'orphaned' as const } };
    const rows = readBack(claimsCsv(input([{ ...doc, annotations: [orphan, hostile] }])));
    expect(rows.map((row) => [row.annotation_id, row.anchor, row.start, row.end])).toEqual([
      ['a1', 'exact', '9', String(9 + Array.from(hostile.target.exact).length)],
      ['a3', 'orphaned', '', ''],
    ]);
  });

  it('describes links both ways and names the claims a mention belongs to', () => {
    const sourceText = 'The ministry report says 40% of wells are dry.';
    const source = {
      meta: meta('doc-2', { title: 'Ministry report' }),
      text: sourceText,
      annotations: [annotation('s1', sourceText, '40% of wells are dry')],
    };
    const link = EvidenceLink.parse({
      id: 'l1',
      relation: 'source-of',
      from: { documentId: 'doc-1', annotationId: 'a2' },
      to: { documentId: 'doc-2', annotationId: 's1' },
      created: TIME,
      modified: TIME,
    });
    const claim = Claim.parse({
      id: 'c1',
      statement: 'Wells are drying up',
      mentions: [{ documentId: 'doc-1', annotationId: 'a2' }],
      created: TIME,
      modified: TIME,
    });
    const rows = readBack(claimsCsv(input([{ ...doc, annotations: [plain] }, source], { links: [link], claims: [claim] })));
    expect(rows[0]).toMatchObject({ links: 'source-of → Ministry report: "40% of wells are dry"', claims: 'Wells are drying up' });
    expect(rows[1]).toMatchObject({ links: `source-of ← =cmd|" /c calc"!A1: "Intro"`, claims: '' });
  });

  it('documents every column', () => {
    const dictionary = claimsCsvDictionary();
    for (const column of CLAIMS_CSV_COLUMNS) expect(dictionary).toContain(`\`${column.name}\``);
    expect(CLAIMS_CSV_COLUMNS.find((column) => column.name === 'start')!.description).toMatch(/code points/);
  });

  it('makes the reading order of a document and the index of an input once, for every export that walks them', () => {
    const document = full.documents[0]!;
    expect(inReadingOrder(document).map((annotation) => annotation.id)).toEqual(['a2', 'a1']);
    expect(inReadingOrder(document)).toBe(inReadingOrder(document));
    expect(exportIndex(full)).toBe(exportIndex(full));
    // Another input (another selection) gets its own.
    expect(exportIndex(input(full.documents))).not.toBe(exportIndex(full));
  });
});
