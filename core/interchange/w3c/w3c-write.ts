// W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) export and import.
// Internal offsets are UTF-16 indices into the NFC/LF text; a TextPositionSelector counts Unicode
// code points, so positions are converted here and nowhere else (core/text/code-points.ts).
//
// What is not in the W3C vocabulary (the tag and status ids, speaker/outlet, the text hash, a link
// end's role) goes into `claimbench:` properties declared by a second @context entry, as §6 of
// the model asks of extensions. Every body and target stays a plain TextualBody or SpecificResource
// that passes the W3C test suite's MUST assertions (core/interchange/w3c-conformance.test.ts).
// Two quirks of that suite shape the output: a TextualBody with an `id` counts as an External Web
// Resource, which may not have a `purpose`, and one with a `source` counts as a Specific Resource,
// which may not have a `value`; so tag and status ids are extension properties, not ids.
import { z } from 'zod';
import { anchor } from '../../anchoring/anchor.ts';
import { textTarget, type Annotation, type AnchorInfo, type TextTarget } from '../../model/annotation.ts';
import type { Tag } from '../../model/codebook.ts';
import type { DocumentMeta } from '../../model/document.ts';
import { LINK_RELATIONS, type EvidenceLink, type LinkRelation } from '../../model/evidence.ts';
import { fail, ok, type Result } from '../../result.ts';
import { codePointIndex, spanFromCodePoints, spanToCodePoints, type CodePointIndex } from '../../text/code-points.ts';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Namespace of the extension properties. A URN: Claimbench has no web vocabulary to dereference. */
export const CLAIMBENCH_VOCAB = 'urn:claimbench:vocab#';
export const W3C_CONTEXT = [ANNO_CONTEXT, { claimbench: CLAIMBENCH_VOCAB, 'claimbench:annotation': { '@type': '@id' } }] as const;

export type W3CPurpose = 'assessing' | 'classifying' | 'commenting' | 'describing' | 'highlighting' | 'linking' | 'tagging';

export interface W3CTextualBody {
  readonly type: 'TextualBody';
  readonly purpose: W3CPurpose;
  readonly value: string;
  readonly format?: string;
  /** The tag's id in the codebook (purpose `tagging`). */
  readonly 'claimbench:tag'?: string;
  /** The verification status id (purpose `assessing`). */
  readonly 'claimbench:status'?: string;
  /** Which field a `describing` body is. */
  readonly 'claimbench:field'?: 'speaker' | 'outlet';
  /** The link relation id (purpose `classifying`). */
  readonly 'claimbench:relation'?: LinkRelation;
}

export type W3CSelector =
  | { readonly type: 'TextQuoteSelector'; readonly exact: string; readonly prefix: string; readonly suffix: string }
  | { readonly type: 'TextPositionSelector'; readonly start: number; readonly end: number };

export interface W3CTarget {
  readonly type: 'SpecificResource';
  readonly source: string;
  readonly selector: readonly W3CSelector[];
  /** SHA-256 of the text the selectors were made on (the current text, or an orphan's old one). */
  readonly 'claimbench:textHash'?: string;
  /** The document's id in the exporting workspace (the `source` may be its published URL, which several documents can share). */
  readonly 'claimbench:document'?: string;
  /** How the span was last found, when not where it was made (core/anchoring); see AnchorInfo. */
  readonly 'claimbench:anchorState'?: 'moved' | 'fuzzy' | 'orphaned';
  readonly 'claimbench:confidence'?: number;
  readonly 'claimbench:previousQuote'?: string;
  /** An orphan's span: UTF-16 code unit offsets into the text whose SHA-256 is `claimbench:textHash`. */
  readonly 'claimbench:span'?: { readonly start: number; readonly end: number };
  /** On a link's targets: the annotation at this end, and which end it is. */
  readonly 'claimbench:annotation'?: string;
  readonly 'claimbench:role'?: 'from' | 'to';
}

export interface W3CAnnotation {
  readonly '@context'?: typeof W3C_CONTEXT;
  readonly id: string;
  readonly type: 'Annotation';
  readonly motivation: W3CPurpose;
  readonly created: string;
  readonly modified: string;
  readonly creator?: { readonly type: 'Person'; readonly name: string };
  readonly body: readonly W3CTextualBody[];
  readonly target: W3CTarget | readonly W3CTarget[];
}

/** Makes the IRIs of exported things. */
export interface W3CIris {
  annotation(id: string): string;
  link(id: string): string;
  /** The target `source`: where the document was published, else a URN of its id. */
  document(meta: DocumentMeta): string;
}

// Lowercase only: the IRI must give the id back exactly (core/bundle/read-bundle-content.ts reads it).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * IRIs within one workspace: `urn:uuid:<id>` for an annotation or link whose id is a UUID (it is
 * unique anywhere), else `urn:claimbench:<workspace>:annotation:<id>` (`link:`, `document:`).
 * @example claimbenchIris('ws-1').annotation('a1') // → 'urn:claimbench:ws-1:annotation:a1'
 */
export function claimbenchIris(workspaceId: string): W3CIris {
  if (workspaceId.length === 0) throw new RangeError('a workspace id is needed for IRIs');
  const base = `urn:claimbench:${encodeURIComponent(workspaceId)}:`;
  const named = (kind: string) => (id: string) => (UUID.test(id) ? `urn:uuid:${id}` : `${base}${kind}:${encodeURIComponent(id)}`);
  return {
    annotation: named('annotation'),
    link: named('link'),
    document: (meta) => (meta.sourceUrl !== undefined ? asciiUri(meta.sourceUrl) : `${base}document:${encodeURIComponent(meta.id)}`),
  };
}

/** Percent-encodes what a URI may not hold as it is (spaces, non-ASCII), keeping existing escapes. */
function asciiUri(url: string): string {
  return url.toWellFormed().replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu, (character) => encodeURIComponent(character));
}

/** A document prepared for export: its code point index is built once for all its annotations. */
export interface W3CDocument {
  readonly meta: DocumentMeta;
  readonly text: string;
  readonly codePoints: CodePointIndex;
}

export function w3cDocument(meta: DocumentMeta, text: string): W3CDocument {
  return { meta, text, codePoints: codePointIndex(text) };
}

export interface W3CExportContext {
  readonly document: W3CDocument;
  readonly tagsById: ReadonlyMap<string, Tag>;
  /** The label of a status id, undefined for one no longer configured (its id is exported then). */
  readonly statusLabel: (id: string) => string | undefined;
  readonly iris: W3CIris;
}

/**
 * An annotation as a W3C Annotation. Motivation: `tagging` when it has tags, else `commenting`
 * when it has a note, else `highlighting`; bodies: each tag (purpose `tagging`), the note
 * (`commenting`, Markdown), the status (`assessing`: a verification verdict), speaker and outlet
 * (`describing`). The target is the document with a TextQuoteSelector and a TextPositionSelector
 * in code points. An orphan (or a target that no longer fits the text) gets the quote selector
 * only: its position counts into an older text that the reader of the export does not have.
 */
export function annotationToW3C(annotation: Annotation, context: W3CExportContext): W3CAnnotation {
  const body: W3CTextualBody[] = annotation.tags.map((id) => ({ type: 'TextualBody', purpose: 'tagging', value: context.tagsById.get(id)?.name ?? id, 'claimbench:tag': id }));
  if (annotation.note !== '') body.push({ type: 'TextualBody', purpose: 'commenting', value: annotation.note, format: 'text/markdown' });
  body.push({ type: 'TextualBody', purpose: 'assessing', value: context.statusLabel(annotation.status) ?? annotation.status, 'claimbench:status': annotation.status });
  if (annotation.speaker !== '') body.push({ type: 'TextualBody', purpose: 'describing', value: annotation.speaker, 'claimbench:field': 'speaker' });
  if (annotation.outlet !== '') body.push({ type: 'TextualBody', purpose: 'describing', value: annotation.outlet, 'claimbench:field': 'outlet' });
  return {
    '@context': W3C_CONTEXT,
    id: context.iris.annotation(annotation.id),
    type: 'Annotation',
    motivation: annotation.tags.length > 0 ? 'tagging' : annotation.note !== '' ? 'commenting' : 'highlighting',
    created: annotation.created,
    modified: annotation.modified,
    ...creator(annotation.creator),
    body,
    target: targetOf(annotation, context.document, context.iris),
  };
}

export interface W3CLinkEnd {
  readonly annotation: Annotation;
  readonly document: W3CDocument;
}

/**
 * An evidence link as a W3C Annotation with motivation `linking`: its two targets are the spans
 * of its ends (`claimbench:role` says which is `from`: JSON-LD arrays are unordered), its bodies
 * the relation (`classifying`) and the note (`commenting`).
 */
export function linkToW3C(link: EvidenceLink, context: { readonly from: W3CLinkEnd; readonly to: W3CLinkEnd; readonly iris: W3CIris }): W3CAnnotation {
  const relation = LINK_RELATIONS.find((info) => info.id === link.relation);
  const body: W3CTextualBody[] = [{ type: 'TextualBody', purpose: 'classifying', value: relation?.label ?? link.relation, 'claimbench:relation': link.relation }];
  if (link.note !== '') body.push({ type: 'TextualBody', purpose: 'commenting', value: link.note, format: 'text/markdown' });
  const end = (role: 'from' | 'to', { annotation, document }: W3CLinkEnd): W3CTarget => ({
    ...targetOf(annotation, document, context.iris),
    'claimbench:annotation': context.iris.annotation(annotation.id),
    'claimbench:role': role,
  });
  return {
    '@context': W3C_CONTEXT,
    id: context.iris.link(link.id),
    type: 'Annotation',
    motivation: 'linking',
    created: link.created,
    modified: link.modified,
    ...creator(link.creator),
    body,
    target: [end('from', context.from), end('to', context.to)],
  };
}

/**
 * Annotations as one W3C AnnotationCollection with a single embedded AnnotationPage (§5). The
 * items drop their own @context: the collection's, the same one, covers them.
 */
export function annotationCollection(items: readonly W3CAnnotation[], options: { readonly id: string; readonly label: string }) {
  return {
    '@context': W3C_CONTEXT,
    id: options.id,
    type: 'AnnotationCollection',
    label: options.label,
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items: items.map(({ '@context': _context, ...item }) => item) },
  } as const;
}

function creator(name: string): Pick<W3CAnnotation, 'creator'> {
  return name === '' ? {} : { creator: { type: 'Person', name } };
}

function targetOf(annotation: Annotation, document: W3CDocument, iris: W3CIris): W3CTarget {
  const { start, end, exact, prefix, suffix } = annotation.target;
  const quote: W3CSelector = { type: 'TextQuoteSelector', exact, prefix: withoutLoneSurrogateAtStart(prefix), suffix: withoutLoneSurrogateAtEnd(suffix) };
  const source = iris.document(document.meta);
  const { anchor } = annotation;
  const fits = anchor.state !== 'orphaned' && end <= document.text.length && document.text.slice(start, end) === exact;
  if (!fits) {
    return {
      type: 'SpecificResource',
      source,
      selector: [quote],
      ...(anchor.textHash !== undefined ? { 'claimbench:textHash': anchor.textHash } : {}),
      'claimbench:document': document.meta.id,
      'claimbench:anchorState': 'orphaned',
      ...anchorDetails(anchor),
      'claimbench:span': { start, end },
    };
  }
  const span = spanToCodePoints(document.codePoints, start, end);
  return {
    type: 'SpecificResource',
    source,
    selector: [quote, { type: 'TextPositionSelector', ...span }],
    'claimbench:textHash': document.meta.textHash,
    'claimbench:document': document.meta.id,
    ...(anchor.state === 'moved' || anchor.state === 'fuzzy' ? { 'claimbench:anchorState': anchor.state } : {}),
    ...anchorDetails(anchor),
  };
}

function anchorDetails(anchor: AnchorInfo): Pick<W3CTarget, 'claimbench:confidence' | 'claimbench:previousQuote'> {
  return {
    ...(anchor.confidence !== undefined ? { 'claimbench:confidence': anchor.confidence } : {}),
    ...(anchor.previousQuote !== undefined ? { 'claimbench:previousQuote': anchor.previousQuote } : {}),
  };
}

// The context is cut at 32 code units, which can split a surrogate pair; a lone half is not text.
function withoutLoneSurrogateAtStart(text: string): string {
  const first = text.charCodeAt(0);
  return first >= 0xdc00 && first <= 0xdfff ? text.slice(1) : text;
}

function withoutLoneSurrogateAtEnd(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
}

// ---------------------------------------------------------------------------------------------
// Import

/** Caps on what is read: larger input is refused, not truncated. */
export const W3C_LIMITS = { bodies: 1000, targets: 32, selectors: 32, quote: 100_000, context: 1000, value: 100_000, tagName: 120 } as const;

/** What was read from one W3C Annotation, in the app's units (UTF-16 offsets into `text`). */
export interface ImportedW3CAnnotation {
  readonly id: string;
  readonly target: TextTarget;
  /** `position`: the TextPositionSelector, its text equal to the quote; `quote`: found by the quote (moved or fuzzy). */
  readonly anchoredBy: 'position' | 'quote';
  readonly anchor: AnchorInfo;
  /** Tag names, with the codebook id when the export recorded one. */
  readonly tags: readonly { readonly name: string; readonly id?: string }[];
  readonly note: string;
  readonly status?: { readonly label: string; readonly id?: string };
  readonly speaker: string;
  readonly outlet: string;
  readonly creator: string;
  readonly created?: string;
  readonly modified?: string;
  /** The `claimbench:textHash` of the target, to compare with the hash of `text`. */
  readonly sourceTextHash?: string;
}

export type W3CImportError = 'invalid' | 'not-found';

const manyOf = <T extends z.ZodType>(schema: T, max: number) => z.union([schema, z.array(schema).min(1).max(max)]).transform((value) => (Array.isArray(value) ? value : [value]) as z.infer<T>[]);
const DateTime = z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString());
const Purpose = manyOf(z.string().max(64), 16);

const Body = z.union([
  z.string().max(4096),
  z.object({
    type: manyOf(z.string().max(64), 16).optional(),
    purpose: Purpose.optional(),
    value: z.string().max(W3C_LIMITS.value).optional(),
    'claimbench:tag': z.string().max(64).optional(),
    'claimbench:status': z.string().max(64).optional(),
    'claimbench:field': z.string().max(64).optional(),
  }),
]);

const QuoteSelector = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1).max(W3C_LIMITS.quote),
  prefix: z.string().max(W3C_LIMITS.context).optional(),
  suffix: z.string().max(W3C_LIMITS.context).optional(),
});
const PositionSelector = z.object({ type: z.literal('TextPositionSelector'), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });
const Selector = z.union([z.string().max(4096), z.looseObject({ type: z.unknown() })]);

const Target = z.union([
  z.string().max(4096),
  z.object({ selector: manyOf(Selector, W3C_LIMITS.selectors).optional(), 'claimbench:textHash': z.string().regex(/^[0-9a-f]{64}$/).optional() }),
]);

const W3CAnnotationInput = z.object({
  '@context': manyOf(z.unknown(), 16).refine((values) => values.includes(ANNO_CONTEXT), { message: `must include "${ANNO_CONTEXT}"` }),
  id: z.string().min(1).max(4096),
  type: manyOf(z.string().max(64), 16).refine((values) => values.includes('Annotation'), { message: 'must be "Annotation"' }),
  motivation: Purpose.optional(),
  created: DateTime.optional(),
  modified: DateTime.optional(),
  creator: manyOf(z.union([z.string().max(4096), z.object({ name: manyOf(z.string().max(200), 8).optional(), nickname: z.string().max(200).optional() })]), 16).optional(),
  body: manyOf(Body, W3C_LIMITS.bodies).optional(),
  bodyValue: z.string().max(W3C_LIMITS.value).optional(),
  target: manyOf(Target, W3C_LIMITS.targets),
});

/**
 * Reads one W3C Annotation (parsed JSON, possibly hostile) onto `text`. The span comes from the
 * first target with a text selector: its TextPositionSelector (code points) if the text there is
 * the quote, else the quote found again (core/anchoring: exact, then approximate); a target with
 * only a position takes the text there. Bodies are read by purpose (or the motivation when a body
 * has none): tagging → tags, commenting → the note (several are joined), assessing → the status,
 * describing with `claimbench:field` → speaker or outlet; `bodyValue` is a comment. Other bodies
 * are ignored. Fails with `invalid` on malformed input, `not-found` when the span is not in `text`.
 * Pass `codePoints` (codePointIndex(text)) when reading many annotations of one text.
 * @example annotationFromW3C(JSON.parse(file), document.text)
 */
export function annotationFromW3C(json: unknown, text: string, codePoints?: CodePointIndex): Result<ImportedW3CAnnotation, W3CImportError> {
  const parsed = W3CAnnotationInput.safeParse(json);
  if (!parsed.success) return fail('invalid', `Not a W3C annotation Claimbench can read: ${describeIssues(parsed.error)}`);
  const input = parsed.data;
  const found = spanOf(input.target, text, codePoints);
  if (!found.ok) return found;
  const tags: { name: string; id?: string }[] = [];
  const notes: string[] = input.bodyValue !== undefined ? [input.bodyValue] : [];
  let status: ImportedW3CAnnotation['status'];
  let speaker = '';
  let outlet = '';
  for (const body of input.body ?? []) {
    if (typeof body === 'string' || body.value === undefined) continue; // a resource elsewhere: nothing to read
    const purposes = body.purpose ?? input.motivation ?? [];
    if (purposes.includes('tagging')) {
      if (body.value.length === 0 || body.value.length > W3C_LIMITS.tagName) return fail('invalid', `A tag name must be 1 to ${W3C_LIMITS.tagName} characters long.`);
      tags.push({ name: body.value, ...(body['claimbench:tag'] !== undefined ? { id: body['claimbench:tag'] } : {}) });
    } else if (purposes.includes('commenting')) notes.push(body.value);
    else if (purposes.includes('assessing')) status = { label: body.value, ...(body['claimbench:status'] !== undefined ? { id: body['claimbench:status'] } : {}) };
    else if (purposes.includes('describing') && body['claimbench:field'] === 'speaker') speaker = body.value;
    else if (purposes.includes('describing') && body['claimbench:field'] === 'outlet') outlet = body.value;
  }
  if (speaker.length > 500 || outlet.length > 500) return fail('invalid', 'A speaker or outlet must be at most 500 characters long.');
  const creator = input.creator?.map((agent) => (typeof agent === 'string' ? undefined : (agent.name?.[0] ?? agent.nickname))).find((name) => name !== undefined) ?? '';
  return ok({
    id: input.id,
    ...found.value,
    tags,
    note: notes.join('\n\n'),
    ...(status !== undefined ? { status } : {}),
    speaker,
    outlet,
    creator,
    ...(input.created !== undefined ? { created: input.created } : {}),
    ...(input.modified !== undefined ? { modified: input.modified } : {}),
  });
}

type Found = Pick<ImportedW3CAnnotation, 'target' | 'anchoredBy' | 'anchor' | 'sourceTextHash'>;

function spanOf(targets: readonly z.infer<typeof Target>[], text: string, prepared: CodePointIndex | undefined): Result<Found, W3CImportError> {
  for (const [number, target] of targets.entries()) {
    if (typeof target === 'string') continue;
    let quote: z.infer<typeof QuoteSelector> | undefined;
    let position: z.infer<typeof PositionSelector> | undefined;
    for (const selector of target.selector ?? []) {
      if (typeof selector === 'string') continue;
      const schema = selector.type === 'TextQuoteSelector' ? QuoteSelector : selector.type === 'TextPositionSelector' ? PositionSelector : undefined;
      if (schema === undefined) continue;
      const read = schema.safeParse(selector);
      if (!read.success) return fail('invalid', `Target ${number + 1}: a ${String(selector.type)} that is malformed: ${describeIssues(read.error)}`);
      if (read.data.type === 'TextQuoteSelector') quote ??= read.data;
      else position ??= read.data;
    }
    if (quote === undefined && position === undefined) continue;
    const hash = target['claimbench:textHash'] !== undefined ? { sourceTextHash: target['claimbench:textHash'] } : {};
    const codePoints = prepared ?? codePointIndex(text);
    const span = position !== undefined && position.start < position.end && position.end <= codePoints.codePointLength ? spanFromCodePoints(codePoints, position.start, position.end) : undefined;
    if (quote === undefined) {
      if (span === undefined) return fail('not-found', `Target ${number + 1}: its TextPositionSelector [${position?.start}, ${position?.end}) is outside the text (${codePoints.codePointLength} code points).`);
      return ok({ target: textTarget(text, span.start, span.end), anchoredBy: 'position', anchor: { state: 'exact' }, ...hash });
    }
    const guess = span ?? { start: 0, end: quote.exact.length };
    const result = anchor(text, { ...guess, exact: quote.exact, prefix: quote.prefix ?? '', suffix: quote.suffix ?? '' });
    if (result.state === 'orphaned') return fail('not-found', `Target ${number + 1}: the quote "${quote.exact.slice(0, 80)}" is not in the text.`);
    const byPosition = span !== undefined && result.state === 'exact';
    const found = textTarget(text, result.start, result.end);
    const info: AnchorInfo = byPosition || (result.state === 'moved' && found.exact === quote.exact)
      ? { state: byPosition ? 'exact' : 'moved' }
      : { state: result.state, confidence: result.confidence, ...(found.exact !== quote.exact ? { previousQuote: quote.exact } : {}) };
    return ok({ target: found, anchoredBy: byPosition ? 'position' : 'quote', anchor: info, ...hash });
  }
  return fail('invalid', 'No target has a TextQuoteSelector or TextPositionSelector: Claimbench reads annotations of text only.');
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'the annotation'}: ${issue.message}`)
    .join('; ');
}
