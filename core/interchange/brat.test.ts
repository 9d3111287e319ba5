import { describe, expect, it } from 'vitest';
import { Annotation, textTarget } from '../model/annotation.ts';
import { DocumentMeta } from '../model/document.ts';
import { DEFAULT_VERDICT_SCALE, EvidenceLink, LINK_RELATIONS } from '../model/evidence.ts';
import { DEFAULT_STATUSES } from '../model/workspace.ts';
import { annotationConf, bratExport, bratFiles, bratLabel, lineFragments, UNTAGGED } from './brat.ts';
import type { ExportInput } from './export-input.ts';

const HASH = 'a'.repeat(64);
const TIME = '2025-01-02T03:04:05.000Z';

function meta(id: string): DocumentMeta {
  return DocumentMeta.parse({ id, title: `Title of ${id}`, format: 'text', importedAt: TIME, importedFrom: '/tmp/x.txt', textHash: HASH });
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

const CODEBOOK = {
  tags: [
    { id: 'claim', name: 'Claim', color: '#112233', description: '' },
    { id: 'stat', name: 'Statistic', color: '#445566', description: '', parentId: 'claim' },
    { id: '2nd-hand', name: 'Second hand', color: '#778899', description: '', parentId: 'stat' },
    { id: 'source', name: 'Source', color: '#aabbcc', description: '' },
  ],
};

function input(documents: ExportInput['documents'], links: EvidenceLink[] = []): ExportInput {
  return {
    workspace: { name: 'Test', statuses: DEFAULT_STATUSES, verdictScale: DEFAULT_VERDICT_SCALE, codebook: CODEBOOK },
    documents,
    evidence: { links, claims: [] },
  };
}

function link(id: string, relation: EvidenceLink['relation'], from: [string, string], to: [string, string]): EvidenceLink {
  return EvidenceLink.parse({
    id,
    relation,
    from: { documentId: from[0], annotationId: from[1] },
    to: { documentId: to[0], annotationId: to[1] },
    created: TIME,
    modified: TIME,
  });
}

interface TextBound {
  readonly id: string;
  readonly type: string;
  readonly fragments: [number, number][];
  readonly text: string;
}

/** The T lines of an .ann, as brat parses them. */
function textBounds(ann: string): TextBound[] {
  return ann
    .split('\n')
    .filter((line) => line.startsWith('T'))
    .map((line) => {
      const [id, typeAndOffsets, text] = line.split('\t') as [string, string, string];
      const [type, ...rest] = typeAndOffsets.split(' ');
      const fragments = rest
        .join(' ')
        .split(';')
        .map((fragment) => fragment.split(' ').map(Number) as [number, number]);
      return { id, type: type!, fragments, text };
    });
}

const fileOf = (result: ReturnType<typeof bratExport>, path: string) => result.files.find((file) => file.path === path)?.content ?? '';

const TEXT = '😀 Intro 🇺🇦 line.\nThe mayor said "taxes will not rise"\nin 2025, 👩‍👩‍👧 sources say.\n\nThe ministry says otherwise.';

describe('bratExport', () => {
  const a1 = annotation('a1', TEXT, 'taxes will not rise', {
    tags: ['stat', 'source'],
    status: 'refuted',
    note: 'Checked\nagainst\tbudget',
    speaker: 'Mayor',
  });
  const a2 = annotation('a2', TEXT, 'The mayor said "taxes will not rise"\nin 2025, 👩‍👩‍👧 sources', { tags: ['2nd-hand'] });
  const a3 = annotation('a3', TEXT, 'Intro 🇺🇦 line.');
  const a4 = annotation('a4', TEXT, 'sources say.\n\nThe ministry', { tags: ['unknown-tag'] });
  const orphan = { ...annotation('a5', TEXT, 'otherwise'), anchor: { state: 'orphaned' as const } };
  const other = { meta: meta('doc-2'), text: 'Elsewhere.', annotations: [annotation('b1', 'Elsewhere.', 'Elsewhere')] };
  const links = [
    link('l1', 'refutes', ['doc-1', 'a1'], ['doc-1', 'a3']),
    link('l2', 'source-of', ['doc-1', 'a2'], ['doc-2', 'b1']),
    link('l3', 'context', ['doc-1', 'a5'], ['doc-1', 'a1']),
    link('l4', 'supports', ['doc-3', 'x'], ['doc-3', 'y']),
  ];
  const result = bratExport(input([{ meta: meta('doc-1'), text: TEXT, annotations: [a1, a2, a3, a4, orphan] }, other], links));
  const ann = fileOf(result, 'doc-1.ann');

  it('writes the exact text and offsets that slice it by code points', () => {
    expect(fileOf(result, 'doc-1.txt')).toBe(TEXT);
    const codePoints = Array.from(TEXT);
    const bounds = textBounds(ann);
    expect(bounds).toHaveLength(4);
    for (const bound of bounds) {
      const pieces = bound.fragments.map(([start, end]) => codePoints.slice(start, end).join(''));
      for (const piece of pieces) expect(piece).not.toContain('\n');
      expect(pieces.join(' ')).toBe(bound.text);
    }
    // Astral characters before a span: UTF-16 offsets would be larger than code points.
    const t3 = bounds.find((bound) => bound.text === a3.target.exact)!;
    expect(t3.fragments).toEqual([[2, 16]]); // 'Intro 🇺🇦 line.' is 14 code points, 16 UTF-16 units
    expect(a3.target.start).toBe(3);
  });

  it('splits a span across line breaks into fragments, dropping empty lines', () => {
    const bounds = textBounds(ann);
    expect(bounds.find((bound) => bound.type === 'tag_2nd-hand')!.fragments).toHaveLength(2);
    const blank = bounds.find((bound) => bound.type === 'unknown-tag')!;
    expect(blank.fragments).toHaveLength(2);
    expect(blank.text).toBe('sources say. The ministry');
    expect(lineFragments('ab\n\ncd\n', 0, 7)).toEqual([
      { start: 0, end: 2 },
      { start: 4, end: 6 },
    ]);
  });

  it('types by the primary tag, further tags and status as attributes, the note on one line', () => {
    const lines = ann.split('\n');
    const t = textBounds(ann).find((bound) => bound.text === a1.target.exact)!.id;
    expect(textBounds(ann).find((bound) => bound.id === t)!.type).toBe('stat');
    expect(lines).toContain(
      `A${lines.filter((line) => line.startsWith('A')).findIndex((line) => line.includes(`Status ${t} `)) + 1}\tStatus ${t} refuted`,
    );
    expect(lines.some((line) => new RegExp(`^A\\d+\\tTag_source ${t}$`).test(line))).toBe(true);
    expect(lines).toContain(`#1\tAnnotatorNotes ${t}\tChecked against budget | Speaker: Mayor`);
    expect(textBounds(ann).find((bound) => bound.text === a3.target.exact)!.type).toBe(UNTAGGED);
  });

  it('keeps links within the document as relations and counts what brat cannot hold', () => {
    const byText = new Map(textBounds(ann).map((bound) => [bound.text, bound.id]));
    expect(ann.split('\n').filter((line) => line.startsWith('R'))).toEqual([
      `R1\trefutes Arg1:${byText.get(a1.target.exact)} Arg2:${byText.get(a3.target.exact)}`,
    ]);
    expect(result.skipped).toEqual({ annotations: 1, crossDocumentLinks: 1, linksToUnplaced: 1 });
  });

  it('makes the same files one at a time on demand, counting what it leaves out as each .ann is made', () => {
    const lazy = bratFiles(input([{ meta: meta('doc-1'), text: TEXT, annotations: [a1, a2, a3, a4, orphan] }, other], links));
    expect(lazy.files.map((file) => file.path)).toEqual(result.files.map((file) => file.path));
    expect(lazy.skipped()).toEqual({ annotations: 0, crossDocumentLinks: 1, linksToUnplaced: 0 });
    expect(lazy.files.map((file) => file.make())).toEqual(result.files.map((file) => file.content));
    expect(lazy.skipped()).toEqual(result.skipped);
  });

  it('sanitizes labels to letters, digits, _ and -, starting with a letter', () => {
    expect(bratLabel('stat')).toBe('stat');
    expect(bratLabel('2nd-hand')).toBe('tag_2nd-hand');
    expect(bratLabel('Zitat – direkt')).toBe('Zitat___direkt');
    expect(bratLabel('a b\tc=d')).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
  });

  it('declares in annotation.conf every type, relation and attribute the .ann uses', () => {
    const conf = annotationConf(input([{ meta: meta('doc-1'), text: TEXT, annotations: [a1, a2, a3, a4, orphan] }], links));
    const section = (name: string) => conf.split(`[${name}]\n`)[1]!.split('\n\n')[0]!.split('\n');
    const entities = section('entities');
    expect(entities).toEqual(['claim', '\tstat', '\t\ttag_2nd-hand', 'source', 'unknown-tag', UNTAGGED]);
    const declared = new Set(entities.map((line) => line.trim()));
    for (const bound of textBounds(ann)) expect(declared).toContain(bound.type);
    expect(section('relations')).toEqual(LINK_RELATIONS.map((relation) => `${relation.id}\tArg1:<ENTITY>, Arg2:<ENTITY>`));
    expect(conf).toContain('[events]\n\n[attributes]');
    const attributes = section('attributes');
    expect(attributes[0]).toBe(`Status\tArg:<ENTITY>, Value:${DEFAULT_STATUSES.map((status) => status.id).join('|')}`);
    for (const line of ann.split('\n').filter((item) => item.startsWith('A'))) {
      const [name, , value] = line.split('\t')[1]!.split(' ');
      expect(attributes.some((attribute) => attribute.startsWith(`${name}\t`))).toBe(true);
      if (value !== undefined) expect(attributes[0]!.split('Value:')[1]!.split('|')).toContain(value);
    }
  });

  it('writes visual.conf with tag names and colours', () => {
    const visual = fileOf(result, 'visual.conf');
    expect(visual).toContain('tag_2nd-hand | Second hand');
    expect(visual).toContain('stat\tbgColor:#445566');
  });
});
