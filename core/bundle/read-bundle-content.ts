// Reads a verified bundle's files back into workspace data: documents with their annotations,
// the codebook, statuses and verdict scale, links and claims. The annotations come from
// annotations.jsonld, the W3C export, and nothing else: the bundle has one record of them, in a
// standard format, and reading it back is what proves that export loses nothing (the round-trip
// property test in main/bundle/round-trip.test.ts). Every file is checked against its schema;
// hostile or inconsistent content is refused with the file and the reason, never half-read.
//
// Two normalisations, both of things the W3C file does not keep apart: an annotation's context
// (`prefix`/`suffix`) is recomputed from the text (it is the text around the span), and a placed
// annotation's `anchor.textHash` is its document's text hash (which is what an absent one means).
import { z } from 'zod';
import { QUOTE_CONTEXT, Annotation, AnnotationId, textTarget, type AnchorInfo, type TextTarget } from '../model/annotation.ts';
import { Codebook } from '../model/codebook.ts';
import { DocumentId, DocumentMeta, DocumentStructure, Sha256 } from '../model/document.ts';
import { Claim, EvidenceData, EvidenceId, LinkRelation, refKey, VerdictScale, type EvidenceLink, type VerdictRating } from '../model/evidence.ts';
import { DocumentFile, VersionRecord, WORKSPACE_SCHEMA_VERSION } from '../model/stored-files.ts';
import { VerificationStatus } from '../model/workspace.ts';
import { fail, ok, type Result } from '../result.ts';
import { codePointIndex, spanFromCodePoints } from '../text/code-points.ts';

/** What a bundle holds, as workspace data. */
export interface BundleContent {
  /** The exporting workspace's name. */
  readonly workspace: string;
  readonly statuses: readonly VerificationStatus[];
  readonly verdictScale: readonly VerdictRating[];
  readonly codebook: Codebook;
  readonly documents: readonly DocumentFile[];
  readonly evidence: EvidenceData;
  /** Earlier versions' texts, by SHA-256 (texts/). */
  readonly texts: ReadonlyMap<string, string>;
  /** SHA-256s of the imported files the bundle carries (originals/). */
  readonly originals: readonly string[];
}

/** The bundle's files a reader needs, as text, by path; `paths` lists every file of the bundle. */
export interface BundleTexts {
  readonly paths: readonly string[];
  readonly text: (path: string) => string | undefined;
  /** Lowercase hex SHA-256 of UTF-8 text (core has no hashing of its own). */
  readonly sha256Hex: (text: string) => string;
  /**
   * Lets the caller's event loop run (e.g. `() => new Promise(setImmediate)`): called every
   * `PAUSE_EVERY` annotations, so reading 100,000 of them never holds a server's thread for long.
   */
  readonly pause?: () => Promise<void>;
}

/** Annotations read between two pauses. */
const PAUSE_EVERY = 2000;

/** The paths `readBundleContent` reads: the caller loads these, and no others, as text. */
export function contentPaths(paths: readonly string[]): string[] {
  return paths.filter((path) => /^documents\/[^/]+\.(json|txt)$/.test(path) || path.startsWith('texts/') || CONTENT_FILES.includes(path));
}

const CONTENT_FILES = ['annotations.jsonld', 'codebook.json', 'claims.json', 'settings.json'];

const SettingsJson = z.object({ workspace: z.string().min(1).max(200), statuses: z.array(VerificationStatus).min(1), verdictScale: VerdictScale });
const ClaimsJson = z.object({ claims: z.array(Claim), verdictScale: VerdictScale.optional() });
const DocumentJson = z.object({ meta: DocumentMeta, structure: DocumentStructure.default({}), versions: z.array(VersionRecord).default([]) });

const Body = z.looseObject({
  type: z.literal('TextualBody'),
  purpose: z.string().max(64),
  value: z.string().max(100_000),
  'claimbench:tag': z.string().max(64).optional(),
  'claimbench:status': z.string().max(64).optional(),
  'claimbench:field': z.enum(['speaker', 'outlet']).optional(),
  'claimbench:relation': LinkRelation.optional(),
});
const Selector = z.looseObject({ type: z.string().max(64) });
const QuoteSelector = z.object({ type: z.literal('TextQuoteSelector'), exact: z.string().min(1), prefix: z.string().default(''), suffix: z.string().default('') });
const PositionSelector = z.object({ type: z.literal('TextPositionSelector'), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });
const Target = z.looseObject({
  type: z.literal('SpecificResource'),
  source: z.string().max(4096),
  selector: z.array(Selector).min(1).max(8),
  'claimbench:textHash': Sha256.optional(),
  'claimbench:document': DocumentId.optional(),
  'claimbench:anchorState': z.enum(['moved', 'fuzzy', 'orphaned']).optional(),
  'claimbench:confidence': z.number().min(0).max(1).optional(),
  'claimbench:previousQuote': z.string().optional(),
  'claimbench:span': z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).optional(),
  'claimbench:annotation': z.string().max(4096).optional(),
  'claimbench:role': z.enum(['from', 'to']).optional(),
});
type Target = z.infer<typeof Target>;
const Item = z.looseObject({
  id: z.string().min(1).max(4096),
  type: z.literal('Annotation'),
  motivation: z.string().max(64),
  created: z.iso.datetime(),
  modified: z.iso.datetime(),
  creator: z.object({ name: z.string().max(200) }).optional(),
  body: z.array(Body).max(1000),
  target: z.union([Target, z.array(Target).length(2)]),
});
type Item = z.infer<typeof Item>;
const Collection = z.looseObject({
  type: z.literal('AnnotationCollection'),
  first: z.looseObject({ type: z.literal('AnnotationPage'), items: z.array(z.unknown()) }),
});

type ContentError = Result<never, 'invalid'>;
const invalid = (file: string, message: string): ContentError => fail('invalid', `${file}: ${message}`);

/**
 * The workspace data in a bundle's files (already verified against its manifest). Fails with
 * `invalid`, naming the file and what is wrong, when any file breaks its schema or the files
 * disagree (an annotation whose quote is not at its position, a link to an annotation the bundle
 * does not have, a document whose text does not hash to its `textHash` …).
 * @example readBundleContent({ paths: manifest.files.map((f) => f.path), text: (p) => texts.get(p), sha256Hex })
 */
export async function readBundleContent(files: BundleTexts): Promise<Result<BundleContent, 'invalid'>> {
  const pause = files.pause ?? (() => Promise.resolve());
  const json = <T>(path: string, schema: z.ZodType<T>, required: boolean, parse: (text: string) => unknown = JSON.parse): Result<T | undefined, 'invalid'> => {
    const text = files.text(path);
    if (text === undefined) return required ? invalid(path, 'missing from the bundle') : ok(undefined);
    let value: unknown;
    try {
      value = parse(text);
    } catch (error) {
      return invalid(path, `not valid JSON (${(error as Error).message})`);
    }
    const parsed = schema.safeParse(value);
    return parsed.success ? ok(parsed.data) : invalid(path, describe(parsed.error));
  };

  const codebook = json('codebook.json', Codebook, true);
  if (!codebook.ok) return codebook;
  const claims = json('claims.json', ClaimsJson, true);
  if (!claims.ok) return claims;
  // Bundles written before settings.json existed: statuses come from the annotations (below).
  const settings = json('settings.json', SettingsJson, false);
  if (!settings.ok) return settings;

  const texts = new Map<string, string>();
  for (const path of files.paths.filter((candidate) => candidate.startsWith('texts/'))) {
    const hash = path.slice('texts/'.length);
    const text = files.text(path);
    if (text === undefined || !/^[0-9a-f]{64}$/.test(hash)) return invalid(path, 'not a text named by its SHA-256');
    if (files.sha256Hex(text) !== hash) return invalid(path, 'its text does not hash to its name');
    texts.set(hash, text);
  }

  const documents = new Map<string, { meta: DocumentMeta; text: string; structure: DocumentStructure; versions: VersionRecord[]; annotations: Annotation[] }>();
  for (const path of files.paths) {
    const match = /^documents\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const read = json(path, DocumentJson, true);
    if (!read.ok) return read;
    const { meta, structure, versions } = read.value!;
    if (meta.id !== match[1]) return invalid(path, `holds document "${meta.id}"`);
    const text = files.text(`documents/${meta.id}.txt`);
    if (text === undefined) return invalid(`documents/${meta.id}.txt`, 'missing from the bundle');
    if (files.sha256Hex(text) !== meta.textHash) return invalid(`documents/${meta.id}.txt`, 'its text does not hash to the textHash of its document');
    documents.set(meta.id, { meta, text, structure, versions, annotations: [] });
  }

  const collectionText = files.text('annotations.jsonld');
  let collection: unknown;
  try {
    collection = collectionText === undefined ? undefined : await parseCollection(collectionText, pause);
  } catch (error) {
    return invalid('annotations.jsonld', `not valid JSON (${(error as Error).message})`);
  }
  const annotations = json('annotations.jsonld', Collection, true, () => collection);
  if (!annotations.ok) return annotations;
  const links: EvidenceLink[] = [];
  const indexes = new Map<string, ReturnType<typeof codePointIndex>>();
  const indexOf = (id: string, text: string) => {
    let index = indexes.get(id);
    if (index === undefined) indexes.set(id, (index = codePointIndex(text)));
    return index;
  };
  const labels = new Map<string, string>();
  for (const [number, raw] of annotations.value!.first.items.entries()) {
    if (number % PAUSE_EVERY === PAUSE_EVERY - 1) await pause();
    const where = `annotations.jsonld, item ${number + 1}`;
    const parsed = Item.safeParse(raw);
    if (!parsed.success) return invalid(where, describe(parsed.error));
    const item = parsed.data;
    if (Array.isArray(item.target)) {
      const link = linkOf(item);
      if (!link.ok) return invalid(where, link.error.message);
      links.push(link.value);
      continue;
    }
    const documentId = item.target['claimbench:document'] ?? documentIdFromIri(item.target.source);
    const document = documentId === undefined ? undefined : documents.get(documentId);
    if (document === undefined) return invalid(where, `its target is not a document of the bundle (${item.target['claimbench:document'] ?? item.target.source})`);
    const annotation = annotationOf(item, item.target, document, () => indexOf(document.meta.id, document.text), texts);
    if (!annotation.ok) return invalid(where, annotation.error.message);
    for (const body of item.body) if (body['claimbench:status'] !== undefined) labels.set(body['claimbench:status'], body.value);
    document.annotations.push(annotation.value);
  }

  const files_: DocumentFile[] = [];
  let checked = 0;
  for (const document of documents.values()) {
    checked += document.annotations.length;
    if (checked >= PAUSE_EVERY) {
      checked = 0;
      await pause();
    }
    const file = DocumentFile.safeParse({ schemaVersion: WORKSPACE_SCHEMA_VERSION, ...document });
    if (!file.success) return invalid(`documents/${document.meta.id}.json`, describe(file.error));
    const tags = new Set(codebook.value!.tags.map((tag) => tag.id));
    const unknownTag = file.data.annotations.flatMap((annotation) => annotation.tags).find((tag) => !tags.has(tag));
    if (unknownTag !== undefined) return invalid('annotations.jsonld', `an annotation of document ${document.meta.id} has the tag "${unknownTag}", which codebook.json does not define`);
    files_.push(file.data);
  }

  const evidence = EvidenceData.safeParse({ links, claims: claims.value!.claims });
  if (!evidence.success) return invalid('annotations.jsonld and claims.json', describe(evidence.error));
  const present = new Set(files_.flatMap((file) => file.annotations.map((annotation) => refKey({ documentId: file.meta.id, annotationId: annotation.id }))));
  for (const link of evidence.data.links) {
    for (const end of [link.from, link.to]) if (!present.has(refKey(end))) return invalid('annotations.jsonld', `link ${link.id} points at annotation ${end.annotationId} of document ${end.documentId}, which the bundle does not have`);
  }
  for (const claim of evidence.data.claims) {
    for (const mention of claim.mentions) if (!present.has(refKey(mention))) return invalid('claims.json', `claim ${claim.id} mentions annotation ${mention.annotationId} of document ${mention.documentId}, which the bundle does not have`);
  }

  const statuses = settings.value?.statuses ?? [...labels].map(([id, label]) => ({ id, label: label.slice(0, 80) || id, color: '#8a8f98' }));
  const used = new Set(files_.flatMap((file) => file.annotations.map((annotation) => annotation.status)));
  const known = new Set(statuses.map((status) => status.id));
  const missingStatus = [...used].find((id) => !known.has(id));
  if (missingStatus !== undefined) return invalid('settings.json', `the status "${missingStatus}" is used but not defined`);
  const verdictScale = settings.value?.verdictScale ?? claims.value!.verdictScale;
  if (verdictScale === undefined) return invalid('settings.json', 'missing from the bundle, and claims.json has no verdict scale');

  return ok({
    workspace: settings.value?.workspace ?? 'Imported bundle',
    statuses,
    verdictScale,
    codebook: codebook.value!,
    documents: files_,
    evidence: evidence.data,
    texts,
    originals: files.paths.filter((path) => /^originals\/[0-9a-f]{64}$/.test(path)).map((path) => path.slice('originals/'.length)),
  });
}

/**
 * annotations.jsonld parsed. The export writes one annotation per line (bundle-contents.ts); that
 * layout is parsed line by line, so that no single call holds the thread for the whole file.
 * Anything else (another tool's file, a line that is not one whole value) is parsed whole.
 */
async function parseCollection(text: string, pause: () => Promise<void>): Promise<unknown> {
  const lines = text.split('\n');
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  const head = lines[0];
  const tail = lines.at(-1);
  if (lines.length >= 3 && head?.endsWith('"items":[') && tail?.startsWith(']')) {
    try {
      const collection = JSON.parse(`${head}]${tail.slice(1)}`) as { first?: { items?: unknown[] } };
      if (Array.isArray(collection.first?.items) && collection.first.items.length === 0) {
        const items: unknown[] = [];
        const last = lines.length - 2;
        for (let index = 1; index <= last; index++) {
          if (index % PAUSE_EVERY === 0) await pause();
          const line = lines[index]!;
          // Exactly the array's commas: one after every item but the last, none after it.
          if (line.endsWith(',') === (index === last)) throw new SyntaxError('not one annotation per line');
          items.push(JSON.parse(index === last ? line : line.slice(0, -1)));
        }
        collection.first.items = items;
        return collection;
      }
    } catch {
      // Not that layout after all: read as any JSON below, which also says where it is broken.
    }
  }
  return JSON.parse(text);
}

/**
 * The id an exported annotation or link had: `urn:uuid:<id>`, or
 * `urn:claimbench:<workspace>:<kind>:<percent-encoded id>` (core/interchange/w3c.ts `claimbenchIris`).
 * @example idFromIri('urn:claimbench:ws:annotation:a%2D1', 'annotation') // 'a-1'
 */
export function idFromIri(iri: string, kind: 'annotation' | 'link'): string | undefined {
  if (iri.startsWith('urn:uuid:')) return iri.slice('urn:uuid:'.length);
  const parts = iri.split(':');
  if (parts.length !== 5 || parts[0] !== 'urn' || parts[1] !== 'claimbench' || parts[3] !== kind) return undefined;
  try {
    return decodeURIComponent(parts[4]!);
  } catch {
    return undefined;
  }
}

function documentIdFromIri(iri: string): string | undefined {
  const parts = iri.split(':');
  if (parts.length !== 5 || parts[0] !== 'urn' || parts[1] !== 'claimbench' || parts[3] !== 'document') return undefined;
  try {
    return decodeURIComponent(parts[4]!);
  } catch {
    return undefined;
  }
}

interface ReadDocument {
  readonly meta: DocumentMeta;
  readonly text: string;
}

function annotationOf(item: Item, target: Target, document: ReadDocument, index: () => ReturnType<typeof codePointIndex>, texts: ReadonlyMap<string, string>): Result<Annotation, 'invalid'> {
  const id = AnnotationId.safeParse(idFromIri(item.id, 'annotation'));
  if (!id.success) return fail('invalid', `"${item.id}" is not the IRI of a Claimbench annotation`);
  const quote = firstOf(target.selector, QuoteSelector);
  if (quote === undefined) return fail('invalid', `annotation ${id.data} has no TextQuoteSelector`);
  const state = target['claimbench:anchorState'];
  const details = {
    ...(target['claimbench:confidence'] !== undefined ? { confidence: target['claimbench:confidence'] } : {}),
    ...(target['claimbench:previousQuote'] !== undefined ? { previousQuote: target['claimbench:previousQuote'] } : {}),
  };
  let span: TextTarget;
  let anchor: AnchorInfo;
  if (state === 'orphaned') {
    const where = target['claimbench:span'];
    if (where === undefined || where.end <= where.start) return fail('invalid', `orphaned annotation ${id.data} has no claimbench:span`);
    const hash = target['claimbench:textHash'];
    const old = hash === undefined ? undefined : texts.get(hash);
    // The context as it was, from the old text when the bundle has it (the selector's may have lost half a surrogate pair).
    span = old !== undefined && old.slice(where.start, where.end) === quote.exact
      ? textTarget(old, where.start, where.end)
      : { start: where.start, end: where.end, exact: quote.exact, prefix: quote.prefix.slice(-QUOTE_CONTEXT), suffix: quote.suffix.slice(0, QUOTE_CONTEXT) };
    anchor = { state: 'orphaned', ...details, ...(hash !== undefined ? { textHash: hash } : {}) };
  } else {
    const position = firstOf(target.selector, PositionSelector);
    if (position === undefined) return fail('invalid', `annotation ${id.data} has no TextPositionSelector`);
    const points = index();
    if (position.end <= position.start || position.end > points.codePointLength) return fail('invalid', `annotation ${id.data}: its position [${position.start}, ${position.end}) is outside the text`);
    const { start, end } = spanFromCodePoints(points, position.start, position.end);
    span = textTarget(document.text, start, end);
    if (span.exact !== quote.exact) return fail('invalid', `annotation ${id.data}: its quote is not at its position`);
    anchor = { state: state ?? 'exact', ...details, textHash: document.meta.textHash };
  }

  const tags: string[] = [];
  let note = '';
  let status: string | undefined;
  let speaker = '';
  let outlet = '';
  for (const body of item.body) {
    if (body.purpose === 'tagging') {
      if (body['claimbench:tag'] === undefined) return fail('invalid', `annotation ${id.data}: a tag without its claimbench:tag id`);
      tags.push(body['claimbench:tag']);
    } else if (body.purpose === 'commenting') note = body.value;
    else if (body.purpose === 'assessing') status = body['claimbench:status'];
    else if (body.purpose === 'describing' && body['claimbench:field'] === 'speaker') speaker = body.value;
    else if (body.purpose === 'describing' && body['claimbench:field'] === 'outlet') outlet = body.value;
  }
  if (status === undefined) return fail('invalid', `annotation ${id.data} has no status (an assessing body with claimbench:status)`);
  const annotation = Annotation.safeParse({
    id: id.data,
    target: span,
    anchor,
    tags,
    speaker,
    outlet,
    status,
    note,
    creator: item.creator?.name ?? '',
    created: item.created,
    modified: item.modified,
  });
  return annotation.success ? ok(annotation.data) : fail('invalid', `annotation ${id.data}: ${describe(annotation.error)}`);
}

function linkOf(item: Item): Result<EvidenceLink, 'invalid'> {
  const id = EvidenceId.safeParse(idFromIri(item.id, 'link'));
  if (!id.success) return fail('invalid', `"${item.id}" is not the IRI of a Claimbench link`);
  const targets = item.target as readonly Target[];
  const end = (role: 'from' | 'to') => {
    const target = targets.find((candidate) => candidate['claimbench:role'] === role);
    const annotationId = target?.['claimbench:annotation'] === undefined ? undefined : idFromIri(target['claimbench:annotation'], 'annotation');
    const documentId = target?.['claimbench:document'] ?? (target === undefined ? undefined : documentIdFromIri(target.source));
    return annotationId === undefined || documentId === undefined ? undefined : { documentId, annotationId };
  };
  const from = end('from');
  const to = end('to');
  if (from === undefined || to === undefined) return fail('invalid', `link ${id.data} does not name the annotations at its two ends`);
  const relation = item.body.find((body) => body.purpose === 'classifying')?.['claimbench:relation'];
  if (relation === undefined) return fail('invalid', `link ${id.data} has no relation (a classifying body with claimbench:relation)`);
  const note = item.body.find((body) => body.purpose === 'commenting')?.value ?? '';
  return ok({ id: id.data, relation, from, to, note, creator: item.creator?.name ?? '', created: item.created, modified: item.modified });
}

function firstOf<T>(selectors: readonly unknown[], schema: z.ZodType<T>): T | undefined {
  for (const selector of selectors) {
    const parsed = schema.safeParse(selector);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'the file'}: ${issue.message}`)
    .join('; ');
}
