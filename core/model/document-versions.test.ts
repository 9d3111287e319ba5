import { describe, expect, it } from 'vitest';
import { versionMadeOn, versionsOf, type VersionedDocument } from './document-versions.ts';

const hash = (c: string) => c.repeat(64);

const document: VersionedDocument = {
  meta: { textHash: hash('c'), importedFrom: '/v3.txt', importedAt: '2026-12-03T00:00:00.000Z' },
  versions: [
    {
      textHash: hash('a'),
      originalName: 'v1.txt',
      importedFrom: '/v1.txt',
      importedAt: '2026-12-01T00:00:00.000Z',
      replacedAt: '2026-12-02T00:00:00.000Z',
    },
    { textHash: hash('b'), importedFrom: '/v2.txt', importedAt: '2026-12-02T00:00:00.000Z', replacedAt: '2026-12-03T00:00:00.000Z' },
  ],
  annotations: [
    { created: '2026-11-20T00:00:00.000Z' }, // brought from elsewhere, older than every version
    { created: '2026-12-01T12:00:00.000Z' },
    { created: '2026-12-02T00:00:00.000Z' }, // the instant v2 came in
    { created: '2026-12-05T00:00:00.000Z' },
  ],
};

describe('versionsOf', () => {
  it('numbers the versions from 1, the current one last, and counts the annotations made on each', () => {
    expect(versionsOf(document)).toEqual([
      {
        number: 1,
        textHash: hash('a'),
        originalName: 'v1.txt',
        importedFrom: '/v1.txt',
        importedAt: '2026-12-01T00:00:00.000Z',
        replacedAt: '2026-12-02T00:00:00.000Z',
        current: false,
        annotationsMadeOn: 2,
      },
      {
        number: 2,
        textHash: hash('b'),
        importedFrom: '/v2.txt',
        importedAt: '2026-12-02T00:00:00.000Z',
        replacedAt: '2026-12-03T00:00:00.000Z',
        current: false,
        annotationsMadeOn: 1,
      },
      {
        number: 3,
        textHash: hash('c'),
        importedFrom: '/v3.txt',
        importedAt: '2026-12-03T00:00:00.000Z',
        current: true,
        annotationsMadeOn: 1,
      },
    ]);
  });

  it('gives a document never updated one current version', () => {
    expect(versionsOf({ ...document, versions: [] })).toMatchObject([{ number: 1, current: true, annotationsMadeOn: 4 }]);
  });
});

describe('versionMadeOn', () => {
  const versions = versionsOf(document);
  it.each([
    ['2026-11-20T00:00:00.000Z', 1],
    ['2026-12-01T00:00:00.000Z', 1],
    ['2026-12-01T23:59:59.999Z', 1],
    ['2026-12-02T00:00:00.000Z', 2],
    ['2026-12-03T00:00:01.000Z', 3],
  ])('an annotation created at %s was made on version %i', (created, number) => {
    expect(versionMadeOn(versions, created).number).toBe(number);
  });
});
