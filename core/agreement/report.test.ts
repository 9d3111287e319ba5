import { describe, expect, it } from 'vitest';
import type { Codebook } from '../model/codebook.ts';
import { groupByCoder, type CodedAnnotation } from './coded-annotations.ts';
import { REASONS, type Figure } from './figure.ts';
import { agreementReport, type AgreementRow, type AgreementSelection } from './report.ts';

const codebook: Codebook = {
  tags: [
    { id: 'claim', name: 'Claim', color: '#112233', description: '' },
    { id: 'statistic', name: 'Statistic', color: '#112233', description: '', parentId: 'claim' },
    { id: 'quote', name: 'Quote', color: '#112233', description: '' },
  ],
};

let next = 0;
const a = (creator: string, start: number, end: number, tags: string[], more: Partial<CodedAnnotation> = {}) => ({
  id: `a${next++}`,
  creator,
  target: { start, end },
  tags,
  ...more,
});

// d1 is Krippendorff's (1995, p. 57) example A on 24 characters: Bertha (alice) marks [2, 10) and
// [14, 20), Bill (bob) [4, 8) and [15, 17). alice tags one span "statistic", which counts as
// "claim"; her second span carries both tags and must count once. An orphaned annotation of bob's
// is left out. Nobody marks "quote" anywhere; carol marks nothing. d2 has 26 characters, no claim.
const documents = [
  { id: 'd1', textLength: 24 },
  { id: 'd2', textLength: 26 },
];
const annotations = groupByCoder([
  {
    id: 'd1',
    annotations: [
      a('alice', 2, 10, ['statistic']),
      a('alice', 14, 20, ['claim', 'statistic']),
      a('bob', 4, 8, ['claim']),
      a('bob', 15, 17, ['claim']),
      a('bob', 0, 24, ['claim'], { anchor: { state: 'orphaned' } }),
    ],
  },
  { id: 'd2', annotations: [a('alice', 0, 5, ['other'])] },
]);

const value = (figure: Figure) => (figure.defined ? Number(figure.value.toFixed(3)) : figure.reason);
const pick = (rows: AgreementRow[], tag: string, documentId: string | null) =>
  rows.find((row) => row.tag === tag && row.documentId === documentId)!;
const report = (selection: Partial<AgreementSelection>) =>
  agreementReport(documents, annotations, codebook, { coders: ['alice', 'bob'], tagIds: ['claim'], ...selection });

const cases: {
  name: string;
  selection: Partial<AgreementSelection>;
  tag: string;
  documentId: string | null;
  expected: Partial<Record<keyof AgreementRow, unknown>>;
}[] = [
  {
    // κ and α by character as Krippendorff/DKPro give them; 16 of 24 characters agree; no span is
    // the same exactly.
    name: 'one document: the published example A',
    selection: {},
    tag: 'claim',
    documentId: 'd1',
    expected: { units: 24, percentAgreement: 0.667, characterKappa: 0.385, characterAlpha: 0.329, spanF1: 0 },
  },
  {
    name: 'span F1 with any overlap: both pairs match',
    selection: { spanMatch: { kind: 'overlap', minimum: 0.01 } },
    tag: 'claim',
    documentId: 'd1',
    expected: { spanF1: 1 },
  },
  {
    name: 'a document where no coder used the tag',
    selection: {},
    tag: 'claim',
    documentId: 'd2',
    expected: {
      units: 26,
      percentAgreement: REASONS.nothingMarked,
      characterKappa: REASONS.nothingMarked,
      characterAlpha: REASONS.nothingMarked,
      unitizedAlpha: REASONS.nothingMarked,
      spanF1: REASONS.nothingMarked,
    },
  },
  {
    // Pooled: d2's 26 characters join the 10 both left unmarked: table [[36, 0], [8, 6]],
    // p_o = 42/50, p_e = (36·44 + 14·6)/50² = 0.6672, κ = (0.84 − 0.6672)/(1 − 0.6672) = 0.519.
    name: 'pooled over both documents',
    selection: {},
    tag: 'claim',
    documentId: null,
    expected: { units: 50, percentAgreement: 0.84, characterKappa: 0.519 },
  },
  {
    name: 'three coders: Fleiss, and no span F1',
    selection: { coders: ['alice', 'bob', 'carol'] },
    tag: 'claim',
    documentId: 'd1',
    expected: { spanF1: REASONS.twoCodersOnly },
  },
  {
    name: 'one coder',
    selection: { coders: ['alice'] },
    tag: 'claim',
    documentId: null,
    expected: {
      percentAgreement: REASONS.oneCoder,
      characterKappa: REASONS.oneCoder,
      characterAlpha: REASONS.oneCoder,
      unitizedAlpha: REASONS.oneCoder,
      spanF1: REASONS.oneCoder,
    },
  },
  {
    name: 'a tag nobody used, pooled',
    selection: { tagIds: ['claim', 'quote'] },
    tag: 'quote',
    documentId: null,
    expected: { units: 50, characterKappa: REASONS.nothingMarked, unitizedAlpha: REASONS.nothingMarked },
  },
];

describe('agreementReport', () => {
  it.each(cases)('$name', ({ selection, tag, documentId, expected }) => {
    const row = pick(report(selection), tag, documentId);
    for (const [key, wanted] of Object.entries(expected)) {
      const got = row[key as keyof AgreementRow];
      expect([key, typeof got === 'object' && got !== null && 'defined' in got ? value(got) : got]).toStrictEqual([key, wanted]);
    }
  });

  it('rows per tag: each chosen document in the order chosen, then the pooled row', () => {
    const rows = report({ tagIds: ['quote', 'claim'], documentIds: ['d2', 'd1', 'missing'] });
    expect(rows.map((row) => [row.tag, row.documentId])).toStrictEqual([
      ['quote', 'd2'],
      ['quote', 'd1'],
      ['quote', null],
      ['claim', 'd2'],
      ['claim', 'd1'],
      ['claim', null],
    ]);
  });

  it("three coders: Fleiss' kappa on characters agrees with the pairwise count", () => {
    const row = pick(report({ coders: ['alice', 'bob', 'carol'] }), 'claim', 'd1');
    // carol marks nothing: 0, 1 or 2 of the 3 coders mark a character (10, 8 and 6 characters),
    // so 3, 1 and 1 of its 3 pairs agree: P̄ = (10 + 8/3 + 6/3) / 24 = 0.611; marked values
    // p_1 = (8·1 + 6·2) / (24·3) = 20/72, P̄_e = p_1² + (1 − p_1)² = 0.599.
    const p1 = 20 / 72;
    const chance = p1 ** 2 + (1 - p1) ** 2;
    const observed = (10 + 14 / 3) / 24;
    expect(value(row.percentAgreement)).toBe(Number(observed.toFixed(3)));
    expect(value(row.characterKappa)).toBe(Number(((observed - chance) / (1 - chance)).toFixed(3)));
  });

  it('each figure says how many units it rests on', () => {
    const row = pick(report({}), 'claim', null);
    expect([row.characterKappa.units, row.characterAlpha.units, row.unitizedAlpha.units, row.spanF1.units]).toStrictEqual([50, 50, 50, 4]);
  });
});
