import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { codebookToQdc } from '../codebook/refi-qdc.ts';
import { Annotation, textTarget } from '../model/annotation.ts';
import type { Codebook } from '../model/codebook.ts';
import { DocumentMeta } from '../model/document.ts';
import { DEFAULT_VERDICT_SCALE, EvidenceLink } from '../model/evidence.ts';
import { DEFAULT_STATUSES } from '../model/workspace.ts';
import type { ExportDocument, ExportInput } from './export-input.ts';
import { MISSING_TAG_COLOR, QDPX_NAMESPACE, qdpxExport, type QdpxExport, type QdpxGuidKind, type QdpxOptions } from './qdpx.ts';

const HASH = 'a'.repeat(64);
const TIME = '2025-01-02T03:04:05.000Z';
const CREATED = '2024-11-30T08:00:00.000Z';

/** A name-based UUID (version 5 layout), as main/export/export-names.ts makes them. */
function uuid(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
const guidsOf = (createdAt: string) => (kind: QdpxGuidKind, id: string) => uuid(`claimbench:${createdAt}:${kind}:${id}`);
const OPTIONS: QdpxOptions = { origin: 'Claimbench 0.1.0', createdAt: CREATED, creator: 'Ana Ruiz', guidFor: guidsOf(CREATED) };

function meta(id: string, extra: Partial<DocumentMeta> = {}): DocumentMeta {
  return DocumentMeta.parse({
    id,
    title: `Title of ${id}`,
    format: 'text',
    importedAt: TIME,
    importedFrom: '/tmp/x.txt',
    textHash: HASH,
    ...extra,
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

function link(id: string, relation: EvidenceLink['relation'], from: [string, string], to: [string, string], note = ''): EvidenceLink {
  return EvidenceLink.parse({
    id,
    relation,
    from: { documentId: from[0], annotationId: from[1] },
    to: { documentId: to[0], annotationId: to[1] },
    note,
    creator: 'Bo',
    created: TIME,
    modified: TIME,
  });
}

const CODEBOOK: Codebook = {
  tags: [
    { id: 'claim', name: 'Claim', color: '#112233', description: 'Line one\n  indented line two <b>&</b>' },
    { id: 'stat', name: 'Statistic', color: '#445566', description: '', parentId: 'claim' },
    { id: 'source', name: 'Source', color: '#aabbcc', description: '', guid: '0F8FAD5B-D9CB-469F-A165-70867728950E' },
  ],
};

function input(
  documents: ExportDocument[],
  links: EvidenceLink[] = [],
  codebook: Codebook = CODEBOOK,
  name = 'Elections 2025',
): ExportInput {
  return {
    workspace: { name, statuses: DEFAULT_STATUSES, verdictScale: DEFAULT_VERDICT_SCALE, codebook },
    documents,
    evidence: { links, claims: [] },
  };
}

interface XmlNode {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
  readonly text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
});

/** The document element of `xml`, with entities and character references decoded. */
function parse(xml: string): XmlNode {
  const convert = (node: Record<string, unknown>): XmlNode | undefined => {
    const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text' && !key.startsWith('?'));
    if (name === undefined) return undefined;
    const raw = node[name] as Record<string, unknown>[];
    return {
      name,
      attributes: (node[':@'] ?? {}) as Record<string, string>,
      children: raw.flatMap((child) => convert(child) ?? []),
      text: raw.map((child) => (typeof child['#text'] === 'string' ? child['#text'] : '')).join(''),
    };
  };
  const roots = (parser.parse(xml) as Record<string, unknown>[]).flatMap((node) => convert(node) ?? []);
  expect(roots).toHaveLength(1);
  return roots[0]!;
}

const childrenNamed = (node: XmlNode, name: string) => node.children.filter((child) => child.name === name);
const child = (node: XmlNode, name: string) => childrenNamed(node, name)[0]!;
/** Every element named `name` below `node`, in document order. */
function all(node: XmlNode, name: string): XmlNode[] {
  return node.children.flatMap((inner) => [...(inner.name === name ? [inner] : []), ...all(inner, name)]);
}

const TEXT =
  '😀 Intro 🇺🇦 line.\nThe mayor said "taxes will not rise"\nin 2025, 👩‍👩‍👧 sources say.\n\nThe ministry says otherwise. Cafe\u0301 𠀀 ends.';

describe('qdpxExport', () => {
  const a1 = annotation('a1', TEXT, 'taxes will not rise', {
    tags: ['stat', 'source', 'stat'],
    status: 'refuted',
    note: 'Checked\nagainst\tbudget',
    speaker: 'Mayor',
    outlet: 'Courier',
    creator: 'Ana Ruiz',
  });
  const a2 = annotation('a2', TEXT, 'Intro 🇺🇦 line.', { tags: ['claim'], creator: 'Bo' });
  const a3 = annotation('a3', TEXT, 'Cafe\u0301 𠀀', { tags: ['gone-tag'], creator: 'Bo' });
  const orphan = { ...annotation('a4', TEXT, 'otherwise'), anchor: { state: 'orphaned' as const } };
  const stale = { ...annotation('a5', TEXT, 'ministry'), target: { ...annotation('a5', TEXT, 'ministry').target, exact: 'minister' } };
  const doc1: ExportDocument = {
    meta: meta('doc-1', { outlet: 'The Valley Courier', author: 'R. Lee', publishedAt: '2025-01-01' }),
    text: TEXT,
    annotations: [a1, a2, a3, orphan, stale],
  };
  const doc2: ExportDocument = {
    meta: meta('doc-2'),
    text: 'Elsewhere, a reply.',
    annotations: [annotation('b1', 'Elsewhere, a reply.', 'a reply')],
  };
  const links = [
    link('l1', 'refutes', ['doc-1', 'a1'], ['doc-2', 'b1'], 'Budget table 3'),
    link('l2', 'same-claim', ['doc-1', 'a1'], ['doc-1', 'a2']),
    link('l3', 'context', ['doc-1', 'a4'], ['doc-1', 'a1']),
    link('l4', 'supports', ['doc-1', 'a2'], ['doc-9', 'x']),
    link('l5', 'supports', ['doc-8', 'x'], ['doc-9', 'y']),
  ];
  const result = qdpxExport(input([doc1, doc2], links), OPTIONS);
  const project = parse(result.projectXml);
  const guid = OPTIONS.guidFor;

  it('writes a Project in the REFI-QDA namespace, its children in the schema order', () => {
    expect(project.name).toBe('Project');
    expect(project.attributes).toEqual({
      xmlns: QDPX_NAMESPACE,
      name: 'Elections 2025',
      origin: 'Claimbench 0.1.0',
      creatingUserGUID: guid('user', 'Ana Ruiz'),
      creationDateTime: CREATED,
    });
    expect(project.children.map((node) => node.name)).toEqual(['Users', 'CodeBook', 'Sources', 'Notes', 'Links']);
    expect(result.projectXml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
  });

  it('has one User per distinct creator (the exporter first), and none for unnamed work', () => {
    expect(childrenNamed(child(project, 'Users'), 'User').map((user) => user.attributes)).toEqual([
      { guid: guid('user', 'Ana Ruiz'), name: 'Ana Ruiz' },
      { guid: guid('user', 'Bo'), name: 'Bo' },
    ]);
    const b1 = all(project, 'PlainTextSelection').find((selection) => selection.attributes.name === 'a reply')!;
    expect(b1.attributes.creatingUser).toBeUndefined();
  });

  it('writes the codebook as the .qdc export does (same GUIDs, nesting, descriptions), plus a code for a tag it no longer has', () => {
    const codes = all(child(project, 'CodeBook'), 'Code');
    expect(codes.map((code) => code.attributes)).toEqual([
      { guid: guid('code', 'claim'), name: 'Claim', isCodable: 'true', color: '#112233' },
      { guid: guid('code', 'stat'), name: 'Statistic', isCodable: 'true', color: '#445566' },
      { guid: '0F8FAD5B-D9CB-469F-A165-70867728950E', name: 'Source', isCodable: 'true', color: '#AABBCC' },
      { guid: guid('code', 'gone-tag'), name: 'gone-tag', isCodable: 'true', color: MISSING_TAG_COLOR.toUpperCase() },
    ]);
    expect(childrenNamed(codes[0]!, 'Code').map((code) => code.attributes.name)).toEqual(['Statistic']);
    // The re-indented block leaves a description's own line breaks and spaces alone.
    expect(child(codes[0]!, 'Description').text).toBe('Line one\n  indented line two <b>&</b>');
    const qdc = parse(codebookToQdc(CODEBOOK, { origin: 'x', guidFor: (id) => guid('code', id) }));
    expect(all(qdc, 'Code').map((code) => code.attributes.guid)).toEqual(codes.slice(0, 3).map((code) => code.attributes.guid));
  });

  it('writes one TextSource per document, its text as sources/<guid>.txt, exactly as stored', () => {
    const sources = childrenNamed(child(project, 'Sources'), 'TextSource');
    expect(sources.map((source) => source.attributes)).toEqual(
      ['doc-1', 'doc-2'].map((id) => ({
        guid: guid('source', id),
        name: `Title of ${id}`,
        plainTextPath: `internal://${guid('source', id)}.txt`,
        creationDateTime: TIME,
      })),
    );
    expect(result.sources).toEqual([
      { path: `sources/${guid('source', 'doc-1')}.txt`, text: TEXT },
      { path: `sources/${guid('source', 'doc-2')}.txt`, text: 'Elsewhere, a reply.' },
    ]);
    expect(child(sources[0]!, 'Description').text).toBe('Outlet: The Valley Courier\nAuthor: R. Lee\nPublished: 2025-01-01');
    expect(childrenNamed(sources[1]!, 'Description')).toEqual([]);
  });

  it('writes each placed annotation as a PlainTextSelection: Description, one Coding per tag, then the NoteRef', () => {
    const [first, second] = childrenNamed(child(child(project, 'Sources'), 'TextSource'), 'PlainTextSelection');
    // Reading order: "Intro" comes before "taxes".
    expect(second!.attributes).toEqual({
      guid: guid('selection', 'doc-1 a1'),
      name: 'taxes will not rise',
      // Code points: 😀 and 🇺🇦 (two regional indicators) count 1 and 2; in UTF-16 this would be 36–55.
      startPosition: '33',
      endPosition: '52',
      creatingUser: guid('user', 'Ana Ruiz'),
      creationDateTime: TIME,
      modifiedDateTime: TIME,
    });
    expect(second!.children.map((node) => node.name)).toEqual(['Description', 'Coding', 'Coding', 'NoteRef']);
    expect(child(second!, 'Description').text).toBe('Speaker: Mayor\nOutlet: Courier\nStatus: Refuted');
    expect(childrenNamed(second!, 'Coding').map((coding) => [coding.attributes, child(coding, 'CodeRef').attributes.targetGUID])).toEqual([
      [{ guid: guid('coding', 'doc-1 a1 stat'), creatingUser: guid('user', 'Ana Ruiz'), creationDateTime: TIME }, guid('code', 'stat')],
      [
        { guid: guid('coding', 'doc-1 a1 source'), creatingUser: guid('user', 'Ana Ruiz'), creationDateTime: TIME },
        '0F8FAD5B-D9CB-469F-A165-70867728950E',
      ],
    ]);
    expect(first!.attributes.name).toBe('Intro 🇺🇦 line.');
    expect(child(first!, 'Description').text).toBe('Status: Unverified');
  });

  it('writes notes as Notes with their text, referenced from the selection and the link', () => {
    const notes = childrenNamed(child(project, 'Notes'), 'Note');
    expect(notes.map((note) => [note.attributes, child(note, 'PlainTextContent').text])).toEqual([
      [
        {
          guid: guid('note', 'doc-1 a1'),
          name: 'Note on “taxes will not rise”',
          creatingUser: guid('user', 'Ana Ruiz'),
          creationDateTime: TIME,
          modifiedDateTime: TIME,
        },
        'Checked\nagainst\tbudget',
      ],
      [
        {
          guid: guid('link-note', 'l1'),
          name: 'Note on link “Refutes”',
          creatingUser: guid('user', 'Bo'),
          creationDateTime: TIME,
          modifiedDateTime: TIME,
        },
        'Budget table 3',
      ],
    ]);
    const noteRefs = all(project, 'NoteRef').map((ref) => ref.attributes.targetGUID);
    expect(noteRefs).toEqual(notes.map((note) => note.attributes.guid));
  });

  it('writes links between written selections, `to` as the origin, and counts the ones it cannot write', () => {
    const written = childrenNamed(child(project, 'Links'), 'Link');
    expect(written.map((node) => node.attributes)).toEqual([
      {
        guid: guid('link', 'l1'),
        name: 'Refutes',
        direction: 'OneWay',
        originGUID: guid('selection', 'doc-2 b1'),
        targetGUID: guid('selection', 'doc-1 a1'),
      },
      {
        guid: guid('link', 'l2'),
        name: 'Same claim',
        direction: 'Associative',
        originGUID: guid('selection', 'doc-1 a2'),
        targetGUID: guid('selection', 'doc-1 a1'),
      },
    ]);
    const selections = new Set(all(project, 'PlainTextSelection').map((selection) => selection.attributes.guid));
    for (const node of written)
      expect([selections.has(node.attributes.originGUID!), selections.has(node.attributes.targetGUID!)]).toEqual([true, true]);
    // l3 has an orphaned end, l4 an end outside the export; l5 has nothing to do with it.
    expect(result.skipped).toEqual({ annotations: 2, links: 2 });
  });

  it('leaves out orphaned annotations and those whose quote no longer matches', () => {
    const names = all(project, 'PlainTextSelection').map((selection) => selection.attributes.guid);
    expect(names).toEqual(['doc-1 a2', 'doc-1 a1', 'doc-1 a3', 'doc-2 b1'].map((key) => guid('selection', key)));
  });

  it('gives the same XML on every export, and other GUIDs for another workspace', () => {
    expect(qdpxExport(input([doc1, doc2], links), OPTIONS)).toEqual(result);
    const other = qdpxExport(input([doc1, doc2], links), {
      ...OPTIONS,
      createdAt: '2020-01-01T00:00:00.000Z',
      guidFor: guidsOf('2020-01-01T00:00:00.000Z'),
    });
    const guids = (xml: string) => new Set(xml.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g));
    const shared = [...guids(other.projectXml)].filter((value) => guids(result.projectXml).has(value));
    expect(shared).toEqual([]);
  });

  it('throws when guidFor returns something that is not a GUID (a bug in the caller)', () => {
    expect(() => qdpxExport(input([doc1]), { ...OPTIONS, guidFor: (kind, id) => `${kind}:${id}` })).toThrow(/not a GUID/);
  });
});

describe('qdpxExport positions', () => {
  // Each case: the text and the quote; the selection must cover that quote in code points.
  const cases: [string, string, string][] = [
    ['ASCII', 'The mayor said so.', 'mayor'],
    ['after an emoji', '😀 The mayor said so.', 'mayor'],
    ['after a flag and a ZWJ family', '🇺🇦 👩‍👩‍👧 The mayor said so.', 'said'],
    ['a quote that is an emoji', 'Look: 😀😀 here', '😀😀'],
    ['combining marks (decomposed, as NFC leaves some)', 'Ca\u0301\u0301fe\u0301 and 2\u20DD then ok', 'e\u0301 and 2\u20DD'],
    ['a CJK extension B character', '𠀀𠀁 quoted 𠀂', 'quoted 𠀂'],
    ['right-to-left text', 'قال الوزير «لا ضرائب» أمس', '«لا ضرائب»'],
    ['across lines', 'one 😀\ntwo 😀\nthree', '😀\ntwo 😀'],
  ];
  it.each(cases)('%s', (_name, text, quote) => {
    const result = qdpxExport(input([{ meta: meta('d'), text, annotations: [annotation('a', text, quote)] }]), OPTIONS);
    const selection = all(parse(result.projectXml), 'PlainTextSelection')[0]!;
    const start = Number(selection.attributes.startPosition);
    const end = Number(selection.attributes.endPosition);
    // A REFI-QDA reader counts characters (code points) of the plain text.
    expect(Array.from(result.sources[0]!.text).slice(start, end).join('')).toBe(quote);
    expect(end - start).toBe(Array.from(quote).length);
  });
});

describe('qdpxExport escaping', () => {
  const markup = 'Say "no" <&> \'yes\' & ]]> <![CDATA[x]]>';
  const text = `Intro. ${markup}\u0007 and a form feed\u000C here.`;
  const codebook: Codebook = { tags: [{ id: 'odd', name: `Odd ${markup}\u0001`, color: '#123456', description: 'tab\there\r\nCR' }] };
  const a = annotation('a', text, `${markup}\u0007 and`, {
    tags: ['odd'],
    note: `Note ${markup}\u0000 \uD800 end\r\nCRLF`,
    speaker: `Spe\taker ${markup}`,
    creator: `Ana "A" <Ruiz>`,
  });
  const result = qdpxExport(
    input([{ meta: meta('d', { title: `Title ${markup}\u001B` }), text, annotations: [a] }], [], codebook, `WS ${markup}`),
    { ...OPTIONS, creator: '' },
  );
  const project = parse(result.projectXml);

  it('escapes <&"\' and keeps tabs, CR and line breaks in names, descriptions and notes', () => {
    expect(project.attributes.name).toBe(`WS ${markup}`);
    expect(child(child(project, 'Sources'), 'TextSource').attributes.name).toBe(`Title ${markup}`);
    expect(child(child(project, 'Users'), 'User').attributes.name).toBe('Ana "A" <Ruiz>');
    const selection = all(project, 'PlainTextSelection')[0]!;
    expect(selection.attributes.name).toBe(`${markup} and`);
    expect(child(selection, 'Description').text).toBe(`Speaker: Spe\taker ${markup}\nStatus: Unverified`);
    expect(child(all(project, 'Note')[0]!, 'PlainTextContent').text).toBe(`Note ${markup}  end\r\nCRLF`);
    const code = all(project, 'Code')[0]!;
    expect(code.attributes.name).toBe(`Odd ${markup}`);
    expect(child(code, 'Description').text).toBe('tab\there\r\nCR');
    expect(result.projectXml).not.toContain(']]>');
  });

  it('leaves out, and counts, characters XML 1.0 cannot carry; the plain text keeps them', () => {
    // U+0007 in the quote (which names the selection and its note), U+0000 and the lone surrogate
    // in the note, U+001B in the title, U+0001 in the tag name.
    expect(result.stripped).toBe(6);
    // eslint-disable-next-line no-control-regex
    expect(result.projectXml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(result.sources[0]!.text).toBe(text);
    expect(project.attributes.creatingUserGUID).toBeUndefined();
  });
});

const xmllint = '/usr/bin/xmllint';
const schema = fileURLToPath(new URL('../../tests/fixtures/refi-qda/Project.xsd', import.meta.url));

/** xmllint's verdict on `xml` against Project.xsd: '' when valid, else its messages. */
function validate(xml: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'claimbench-qdpx-'));
  try {
    const file = path.join(folder, 'project.qde');
    writeFileSync(file, xml);
    try {
      return execFileSync(xmllint, ['--noout', '--schema', schema, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      return String((error as { stderr?: unknown }).stderr ?? error);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('qdpxExport against Project.xsd (xmllint)', () => {
  if (!existsSync(xmllint))
    console.warn(`Skipping the REFI-QDA project schema check: ${xmllint} is missing (Debian package libxml2-utils).`);
  const text = '😀 The mayor said "taxes <will> not rise" & more.\u0007';
  const rich = (): QdpxExport => {
    const a1 = annotation('a1', text, 'taxes <will> not rise', {
      tags: ['stat', 'gone-tag'],
      note: 'A note',
      speaker: 'Mayor',
      creator: 'Ana Ruiz',
    });
    const a2 = annotation('a2', text, 'mayor', { tags: ['claim'], creator: 'Bo' });
    const a3 = annotation('a3', text, 'more', { creator: '' });
    return qdpxExport(
      input(
        [{ meta: meta('d', { outlet: 'Courier' }), text, annotations: [a1, a2, a3] }],
        [link('l1', 'supports', ['d', 'a1'], ['d', 'a2'], 'why'), link('l2', 'context', ['d', 'a2'], ['d', 'a3'])],
      ),
      OPTIONS,
    );
  };

  it.skipIf(!existsSync(xmllint)).each([
    ['a project with codes, selections, notes and links', rich],
    ['an empty workspace (no empty containers)', () => qdpxExport(input([], [], { tags: [] }), { ...OPTIONS, creator: '' })],
    [
      'documents without annotations or codebook',
      () => qdpxExport(input([{ meta: meta('d'), text: 'Plain.', annotations: [] }], [], { tags: [] }), OPTIONS),
    ],
  ])('writes %s valid against Project.xsd', (_name, make) => {
    expect(validate(make().projectXml)).toBe('');
  });

  it.skipIf(!existsSync(xmllint))('the schema check can fail (a Description after a Coding)', () => {
    const xml = rich().projectXml.replace(
      /(<Description>Speaker: Mayor\nStatus: Unverified<\/Description>)\n(\s*<Coding[^]*?<\/Coding>)/,
      '$2\n$1',
    );
    expect(xml).not.toBe(rich().projectXml);
    expect(validate(xml)).toMatch(/fails to validate/);
  });
});
