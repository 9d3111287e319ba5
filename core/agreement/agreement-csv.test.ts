import { describe, expect, it } from 'vitest';
import { parseCsv } from '../interchange/csv.ts';
import type { Codebook } from '../model/codebook.ts';
import { agreementCsv } from './agreement-csv.ts';
import { groupByCoder } from './coded-annotations.ts';
import { agreementReport } from './report.ts';

const codebook: Codebook = {
  tags: [
    { id: 'claim', name: '=Claim', color: '#112233', description: '' },
    { id: 'quote', name: 'Quote', color: '#112233', description: '' },
  ],
};
// Krippendorff's (1995) example A on 24 characters (see report.test.ts), under "claim"; nobody marks a quote.
const byCoder = groupByCoder([
  {
    id: 'd1',
    annotations: [
      { id: 'a1', creator: 'alice', target: { start: 2, end: 10 }, tags: ['claim'] },
      { id: 'a2', creator: 'alice', target: { start: 14, end: 20 }, tags: ['claim'] },
      { id: 'b1', creator: 'bob', target: { start: 4, end: 8 }, tags: ['claim'] },
      { id: 'b2', creator: 'bob', target: { start: 15, end: 17 }, tags: ['claim'] },
    ],
  },
]);
const rows = agreementReport([{ id: 'd1', textLength: 24 }], byCoder, codebook, { coders: ['alice', 'bob'], tagIds: ['claim', 'quote'] });
const names = { tag: (id: string) => codebook.tags.find((tag) => tag.id === id)!.name, document: (id: string | null) => id ?? 'All' };

describe('agreementCsv', () => {
  const text = agreementCsv(rows, names);
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const [head, ...lines] = parsed.value;
  const record = (index: number) => Object.fromEntries(head!.map((name, column) => [name, lines[index]![column]]));

  it('starts with a byte order mark and has a row per report row, in order', () => {
    expect(text.startsWith('\uFEFFtag,tagName,documentId,document,coders,units,percentAgreement,')).toBe(true);
    expect(lines.map((line) => [line[0], line[2]])).toEqual([
      ['claim', 'd1'],
      ['claim', ''],
      ['quote', 'd1'],
      ['quote', ''],
    ]);
  });

  it('writes figures at full precision, and the units behind them', () => {
    const claim = record(0);
    expect(Number(claim.percentAgreement)).toBeCloseTo(16 / 24, 12);
    expect(Number(claim.characterKappa).toFixed(3)).toBe('0.385');
    expect(claim).toMatchObject({ units: '24', coders: 'alice; bob', spanF1: '0', spanUnits: '4', characterKappaUndefined: '' });
  });

  it('leaves a figure the data cannot give empty, with the reason beside it', () => {
    const quote = record(2);
    expect(quote).toMatchObject({ percentAgreement: '', percentAgreementUndefined: 'no coder marked anything', spanF1: '' });
    expect(text).not.toMatch(/NaN|Infinity/);
  });

  it('guards names against spreadsheet formulas', () => {
    expect(record(0).tagName).toBe("'=Claim");
    expect(agreementCsv(rows, names, { bom: false }).startsWith('tag,')).toBe(true);
  });
});
