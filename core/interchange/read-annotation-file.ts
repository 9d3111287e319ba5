// Annotation files made elsewhere, imported onto one document: W3C Web Annotation JSON (one
// annotation, an array, an AnnotationCollection or AnnotationPage, JSON Lines) and Hypothesis's own
// JSON (an API search result, the client's export, rows). Reading the file and placing its
// annotations are separate steps: `readAnnotationFile` (here) turns any of these shapes into W3C
// annotation objects, so `planAnnotationImport` (./plan-annotation-import.ts) has one reader
// (annotationFromW3C, ./w3c/w3c-read.ts) and one set of rules for tags, statuses and duplicates,
// and a caller can show what a file holds before it is placed (./hypothesis.ts converts rows).
//
// Only annotations of passages are read: page notes, replies and evidence links are skipped with a
// reason, and a collection's pages are read only when the file embeds them (nothing is fetched).
import { fail, ok, type Result } from '../result.ts';
import { accountName, hypothesisToW3C, isHypothesisRow } from './hypothesis.ts';
import { isObject, kindOf, listOf, own, parseJson, stringsOf } from './json-input.ts';

/** Caps on what is read: a larger file is refused, not cut. */
export const ANNOTATION_FILE_LIMITS = { annotations: 50_000, characters: 256 * 1024 * 1024, pages: 10_000 } as const;

export type AnnotationFileFormat = 'w3c' | 'hypothesis';

export interface AnnotationFile {
  readonly format: AnnotationFileFormat;
  /** W3C Annotation objects for annotationFromW3C (Hypothesis rows converted), in file order. */
  readonly items: unknown[];
  /** Annotations left out, by their 0-based position among the file's annotations; the reason names it for people. */
  readonly skipped: { index: number; reason: string }[];
}

/** One annotation of the file before it is looked at: how to name it, and the @context of its page. */
interface Entry {
  readonly label: string;
  readonly value: unknown;
  readonly hypothesis: boolean;
  readonly context?: unknown;
  readonly error?: string;
}

/**
 * Reads an annotation file. Accepted: a W3C Annotation; a JSON array of them; an
 * AnnotationCollection with its pages embedded (`first`, then each `next`) or an AnnotationPage;
 * JSON Lines, one annotation a line; Hypothesis's JSON: an API search result (`rows`, and
 * `replies`), the client's export (`annotations`), an array of rows or one row. A byte-order mark
 * is ignored. Skipped with a reason: page notes (no quote or position), replies, evidence links,
 * lines that are not JSON and items that are not objects. Refused (`invalid`): anything else,
 * pages referenced by IRI (they are not fetched), more than 50,000 annotations.
 * @example
 * const file = readAnnotationFile(await readFile('hypothesis.json', 'utf8'));
 * if (file.ok) planAnnotationImport({ ...workspaceInput, items: file.value.items });
 */
export function readAnnotationFile(text: string): Result<AnnotationFile, 'invalid'> {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.length > ANNOTATION_FILE_LIMITS.characters)
    return fail(
      'invalid',
      `The file is too large: Claimbench reads annotation files of up to ${ANNOTATION_FILE_LIMITS.characters / 1024 / 1024} MB.`,
    );
  if (body.trim() === '') return fail('invalid', 'The file is empty.');
  const whole = parseJson(body);
  const entries = whole.ok ? entriesOf(whole.value) : jsonLines(body, whole.message);
  if (!entries.ok) return entries;
  const items: unknown[] = [];
  const skipped: { index: number; reason: string }[] = [];
  let hypothesis = entries.value.hypothesis;
  entries.value.list.forEach((entry, index) => {
    const read = entry.error !== undefined ? { reason: entry.error } : itemOf(entry);
    if ('reason' in read) skipped.push({ index, reason: `${entry.label}: ${read.reason}` });
    else items.push(read.item);
    if ('hypothesis' in read && read.hypothesis) hypothesis = true;
  });
  return ok({ format: hypothesis ? 'hypothesis' : 'w3c', items, skipped });
}

type Entries = Result<{ list: Entry[]; hypothesis: boolean }, 'invalid'>;

function entriesOf(json: unknown): Entries {
  const list = (values: readonly unknown[], hypothesis: boolean, context?: unknown): Entries =>
    values.length > ANNOTATION_FILE_LIMITS.annotations
      ? tooMany(values.length)
      : ok({ list: values.map((value, index) => ({ label: `Annotation ${index + 1}`, value, hypothesis, context })), hypothesis });
  if (Array.isArray(json)) return list(json, false);
  if (!isObject(json)) return fail('invalid', `Not an annotation file: the JSON is ${kindOf(json)}.`);
  const types = stringsOf(own(json, 'type'));
  const rows = own(json, 'rows');
  const exported = own(json, 'annotations');
  if (types.length === 0 && Array.isArray(rows)) {
    const replies = own(json, 'replies');
    return list([...rows, ...(Array.isArray(replies) ? replies : [])], true);
  }
  if (types.length === 0 && Array.isArray(exported)) return list(exported, true);
  if (types.includes('AnnotationCollection')) {
    const first = own(json, 'first');
    const total = own(json, 'total');
    if (first !== undefined) return pagesFrom(first, own(json, '@context'));
    return total === undefined || total === 0
      ? list([], false)
      : fail('invalid', 'The collection has annotations but no page of them in the file.');
  }
  if (types.includes('AnnotationPage')) return pagesFrom(json, own(json, '@context'));
  if (types.includes('Annotation') || isHypothesisRow(json)) return list([json], false);
  return fail(
    'invalid',
    'Not an annotation file: expected a W3C Annotation, AnnotationCollection or AnnotationPage, an array or JSON Lines of annotations, or Hypothesis JSON (an API search result with "rows", or its export).',
  );
}

/** The items of an embedded page and of each embedded page after it; the page's @context covers its items. */
function pagesFrom(first: unknown, collectionContext: unknown): Entries {
  const list: Entry[] = [];
  let page = first;
  for (let number = 1; page !== undefined; number++) {
    if (typeof page === 'string') return elsewhere(number === 1 ? 'first' : 'next', page);
    const items = isObject(page) ? own(page, 'items') : undefined;
    if (!isObject(page) || !Array.isArray(items))
      return fail('invalid', `Page ${number} of the collection is not an AnnotationPage with a list of items.`);
    if (list.length + items.length > ANNOTATION_FILE_LIMITS.annotations) return tooMany(list.length + items.length);
    if (number > ANNOTATION_FILE_LIMITS.pages)
      return fail('invalid', `The collection has more than ${ANNOTATION_FILE_LIMITS.pages} pages.`);
    const context = own(page, '@context') ?? collectionContext;
    for (const value of items) list.push({ label: `Annotation ${list.length + 1} (page ${number})`, value, hypothesis: false, context });
    page = own(page, 'next');
  }
  return ok({ list, hypothesis: false });
}

function elsewhere(property: string, iri: string): Entries {
  return fail(
    'invalid',
    `The collection's annotations continue on a page that is not in the file (${property}: ${JSON.stringify(iri.slice(0, 200))}). Claimbench reads only pages embedded in the file: save every page into it first.`,
  );
}

function tooMany(count: number): Entries {
  return fail(
    'invalid',
    `The file holds ${count} annotations; Claimbench imports at most ${ANNOTATION_FILE_LIMITS.annotations} at a time. Split the file.`,
  );
}

/** JSON Lines, when the file is not one JSON value but its first line is a JSON object. */
function jsonLines(body: string, jsonError: string): Entries {
  const lines = body.split('\n');
  const filled = lines.filter((line) => line.trim() !== '');
  const first = filled.length >= 2 ? parseJson(filled[0]!) : undefined;
  if (first === undefined || !first.ok || !isObject(first.value))
    return fail('invalid', `The file is not JSON: ${jsonError.slice(0, 200)}`);
  if (filled.length > ANNOTATION_FILE_LIMITS.annotations) return tooMany(filled.length);
  const list: Entry[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = parseJson(line);
    const label = `Line ${index + 1}`;
    list.push(
      parsed.ok
        ? { label, value: parsed.value, hypothesis: false }
        : { label, value: undefined, hypothesis: false, error: `not JSON (${parsed.message.slice(0, 200)})` },
    );
  });
  return ok({ list, hypothesis: false });
}

type Item = { readonly item: unknown; readonly hypothesis: boolean } | { readonly reason: string };

function itemOf(entry: Entry): Item {
  const { value } = entry;
  if (!isObject(value)) return { reason: `it is ${kindOf(value)}, not an annotation.` };
  if (!entry.hypothesis && !isHypothesisRow(value)) return fromW3C(value, entry.context);
  const converted = hypothesisToW3C(value, entry.label);
  return 'reason' in converted ? converted : { item: converted.item, hypothesis: true };
}

function fromW3C(value: Readonly<Record<string, unknown>>, context: unknown): Item {
  const motivations = stringsOf(own(value, 'motivation'));
  if (motivations.includes('replying')) return { reason: 'a reply to another annotation, which marks no text.' };
  if (motivations.includes('linking'))
    return { reason: 'a link between annotations (evidence links are not imported from annotation files).' };
  if (isPageNote(own(value, 'target')))
    return { reason: 'a note on the whole document (no TextQuoteSelector or TextPositionSelector), not on a passage.' };
  // Hypothesis's own JSON-LD writes its note as a body without purpose (and no motivation) and the
  // creator as an `acct:` IRI; read them as what they are, a comment and a user name.
  const { body, creator, ...rest } = value;
  const item: Record<string, unknown> = { ...rest };
  if (own(value, '@context') === undefined && context !== undefined) item['@context'] = context;
  if (body !== undefined && own(value, 'motivation') === undefined) {
    const bodies = listOf(body).flatMap((one) => {
      if (!isObject(one) || own(one, 'purpose') !== undefined || typeof own(one, 'value') !== 'string') return [one];
      return own(one, 'value') === '' ? [] : [{ ...one, purpose: 'commenting' }];
    });
    if (bodies.length > 0) item.body = bodies;
  } else if (body !== undefined) item.body = body;
  if (creator !== undefined) item.creator = Array.isArray(creator) ? creator.map(personOfAccount) : personOfAccount(creator);
  return { item, hypothesis: false };
}

function personOfAccount(creator: unknown): unknown {
  const name = typeof creator === 'string' ? accountName(creator) : undefined;
  return name === undefined ? creator : { type: 'Person', name };
}

/**
 * Targets that are well formed but name no passage: IRIs, or resources whose selectors are of
 * other kinds (a FragmentSelector's page …). Malformed ones go on to annotationFromW3C, which says
 * what is wrong with them.
 */
function isPageNote(target: unknown): boolean {
  const targets = listOf(target);
  const otherSelector = (selector: unknown) =>
    typeof selector === 'string' ||
    (isObject(selector) &&
      typeof own(selector, 'type') === 'string' &&
      !['TextQuoteSelector', 'TextPositionSelector'].includes(own(selector, 'type') as string));
  return (
    targets.length > 0 &&
    targets.every((one) => typeof one === 'string' || (isObject(one) && listOf(own(one, 'selector')).every(otherSelector)))
  );
}
