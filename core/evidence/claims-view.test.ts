import { describe, expect, it } from 'vitest';
import type { AnnotationRef, Claim, ClaimStatus, EvidenceData } from '../model/evidence.ts';
import {
  claimRows,
  filterClaimRows,
  instantOf,
  mentionInfo,
  sortClaimRows,
  timelineOf,
  type ClaimRow,
  type ClaimSortKey,
  type MentionInfo,
} from './claims-view.ts';

const T0 = '2026-01-01T00:00:00.000Z';

interface DocumentFixture {
  title: string;
  outlet: string;
  publishedAt?: string;
  importedAt: string;
}

const documents: Record<string, DocumentFixture> = {
  // Published on 5 March (a date alone: its start in UTC).
  d1: { title: 'Council votes on budget', outlet: 'Valley Courier', publishedAt: '2024-03-05', importedAt: '2024-04-01T00:00:00Z' },
  // 4 March in Brazil, but 01:30 on 5 March in UTC: after d1.
  d2: {
    title: 'Ministry statement',
    outlet: 'Ministry of Finance',
    publishedAt: '2024-03-04T23:30:00-02:00',
    importedAt: '2024-04-02T00:00:00Z',
  },
  // 5 March in Paris, but 23:30 on 4 March in UTC: the earliest.
  d3: { title: 'Le budget', outlet: 'valley courier', publishedAt: '2024-03-05T00:30:00+01:00', importedAt: '2024-04-03T00:00:00Z' },
  // Undated, imported before all the others.
  d4: { title: 'A blog post', outlet: 'Daily Blog', importedAt: '2024-01-01T00:00:00Z' },
  d5: { title: 'A forum thread', outlet: '', importedAt: '2024-02-01T00:00:00Z' },
};

const annotations: Record<string, Omit<MentionInfo['annotation'], 'start'>> = {
  'd1/a': { outlet: '', speaker: 'Mayor Ruiz', exact: 'We will not raise taxes this year' },
  'd2/a': { outlet: 'Reuters', speaker: '', exact: '“We won’t raise taxes,” the mayor said' },
  'd3/a': { outlet: '', speaker: 'Mayor Ruiz ', exact: 'Nous n’augmenterons pas les impôts' },
  'd4/a': { outlet: '', speaker: '', exact: 'no new taxes!!' },
  'd4/b': { outlet: '', speaker: '', exact: 'the bridge will close' },
  'd5/a': { outlet: '', speaker: '', exact: 'bridge closing in May' },
};

const lookup = (ref: AnnotationRef): MentionInfo | undefined => {
  const document = documents[ref.documentId];
  const annotation = annotations[`${ref.documentId}/${ref.annotationId}`];
  return document && annotation
    ? {
        document: { id: ref.documentId, role: 'claim', firstImportedAt: document.importedAt, ...document },
        annotation: { start: 0, ...annotation },
      }
    : undefined;
};

const ref = (key: string): AnnotationRef => {
  const [documentId, annotationId] = key.split('/') as [string, string];
  return { documentId, annotationId };
};

const claim = (id: string, mentions: string[], extra: Partial<Claim> = {}): Claim => ({
  id,
  statement: `Statement ${id}`,
  mentions: mentions.map(ref),
  status: 'open',
  creator: '',
  created: T0,
  modified: T0,
  ...extra,
});

const data: EvidenceData = {
  links: [],
  claims: [
    claim('k1', ['d1/a', 'd2/a', 'd4/a', 'd3/a', 'gone/a'], { statement: 'The mayor promised no tax rise' }),
    claim('k2', ['d5/a', 'd4/b'], {
      statement: 'The bridge will close',
      verdict: { rating: 'false', rationale: '', reviewer: '', date: '2024-05-01' },
    }),
    claim('k3', [], { statement: 'An empty claim', status: 'researching' }),
  ],
};

describe('claimRows', () => {
  const [k1, k2, k3] = claimRows(data, lookup);

  it('counts the mentions found and those not found', () => {
    expect([k1, k2, k3].map((row) => [row!.mentionCount, row!.missingCount])).toEqual([
      [4, 1],
      [2, 0],
      [0, 0],
    ]);
  });

  it('finds the first appearance by instant, across time zones, and never an undated one', () => {
    expect(k1!.firstAppearance).toEqual({
      ref: ref('d3/a'),
      documentTitle: 'Le budget',
      outlet: 'valley courier',
      speaker: 'Mayor Ruiz',
      quote: 'Nous n’augmenterons pas les impôts',
      date: '2024-03-05T00:30:00+01:00',
      instant: Date.UTC(2024, 2, 4, 23, 30),
      importedAt: '2024-04-03T00:00:00Z',
      role: 'claim',
    });
    expect(k1!.undatedCount).toBe(1);
    // d1 and d2 were published on 5 March (UTC), the day after d3.
    expect(k1!.sameDayCount).toBe(0);
  });

  it('says when no mention is dated', () => {
    expect(k2!.firstAppearance).toBeUndefined();
    expect(k2!.undatedCount).toBe(k2!.mentionCount);
    expect(k3!.firstAppearance).toBeUndefined();
    expect([k3!.undatedCount, k3!.mentionCount]).toEqual([0, 0]);
  });

  it("lists outlets once each, ignoring case, spelled as they first appear, the annotation's outlet first", () => {
    expect(k1!.outlets).toEqual(['valley courier', 'Reuters', 'Daily Blog']);
    expect(k2!.outlets).toEqual(['Daily Blog']);
    expect(k1!.speakers).toEqual(['Mayor Ruiz']);
  });

  it('carries the verdict and the quotes', () => {
    expect(k2!.verdict?.rating).toBe('false');
    expect(k1!.verdict).toBeUndefined();
    expect(k2!.quotes).toEqual(['the bridge will close', 'bridge closing in May']);
  });
});

describe('timelineOf', () => {
  it('orders mentions by publication instant, then undated ones by import time', () => {
    const timeline = timelineOf(data.claims[0]!, lookup);
    expect(timeline.map((entry) => [entry.ref.documentId, entry.date, entry.outlet])).toEqual([
      ['d3', '2024-03-05T00:30:00+01:00', 'valley courier'],
      ['d1', '2024-03-05', 'Valley Courier'],
      ['d2', '2024-03-04T23:30:00-02:00', 'Reuters'],
      ['d4', undefined, 'Daily Blog'],
    ]);
    expect(timeline[2]).toMatchObject({ documentTitle: 'Ministry statement', quote: '“We won’t raise taxes,” the mayor said' });
  });

  it('orders undated mentions by import time, whatever their order in the claim', () => {
    expect(timelineOf(data.claims[1]!, lookup).map((entry) => entry.ref.documentId)).toEqual(['d4', 'd5']);
  });

  it('breaks a tie on the day by the first-appearance rule, not by the order of the claim', () => {
    const same = { title: 'x', outlet: '', publishedAt: '2024-03-05', importedAt: T0, role: 'claim' as const, firstImportedAt: T0 };
    const tied = (r: AnnotationRef): MentionInfo => ({
      document: { id: r.documentId, ...same },
      annotation: { outlet: '', speaker: '', exact: r.annotationId, start: 0 },
    });
    expect(timelineOf(claim('k', ['b/b', 'a/a', 'c/c']), tied).map((entry) => entry.quote)).toEqual(['a', 'b', 'c']);
    expect(claimRows({ links: [], claims: [claim('k', ['b/b', 'a/a', 'c/c'])] }, tied)[0]!.sameDayCount).toBe(2);
  });
});

describe('instantOf', () => {
  it.each([
    ['2024-03-05', Date.UTC(2024, 2, 5)],
    ['2024-03-05T10:00:00Z', Date.UTC(2024, 2, 5, 10)],
    ['2024-03-04T23:30:00-02:00', Date.UTC(2024, 2, 5, 1, 30)],
    ['2024-03-05T00:30:00.250+01:00', Date.UTC(2024, 2, 4, 23, 30, 0, 250)],
    [undefined, undefined],
    ['last Tuesday', undefined],
  ])('%s → %s', (text, instant) => {
    expect(instantOf(text)).toBe(instant);
  });
});

/** A row with only what sorting and filtering read. */
function row(
  id: string,
  statement: string,
  mentionCount: number,
  first: string | undefined,
  rating: string | undefined,
  modified: string,
  extra: Partial<ClaimRow> = {},
): ClaimRow {
  const instant = instantOf(first);
  return {
    claim: claim(id, [], {
      statement,
      modified,
      ...(rating ? { verdict: { rating, rationale: '', reviewer: '', date: '2024-05-01' } } : {}),
    }),
    mentionCount,
    missingCount: 0,
    outlets: [],
    speakers: [],
    quotes: [],
    ...(instant !== undefined
      ? {
          firstAppearance: {
            ref: ref('d/a'),
            documentTitle: '',
            outlet: '',
            speaker: '',
            quote: '',
            date: first,
            instant,
            importedAt: T0,
            role: 'claim',
          },
        }
      : {}),
    undatedCount: 0,
    sameDayCount: 0,
    ...extra,
  };
}

describe('sortClaimRows', () => {
  const rows = [
    row('r1', 'Bridge closed', 3, '2024-03-05', 'false', '2024-05-01T00:00:00Z'),
    row('r2', 'ambulance delays', 1, undefined, undefined, '2024-04-01T00:00:00.5Z'),
    row('r3', 'Crime fell 40%', 3, '2024-01-01', 'true', '2024-04-01T00:00:00Z'),
    row('r4', 'crime fell 14%', 2, '2024-02-01T00:00:00+01:00', 'pants-on-fire', '2024-06-01T00:00:00Z'),
    row('r5', 'Claim 10', 1, undefined, 'mixed', '2024-04-15T00:00:00Z'),
    row('r6', 'Claim 2', 3, '2024-03-05', 'false', '2024-05-01T00:00:00Z'),
  ];

  it.each<[ClaimSortKey, 'asc' | 'desc', string[]]>([
    // Case ignored, numbers by value.
    ['statement', 'asc', ['r2', 'r1', 'r6', 'r5', 'r4', 'r3']],
    ['statement', 'desc', ['r3', 'r4', 'r5', 'r6', 'r1', 'r2']],
    // Ties keep their order in both directions.
    ['mentions', 'asc', ['r2', 'r5', 'r4', 'r1', 'r3', 'r6']],
    ['mentions', 'desc', ['r1', 'r3', 'r6', 'r4', 'r2', 'r5']],
    // Undated last in both directions.
    ['first-appearance', 'asc', ['r3', 'r4', 'r1', 'r6', 'r2', 'r5']],
    ['first-appearance', 'desc', ['r1', 'r6', 'r4', 'r3', 'r2', 'r5']],
    // Scale order (true … false), then ratings outside the scale, then no verdict.
    ['verdict', 'asc', ['r3', 'r5', 'r1', 'r6', 'r4', 'r2']],
    ['verdict', 'desc', ['r4', 'r1', 'r6', 'r5', 'r3', 'r2']],
    // As instants: 00:00:00.5Z is after 00:00:00Z, though it sorts before it as text.
    ['modified', 'asc', ['r3', 'r2', 'r5', 'r1', 'r6', 'r4']],
    ['modified', 'desc', ['r4', 'r1', 'r6', 'r5', 'r2', 'r3']],
  ])('by %s, %s', (key, direction, ids) => {
    expect(sortClaimRows(rows, key, direction).map((r) => r.claim.id)).toEqual(ids);
  });

  it("sorts verdicts in the order of the workspace's scale", () => {
    const scale = [
      { id: 'pants-on-fire', label: 'Pants on fire', color: '#ff0000' },
      { id: 'true', label: 'True', color: '#00ff00' },
    ];
    expect(sortClaimRows(rows, 'verdict', 'asc', scale).map((r) => r.claim.id)).toEqual(['r4', 'r3', 'r1', 'r6', 'r5', 'r2']);
  });

  it('leaves its input as it was', () => {
    const before = rows.map((r) => r.claim.id);
    sortClaimRows(rows, 'statement', 'desc');
    expect(rows.map((r) => r.claim.id)).toEqual(before);
  });
});

describe('filterClaimRows', () => {
  const rows = claimRows(data, lookup);

  it.each<[string, { text?: string; verdict?: string; status?: ClaimStatus }, string[]]>([
    ['nothing', {}, ['k1', 'k2', 'k3']],
    ['blank text', { text: '   ' }, ['k1', 'k2', 'k3']],
    ['a word of the statement', { text: 'mayor' }, ['k1']],
    ['an outlet, in other case', { text: 'REUTERS' }, ['k1']],
    ['a speaker', { text: 'ruiz' }, ['k1']],
    ['a word of a quote', { text: 'May' }, ['k1', 'k2']],
    ['a straight apostrophe for a curly one', { text: "won't" }, ['k1']],
    ['two words found in different places', { text: 'bridge daily' }, ['k2']],
    ['two words, one found nowhere', { text: 'bridge reuters' }, []],
    ['claims without a verdict', { verdict: 'none' }, ['k1', 'k3']],
    ['a rating', { verdict: 'false' }, ['k2']],
    ['a rating no claim has', { verdict: 'true' }, []],
    ['a status', { status: 'researching' }, ['k3']],
    ['a status and text', { status: 'open', text: 'bridge' }, ['k2']],
    ['a verdict and text that exclude each other', { verdict: 'false', text: 'mayor' }, []],
  ])('by %s', (_name, filter, ids) => {
    expect(filterClaimRows(rows, filter).map((r) => r.claim.id)).toEqual(ids);
  });
});

describe('mentionInfo', () => {
  const meta = { id: 'd', title: 'T', outlet: '', role: 'source' as const, importedAt: '2026-12-06T10:00:00.000Z' };
  const annotation = {
    outlet: '',
    speaker: '',
    target: { start: 4, end: 8, exact: 'Four', prefix: '', suffix: '' },
    anchor: { state: 'exact' as const },
  };

  it('takes the first import time from the first version, so a new version does not change the first appearance', () => {
    const versions = [{ importedAt: '2026-12-01T09:00:00.000Z' }, { importedAt: '2026-12-03T09:00:00.000Z' }];
    expect(mentionInfo({ meta, versions }, annotation).document.firstImportedAt).toBe('2026-12-01T09:00:00.000Z');
    expect(mentionInfo({ meta }, annotation).document.firstImportedAt).toBe(meta.importedAt);
  });

  it('carries the quote a new version changed', () => {
    const changed = {
      ...annotation,
      anchor: { state: 'fuzzy' as const, confidence: 0.95, previousQuote: 'Five', review: 'evidence' as const },
    };
    expect(mentionInfo({ meta }, changed).annotation).toMatchObject({ exact: 'Four', was: 'Five', start: 4 });
    expect(mentionInfo({ meta }, annotation).annotation.was).toBeUndefined();
  });
});
