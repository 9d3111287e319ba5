// REFI-QDA Project export (.qdpx) for NVivo, ATLAS.ti, MAXQDA and QualCoder users: the workspace
// as `project.qde` (QDA-XML 1.0, namespace urn:QDA-XML:project:1.0, schema Project.xsd) and each
// document's text as `sources/<guid>.txt`. main/bundle/write-qdpx.ts puts them in the zip.
//
// The mapping, and why:
// - A document is a TextSource; its plain text is the stored text (NFC, LF) as it is, so that
//   positions hold. Outlet, author, date and web address go in its Description.
// - An annotation is a PlainTextSelection. REFI-QDA counts positions in characters of the plain
//   text, i.e. Unicode code points (as QualCoder's Python strings do), so the app's UTF-16 offsets
//   are converted here and nowhere else. Each tag is a Coding whose CodeRef names the tag's Code.
// - The codes are the codebook as codebookToQdc writes it, so a tag has the same GUID here as in
//   the .qdc export when `guidFor('code', id)` is that export's function. A tag an annotation still
//   has but the codebook no longer does becomes a top-level code named by its id (as the other
//   exports show it), so that no coding points at nothing.
// - Speaker, outlet and status have no field in REFI-QDA; they are lines of the selection's
//   Description ("Speaker: …", "Outlet: …", "Status: …"), which the tools show as its comment or
//   memo. The note (Markdown, as written) is a Note, referenced from the selection by a NoteRef.
// - An evidence link is a Link between two selections, named by its relation's label. A one-way
//   Link reads "origin <name> target", and every directed relation says what the right (`to`) span
//   does to the left one ("supports", "refutes", "source of"), so `to` is the origin; symmetric
//   relations are Associative. The link's note is a Note referenced from the Link.
// - One User per distinct creator name (and the person exporting); unnamed work has no user.
// - Left out and counted: orphaned annotations (no place in the text: the quote no longer matches),
//   links touching an exported document whose other end is not written, and characters XML 1.0
//   cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF) in names, descriptions and
//   notes. The .txt files keep such characters: they are not XML, and positions count them.
// - The folder is `sources/`, as MAXQDA writes it; NVivo and QualCoder write `Sources/` and
//   QualCoder reads either. The schema wants at least one child in Users, Codes, Sources, Notes
//   and Links, so an empty one is left out.
import { codebookToQdc } from '../codebook/refi-qdc.ts';
import type { Annotation } from '../model/annotation.ts';
import type { Tag } from '../model/codebook.ts';
import type { DocumentMeta } from '../model/document.ts';
import { isSymmetric, LINK_RELATIONS, refKey } from '../model/evidence.ts';
import { codePointIndex, spanToCodePoints } from '../text/code-points.ts';
import { inReadingOrder } from './claims-csv.ts';
import { exportIndex, isPlaced, type ExportInput } from './export-input.ts';
import { escapeXmlAttribute, escapeXmlText, NOT_XML } from './xml-escape.ts';

export const QDPX_NAMESPACE = 'urn:QDA-XML:project:1.0';
/** The XML's path inside the .qdpx zip. */
export const QDPX_PROJECT_PATH = 'project.qde';
/** The folder of the plain texts inside the zip; `internal://x.txt` names `sources/x.txt`. */
export const QDPX_SOURCES_FOLDER = 'sources';
/** The colour of a code made for a tag the codebook no longer has. */
export const MISSING_TAG_COLOR = '#9ca3af';

/** What a GUID is asked for. The ids: a user's name, a tag, document or link id, `refKey` of an annotation, `refKey` + " " + tag id for a coding. */
export type QdpxGuidKind = 'user' | 'code' | 'source' | 'selection' | 'coding' | 'note' | 'link' | 'link-note';

export interface QdpxOptions {
  /** `Project/@origin`: the program that wrote the file, e.g. `Claimbench 0.1.0`. */
  readonly origin: string;
  /** `Project/@creationDateTime`: when the workspace was created (ISO 8601). */
  readonly createdAt: string;
  /** Who exports: `Project/@creatingUserGUID` and a User; `''` for no one. */
  readonly creator: string;
  /** A GUID (`8-4-4-4-12` hex) per kind and id: the same pair must give the same GUID on every export. */
  readonly guidFor: (kind: QdpxGuidKind, id: string) => string;
}

export interface QdpxSource {
  /** The path inside the zip: `sources/<guid>.txt`. */
  readonly path: string;
  /** Written as UTF-8 without a byte order mark. */
  readonly text: string;
}

/** What REFI-QDA cannot hold; the UI says so after the export. */
export interface QdpxSkipped {
  /** Orphaned annotations, and annotations whose quote no longer matches the text. */
  readonly annotations: number;
  /** Links with at least one end in an exported document whose other end was not written. */
  readonly links: number;
}

export interface QdpxExport {
  readonly projectXml: string;
  /** One per document, in input order. */
  readonly sources: readonly QdpxSource[];
  readonly skipped: QdpxSkipped;
  /** Characters left out of the XML because XML 1.0 cannot carry them. */
  readonly stripped: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * The REFI-QDA project of `input`: `project.qde` and the plain texts it names. Pure; throws if
 * `guidFor` returns something that is not a GUID (a bug in the caller).
 * @example
 * const project = qdpxExport(input, { origin: 'Claimbench 0.1.0', createdAt, creator: 'Ana',
 *   guidFor: (kind, id) => nameBasedUuid(`claimbench:${createdAt}:${kind}:${id}`) });
 * await writeQdpx('/out/work.qdpx', project, { signal });
 */
export function qdpxExport(input: ExportInput, options: QdpxOptions): QdpxExport {
  let stripped = 0;
  const clean = (value: string): string =>
    value.replace(NOT_XML, () => {
      stripped++;
      return '';
    });
  // A CR in text would be read back as LF; tabs and line breaks in an attribute as spaces.
  const text = (value: string): string => escapeXmlText(clean(value));
  const attribute = (value: string): string => escapeXmlAttribute(clean(value));
  const guid = (kind: QdpxGuidKind, id: string): string => {
    const value = options.guidFor(kind, id);
    if (!GUID.test(value)) throw new Error(`guidFor("${kind}", "${id}") returned "${value}", which is not a GUID`);
    return value;
  };
  const users = new Map<string, string>();
  const userOf = (name: string): string | undefined => {
    if (name === '') return undefined;
    if (!users.has(name)) users.set(name, guid('user', name));
    return users.get(name);
  };
  const by = (name: string): string => {
    const user = userOf(name);
    return user === undefined ? '' : ` creatingUser="${user}"`;
  };
  const projectCreator = userOf(options.creator);

  const index = exportIndex(input);
  const codeGuid = (tagId: string): string => index.tag(tagId)?.guid ?? guid('code', tagId);
  const missingTags = new Set<string>();
  const selections = new Map<string, string>();
  const sources: QdpxSource[] = [];
  const sourceLines: string[] = [];
  const notes: string[] = [];
  const note = (noteGuid: string, name: string, body: string, creator: string, times: { created: string; modified: string }): void => {
    notes.push(
      `    <Note guid="${noteGuid}" name="${attribute(name)}"${by(creator)} creationDateTime="${times.created}" modifiedDateTime="${times.modified}">`,
      `      <PlainTextContent>${text(body)}</PlainTextContent>`,
      '    </Note>',
    );
  };
  let skippedAnnotations = 0;

  for (const document of input.documents) {
    const { meta } = document;
    const sourceGuid = guid('source', meta.id);
    sources.push({ path: `${QDPX_SOURCES_FOLDER}/${sourceGuid}.txt`, text: document.text });
    sourceLines.push(
      `    <TextSource guid="${sourceGuid}" name="${attribute(meta.title)}" plainTextPath="internal://${sourceGuid}.txt" creationDateTime="${meta.importedAt}">`,
    );
    const about = sourceDescription(meta);
    if (about !== '') sourceLines.push(`      <Description>${text(about)}</Description>`);
    const positions = codePointIndex(document.text);
    for (const annotation of inReadingOrder(document)) {
      if (!isPlaced(annotation, document.text)) {
        skippedAnnotations++;
        continue;
      }
      const key = refKey({ documentId: meta.id, annotationId: annotation.id });
      const selectionGuid = guid('selection', key);
      selections.set(key, selectionGuid);
      const { start, end } = spanToCodePoints(positions, annotation.target.start, annotation.target.end);
      const name = shortQuote(annotation.target.exact);
      sourceLines.push(
        `      <PlainTextSelection guid="${selectionGuid}" name="${attribute(name)}" startPosition="${start}" endPosition="${end}"${by(annotation.creator)} creationDateTime="${annotation.created}" modifiedDateTime="${annotation.modified}">`,
        `        <Description>${text(selectionDescription(annotation, index.statusLabel(annotation.status)))}</Description>`,
      );
      for (const tagId of new Set(annotation.tags)) {
        if (index.tag(tagId) === undefined) missingTags.add(tagId);
        sourceLines.push(
          `        <Coding guid="${guid('coding', `${key} ${tagId}`)}"${by(annotation.creator)} creationDateTime="${annotation.created}">`,
          `          <CodeRef targetGUID="${codeGuid(tagId)}"/>`,
          '        </Coding>',
        );
      }
      if (annotation.note.trim() !== '') {
        const noteGuid = guid('note', key);
        note(noteGuid, `Note on “${name}”`, annotation.note, annotation.creator, annotation);
        sourceLines.push(`        <NoteRef targetGUID="${noteGuid}"/>`);
      }
      sourceLines.push('      </PlainTextSelection>');
    }
    sourceLines.push('    </TextSource>');
  }

  const exported = new Set(input.documents.map((document) => document.meta.id));
  const linkLines: string[] = [];
  let skippedLinks = 0;
  for (const link of input.evidence.links) {
    const origin = selections.get(refKey(link.to));
    const target = selections.get(refKey(link.from));
    if (origin === undefined || target === undefined) {
      if (exported.has(link.from.documentId) || exported.has(link.to.documentId)) skippedLinks++;
      continue;
    }
    const label = LINK_RELATIONS.find((relation) => relation.id === link.relation)?.label ?? link.relation;
    const open = `    <Link guid="${guid('link', link.id)}" name="${attribute(label)}" direction="${isSymmetric(link.relation) ? 'Associative' : 'OneWay'}" originGUID="${origin}" targetGUID="${target}"`;
    if (link.note.trim() === '') {
      linkLines.push(`${open}/>`);
      continue;
    }
    const noteGuid = guid('link-note', link.id);
    note(noteGuid, `Note on link “${label}”`, link.note, link.creator, link);
    linkLines.push(`${open}>`, `      <NoteRef targetGUID="${noteGuid}"/>`, '    </Link>');
  }

  const tags: Tag[] = [
    ...input.workspace.codebook.tags.map((tag) => ({ ...tag, name: clean(tag.name), description: clean(tag.description) })),
    ...[...missingTags].map((id) => ({
      id,
      name: id,
      color: MISSING_TAG_COLOR,
      description: 'A tag the Claimbench codebook no longer has.',
    })),
  ];
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<Project xmlns="${QDPX_NAMESPACE}" name="${attribute(input.workspace.name)}" origin="${attribute(options.origin)}"${projectCreator === undefined ? '' : ` creatingUserGUID="${projectCreator}"`} creationDateTime="${attribute(options.createdAt)}">`,
    ...wrap(
      'Users',
      [...users].map(([name, userGuid]) => `    <User guid="${userGuid}" name="${attribute(name)}"/>`),
    ),
    ...(tags.length === 0 ? [] : ['  <CodeBook>', codesXml(tags, (id) => guid('code', id)), '  </CodeBook>']),
    ...wrap('Sources', sourceLines),
    ...wrap('Notes', notes),
    ...wrap('Links', linkLines),
    '</Project>',
    '',
  ];
  return { projectXml: lines.join('\n'), sources, skipped: { annotations: skippedAnnotations, links: skippedLinks }, stripped };
}

/** `<Codes>…</Codes>` as codebookToQdc writes it, two spaces deeper (it sits in `<CodeBook>` in `<Project>`). */
function codesXml(tags: Tag[], guidFor: (tagId: string) => string): string {
  const qdc = codebookToQdc({ tags }, { origin: '', guidFor });
  const block = qdc.slice(qdc.indexOf('  <Codes>'), qdc.lastIndexOf('  </Codes>') + '  </Codes>'.length);
  // Only lines that start with markup move: a description's later lines hold no "<" (it is escaped).
  return `  ${block.replace(/\n(?= *<)/g, '\n  ')}`;
}

function wrap(element: string, children: readonly string[]): string[] {
  return children.length === 0 ? [] : [`  <${element}>`, ...children, `  </${element}>`];
}

function sourceDescription(meta: DocumentMeta): string {
  const lines: [string, string | undefined][] = [
    ['Outlet', meta.outlet],
    ['Author', meta.author],
    ['Published', meta.publishedAt],
    ['Address', meta.sourceUrl],
  ];
  return lines.flatMap(([label, value]) => (value ? [`${label}: ${value}`] : [])).join('\n');
}

function selectionDescription(annotation: Annotation, statusLabel: string): string {
  const lines: [string, string][] = [
    ['Speaker', annotation.speaker],
    ['Outlet', annotation.outlet],
    ['Status', statusLabel],
  ];
  return lines.flatMap(([label, value]) => (value.trim() === '' ? [] : [`${label}: ${value}`])).join('\n');
}

const QUOTE_NAME_LENGTH = 80;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** The quote on one line, cut at a grapheme boundary to at most {@link QUOTE_NAME_LENGTH} UTF-16 units. */
function shortQuote(exact: string): string {
  const line = exact.replace(/\s+/g, ' ').trim();
  if (line.length <= QUOTE_NAME_LENGTH) return line;
  let cut = '';
  for (const { segment } of graphemes.segment(line)) {
    if (cut.length + segment.length > QUOTE_NAME_LENGTH - 1) break;
    cut += segment;
  }
  return `${cut.trimEnd()}…`;
}
