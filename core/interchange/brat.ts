// brat standoff (https://brat.nlplab.org/standoff.html) for brat and INCEpTION: per document an
// exact copy of the text (<id>.txt) and its annotations (<id>.ann), plus one annotation.conf and
// visual.conf for the whole export.
//
// The mapping, and why:
// - Offsets count Unicode code points into the .txt (brat reads it as a Python str), converted
//   here from the app's UTF-16 offsets.
// - brat's format is line-oriented and a text-bound span may not cross a line break, so a span
//   with line breaks becomes a discontinuous one: one fragment per line (`0 5;6 11`), its text the
//   fragments joined by a space, as brat writes it. Fragments that are empty are dropped.
// - The entity type is the primary (first) tag; `Untagged` without one. Further tags are binary
//   attributes `Tag_<label>`, not more entities: one T per tag would make one claim look like
//   several and would split its status, note and relations between them.
// - The status is a multi-valued attribute `Status`; the note (with speaker and outlet, which brat
//   has no field for) an `AnnotatorNotes` comment on one line.
// - Evidence links within a document are relations `<relation> Arg1:<from> Arg2:<to>`. brat has
//   no cross-document relations and no claims: links across documents, links to an annotation
//   not in the files, and orphaned annotations (no place in the text) are left out and counted.
import type { Annotation } from '../model/annotation.ts';
import { LINK_RELATIONS, type EvidenceLink } from '../model/evidence.ts';
import type { Tag } from '../model/codebook.ts';
import { codePointIndex, spanToCodePoints, type CodePointIndex } from '../text/code-points.ts';
import { inReadingOrder } from './claims-csv.ts';
import { isPlaced, type ExportDocument, type ExportInput } from './export-input.ts';

/** The entity type of an annotation without tags. Tag ids are lowercase, so no tag maps to it. */
export const UNTAGGED = 'Untagged';

export interface BratFile {
  /** A file name inside the export's `brat/` folder. */
  readonly path: string;
  readonly content: string;
}

/** What brat cannot hold; the UI says so after the export. */
export interface BratSkipped {
  /** Orphaned annotations, and spans of nothing but line breaks. */
  readonly annotations: number;
  /** Links whose ends are in two documents (each counted once). */
  readonly crossDocumentLinks: number;
  /** Links within an exported document with an end that has no T (orphaned, or no longer there). */
  readonly linksToUnplaced: number;
}

export interface BratExport {
  /** `<id>.txt` and `<id>.ann` per document, then `annotation.conf` and `visual.conf`. */
  readonly files: readonly BratFile[];
  readonly skipped: BratSkipped;
}

/**
 * The brat files of `input`.
 * @example for (const file of bratExport(input).files) zip.add(`brat/${file.path}`, file.content)
 */
export function bratExport(input: ExportInput): BratExport {
  const lazy = bratFiles(input);
  const files = lazy.files.map((file) => ({ path: file.path, content: file.make() }));
  return { files, skipped: lazy.skipped() };
}

/**
 * The files of `bratExport`, each made when its `make` is called (once), for a writer that makes
 * them one at a time; `skipped` is complete once every file has been made.
 */
export function bratFiles(input: ExportInput): {
  readonly files: readonly { readonly path: string; readonly make: () => string }[];
  readonly skipped: () => BratSkipped;
} {
  const files: { path: string; make: () => string }[] = [];
  let annotations = 0;
  let linksToUnplaced = 0;
  const linksIn = new Map<string, EvidenceLink[]>();
  for (const link of input.evidence.links) {
    if (link.from.documentId === link.to.documentId)
      linksIn.set(link.from.documentId, [...(linksIn.get(link.from.documentId) ?? []), link]);
  }
  for (const document of input.documents) {
    const ann = () => {
      const made = bratAnn(document, linksIn.get(document.meta.id) ?? []);
      annotations += made.skippedAnnotations;
      linksToUnplaced += made.skippedLinks;
      return made.content;
    };
    files.push({ path: `${document.meta.id}.txt`, make: () => document.text }, { path: `${document.meta.id}.ann`, make: ann });
  }
  const exported = new Set(input.documents.map((document) => document.meta.id));
  let crossDocumentLinks = 0;
  for (const link of input.evidence.links) {
    if (link.from.documentId === link.to.documentId) {
      if (!exported.has(link.from.documentId)) continue; // not part of this export at all
    } else if (exported.has(link.from.documentId) || exported.has(link.to.documentId)) crossDocumentLinks++;
  }
  files.push({ path: 'annotation.conf', make: () => annotationConf(input) }, { path: 'visual.conf', make: () => visualConf(input) });
  return { files, skipped: () => ({ annotations, crossDocumentLinks, linksToUnplaced }) };
}

/** A brat-safe label: letters, digits, `_` and `-`, starting with a letter. */
export function bratLabel(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z]/.test(safe) ? safe : `tag_${safe}`;
}

/** The entity type of an annotation: its primary tag's label. */
export function bratType(annotation: Pick<Annotation, 'tags'>): string {
  const primary = annotation.tags[0];
  return primary === undefined ? UNTAGGED : bratLabel(primary);
}

/** `[start, end)` of each line of the span, in UTF-16 offsets, empty lines dropped. */
export function lineFragments(text: string, start: number, end: number): { start: number; end: number }[] {
  const fragments: { start: number; end: number }[] = [];
  // Line breaks are looked for in the span only (a search of the text could run on far past it),
  // by indexOf rather than a character at a time.
  const span = text.slice(start, end);
  // Past the text's end (a span that does not fit), no more breaks: one fragment to `end`, as the loop it replaces gave.
  const length = end - start;
  let from = 0;
  while (from <= length) {
    const found = span.indexOf('\n', from);
    const to = found === -1 ? length : found;
    if (to > from) fragments.push({ start: start + from, end: start + to });
    from = to + 1;
  }
  return fragments;
}

/**
 * The .ann of one document, and how many of its annotations and `links` it leaves out. `links`
 * are the evidence links with both ends in this document. T, A, R and # count from 1, T in reading order.
 */
export function bratAnn(
  document: ExportDocument,
  links: readonly EvidenceLink[],
): { content: string; skippedAnnotations: number; skippedLinks: number } {
  const codePoints = codePointIndex(document.text);
  const lines: string[] = [];
  const textBound = new Map<string, string>();
  let attributes = 0;
  let notes = 0;
  let skippedAnnotations = 0;
  for (const annotation of inReadingOrder(document)) {
    const fragments = isPlaced(annotation, document.text)
      ? lineFragments(document.text, annotation.target.start, annotation.target.end)
      : [];
    if (fragments.length === 0) {
      skippedAnnotations++;
      continue;
    }
    const id = `T${textBound.size + 1}`;
    textBound.set(annotation.id, id);
    lines.push(
      `${id}\t${bratType(annotation)} ${offsets(codePoints, fragments)}\t${fragments.map((fragment) => document.text.slice(fragment.start, fragment.end)).join(' ')}`,
    );
    lines.push(`A${++attributes}\tStatus ${id} ${bratLabel(annotation.status)}`);
    for (const tag of annotation.tags.slice(1)) lines.push(`A${++attributes}\tTag_${bratLabel(tag)} ${id}`);
    const note = noteLine(annotation);
    if (note !== '') lines.push(`#${++notes}\tAnnotatorNotes ${id}\t${note}`);
  }
  let relations = 0;
  let skippedLinks = 0;
  for (const link of links) {
    const [from, to] = [textBound.get(link.from.annotationId), textBound.get(link.to.annotationId)];
    if (from === undefined || to === undefined) {
      skippedLinks++;
      continue;
    }
    lines.push(`R${++relations}\t${link.relation} Arg1:${from} Arg2:${to}`);
  }
  return { content: lines.map((line) => `${line}\n`).join(''), skippedAnnotations, skippedLinks };
}

function offsets(codePoints: CodePointIndex, fragments: readonly { start: number; end: number }[]): string {
  return fragments
    .map((fragment) => spanToCodePoints(codePoints, fragment.start, fragment.end))
    .map((span) => `${span.start} ${span.end}`)
    .join(';');
}

/** The note, speaker and outlet on one line (brat's format is line-oriented), tabs as spaces. */
function noteLine(annotation: Annotation): string {
  const parts = [
    annotation.note.trim(),
    annotation.speaker.trim() && `Speaker: ${annotation.speaker.trim()}`,
    annotation.outlet.trim() && `Outlet: ${annotation.outlet.trim()}`,
  ];
  return parts
    .filter((part) => part !== '')
    .join(' | ')
    .replace(/\s*[\r\n\u2028\u2029\u0085]+\s*/g, ' ')
    .replace(/[\t\v\f]/g, ' ');
}

/**
 * annotation.conf: [entities] the whole codebook as brat's tab-indented hierarchy (children under
 * their parent), tags used but no longer in the codebook, and `Untagged`; [relations] the five
 * link relations between any entities; [events] none; [attributes] `Status` with every status
 * (configured or used) and a `Tag_<label>` flag for each tag used as a further tag.
 */
export function annotationConf(input: ExportInput): string {
  const tags = input.workspace.codebook.tags;
  const known = new Set(tags.map((tag) => tag.id));
  const used = input.documents.flatMap((document) => document.annotations);
  const children = new Map<string | undefined, Tag[]>();
  for (const tag of tags) children.set(tag.parentId, [...(children.get(tag.parentId) ?? []), tag]);
  const entities: string[] = [];
  const visit = (parentId: string | undefined, depth: number): void => {
    for (const tag of children.get(parentId) ?? []) {
      entities.push('\t'.repeat(depth) + bratLabel(tag.id));
      visit(tag.id, depth + 1);
    }
  };
  visit(undefined, 0);
  const unknown = new Set(used.flatMap((annotation) => annotation.tags).filter((id) => !known.has(id)));
  entities.push(...[...unknown].map(bratLabel), UNTAGGED);
  const statuses = new Set([...input.workspace.statuses.map((status) => status.id), ...used.map((annotation) => annotation.status)]);
  const flags = new Set(used.flatMap((annotation) => annotation.tags.slice(1)));
  return [
    '# Claimbench export: entity types are codebook tags (the primary tag of each annotation).',
    '[entities]',
    ...entities,
    '',
    '[relations]',
    ...LINK_RELATIONS.map((relation) => `${relation.id}\tArg1:<ENTITY>, Arg2:<ENTITY>`),
    '',
    '[events]',
    '',
    '[attributes]',
    `Status\tArg:<ENTITY>, Value:${[...statuses].map(bratLabel).join('|')}`,
    ...[...flags].map((id) => `Tag_${bratLabel(id)}\tArg:<ENTITY>`),
    '',
  ].join('\n');
}

/**
 * visual.conf: the tag names and colours for brat's display (INCEpTION ignores it). Names may hold
 * any character but `|` and tabs, which become spaces.
 */
export function visualConf(input: ExportInput): string {
  const name = (text: string) => text.replace(/[|\t\r\n]+/g, ' ');
  const tags = input.workspace.codebook.tags;
  return [
    '[labels]',
    ...tags.map((tag) => `${bratLabel(tag.id)} | ${name(tag.name)}`),
    ...LINK_RELATIONS.map((relation) => `${relation.id} | ${relation.label}`),
    '',
    '[drawing]',
    ...tags.map((tag) => `${bratLabel(tag.id)}\tbgColor:${tag.color}`),
    `${UNTAGGED}\tbgColor:#dddddd`,
    '',
  ].join('\n');
}
