// Every W3C annotation Claimbench writes must pass every MUST assertion of the W3C Web Annotation
// test suite (annotations/annotationMusts.test), and a collection those of collectionMusts.test.
// The harness is checked too: the suite's own correct samples pass it, its incorrect ones fail it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeFailures,
  loadAssertionSuite,
  W3C_TESTS_DIR,
  w3cTestsAvailable,
  type AssertionSuite,
} from '../../../tests/support/w3c-conformance.ts';
import { Annotation, textTarget } from '../../model/annotation.ts';
import type { Tag } from '../../model/codebook.ts';
import { DocumentMeta } from '../../model/document.ts';
import { EvidenceLink } from '../../model/evidence.ts';
import { DEFAULT_STATUSES } from '../../model/workspace.ts';
import { claimbenchIris } from './w3c-iris.ts';
import { annotationCollection, annotationToW3C, linkToW3C, w3cDocument, type W3CExportContext } from './w3c-write.ts';

const available = w3cTestsAvailable();
if (!available) console.warn(`W3C conformance tests skipped: the suite is not at ${W3C_TESTS_DIR}.`);

const TEXT = '😀 The mayor 👩‍👩‍👧 said taxes will not rise in 2025. שלום 𠮷 Ṩ. The council disagreed.';
const SOURCE_TEXT = '🇺🇦 Budget papers show a 3% rise in property tax.';

const meta = (overrides: Partial<DocumentMeta>) =>
  DocumentMeta.parse({
    id: 'doc-1',
    title: 'Doc',
    format: 'text',
    importedAt: '2025-01-02T03:04:05.000Z',
    importedFrom: 'a.txt',
    textHash: 'c'.repeat(64),
    ...overrides,
  });
const claimDocument = w3cDocument(meta({}), TEXT);
const sourceDocument = w3cDocument(meta({ id: 'doc-2', sourceUrl: 'https://example.org/budget?year=2025' }), SOURCE_TEXT);
const tags = new Map<string, Tag>([['promise', { id: 'promise', name: 'Promise', color: '#123456', description: '' }]]);
const iris = claimbenchIris('workspace-7');
const context = (document = claimDocument): W3CExportContext => ({
  document,
  tagsById: tags,
  statusLabel: (id) => DEFAULT_STATUSES.find((status) => status.id === id)?.label,
  iris,
});

function annotation(text: string, quote: string, fields: Partial<Annotation>): Annotation {
  const start = text.indexOf(quote);
  return Annotation.parse({
    id: 'a',
    target: textTarget(text, start, start + quote.length),
    tags: [],
    status: 'unverified',
    created: '2025-01-02T03:04:05.000Z',
    modified: '2025-01-02T03:04:05.000Z',
    ...fields,
  });
}

const everything = annotation(TEXT, 'taxes will not rise', {
  id: 'everything',
  tags: ['promise', 'deleted-tag'],
  note: '**Check** the budget.',
  status: 'refuted',
  speaker: 'The mayor',
  outlet: 'Courier',
  creator: 'Ana Analyst',
});
const bare = annotation(TEXT, 'The mayor', { id: 'bare' });
const noteOnly = annotation(TEXT, 'שלום 𠮷 Ṩ', { id: '0f8fad5b-d9cb-469f-a165-70867728950e', note: 'Odd characters.' });
const orphan = annotation('An older text: the council agreed.', 'the council agreed', {
  id: 'orphan',
  anchor: { state: 'orphaned', textHash: 'd'.repeat(64) },
  tags: ['promise'],
});
const orphanWithoutHash = annotation('Old.', 'Old', { id: 'orphan-2', anchor: { state: 'orphaned' } });
const source = annotation(SOURCE_TEXT, 'a 3% rise', { id: 'source', status: 'supported' });
const link = EvidenceLink.parse({
  id: 'link-1',
  relation: 'refutes',
  from: { documentId: 'doc-1', annotationId: 'everything' },
  to: { documentId: 'doc-2', annotationId: 'source' },
  note: 'See page 4.',
  creator: 'Ana',
  created: '2025-01-02T03:04:05.000Z',
  modified: '2025-01-02T03:04:05.000Z',
});
const bareLink = EvidenceLink.parse({ ...link, id: 'link-2', relation: 'context', note: '', creator: '' });
const linkContext = {
  from: { annotation: everything, document: claimDocument },
  to: { annotation: source, document: sourceDocument },
  iris,
};

/** Exported and read back as JSON, as a file would carry it. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const exports: [string, unknown][] = [
  ['tags, note, status, speaker, outlet, creator', annotationToW3C(everything, context())],
  ['a status only, no creator', annotationToW3C(bare, context())],
  ['a note on astral and right-to-left text, UUID id', annotationToW3C(noteOnly, context())],
  ['an orphan (quote only)', annotationToW3C(orphan, context())],
  ['an orphan without a text hash', annotationToW3C(orphanWithoutHash, context())],
  ['a document with a web address', annotationToW3C(source, context(sourceDocument))],
  ['a link with a note and creator', linkToW3C(link, linkContext)],
  ['a link with neither', linkToW3C(bareLink, linkContext)],
].map(([name, value]) => [name as string, asJson(value)]);

describe.skipIf(!available)('W3C Web Annotation MUST assertions', () => {
  const musts: AssertionSuite = available ? loadAssertionSuite('annotations/annotationMusts.test') : { assertions: [], check: () => [] };

  it('loads every assertion the suite lists', () => {
    expect(musts.assertions.length).toBeGreaterThanOrEqual(50);
  });

  it.each(exports)('%s: passes every MUST assertion', (_name, exported) => {
    const failures = musts.check(exported);
    expect(failures, describeFailures(failures)).toEqual([]);
  });

  it('a collection of them passes every MUST assertion for collections', () => {
    const collections = loadAssertionSuite('collections/collectionMusts.test');
    const collection = asJson(
      annotationCollection(
        exports.map(([, value]) => value as never),
        { id: 'urn:claimbench:workspace-7:export:1', label: 'Claims' },
      ),
    );
    const failures = collections.check(collection);
    expect(failures, describeFailures(failures)).toEqual([]);
    const miscounted = collections.check({ ...(collection as object), total: -1 }).map((failure) => failure.assertion);
    expect(miscounted).toEqual(['collections/5.1-collectionTotalValidated.json']);
  });

  // The harness can fail: breaking an export breaks the assertion that guards it.
  const valid = exports[0]![1] as Record<string, unknown>;
  it.each([
    ['without @context', { ...valid, '@context': undefined }, 'annotations/3.1-annotationContextValidated.json'],
    ['without target', { ...valid, target: undefined }, 'annotations/3.1-targetKeyFound.json'],
    ['with an id that is not an IRI', { ...valid, id: 'not an iri' }, 'annotations/3.1-annotationIdValidated.json'],
    [
      'with a negative TextPositionSelector',
      { ...valid, target: { source: 'urn:x:y', selector: { type: 'TextPositionSelector', start: -1, end: 2 } } },
      'annotations/specificResource/4.2-TextDataPositionSelectorValid.json',
    ],
    [
      'with a TextualBody carrying an id and a purpose',
      { ...valid, body: { type: 'TextualBody', id: 'urn:x:tag', purpose: 'tagging', value: 't' } },
      'annotations/bodiesTargets/3.3.5-bodyEWRNoPurpose.json',
    ],
  ])('an annotation %s fails its assertion', (_name, broken, assertion) => {
    expect(musts.check(asJson(broken)).map((failure) => failure.assertion)).toContain(assertion);
  });

  it('passes the suite’s correct sample annotations, except three that its own definitions reject', () => {
    const folder = join(W3C_TESTS_DIR, 'tools/samples/correct');
    const results = readdirSync(folder)
      .filter((file) => file.startsWith('anno'))
      .map((file) => [file, musts.check(JSON.parse(readFileSync(join(folder, file), 'utf8'))).map((failure) => failure.assertion)] as const)
      .filter(([, failed]) => failed.length > 0);
    // Targets of type Composite, List and Independents: bodyTarget.json's targetResourcesFound
    // accepts only `choiceDetected` (type Choice), not choiceSet.json's choiceOrSetDetected.
    const setTarget = ['annotations/3.2-targetObjectsRecognized.json'];
    expect(results).toEqual([
      ['anno11.json', setTarget],
      ['anno12.json', setTarget],
      ['anno13.json', setTarget],
    ]);
  });

  it('fails every incorrect sample annotation that is JSON', () => {
    const folder = join(W3C_TESTS_DIR, 'tools/samples/incorrect');
    let checked = 0;
    for (const file of readdirSync(folder)) {
      let sample: unknown;
      try {
        sample = JSON.parse(readFileSync(join(folder, file), 'utf8'));
      } catch {
        continue; // some samples are deliberately not JSON
      }
      checked++;
      expect(musts.check(sample).length, file).toBeGreaterThan(0);
    }
    expect(checked).toBeGreaterThan(10);
  });
});
