// The strict reader of Claimbench's own export against the writer: what annotationToW3C and
// linkToW3C write comes back as it was, what Claimbench would not have written is refused with the
// reason, and the general reader reads the same bodies as the same fields (one rule for both).
// Whole bundles are covered by main/bundle/round-trip.test.ts.
import { describe, expect, it } from 'vitest';
import { Annotation, textTarget } from '../../model/annotation.ts';
import type { Tag } from '../../model/codebook.ts';
import { DocumentMeta } from '../../model/document.ts';
import { EvidenceLink } from '../../model/evidence.ts';
import { codePointIndex } from '../../text/code-points.ts';
import { annotationFromOwnW3C, linkFromOwnW3C, OwnItem } from './read-own.ts';
import { claimbenchIris } from './w3c-iris.ts';
import { annotationFromW3C } from './w3c-read.ts';
import type { W3CAnnotation, W3CTarget } from './w3c-types.ts';
import { annotationToW3C, linkToW3C, w3cDocument } from './w3c-write.ts';

const TEXT = '😀 The mayor said taxes will not rise in 2025. The council disagreed.';
const meta = DocumentMeta.parse({
  id: 'doc-1',
  title: 'A',
  format: 'text',
  importedAt: '2025-01-02T03:04:05.000Z',
  importedFrom: 'a.txt',
  textHash: 'a'.repeat(64),
});
const document = w3cDocument(meta, TEXT);
const iris = claimbenchIris('ws-1');
const tagsById = new Map<string, Tag>([['quote', { id: 'quote', name: 'Direct quote', color: '#112233', description: '' }]]);
const start = TEXT.indexOf('taxes');
const annotation = Annotation.parse({
  id: 'a1',
  target: textTarget(TEXT, start, start + 20),
  anchor: { state: 'exact', textHash: meta.textHash },
  tags: ['quote'],
  note: 'Check the *budget*.',
  status: 'supported',
  speaker: 'The mayor',
  outlet: 'Courier',
  creator: 'Ana',
  created: '2025-01-02T03:04:05.000Z',
  modified: '2025-01-03T03:04:05.000Z',
});
const exported = JSON.parse(
  JSON.stringify(annotationToW3C(annotation, { document, tagsById, statusLabel: () => 'Supported', iris })),
) as W3CAnnotation;

function readOwn(item: unknown) {
  const parsed = OwnItem.parse(item);
  if (Array.isArray(parsed.target)) throw new Error('an annotation has one target');
  return annotationFromOwnW3C(parsed, parsed.target, { meta, text: TEXT }, () => codePointIndex(TEXT), new Map());
}

const target = exported.target as W3CTarget;
const withBodies = (body: readonly object[]) => ({ ...exported, body });

describe('annotationFromOwnW3C', () => {
  it('reads back what annotationToW3C wrote', () => {
    expect(readOwn(exported)).toEqual({ ok: true, value: annotation });
  });

  it('carries the annotation’s version in a bundle, and leaves it out of a W3C export', () => {
    const versioned = { ...annotation, version: 7 };
    const context = { document, tagsById, statusLabel: () => 'Supported', iris };
    expect(annotationToW3C(versioned, context)).not.toHaveProperty('claimbench:version');
    const inBundle = JSON.parse(JSON.stringify(annotationToW3C(versioned, { ...context, versions: true }))) as W3CAnnotation;
    expect(inBundle['claimbench:version']).toBe(7);
    expect(readOwn(inBundle)).toEqual({ ok: true, value: versioned });
    // An annotation from before versions is version 1 in a bundle.
    expect(annotationToW3C(annotation, { ...context, versions: true })['claimbench:version']).toBe(1);
  });

  it.each<[string, object, RegExp]>([
    [
      'an id that is not a Claimbench IRI',
      { ...exported, id: 'http://example.org/1' },
      /"http:\/\/example\.org\/1" is not the IRI of a Claimbench annotation/,
    ],
    [
      'a tag without its codebook id',
      withBodies(exported.body.map(({ 'claimbench:tag': _id, ...body }) => body)),
      /^annotation a1: a tag without its claimbench:tag id$/,
    ],
    ['no status', withBodies(exported.body.filter((body) => body.purpose !== 'assessing')), /^annotation a1 has no status/],
    [
      'a status without its id',
      withBodies(exported.body.map(({ 'claimbench:status': _id, ...body }) => body)),
      /^annotation a1 has no status/,
    ],
    [
      'a quote that is not at its position',
      {
        ...exported,
        target: {
          ...target,
          selector: target.selector.map((one) => (one.type === 'TextQuoteSelector' ? { ...one, exact: 'taxes will not fall' } : one)),
        },
      },
      /its quote is not at its position/,
    ],
    [
      'no TextPositionSelector on a placed annotation',
      { ...exported, target: { ...target, selector: target.selector.filter((one) => one.type === 'TextQuoteSelector') } },
      /has no TextPositionSelector/,
    ],
  ])('refuses %s, saying so', (_name, item, message) => {
    const read = readOwn(item);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.message).toMatch(message);
  });

  // [name, bodies]: the same fields whatever the order of the bodies; a body of another purpose is no field.
  it.each<[string, readonly object[]]>([
    ['as exported', exported.body],
    ['in reverse order', exported.body.toReversed()],
    ['with a body of another purpose', [...exported.body, { type: 'TextualBody', purpose: 'highlighting', value: 'yellow' }]],
  ])('reads the bodies %s as the same fields as the general reader', (_name, body) => {
    const own = readOwn(withBodies(body));
    const general = annotationFromW3C(withBodies(body), TEXT);
    if (!own.ok || !general.ok) throw new Error('both readers read it');
    expect(own.value).toEqual(annotation);
    expect({
      tags: general.value.tags.map((tag) => tag.id),
      note: general.value.note,
      status: general.value.status?.id,
      speaker: general.value.speaker,
      outlet: general.value.outlet,
    }).toEqual({
      tags: own.value.tags,
      note: own.value.note,
      status: own.value.status,
      speaker: own.value.speaker,
      outlet: own.value.outlet,
    });
  });
});

describe('linkFromOwnW3C', () => {
  const other = Annotation.parse({ ...annotation, id: 'a2', target: textTarget(TEXT, TEXT.indexOf('The council'), TEXT.length - 1) });
  const link = EvidenceLink.parse({
    id: 'l1',
    relation: 'refutes',
    from: { documentId: 'doc-1', annotationId: 'a1' },
    to: { documentId: 'doc-1', annotationId: 'a2' },
    note: 'Page 4.',
    creator: 'Bo',
    created: '2025-01-02T03:04:05.000Z',
    modified: '2025-01-02T03:04:05.000Z',
  });
  const w3c = JSON.parse(
    JSON.stringify(linkToW3C(link, { from: { annotation, document }, to: { annotation: other, document }, iris })),
  ) as W3CAnnotation;

  it('reads back what linkToW3C wrote, its ends by role whatever their order', () => {
    expect(linkFromOwnW3C(OwnItem.parse(w3c))).toEqual({ ok: true, value: link });
    expect(linkFromOwnW3C(OwnItem.parse({ ...w3c, target: (w3c.target as W3CTarget[]).toReversed() }))).toEqual({ ok: true, value: link });
  });

  it('refuses a link that does not say which end is which', () => {
    const targets = (w3c.target as W3CTarget[]).map(({ 'claimbench:role': _role, ...end }) => end);
    expect(linkFromOwnW3C(OwnItem.parse({ ...w3c, target: targets }))).toMatchObject({
      ok: false,
      error: { message: 'link l1 does not name the annotations at its two ends' },
    });
  });
});
