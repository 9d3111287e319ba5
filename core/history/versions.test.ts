// Which version a written record gets: one after the one it has now; a new record starts at 1; one
// brought back by undo or redo moves on from the version it had.
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation.ts';
import type { Claim, EvidenceLink } from '../model/evidence.ts';
import type { ChangeSide } from './history.ts';
import { currentRecords, nextVersion, withVersions } from './versions.ts';

describe('nextVersion', () => {
  it.each([
    ['an edit of a record at 4', { version: 4 }, { version: 4 }, true, 5],
    ['an edit of a record from before versions (1)', {}, {}, true, 2],
    ['an undo writing version 3 over a record now at 7', { version: 7 }, { version: 3 }, false, 8],
    ['a new record', undefined, {}, true, 1],
    ['a new record from a bundle, at its version there', undefined, { version: 6 }, true, 6],
    ['a deleted record brought back by undo', undefined, { version: 6 }, false, 7],
    ['a created record brought back by redo', undefined, { version: 1 }, false, 2],
  ])('%s', (_name, current, written, fresh, expected) => {
    expect(nextVersion(current, written, fresh)).toBe(expected);
  });
});

describe('withVersions', () => {
  const annotation = { id: 'a1', version: 2 } as Annotation;
  const claim = { id: 'c1', version: 5 } as Claim;
  const link = { id: 'l1', version: 4 } as EvidenceLink;
  const current = {
    annotation: (_documentId: string, id: string) => (id === 'a1' ? annotation : undefined),
    claim: (id: string) => (id === 'c1' ? claim : undefined),
    link: (id: string) => (id === 'l1' ? link : undefined),
  };

  it('gives each annotation, claim and link a side puts the next version, once per change however often it is put', () => {
    const side: ChangeSide = {
      annotations: [
        { documentId: 'd', annotationId: 'a1', annotation: { ...annotation, note: 'x' } },
        { documentId: 'd', annotationId: 'a2', annotation: undefined },
      ],
      evidence: {
        side: 'before',
        edits: [
          { kind: 'claim', id: 'c1', before: { ...claim, statement: 'one' } },
          { kind: 'claim', id: 'c1', before: { ...claim, statement: 'two' } },
          { kind: 'claim', id: 'c2', before: { ...claim, id: 'c2', version: 9 } },
          { kind: 'link', id: 'l1', before: { ...link, note: 'one' } },
          { kind: 'link', id: 'l1', before: { ...link, note: 'two' } },
          // A link and a claim with one id are two records.
          { kind: 'link', id: 'c1', before: { ...link, id: 'c1', version: 2 } },
        ],
      },
    };
    const versioned = withVersions(side, current, false);
    expect(versioned.annotations.map((edit) => edit.annotation?.version)).toEqual([3, undefined]);
    expect(versioned.evidence!.edits.map((edit) => edit.before?.version)).toEqual([6, 6, 10, 5, 5, 3]);
  });
});

describe('currentRecords', () => {
  it('finds each annotation, claim and link by id, scanning at first and indexing a document asked for often', () => {
    const annotations = Array.from({ length: 40 }, (_, index) => ({ id: `a${index}`, version: index + 1 }) as Annotation);
    let scans = 0;
    const current = currentRecords({
      annotations: (documentId) => (scans++, documentId === 'd' ? annotations : []),
      claims: () => [{ id: 'c1', version: 3 } as Claim],
      links: () => [{ id: 'l1', version: 7 } as EvidenceLink],
    });
    for (const annotation of annotations) expect(current.annotation('d', annotation.id)).toBe(annotation);
    expect(current.annotation('d', 'missing')).toBeUndefined();
    expect(current.annotation('other', 'a1')).toBeUndefined();
    // 15 scans, then one index for the rest.
    expect(scans).toBe(17);
    expect(current.claim('c1')?.version).toBe(3);
    expect(current.claim('c2')).toBeUndefined();
    expect(current.link('l1')?.version).toBe(7);
    expect(current.link('c1')).toBeUndefined();
  });
});
