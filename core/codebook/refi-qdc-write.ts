// Writing a REFI-QDA Codebook (.qdc) (refi-qdc.ts reads one, and re-exports this).
import type { Codebook, Tag } from '../model/codebook.ts';
import { escapeXmlAttribute, escapeXmlText, NOT_XML } from '../interchange/xml-escape.ts';

export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface QdcExportOptions {
  /** Written as `CodeBook/@origin`: the program that wrote the file, e.g. `Claimbench 0.1.0`. */
  readonly origin: string;
  /** The GUID (`8-4-4-4-12` hex) for a tag that has none yet; the same id should give the same GUID. */
  readonly guidFor: (tagId: string) => string;
}

/**
 * The codebook as a REFI-QDA Codebook (.qdc) document: children nested inside their parent's
 * `<Code>`, siblings in codebook order, each with its own `guid` (or `guidFor(id)`), `name`,
 * `isCodable` (`false` for a tag marked not codable), `color` as `#RRGGBB`, and a `<Description>` when it has one. Text is escaped
 * for XML; characters XML 1.0 cannot carry (control characters, lone surrogates) become U+FFFD.
 * An empty codebook gives an empty `<Codes/>`, which the XSD does not allow (it wants one code).
 * Throws if `guidFor` returns something that is not a GUID: that is a bug in the caller.
 * @example codebookToQdc(codebook, { origin: 'Claimbench 0.1.0', guidFor: (id) => uuidV5(id) })
 */
export function codebookToQdc(codebook: Codebook, options: QdcExportOptions): string {
  const ids = new Set(codebook.tags.map((tag) => tag.id));
  const children = Map.groupBy(codebook.tags, (tag) => (tag.parentId !== undefined && ids.has(tag.parentId) ? tag.parentId : undefined));
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', `<CodeBook xmlns="${QDC_NAMESPACE}" origin="${xmlAttribute(options.origin)}">`];
  const written = new Set<string>();
  const writeTree = (top: Tag): void => {
    // An explicit stack, not recursion: a codebook may be deep.
    const stack: ({ tag: Tag; depth: number } | string)[] = [{ tag: top, depth: 2 }];
    while (stack.length > 0) {
      const step = stack.pop()!;
      if (typeof step === 'string') {
        lines.push(step);
        continue;
      }
      const { tag, depth } = step;
      if (written.has(tag.id)) continue;
      written.add(tag.id);
      const guid = tag.guid ?? options.guidFor(tag.id);
      if (!GUID.test(guid)) throw new Error(`guidFor("${tag.id}") returned "${guid}", which is not a GUID`);
      const indent = '  '.repeat(depth);
      const open = `${indent}<Code guid="${guid}" name="${xmlAttribute(tag.name)}" isCodable="${tag.codable === false ? 'false' : 'true'}" color="${tag.color.toUpperCase()}"`;
      const below = (children.get(tag.id) ?? []).filter((child) => !written.has(child.id));
      if (tag.description === '' && below.length === 0) {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      if (tag.description !== '') lines.push(`${indent}  <Description>${xmlText(tag.description)}</Description>`);
      stack.push(`${indent}</Code>`);
      for (const child of below.toReversed()) stack.push({ tag: child, depth: depth + 1 });
    }
  };
  const roots = children.get(undefined) ?? [];
  if (roots.length === 0 && codebook.tags.length === 0) {
    lines.push('  <Codes/>');
  } else {
    lines.push('  <Codes>');
    for (const root of roots) writeTree(root);
    // Tags in a loop of parents reach no root; the schema forbids loops, but losing tags is worse.
    for (const tag of codebook.tags) if (!written.has(tag.id)) writeTree(tag);
    lines.push('  </Codes>');
  }
  lines.push('</CodeBook>', '');
  return lines.join('\n');
}

function xmlText(value: string): string {
  return escapeXmlText(value.replace(NOT_XML, '\uFFFD'));
}

function xmlAttribute(value: string): string {
  return escapeXmlAttribute(value.replace(NOT_XML, '\uFFFD'));
}
