// REFI-QDA Codebook (.qdc): the XML codebook that NVivo, ATLAS.ti, MAXQDA, QualCoder and Taguette
// exchange (REFI-QDA standard 1.5, §5.2: namespace urn:QDA-XML:codebook:1.0, schema Codebook.xsd).
// <Code> elements nest as tags do; a code's guid, name, colour, description and isCodable are kept.
// Shortcuts have no place in the format; its <Sets> (groups of codes) have none in Claimbench, so
// reading lists them for the import to report.
// Reading treats the file as hostile: no DOCTYPE (so no entity can expand or reach outside), a cap
// on nesting, and no recursion over the file's structure.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Codebook, Tag } from '../model/codebook.ts';
import { fail, ok, type Result } from '../result.ts';
import { listProblems, normalizeColor, paletteColor, tagIdMaker } from './codebook-csv.ts';
import { GUID, QDC_NAMESPACE } from './refi-qdc-write.ts';

export { codebookToQdc, QDC_NAMESPACE, type QdcExportOptions } from './refi-qdc-write.ts';

const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';

/** Elements may nest this deep (CodeBook, Codes, then codes within codes); deeper files are refused. */
export const QDC_MAX_NESTING = 100;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  // The parser expands nothing: the five predefined entities and character references are decoded
  // below, once, and a DOCTYPE (the only place an entity could be defined) is refused before parsing.
  processEntities: false,
  htmlEntities: false,
  maxNestedTags: QDC_MAX_NESTING,
  captureMetaData: true,
});
// Typed `Symbol` (the wrapper) by the library; it is a symbol.
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type XmlNode = Record<string | symbol, unknown>;
interface XmlElement {
  /** Namespace URI and local name, prefixes resolved. */
  readonly namespace: string | undefined;
  readonly local: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly children: readonly XmlNode[];
  readonly scope: ReadonlyMap<string, string>;
  readonly line: number;
}

/**
 * Reads a REFI-QDA Codebook (.qdc). Nested codes become tags with `parentId`; ids are made from
 * names (`Named official` → `named-official`, then `-2` … when taken); the GUID, the colour
 * (lowercased, `#RGB` expanded; a palette colour when absent) and the description are kept.
 * Refuses, with a message that says why: text that is not XML (or is a binary file, such as a
 * .docx or a .qdpx renamed), a DOCTYPE, elements nested deeper than {@link QDC_MAX_NESTING}, a root
 * other than `<CodeBook xmlns="urn:QDA-XML:codebook:1.0">`, and codes with no name or with a
 * malformed GUID or colour (every such problem is listed, with its line).
 */
export function codebookFromQdc(xml: string): Result<Codebook, 'invalid'> {
  const read = readQdc(xml);
  return read.ok ? ok(read.value.codebook) : read;
}

/** A code set of a .qdc file (`<Sets><Set name>` with its `<MemberCode>`s), which Claimbench does not keep. */
export interface QdcSet {
  readonly name: string;
  readonly codes: number;
}

/** What a .qdc file holds beyond its codes' fields. */
export interface QdcRead {
  readonly codebook: Codebook;
  /** Ids (in `codebook`) of the tags whose code has a `<Description>`: the others say nothing of theirs. */
  readonly described: ReadonlySet<string>;
  /** The file's code sets, in order. */
  readonly sets: readonly QdcSet[];
}

/** {@link codebookFromQdc}, with which codes carry a description and the file's code sets. */
export function readQdc(xml: string): Result<QdcRead, 'invalid'> {
  const text = (xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml).replace(/\r\n?/g, '\n');
  if (text.trim() === '') return fail('invalid', 'The file is empty.');
  if (text.startsWith('PK\u0003\u0004')) {
    return fail(
      'invalid',
      'This is a ZIP archive (a .docx, or a REFI-QDA project .qdpx, perhaps), not a codebook: a .qdc file is XML text.',
    );
  }
  if (text.includes('\u0000')) return fail('invalid', 'This is a binary file, not XML text: a .qdc codebook is XML.');
  if (hasDoctype(text)) {
    return fail(
      'invalid',
      'The file has a DOCTYPE, which a REFI-QDA codebook never has; it is refused because a DOCTYPE can define entities that expand without limit or read other files.',
    );
  }
  // Parse first: it stops at the nesting cap at once, where validating would walk the whole file.
  let nodes: XmlNode[] | undefined;
  let parseError: string | undefined;
  try {
    nodes = parser.parse(text) as XmlNode[];
  } catch (error) {
    parseError = error instanceof Error ? error.message : String(error);
    if (/nested tags/i.test(parseError))
      return fail('invalid', `Elements are nested more than ${QDC_MAX_NESTING} deep; no codebook is that deep, so the file is refused.`);
  }
  const wellFormed = XMLValidator.validate(text);
  if (wellFormed !== true) {
    const { msg, line, col } = wellFormed.err;
    return fail(
      'invalid',
      `This is not well-formed XML: ${shorten(msg.replace(/\.$/, ''))} (line ${line}${col === undefined ? '' : `, column ${col}`}).`,
    );
  }
  if (nodes === undefined) return fail('invalid', `The file could not be read as XML: ${shorten(parseError ?? 'no result')}`);
  const lineAt = lineFinder(text);
  const rootElements = nodes.flatMap((node) => element(node, new Map(), lineAt) ?? []);
  const [root] = rootElements;
  if (root === undefined) return fail('invalid', 'The file has no root element; a REFI-QDA codebook starts with <CodeBook>.');
  if (rootElements.length > 1) return fail('invalid', `The file has ${rootElements.length} root elements; XML allows one.`);
  if (root.local === 'Project' && root.namespace === PROJECT_NAMESPACE) {
    return fail(
      'invalid',
      'This is a REFI-QDA project (<Project>), not a codebook (<CodeBook>): export a REFI-QDA Codebook (.qdc) from the other program instead.',
    );
  }
  if (root.local !== 'CodeBook') {
    return fail(
      'invalid',
      `The root element is <${shorten(root.local)}>; a REFI-QDA codebook starts with <CodeBook xmlns="${QDC_NAMESPACE}">.`,
    );
  }
  if (root.namespace !== QDC_NAMESPACE) {
    const found = root.namespace === undefined ? 'no namespace' : `the namespace "${shorten(root.namespace)}"`;
    return fail('invalid', `<CodeBook> has ${found}; a REFI-QDA codebook's is "${QDC_NAMESPACE}".`);
  }
  const codes = childElements(root, 'Codes', lineAt)[0];
  if (codes === undefined) return fail('invalid', 'The codebook has no <Codes> element.');
  const read = tagsFromCodes(codes, lineAt);
  if (!read.ok) return read;
  const sets = childElements(root, 'Sets', lineAt).flatMap((element) =>
    childElements(element, 'Set', lineAt).map((set) => ({
      name: decodeReferences(String(set.attributes['@_name'] ?? '')) ?? String(set.attributes['@_name'] ?? ''),
      codes: childElements(set, 'MemberCode', lineAt).length,
    })),
  );
  return ok({ ...read.value, sets });
}

interface ReadCode {
  readonly line: number;
  readonly name: string;
  readonly parent: number | undefined;
  readonly guid: string | undefined;
  readonly color: string | undefined;
  /** Undefined when the code has no `<Description>`. */
  readonly description: string | undefined;
  readonly codable: boolean;
}

function tagsFromCodes(codes: XmlElement, lineAt: (index: number) => number): Result<Pick<QdcRead, 'codebook' | 'described'>, 'invalid'> {
  // Each problem with its line, so that the list reads from the top of the file down.
  const problems: [line: number, message: string][] = [];
  const read: ReadCode[] = [];
  // Document order, parents before their children, without recursion.
  const stack = childElements(codes, 'Code', lineAt)
    .map((code) => ({ code, parent: undefined as number | undefined }))
    .reverse();
  while (stack.length > 0) {
    const { code, parent } = stack.pop()!;
    const unreadable = (what: string): [number, string] => [
      code.line,
      `Line ${code.line}: ${what} has an "&" that is not &amp;, &lt;, &gt;, &quot;, &apos; or a character reference.`,
    ];
    const attribute = (name: string): string | undefined => {
      const raw = code.attributes[`@_${name}`];
      if (typeof raw !== 'string') return undefined;
      // Attribute-value normalization: a literal tab or line break is a space (a reference is not).
      const normalized = raw.replace(/[\t\n]/g, ' ');
      const value = decodeReferences(normalized);
      if (value === undefined) problems.push(unreadable(`the ${name} attribute`));
      return value ?? normalized;
    };
    const name = (attribute('name') ?? '').trim();
    const guid = attribute('guid');
    const color = attribute('color');
    const descriptionElement = childElements(code, 'Description', lineAt)[0];
    const description = descriptionElement === undefined ? undefined : textOf(descriptionElement);
    if (descriptionElement !== undefined && description === undefined) problems.push(unreadable('the description'));
    const codable = attribute('isCodable')?.trim() !== 'false';
    const index = read.length;
    read.push({
      line: code.line,
      name,
      parent,
      guid,
      color,
      description: descriptionElement === undefined ? undefined : (description ?? ''),
      codable,
    });
    for (const child of childElements(code, 'Code', lineAt).reverse()) stack.push({ code: child, parent: index });
  }

  const idFor = tagIdMaker(new Set());
  const ids = read.map((code) => idFor(code.name));
  const lineOfGuid = new Map<string, number>();
  const tags: Tag[] = [];
  const described = new Set<string>();
  read.forEach((code, index) => {
    const where = `Line ${code.line}${code.name === '' ? '' : `, code "${code.name}"`}`;
    const report = (message: string): void => void problems.push([code.line, `${where}: ${message}`]);
    if (code.name === '') report('the code has no name.');
    const tag: Record<string, unknown> = { id: ids[index], name: code.name, description: code.description ?? '' };
    if (!code.codable) tag.codable = false;
    if (code.parent !== undefined) tag.parentId = ids[code.parent];
    if (code.guid !== undefined) {
      const guid = /^\{(.*)\}$/.exec(code.guid.trim())?.[1] ?? code.guid.trim();
      const earlier = lineOfGuid.get(guid.toLowerCase());
      if (!GUID.test(guid)) report(`the guid "${code.guid}" is not a GUID (8-4-4-4-12 hexadecimal digits).`);
      else if (earlier !== undefined) report(`the guid ${guid} is also the guid of the code on line ${earlier}.`);
      else lineOfGuid.set(guid.toLowerCase(), code.line);
      tag.guid = guid;
    }
    tag.color = code.color === undefined ? paletteColor(index) : normalizeColor(code.color);
    if (tag.color === undefined) report(`the color "${code.color}" is not a colour like #3B82F6.`);
    if (code.name === '' || tag.color === undefined) return;
    const checked = Tag.safeParse(tag);
    if (!checked.success) {
      for (const issue of checked.error.issues)
        if (issue.path[0] !== 'guid') report(`${issue.path.map(String).join('.')}: ${issue.message}.`);
      return;
    }
    tags.push(checked.data);
    if (code.description !== undefined) described.add(checked.data.id);
  });
  if (problems.length > 0) return listProblems(problems.sort(([a], [b]) => a - b).map(([, message]) => message));
  const codebook = Codebook.safeParse({ tags });
  if (!codebook.success) return listProblems(codebook.error.issues.map((issue) => issue.message));
  return ok({ codebook: codebook.data, described });
}

/** The node as an element with its namespace resolved in `scope`, or `undefined` for text, comments and the XML declaration. */
function element(node: XmlNode, scope: ReadonlyMap<string, string>, lineAt: (index: number) => number): XmlElement | undefined {
  const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text' && key !== '#cdata' && !key.startsWith('?'));
  if (name === undefined) return undefined;
  const attributes = (node[':@'] ?? {}) as Record<string, unknown>;
  let inner = scope;
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value !== 'string' || !(key === '@_xmlns' || key.startsWith('@_xmlns:'))) continue;
    if (inner === scope) inner = new Map(scope);
    (inner as Map<string, string>).set(key === '@_xmlns' ? '' : key.slice('@_xmlns:'.length), decodeReferences(value) ?? value);
  }
  const colon = name.indexOf(':');
  const prefix = colon === -1 ? '' : name.slice(0, colon);
  const children = node[name];
  const start = (node[META] as { startIndex?: number } | undefined)?.startIndex;
  return {
    namespace: inner.get(prefix) || undefined,
    local: name.slice(colon + 1),
    attributes,
    children: Array.isArray(children) ? (children as XmlNode[]) : [],
    scope: inner,
    line: start === undefined ? 0 : lineAt(start),
  };
}

/** The child elements of `parent` named `local` in the codebook namespace. */
function childElements(parent: XmlElement, local: string, lineAt: (index: number) => number): XmlElement[] {
  return parent.children.flatMap((node) => {
    const child = element(node, parent.scope, lineAt);
    return child !== undefined && child.local === local && child.namespace === QDC_NAMESPACE ? [child] : [];
  });
}

/** The element's text (text and CDATA, in order), references decoded; `undefined` on a stray `&`. */
function textOf(parent: XmlElement): string | undefined {
  let text = '';
  for (const node of parent.children) {
    if (typeof node['#text'] === 'string') {
      const decoded = decodeReferences(node['#text']);
      if (decoded === undefined) return undefined;
      text += decoded;
    } else if (Array.isArray(node['#cdata'])) {
      for (const part of node['#cdata'] as XmlNode[]) if (typeof part['#text'] === 'string') text += part['#text'];
    }
  }
  return text;
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML's five predefined entities and character references; `undefined` for any other `&`. */
function decodeReferences(value: string): string | undefined {
  if (!value.includes('&')) return value;
  let valid = true;
  const decoded = value.replace(
    /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[A-Za-z]+)?(;?)/g,
    (_match, body: string | undefined, semicolon: string) => {
      const char = body === undefined || semicolon !== ';' ? undefined : referenced(body);
      if (char === undefined) valid = false;
      return char ?? '';
    },
  );
  return valid ? decoded : undefined;
}

/** The character `&body;` stands for, if it is a predefined entity or a reference to a character XML allows. */
function referenced(body: string): string | undefined {
  if (!body.startsWith('#')) return PREDEFINED[body];
  const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
  const allowed =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : undefined;
}

/** Whether the XML text has a DOCTYPE (outside comments and CDATA sections), in one pass. */
function hasDoctype(xml: string): boolean {
  let at = 0;
  for (;;) {
    const open = xml.indexOf('<!', at);
    if (open === -1) return false;
    const close = xml.startsWith('<!--', open) ? '-->' : xml.startsWith('<![CDATA[', open) ? ']]>' : undefined;
    if (close === undefined) {
      if (xml.slice(open + 2, open + 9).toUpperCase() === 'DOCTYPE') return true;
      at = open + 2;
      continue;
    }
    const end = xml.indexOf(close, open + 4);
    if (end === -1) return false;
    at = end + close.length;
  }
}

/** A message from the XML library, cut short: some quote the whole input. */
function shorten(message: string): string {
  return message.length > 160 ? `${message.slice(0, 160)}…` : message;
}

/** Maps a string index to its 1-based line. */
function lineFinder(text: string): (index: number) => number {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return (index) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= index) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}
