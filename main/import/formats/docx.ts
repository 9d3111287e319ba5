// Word (.docx): a zip of XML parts. The zip guard checks the archive first, so a zip bomb is
// refused before anything inflates it into memory; then mammoth reads the document model, which
// is flattened into paragraphs separated by blank lines, with headings from Heading 1–6 styles.
// Title, author and date come from the core properties (docProps/core.xml).
import mammoth from 'mammoth';
import { normalizeText } from '../../../core/text/normalize.ts';
import { fail, ok, type Failure } from '../../../core/result.ts';
import type { Extractor, ExtractResult, Heading } from '../extract-types.ts';
import { checkInflatedSize, readZipDirectory, readZipEntry, type ZipEntry, type ZipGuardCode } from './zip-guard.ts';

const DOCUMENT_PART = 'word/document.xml';
const CORE_PROPERTIES_PART = 'docProps/core.xml';
/** core.xml holds a dozen short fields; one larger than this is not worth reading for a title. */
const MAX_CORE_PROPERTIES_BYTES = 1024 * 1024;
/** An OLE compound file: a legacy .doc, or a .docx that Word encrypted with a password. */
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Word's built-in heading styles are named "heading 1"… in styles.xml whatever the UI language. */
const HEADING_STYLE = /^heading\s*([1-6])$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** The part of mammoth's document model that we read (the transform hook hands it over untyped). */
interface DocElement {
  readonly type: string;
  readonly children?: readonly DocElement[];
  readonly value?: string;
  readonly styleId?: string | null;
  readonly styleName?: string | null;
}

interface Block {
  text: string;
  readonly level: number | undefined;
}

const cancelled = () => fail('cancelled', 'the import was cancelled');

export const extractDocx: Extractor = async ({ bytes, fileName, limits, signal }) => {
  if (signal?.aborted) return cancelled();
  if (OLE_SIGNATURE.every((byte, index) => bytes[index] === byte)) {
    return fail('unsupported-format', 'this is a password-protected Word file or an old .doc file; save it as an unprotected .docx');
  }
  const directory = readZipDirectory(bytes, fileName);
  if (!directory.ok) return fromGuard(directory.error, fileName);
  if (!directory.value.some((entry) => entry.name === DOCUMENT_PART)) return fail('corrupt', 'not a Word document (no word/document.xml)');
  const inflated = await checkInflatedSize(bytes, directory.value, { maxInflatedBytes: limits.maxInflatedBytes, signal });
  if (!inflated.ok) return fromGuard(inflated.error, fileName);

  let blocks: Block[];
  try {
    blocks = await readBlocks(bytes);
  } catch (error) {
    return fail('corrupt', `the Word document could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (signal?.aborted) return cancelled();
  const { text, headings } = joinBlocks(blocks);
  if (text === '') return fail('empty', 'the document has no text');
  const core = coreProperties(bytes, directory.value);
  return ok({
    format: 'docx',
    text,
    headings,
    title: core.title ?? headings.find((heading) => heading.level === 1)?.text,
    author: core.author,
    publishedAt: core.created,
  });
};

function fromGuard(error: Failure<ZipGuardCode>, fileName: string): ExtractResult {
  if (error.code === 'not-zip') return fail('corrupt', `${fileName} is not a Word file (not a zip archive)`);
  return fail(error.code, error.message);
}

/**
 * Mammoth's entry points all end in a conversion; `transformDocument` is the hook that hands over
 * the document model with each paragraph's style, which headings need. The HTML is discarded.
 * (Mammoth calls that hook's API unstable: the version is pinned and docx.test.ts covers it.)
 */
async function readBlocks(bytes: Uint8Array): Promise<Block[]> {
  let blocks: Block[] = [];
  await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    {
      externalFileAccess: false,
      // Images are never read: only text is kept, and decoding them would cost memory.
      convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      transformDocument: (document: DocElement) => {
        blocks = collectBlocks(document);
        return document;
      },
    },
  );
  return blocks;
}

/** Every paragraph (in the body and in table cells) in document order, with its heading level. */
function collectBlocks(root: DocElement): Block[] {
  const blocks: Block[] = [];
  const visit = (element: DocElement, parts: string[] | undefined): void => {
    if (element.type === 'paragraph') {
      // Placed before its children are visited, so a paragraph nested in it (a text box) comes after.
      const block: Block = { text: '', level: headingLevel(element) };
      blocks.push(block);
      const own: string[] = [];
      for (const child of element.children ?? []) visit(child, own);
      block.text = own.join('');
    } else if (element.type === 'text') {
      parts?.push(element.value ?? '');
    } else if (element.type === 'tab') {
      parts?.push('\t');
    } else if (element.type === 'break') {
      parts?.push('\n');
    } else {
      for (const child of element.children ?? []) visit(child, parts);
    }
  };
  visit(root, undefined);
  return blocks;
}

function headingLevel(paragraph: DocElement): number | undefined {
  const match = HEADING_STYLE.exec(paragraph.styleName ?? '') ?? HEADING_STYLE.exec(paragraph.styleId ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * Joins non-blank paragraphs with "\n\n". Each is normalized before its offset is taken; NFC
 * composes nothing across a line feed, so the joined text is already normalized and the offsets
 * hold for it (normalizeText runs once more as the contract asks, and changes nothing).
 */
function joinBlocks(blocks: readonly Block[]): { text: string; headings: Heading[] } {
  const parts: string[] = [];
  const headings: Heading[] = [];
  let length = 0;
  for (const block of blocks) {
    const text = normalizeText(block.text).trim();
    if (text === '') continue;
    if (parts.length > 0) length += 2;
    if (block.level !== undefined) headings.push({ level: block.level, text, start: length });
    parts.push(text);
    length += text.length;
  }
  return { text: normalizeText(parts.join('\n\n')), headings };
}

interface CoreProperties {
  readonly title?: string;
  readonly author?: string;
  readonly created?: string;
}

/** dc:title, dc:creator and dcterms:created from docProps/core.xml; missing or odd values are left out. */
function coreProperties(bytes: Uint8Array, entries: readonly ZipEntry[]): CoreProperties {
  const entry = entries.find((candidate) => candidate.name === CORE_PROPERTIES_PART);
  const data = entry && readZipEntry(bytes, entry, MAX_CORE_PROPERTIES_BYTES);
  if (!data) return {};
  const xml = new TextDecoder().decode(data);
  const created = coreField(xml, 'created');
  return {
    title: coreField(xml, 'title'),
    author: coreField(xml, 'creator'),
    created: created && ISO_DATE.test(created) && !Number.isNaN(Date.parse(created)) ? created : undefined,
  };
}

/**
 * The text of the first element with this local name. core.xml is a flat list of simple elements
 * whose local names do not repeat across its namespaces, so a pattern is enough here.
 */
function coreField(xml: string, localName: string): string | undefined {
  const element = new RegExp(`<(?:[\\w.-]+:)?${localName}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w.-]+:)?${localName}\\s*>`).exec(xml);
  const value = normalizeText(decodeXmlText(element?.[1] ?? ''))
    .replace(/\s+/g, ' ')
    .trim();
  return value === '' ? undefined : value;
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlText(raw: string): string {
  return raw.replace(
    /<!\[CDATA\[([\s\S]*?)\]\]>|&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi,
    (whole, cdata: string | undefined, entity: string | undefined) => {
      if (cdata !== undefined) return cdata;
      if (entity === undefined) return whole;
      const code =
        entity.startsWith('#x') || entity.startsWith('#X')
          ? parseInt(entity.slice(2), 16)
          : entity.startsWith('#')
            ? Number(entity.slice(1))
            : undefined;
      if (code === undefined) return XML_ENTITIES[entity] ?? whole;
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}
