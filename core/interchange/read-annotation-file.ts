// Annotation files made elsewhere, imported onto one document: W3C Web Annotation JSON (one
// annotation, an array, an AnnotationCollection or AnnotationPage, JSON Lines) and Hypothesis's own
// JSON (an API search result, the client's export, rows). Reading the file and placing its
// annotations are separate steps: `readAnnotationFile` turns any of these shapes into W3C
// annotation objects, so `planAnnotationImport` has one reader (annotationFromW3C in ./w3c/w3c-read.ts) and
// one set of rules for tags, statuses and duplicates, and a caller can show what a file holds
// before it is placed (./hypothesis.ts converts Hypothesis rows).
//
// Only annotations of passages are read: page notes, replies and evidence links are skipped with a
// reason, and a collection's pages are read only when the file embeds them (nothing is fetched).
import { paletteColor, tagIdMaker } from '../codebook/codebook-csv.ts';
import { Annotation, AnnotationId, type AnchorInfo } from '../model/annotation.ts';
import { Codebook, Tag } from '../model/codebook.ts';
import type { VerificationStatus } from '../model/workspace.ts';
import { fail, ok, type Result } from '../result.ts';
import { codePointIndex } from '../text/code-points.ts';
import { accountName, hypothesisToW3C, isHypothesisRow } from './hypothesis.ts';
import { isObject, kindOf, listOf, own, parseJson, stringsOf } from './json-input.ts';
import { idFromIri } from './w3c/w3c-iris.ts';
import { annotationFromW3C } from './w3c/w3c-read.ts';

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
  if (body.length > ANNOTATION_FILE_LIMITS.characters) return fail('invalid', `The file is too large: Claimbench reads annotation files of up to ${ANNOTATION_FILE_LIMITS.characters / 1024 / 1024} MB.`);
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
    return total === undefined || total === 0 ? list([], false) : fail('invalid', 'The collection has annotations but no page of them in the file.');
  }
  if (types.includes('AnnotationPage')) return pagesFrom(json, own(json, '@context'));
  if (types.includes('Annotation') || isHypothesisRow(json)) return list([json], false);
  return fail('invalid', 'Not an annotation file: expected a W3C Annotation, AnnotationCollection or AnnotationPage, an array or JSON Lines of annotations, or Hypothesis JSON (an API search result with "rows", or its export).');
}

/** The items of an embedded page and of each embedded page after it; the page's @context covers its items. */
function pagesFrom(first: unknown, collectionContext: unknown): Entries {
  const list: Entry[] = [];
  let page = first;
  for (let number = 1; page !== undefined; number++) {
    if (typeof page === 'string') return elsewhere(number === 1 ? 'first' : 'next', page);
    const items = isObject(page) ? own(page, 'items') : undefined;
    if (!isObject(page) || !Array.isArray(items)) return fail('invalid', `Page ${number} of the collection is not an AnnotationPage with a list of items.`);
    if (list.length + items.length > ANNOTATION_FILE_LIMITS.annotations) return tooMany(list.length + items.length);
    if (number > ANNOTATION_FILE_LIMITS.pages) return fail('invalid', `The collection has more than ${ANNOTATION_FILE_LIMITS.pages} pages.`);
    const context = own(page, '@context') ?? collectionContext;
    for (const value of items) list.push({ label: `Annotation ${list.length + 1} (page ${number})`, value, hypothesis: false, context });
    page = own(page, 'next');
  }
  return ok({ list, hypothesis: false });
}

function elsewhere(property: string, iri: string): Entries {
  return fail('invalid', `The collection's annotations continue on a page that is not in the file (${property}: ${JSON.stringify(iri.slice(0, 200))}). Claimbench reads only pages embedded in the file: save every page into it first.`);
}

function tooMany(count: number): Entries {
  return fail('invalid', `The file holds ${count} annotations; Claimbench imports at most ${ANNOTATION_FILE_LIMITS.annotations} at a time. Split the file.`);
}

/** JSON Lines, when the file is not one JSON value but its first line is a JSON object. */
function jsonLines(body: string, jsonError: string): Entries {
  const lines = body.split('\n');
  const filled = lines.filter((line) => line.trim() !== '');
  const first = filled.length >= 2 ? parseJson(filled[0]!) : undefined;
  if (first === undefined || !first.ok || !isObject(first.value)) return fail('invalid', `The file is not JSON: ${jsonError.slice(0, 200)}`);
  if (filled.length > ANNOTATION_FILE_LIMITS.annotations) return tooMany(filled.length);
  const list: Entry[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = parseJson(line);
    const label = `Line ${index + 1}`;
    list.push(parsed.ok ? { label, value: parsed.value, hypothesis: false } : { label, value: undefined, hypothesis: false, error: `not JSON (${parsed.message.slice(0, 200)})` });
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
  if (motivations.includes('linking')) return { reason: 'a link between annotations (evidence links are not imported from annotation files).' };
  if (isPageNote(own(value, 'target'))) return { reason: 'a note on the whole document (no TextQuoteSelector or TextPositionSelector), not on a passage.' };
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
  const otherSelector = (selector: unknown) => typeof selector === 'string' || (isObject(selector) && typeof own(selector, 'type') === 'string' && !['TextQuoteSelector', 'TextPositionSelector'].includes(own(selector, 'type') as string));
  return targets.length > 0 && targets.every((one) => typeof one === 'string' || (isObject(one) && listOf(own(one, 'selector')).every(otherSelector)));
}

// ---------------------------------------------------------------------------------------------
// Placing the annotations on the document

export interface AnnotationImportInput {
  /** The document's text (NFC, LF), which the annotations are placed on. */
  readonly text: string;
  readonly codebook: Codebook;
  /** The workspace's statuses; the first is given to annotations whose status is not among them. */
  readonly statuses: readonly VerificationStatus[];
  /** The document's annotations, to skip what is already there. */
  readonly existing: readonly Annotation[];
  /** W3C annotation objects (AnnotationFile.items), possibly hostile. */
  readonly items: readonly unknown[];
  /** ISO date-time for annotations whose file gives no dates. */
  readonly now: string;
  readonly newId: () => string;
  /** The creator of annotations whose file names none. */
  readonly analyst: string;
  /**
   * What the document is, to leave out annotations made on something else: the hashes of its
   * texts (current and earlier; a Claimbench export names the text of each annotation), and the
   * address it was published at (a Hypothesis row names the page it was made on).
   */
  readonly document?: { readonly textHashes: readonly string[]; readonly sourceUrl?: string };
}

/** An approximate match less alike than this is not the same passage: it is reported not found. */
export const MIN_IMPORT_CONFIDENCE = 0.75;

/** What an import would add; indices are positions in `items`. */
export interface AnnotationImportPlan {
  readonly annotations: Annotation[];
  /** Tags to add to the codebook, used by `annotations`. */
  readonly newTags: Tag[];
  readonly notFound: { index: number; quote: string }[];
  readonly invalid: { index: number; reason: string }[];
  /** Items skipped as the same span, note and tags as an existing annotation or an earlier item. */
  readonly duplicates: number;
  /** Annotations placed on a similar, not identical, quote (for review). */
  readonly fuzzy: number;
  /** Items made on another text or page (see `AnnotationImportInput.document`). */
  readonly elsewhere: number;
}

const AnnotationFields = Annotation.omit({ id: true, tags: true });

/**
 * Places W3C annotation objects on a document's text. Each is read with annotationFromW3C (its
 * position if the text there is the quote, else the quote found again: moved or fuzzy). Tags match
 * the codebook by id when that tag has the same name (any case), else by name (any case, the first
 * such tag), else a new tag is planned (id from the name, colour from the palette, no shortcut),
 * shared by every item naming it. The status matches by id, else by label (any case), else is the
 * first status. An item with the span, note and tags of an existing annotation or of an earlier
 * item is a duplicate. New annotations get `newId()`, never the file's ids; the creator and dates
 * come from the file, else `analyst` and `now` (a file with only one date gives it to both).
 * Nothing here throws on hostile items; a caller's bug does: a `newId` that repeats or gives an
 * invalid id, or a codebook that is not valid.
 * @example
 * const plan = planAnnotationImport({ text, codebook, statuses, existing, items, now: new Date().toISOString(), newId: () => crypto.randomUUID(), analyst: 'Ana' });
 * // plan.annotations to save, plan.newTags to add first; plan.notFound, plan.invalid to show
 */
export function planAnnotationImport(input: AnnotationImportInput): AnnotationImportPlan {
  const fallbackStatus = input.statuses[0];
  if (fallbackStatus === undefined) throw new RangeError('a workspace has at least one verification status');
  const codePoints = codePointIndex(input.text);
  const tags = tagResolver(input.codebook);
  const statusOf = statusResolver(input.statuses, fallbackStatus.id);
  const seen = new Set(input.existing.map((annotation) => sameness(annotation.target, annotation.note, annotation.tags)));
  const usedIds = new Set(input.existing.map((annotation) => annotation.id));
  const plan = { annotations: [] as Annotation[], newTags: tags.created, notFound: [] as { index: number; quote: string }[], invalid: [] as { index: number; reason: string }[], duplicates: 0, fuzzy: 0, elsewhere: 0 };

  input.items.forEach((item, index) => {
    if (input.document && madeElsewhere(item, input.document)) {
      plan.elsewhere++;
      return;
    }
    // An annotation this document already has (a Claimbench export read back): the same id.
    const itemId = isObject(item) ? own(item, 'id') : undefined;
    const ownId = typeof itemId === 'string' ? idFromIri(itemId, 'annotation') : undefined;
    if (ownId !== undefined && usedIds.has(ownId)) {
      plan.duplicates++;
      return;
    }
    const read = annotationFromW3C(item, input.text, codePoints);
    if (!read.ok) {
      if (read.error.code === 'not-found') plan.notFound.push({ index, quote: quoteOf(item) });
      else plan.invalid.push({ index, reason: read.error.message });
      return;
    }
    const found = { ...read.value, anchor: importedAnchor(read.value.anchor) };
    if (found.anchor.state === 'fuzzy' && (found.anchor.confidence ?? 0) < MIN_IMPORT_CONFIDENCE) {
      plan.notFound.push({ index, quote: quoteOf(item) });
      return;
    }
    const resolved = tags.resolve(found.tags);
    if (resolved.pending.length === 0 && seen.has(sameness(found.target, found.note, resolved.ids))) {
      plan.duplicates++;
      return;
    }
    const created = found.created ?? found.modified ?? input.now;
    const fields = AnnotationFields.safeParse({
      target: found.target,
      anchor: found.anchor,
      speaker: found.speaker,
      outlet: found.outlet,
      status: statusOf(found.status),
      note: found.note,
      creator: found.creator !== '' ? found.creator : input.analyst,
      created,
      modified: found.modified ?? created,
    });
    if (!fields.success) {
      plan.invalid.push({ index, reason: `Claimbench cannot keep this annotation: ${fields.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}` });
      return;
    }
    const id = input.newId();
    if (!AnnotationId.safeParse(id).success || usedIds.has(id)) throw new RangeError(`newId() gave ${JSON.stringify(id)}, which is not a new annotation id`);
    usedIds.add(id);
    const tagIds = [...new Set([...resolved.ids, ...resolved.pending.map((name) => tags.create(name))])];
    const annotation = Annotation.parse({ ...fields.data, id, tags: tagIds });
    seen.add(sameness(annotation.target, annotation.note, annotation.tags));
    plan.annotations.push(annotation);
    if (annotation.anchor.state === 'fuzzy') plan.fuzzy++;
  });
  Codebook.parse({ tags: [...input.codebook.tags, ...plan.newTags] }); // new tags fit the codebook: a failure is a bug here
  return plan;
}

/**
 * How a new annotation was found: where the text is the quote, it is simply there (`exact`, not
 * `moved`: it was never anywhere else in this document); else the approximate match, for review.
 */
function importedAnchor(anchor: AnchorInfo): AnchorInfo {
  return anchor.previousQuote === undefined ? { state: 'exact' } : anchor;
}

/** Whether the item names a text, or a page, other than the document's. */
function madeElsewhere(item: unknown, document: NonNullable<AnnotationImportInput['document']>): boolean {
  const target = isObject(item) ? own(item, 'target') : undefined;
  for (const one of Array.isArray(target) ? target : [target]) {
    if (!isObject(one)) continue;
    const hash = own(one, 'claimbench:textHash');
    if (typeof hash === 'string' && !document.textHashes.includes(hash)) return true;
    const source = own(one, 'source');
    if (typeof source === 'string' && document.sourceUrl !== undefined && /^https?:/i.test(source) && pageOf(source) !== pageOf(document.sourceUrl)) return true;
  }
  return false;
}

/** A web address as a page: no fragment, no trailing slash, scheme and host in lower case. */
function pageOf(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)([^#]*)/i.exec(url.trim());
  if (!match) return url;
  return `${match[1]!.toLowerCase()}${match[2]!.replace(/\/$/, '')}`;
}

/** What makes two annotations the same for an import (tag order does not count). */
function sameness(target: { readonly start: number; readonly end: number }, note: string, tagIds: readonly string[]): string {
  return `${target.start}:${target.end}:${[...new Set(tagIds)].sort().join(' ')}:${note}`;
}

function tagResolver(codebook: Codebook) {
  const byId = new Map(codebook.tags.map((tag) => [tag.id, tag]));
  const byName = new Map<string, string>();
  for (const tag of codebook.tags) if (!byName.has(nameKey(tag.name))) byName.set(nameKey(tag.name), tag.id);
  const idFor = tagIdMaker(new Set(byId.keys()));
  const created: Tag[] = [];
  return {
    created,
    /** Existing (or already planned) tag ids, and the names that need a new tag. */
    resolve(tags: readonly { readonly name: string; readonly id?: string }[]): { ids: string[]; pending: string[] } {
      const ids = new Set<string>();
      const pending = new Map<string, string>();
      for (const tag of tags) {
        const name = tag.name.trim();
        if (name === '') continue;
        const key = nameKey(name);
        const withId = tag.id !== undefined ? byId.get(tag.id) : undefined;
        const id = withId !== undefined && nameKey(withId.name) === key ? withId.id : byName.get(key);
        if (id !== undefined) ids.add(id);
        else if (!pending.has(key)) pending.set(key, name);
      }
      return { ids: [...ids], pending: [...pending.values()] };
    },
    create(name: string): string {
      const tag = Tag.parse({ id: idFor(name), name, color: paletteColor(codebook.tags.length + created.length), description: '' });
      created.push(tag);
      byName.set(nameKey(name), tag.id);
      return tag.id;
    },
  };
}

function statusResolver(statuses: readonly VerificationStatus[], fallback: string): (status?: { readonly label: string; readonly id?: string }) => string {
  const ids = new Set(statuses.map((status) => status.id));
  const byLabel = new Map<string, string>();
  for (const status of statuses) if (!byLabel.has(nameKey(status.label))) byLabel.set(nameKey(status.label), status.id);
  return (status) => {
    if (status === undefined) return fallback;
    if (status.id !== undefined && ids.has(status.id)) return status.id;
    return byLabel.get(nameKey(status.label.trim())) ?? fallback;
  };
}

function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** The quote of an item that annotationFromW3C did not find, for the analyst to look for. */
function quoteOf(item: unknown): string {
  if (!isObject(item)) return '';
  for (const target of listOf(own(item, 'target'))) {
    if (!isObject(target)) continue;
    for (const selector of listOf(own(target, 'selector'))) {
      const exact = isObject(selector) && own(selector, 'type') === 'TextQuoteSelector' ? own(selector, 'exact') : undefined;
      if (typeof exact === 'string') return exact;
    }
  }
  return '';
}
