import { describe, expect, it } from 'vitest';
import { textTarget, type Annotation } from '../model/annotation.ts';
import type { Codebook } from '../model/codebook.ts';
import { DEFAULT_VERDICT_SCALE, type Claim, type EvidenceLink } from '../model/evidence.ts';
import { WORKSPACE_SCHEMA_VERSION, type DocumentFile } from '../model/stored-files.ts';
import { DEFAULT_STATUSES } from '../model/workspace.ts';
import type { BundleContent } from './read-bundle-content.ts';
import { describeMergeSummary, planMerge, resolveMerge, type MergeTarget, type Resolution } from './bundle-merge.ts';

const TEXT = 'The mayor said taxes will not rise. CNN reported a 40% rise.';
const HASH = 'a'.repeat(64);
const OTHER_HASH = 'b'.repeat(64);
const T0 = '2026-11-01T10:00:00.000Z';
const T1 = '2026-11-02T10:00:00.000Z';

function annotation(id: string, start: number, end: number, overrides: Partial<Annotation> = {}): Annotation {
  return {
    id,
    target: textTarget(TEXT, start, end),
    anchor: { state: 'exact', textHash: HASH },
    tags: [],
    speaker: '',
    outlet: '',
    status: 'unverified',
    note: '',
    creator: 'Ana',
    created: T0,
    modified: T0,
    ...overrides,
  };
}

function document(id: string, annotations: Annotation[], textHash = HASH, title = `Doc ${id}`): DocumentFile {
  return {
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    meta: { id, title, role: 'claim', outlet: '', author: '', format: 'text', importedAt: T0, importedFrom: 'x.txt', textHash, tags: [] },
    text: TEXT,
    annotations,
    structure: {},
    versions: [],
  };
}

const codebook: Codebook = { tags: [{ id: 'quote', name: 'Quote', color: '#112233', description: '', shortcut: 'q' }] };

function target(documents: DocumentFile[], links: EvidenceLink[] = [], claims: Claim[] = []): MergeTarget {
  return { documents, evidence: { links, claims }, codebook, statuses: DEFAULT_STATUSES, verdictScale: DEFAULT_VERDICT_SCALE };
}

function bundle(
  documents: DocumentFile[],
  links: EvidenceLink[] = [],
  claims: Claim[] = [],
  extra: Partial<BundleContent> = {},
): BundleContent {
  return {
    workspace: 'Theirs',
    statuses: DEFAULT_STATUSES,
    verdictScale: DEFAULT_VERDICT_SCALE,
    codebook,
    documents,
    evidence: { links, claims },
    texts: new Map(),
    originals: [],
    ...extra,
    archive: extra.archive ?? [],
    savedSearches: extra.savedSearches ?? [],
  };
}

const link = (id: string, from: [string, string], to: [string, string], overrides: Partial<EvidenceLink> = {}): EvidenceLink => ({
  id,
  relation: 'supports',
  from: { documentId: from[0], annotationId: from[1] },
  to: { documentId: to[0], annotationId: to[1] },
  note: '',
  creator: 'Ana',
  created: T0,
  modified: T0,
  ...overrides,
});

let counter = 0;
const newId = () => `new-${++counter}`;
const all = (plan: ReturnType<typeof planMerge>, choice: Resolution) => new Map(plan.conflicts.map((conflict) => [conflict.key, choice]));

describe('planMerge', () => {
  it('matches documents by text hash whatever their ids, adds new ones, skips identical annotations and lists conflicts', () => {
    const mine = target([document('mine-1', [annotation('a1', 0, 9), annotation('a2', 15, 34)])]);
    const theirs = bundle([
      document('their-1', [
        annotation('a1', 0, 9),
        annotation('a2', 15, 34, { note: 'Checked with the budget office', modified: T1 }),
        annotation('a3', 36, 39),
      ]),
      document('their-2', [annotation('b1', 0, 3)], OTHER_HASH),
    ]);
    const plan = planMerge(mine, theirs, newId);
    expect(plan.documents).toEqual([
      { incomingId: 'their-1', localId: 'mine-1', title: 'Doc mine-1', state: 'matched' },
      { incomingId: 'their-2', localId: 'their-2', title: 'Doc their-2', state: 'new' },
    ]);
    expect(plan.annotations).toEqual({ added: 2, skipped: 1, conflicts: 1 });
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.conflicts[0]).toMatchObject({
      kind: 'annotation',
      key: 'annotation:mine-1:a2',
      documentId: 'mine-1',
      differences: ['note'],
      options: ['mine', 'theirs', 'both'],
    });
  });

  it('does not count a later modification time alone, or a missing text hash, as a difference', () => {
    const mine = target([document('d', [annotation('a1', 0, 9, { anchor: { state: 'exact' } })])]);
    const plan = planMerge(mine, bundle([document('d', [annotation('a1', 0, 9, { modified: T1 })])]), newId);
    expect(plan.conflicts).toEqual([]);
    expect(plan.annotations.skipped).toBe(1);
  });

  it('gives a new document another id when this workspace uses its id for another text', () => {
    const plan = planMerge(target([document('d', [])]), bundle([document('d', [annotation('x', 0, 3)], OTHER_HASH)]), () => 'fresh');
    expect(plan.documents[0]).toMatchObject({ incomingId: 'd', localId: 'fresh', state: 'new' });
  });
});

describe('resolveMerge', () => {
  const mine = target([document('d', [annotation('a1', 0, 9, { tags: ['quote'] })])], [], []);
  const theirs = bundle(
    [document('d', [annotation('a1', 0, 9, { tags: [], note: 'theirs' }), annotation('a9', 15, 34)])],
    [link('l1', ['d', 'a1'], ['d', 'a9'])],
    [
      {
        id: 'c1',
        statement: 'Taxes will not rise',
        mentions: [{ documentId: 'd', annotationId: 'a1' }],
        status: 'open',
        creator: 'Bo',
        created: T0,
        modified: T0,
      },
    ],
  );

  it("keeps our speakers and joins the bundle's: a new spelling of ours becomes an alias, a new speaker is added", () => {
    const ours = { ...target([document('d', [])]), codebook: { ...codebook, speakers: [{ name: 'Zelenskyy', aliases: ['Zelensky'] }] } };
    const incoming = bundle([document('d', [])], [], [], {
      codebook: {
        ...codebook,
        speakers: [
          { name: 'Zelensky', aliases: ['Volodymyr Zelensky'] },
          { name: 'Boychenko', aliases: [] },
        ],
      },
    });
    const result = resolveMerge(ours, planMerge(ours, incoming, newId), new Map(), newId);
    expect(result.ok && result.value.codebook.speakers).toEqual([
      { name: 'Zelenskyy', aliases: ['Zelensky', 'Volodymyr Zelensky'] },
      { name: 'Boychenko', aliases: [] },
    ]);
    // A bundle without speakers leaves the codebook as it was (the same object: nothing to write).
    const plain = resolveMerge(ours, planMerge(ours, bundle([document('d', [])]), newId), new Map(), newId);
    expect(plain.ok && plain.value.codebook).toBe(ours.codebook);
  });

  it('refuses to write while a conflict has no choice', () => {
    const plan = planMerge(mine, theirs, newId);
    const result = resolveMerge(mine, plan, new Map(), newId);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('Choose what to keep for annotation a1 of document d.');
  });

  it('keep mine: the annotation stays as it was; the new one, the link and the claim are added', () => {
    const plan = planMerge(mine, theirs, newId);
    const result = resolveMerge(mine, plan, all(plan, 'mine'), newId);
    if (!result.ok) throw new Error(result.error.message);
    const [written] = result.value.documents;
    expect(written!.before).toBe(mine.documents[0]);
    expect(written!.after.annotations.map((a) => [a.id, a.note, a.tags])).toEqual([
      ['a1', '', ['quote']],
      ['a9', '', []],
    ]);
    expect(result.value.evidence.links.map((l) => l.id)).toEqual(['l1']);
    expect(result.value.summary.annotations).toEqual({ added: 1, skipped: 0, replaced: 0, kept: 1, duplicated: 0 });
  });

  it('says what it did in words, counting the copy a kept-both conflict adds', () => {
    const plan = planMerge(mine, theirs, newId);
    const result = resolveMerge(mine, plan, all(plan, 'both'), () => 'copy-2');
    if (!result.ok) throw new Error(result.error.message);
    expect(describeMergeSummary(result.value.summary)).toBe(
      '0 new documents, 1 merged; 2 annotations added (conflicts: 1 kept both); 1 evidence link added; 1 claim added',
    );
  });

  it('take theirs: their version replaces mine under the same id', () => {
    const plan = planMerge(mine, theirs, newId);
    const result = resolveMerge(mine, plan, all(plan, 'theirs'), newId);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.documents[0]!.after.annotations.find((a) => a.id === 'a1')!.note).toBe('theirs');
  });

  it("keep both: theirs gets a new id, and the bundle's links and mentions follow it", () => {
    const plan = planMerge(mine, theirs, newId);
    const result = resolveMerge(mine, plan, all(plan, 'both'), () => 'copy');
    if (!result.ok) throw new Error(result.error.message);
    const annotations = result.value.documents[0]!.after.annotations;
    expect(annotations.map((a) => [a.id, a.note])).toEqual([
      ['a1', ''],
      ['copy', 'theirs'],
      ['a9', ''],
    ]);
    expect(result.value.evidence.links[0]!.from).toEqual({ documentId: 'd', annotationId: 'copy' });
    expect(result.value.evidence.claims[0]!.mentions).toEqual([{ documentId: 'd', annotationId: 'copy' }]);
    expect(result.value.summary.annotations.duplicated).toBe(1);
  });

  it('skips a link whose ends and relation this workspace already links, under another id', () => {
    const withLink = target(
      [document('d', [annotation('a1', 0, 9), annotation('a9', 15, 34)])],
      [link('mine', ['d', 'a9'], ['d', 'a1'], { relation: 'same-claim' })],
    );
    const plan = planMerge(
      withLink,
      bundle(
        [document('d', [annotation('a1', 0, 9), annotation('a9', 15, 34)])],
        [link('theirs', ['d', 'a1'], ['d', 'a9'], { relation: 'same-claim' })],
      ),
      newId,
    );
    expect(plan.links).toEqual({ added: 0, skipped: 1, conflicts: 0 });
    const result = resolveMerge(withLink, plan, new Map(), newId);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.evidence.links.map((l) => l.id)).toEqual(['mine']);
  });

  it('offers only mine or theirs for a link conflict whose copy would repeat the same link', () => {
    const withLink = target([document('d', [annotation('a1', 0, 9), annotation('a9', 15, 34)])], [link('l1', ['d', 'a1'], ['d', 'a9'])]);
    const plan = planMerge(
      withLink,
      bundle(
        [document('d', [annotation('a1', 0, 9), annotation('a9', 15, 34)])],
        [link('l1', ['d', 'a1'], ['d', 'a9'], { note: 'differs' })],
      ),
      newId,
    );
    expect(plan.conflicts[0]).toMatchObject({ kind: 'link', options: ['mine', 'theirs'] });
    expect(resolveMerge(withLink, plan, all(plan, 'both'), newId).ok).toBe(false);
  });

  it('adds tags, statuses and ratings the workspace lacks, keeps its own definition of a tag both have, and drops a taken shortcut', () => {
    const incomingCodebook: Codebook = {
      tags: [
        { id: 'quote', name: 'Citation', color: '#000000', description: '' },
        { id: 'rumour', name: 'Rumour', color: '#aa0000', description: '', shortcut: 'q', parentId: 'quote' },
      ],
    };
    const plan = planMerge(
      target([]),
      bundle([], [], [], {
        codebook: incomingCodebook,
        statuses: [...DEFAULT_STATUSES, { id: 'satire', label: 'Satire', color: '#123456' }],
      }),
      newId,
    );
    expect(plan.tagsAdded).toEqual(['rumour']);
    expect(plan.tagsKept).toEqual(['quote']);
    const result = resolveMerge(target([]), plan, new Map(), newId);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.codebook.tags).toEqual([
      codebook.tags[0],
      { id: 'rumour', name: 'Rumour', color: '#aa0000', description: '', parentId: 'quote' },
    ]);
    expect(result.value.statuses.map((s) => s.id)).toContain('satire');
  });
});
