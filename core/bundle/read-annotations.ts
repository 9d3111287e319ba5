// A bundle's annotations.jsonld read into annotations (each onto its document) and evidence links,
// for read-bundle-content.ts. The export writes one item per line (main/bundle/bundle-entries.ts);
// that layout is read a line at a time, each item parsed, checked and made an annotation as soon as
// its line is reached, so the parsed items are never all held at once. Holding all 100,000 of them
// (and then checking them) kept them alive through every young-generation collection, which
// copied them again and again: the collector took about as long as the reading.
// Anything else (another tool's file, a line that is not one whole value) is parsed whole. Either
// way the outcome, and the failure reported, are those of parsing the whole file and then reading
// its items in order: a line layout that breaks after an item fails is found by parsing the lines
// left (only then), and the file is then read whole.
import { z } from 'zod';
import { describeIssues } from '../interchange/json-input.ts';
import { isOwnItem } from '../interchange/w3c/own-item-check.ts';
import { annotationFromOwnW3C, documentIdOf, linkFromOwnW3C, OwnItem, type OwnDocument } from '../interchange/w3c/read-own.ts';
import type { Annotation } from '../model/annotation.ts';
import type { EvidenceLink } from '../model/evidence.ts';
import { fail, ok, type Result } from '../result.ts';
import { codePointIndex } from '../text/code-points.ts';

/** The lines of a text (split at "\n"), each one made when asked for. */
export interface TextLines {
  readonly count: number;
  line(index: number): string;
}

/** What annotations.jsonld holds. */
export interface ReadAnnotations {
  /** By document id, in the file's order; a document without annotations has no entry. */
  readonly annotations: ReadonlyMap<string, Annotation[]>;
  readonly links: readonly EvidenceLink[];
  /** Status labels by status id, from the assessing bodies (for bundles without settings.json). */
  readonly labels: ReadonlyMap<string, string>;
}

export interface AnnotationSource {
  /** The file's lines, or undefined when the bundle has no such file. */
  readonly lines: TextLines | undefined;
  /** The whole file as text (read only when it is not in the line layout). */
  readonly text: () => string;
  /** The bundle's documents by id (an item on any other is refused). */
  readonly documents: ReadonlyMap<string, OwnDocument>;
  /** Earlier texts by SHA-256 (they give an orphan its context). */
  readonly texts: ReadonlyMap<string, string>;
  /** Lets the caller's event loop run; called every `PAUSE_EVERY` items. */
  readonly pause: () => Promise<void>;
}

/** Items read between two pauses. */
export const PAUSE_EVERY = 2000;

const PATH = 'annotations.jsonld';

const Collection = z.looseObject({
  type: z.literal('AnnotationCollection'),
  first: z.looseObject({ type: z.literal('AnnotationPage'), items: z.array(z.unknown()) }),
});

type Invalid = Result<never, 'invalid'>;
const invalid = (where: string, message: string): Invalid => fail('invalid', `${where}: ${message}`);

/** Thrown by `lineItems` at a line that is not one item of the line layout. */
class NotOneLine extends Error {}

/**
 * Reads annotations.jsonld (see the module comment). Fails with `invalid`, naming the item and the
 * reason, at the first item that is not as Claimbench writes it.
 */
export async function readAnnotations(source: AnnotationSource): Promise<Result<ReadAnnotations, 'invalid'>> {
  if (source.lines === undefined) return invalid(PATH, 'missing from the bundle');
  const layout = lineLayout(source.lines);
  if (layout !== undefined) {
    const items = lineItems(source.lines, layout.last);
    try {
      const read = await readCollection(layout.shell, items, source);
      if (read.ok) return read;
      // Only if the rest of the file is in the layout too is this the failure reading it whole would report.
      for (let next = items.next(); !next.done; next = items.next()) if (next.value.number % PAUSE_EVERY === 0) await source.pause();
      return read;
    } catch (error) {
      if (!(error instanceof NotOneLine)) throw error;
    }
  }
  let collection: unknown;
  try {
    collection = JSON.parse(source.text());
  } catch (error) {
    return invalid(PATH, `not valid JSON (${(error as Error).message})`);
  }
  return readCollection(collection, itemsOf(collection), source);
}

/** The collection without its items, when the file is in the line layout: its first line opens the items' array, its last closes it. */
function lineLayout(lines: TextLines): { shell: unknown; last: number } | undefined {
  let count = lines.count;
  while (count > 0 && lines.line(count - 1).trim() === '') count--;
  if (count < 3) return undefined;
  const head = lines.line(0);
  const tail = lines.line(count - 1);
  if (!head.endsWith('"items":[') || !tail.startsWith(']')) return undefined;
  let shell: unknown;
  try {
    shell = JSON.parse(`${head}]${tail.slice(1)}`);
  } catch {
    return undefined;
  }
  const items = (shell as { first?: { items?: unknown } } | null)?.first?.items;
  return Array.isArray(items) && items.length === 0 ? { shell, last: count - 2 } : undefined;
}

type Numbered = { readonly number: number; readonly item: unknown };

/** The items of lines 1 to `last`, each parsed when reached; throws NotOneLine at a line that is not one item followed by exactly the array's comma. */
function* lineItems(lines: TextLines, last: number): Generator<Numbered, void, undefined> {
  for (let index = 1; index <= last; index++) {
    const line = lines.line(index);
    // Exactly the array's commas: one after every item but the last, none after it.
    if (line.endsWith(',') === (index === last)) throw new NotOneLine();
    let item: unknown;
    try {
      item = JSON.parse(index === last ? line : line.slice(0, -1));
    } catch {
      throw new NotOneLine();
    }
    yield { number: index, item };
  }
}

/** The items of a collection parsed whole (none when it is not one: the collection's check says why). */
function* itemsOf(collection: unknown): Generator<Numbered, void, undefined> {
  const items = (collection as { first?: { items?: unknown } } | null)?.first?.items;
  if (!Array.isArray(items)) return;
  for (let index = 0; index < items.length; index++) yield { number: index + 1, item: items[index] as unknown };
}

/** Checks the collection (`shell`: its items left out or not, they are not looked at), then reads `items` in order. */
async function readCollection(
  shell: unknown,
  items: Iterator<Numbered, void, undefined>,
  { documents, texts, pause }: AnnotationSource,
): Promise<Result<ReadAnnotations, 'invalid'>> {
  const collection = Collection.safeParse(shell);
  if (!collection.success) return invalid(PATH, describeIssues(collection.error, 'the file'));
  const annotations = new Map<string, Annotation[]>();
  const links: EvidenceLink[] = [];
  const labels = new Map<string, string>();
  const indexes = new Map<string, ReturnType<typeof codePointIndex>>();
  for (let next = items.next(); !next.done; next = items.next()) {
    const { number, item: raw } = next.value;
    if (number % PAUSE_EVERY === 0) await pause();
    const where = `${PATH}, item ${number}`;
    // The schema only for an item not plainly valid already (nearly every item of a bundle is), and for its message.
    let item: OwnItem;
    if (isOwnItem(raw)) item = raw;
    else {
      const parsed = OwnItem.safeParse(raw);
      if (!parsed.success) return invalid(where, describeIssues(parsed.error, 'the file'));
      item = parsed.data;
    }
    if (Array.isArray(item.target)) {
      const link = linkFromOwnW3C(item);
      if (!link.ok) return invalid(where, link.error.message);
      links.push(link.value);
      continue;
    }
    const documentId = documentIdOf(item.target);
    const document = documentId === undefined ? undefined : documents.get(documentId);
    if (documentId === undefined || document === undefined)
      return invalid(where, `its target is not a document of the bundle (${item.target['claimbench:document'] ?? item.target.source})`);
    const index = () => {
      let built = indexes.get(documentId);
      if (built === undefined) indexes.set(documentId, (built = codePointIndex(document.text)));
      return built;
    };
    const annotation = annotationFromOwnW3C(item, item.target, document, index, texts);
    if (!annotation.ok) return invalid(where, annotation.error.message);
    for (const body of item.body) if (body['claimbench:status'] !== undefined) labels.set(body['claimbench:status'], body.value);
    let onDocument = annotations.get(documentId);
    if (onDocument === undefined) annotations.set(documentId, (onDocument = []));
    onDocument.push(annotation.value);
  }
  return ok({ annotations, links, labels });
}
