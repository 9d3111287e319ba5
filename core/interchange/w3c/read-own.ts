// The strict reader of Claimbench's own W3C export: the items of a bundle's annotations.jsonld,
// read back into annotations and evidence links exactly as they were. Where ./w3c-read.ts reads
// any tool's annotation onto a text and guesses what it can, this one refuses what Claimbench
// would not have written: an id that is not one of its IRIs (./w3c-iris.ts), a quote that is not
// at its position, a tag without its codebook id, an annotation without a status, a link that does
// not name both its ends. A bundle is a workspace's record, so nothing in it is guessed.
//
// The bodies are read by the general reader's `fieldsFromBodies`: one rule for which body is which
// field. Positions are code points, converted here to UTF-16 offsets; an orphan's span is already
// in UTF-16 offsets into its old text (`claimbench:span`), since its position would count into a
// text the reader may not have.
import { RecordVersion } from '../../model/record-version.ts';
import { z } from 'zod';
import { isCanonicalAnnotation } from '../../model/canonical-annotation.ts';
import { QUOTE_CONTEXT, Annotation, AnnotationId, textTarget, type AnchorInfo, type TextTarget } from '../../model/annotation.ts';
import { DocumentId, Sha256, type DocumentMeta } from '../../model/document.ts';
import { EvidenceId, LinkRelation, type EvidenceLink } from '../../model/evidence.ts';
import { fail, ok, type Result } from '../../result.ts';
import { spanFromCodePoints, type CodePointIndex } from '../../text/code-points.ts';
import { describeIssues } from '../json-input.ts';
import { documentIdFromIri, idFromIri } from './w3c-iris.ts';
import { fieldsFromBodies } from './w3c-read.ts';

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
const QuoteSelector = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1),
  prefix: z.string().default(''),
  suffix: z.string().default(''),
});
const PositionSelector = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export const OwnTarget = z.looseObject({
  type: z.literal('SpecificResource'),
  source: z.string().max(4096),
  selector: z.array(Selector).min(1).max(8),
  'claimbench:textHash': Sha256.optional(),
  'claimbench:document': DocumentId.optional(),
  'claimbench:anchorState': z.enum(['moved', 'fuzzy', 'orphaned']).optional(),
  'claimbench:confidence': z.number().min(0).max(1).optional(),
  'claimbench:previousQuote': z.string().optional(),
  'claimbench:review': z.literal('evidence').optional(),
  'claimbench:span': z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).optional(),
  'claimbench:annotation': z.string().max(4096).optional(),
  'claimbench:role': z.enum(['from', 'to']).optional(),
});
export type OwnTarget = z.infer<typeof OwnTarget>;
/** One item of annotations.jsonld as Claimbench writes it: an annotation (one target) or an evidence link (two). */
export const OwnItem = z.looseObject({
  id: z.string().min(1).max(4096),
  type: z.literal('Annotation'),
  motivation: z.string().max(64),
  created: z.iso.datetime(),
  modified: z.iso.datetime(),
  creator: z.object({ name: z.string().max(200) }).optional(),
  body: z.array(Body).max(1000),
  target: z.union([OwnTarget, z.array(OwnTarget).length(2)]),
  /** Written in bundles only (see W3CAnnotation). */
  'claimbench:version': RecordVersion.optional(),
});
export type OwnItem = z.infer<typeof OwnItem>;

/** The id, in the exporting workspace, of the document an exported target is on. */
export function documentIdOf(target: OwnTarget): string | undefined {
  return target['claimbench:document'] ?? documentIdFromIri(target.source);
}

/** The document an annotation is read onto. */
export interface OwnDocument {
  readonly meta: DocumentMeta;
  readonly text: string;
}

/**
 * The annotation an item with one target was exported from, on `document` (the one its target
 * names). `index` gives the text's code point index (built once per document by the caller);
 * `texts` are the bundle's earlier texts by SHA-256, which give an orphan its context as it was.
 * Fails with `invalid` and the reason when the item is not as Claimbench writes it.
 */
export function annotationFromOwnW3C(
  item: OwnItem,
  target: OwnTarget,
  document: OwnDocument,
  index: () => CodePointIndex,
  texts: ReadonlyMap<string, string>,
): Result<Annotation, 'invalid'> {
  const id = AnnotationId.safeParse(idFromIri(item.id, 'annotation'));
  if (!id.success) return fail('invalid', `"${item.id}" is not the IRI of a Claimbench annotation`);
  const quote = firstOf(target.selector, 'TextQuoteSelector', QuoteSelector, quickQuote);
  if (quote === undefined) return fail('invalid', `annotation ${id.data} has no TextQuoteSelector`);
  const state = target['claimbench:anchorState'];
  const details = {
    ...(target['claimbench:confidence'] !== undefined ? { confidence: target['claimbench:confidence'] } : {}),
    ...(target['claimbench:previousQuote'] !== undefined ? { previousQuote: target['claimbench:previousQuote'] } : {}),
    ...(target['claimbench:review'] !== undefined ? { review: target['claimbench:review'] } : {}),
  };
  let span: TextTarget;
  let anchor: AnchorInfo;
  if (state === 'orphaned') {
    const where = target['claimbench:span'];
    if (where === undefined || where.end <= where.start) return fail('invalid', `orphaned annotation ${id.data} has no claimbench:span`);
    const hash = target['claimbench:textHash'];
    const old = hash === undefined ? undefined : texts.get(hash);
    // The context as it was, from the old text when the bundle has it (the selector's may have lost half a surrogate pair).
    span =
      old !== undefined && old.slice(where.start, where.end) === quote.exact
        ? textTarget(old, where.start, where.end)
        : {
            start: where.start,
            end: where.end,
            exact: quote.exact,
            prefix: quote.prefix.slice(-QUOTE_CONTEXT),
            suffix: quote.suffix.slice(0, QUOTE_CONTEXT),
          };
    anchor = { state: 'orphaned', ...details, ...(hash !== undefined ? { textHash: hash } : {}) };
  } else {
    const position = firstOf(target.selector, 'TextPositionSelector', PositionSelector, quickPosition);
    if (position === undefined) return fail('invalid', `annotation ${id.data} has no TextPositionSelector`);
    const points = index();
    if (position.end <= position.start || position.end > points.codePointLength)
      return fail('invalid', `annotation ${id.data}: its position [${position.start}, ${position.end}) is outside the text`);
    const { start, end } = spanFromCodePoints(points, position.start, position.end);
    span = textTarget(document.text, start, end);
    if (span.exact !== quote.exact) return fail('invalid', `annotation ${id.data}: its quote is not at its position`);
    anchor = { state: state ?? 'exact', ...details, textHash: document.meta.textHash };
  }

  const fields = fieldsFromBodies(item.body, (body) => [body.purpose]);
  const tags: string[] = [];
  for (const tag of fields.tags) {
    if (tag.id === undefined) return fail('invalid', `annotation ${id.data}: a tag without its claimbench:tag id`);
    tags.push(tag.id);
  }
  const status = fields.status?.id;
  if (status === undefined) return fail('invalid', `annotation ${id.data} has no status (an assessing body with claimbench:status)`);
  const read = {
    id: id.data,
    target: span,
    anchor,
    tags,
    speaker: fields.speaker,
    outlet: fields.outlet,
    status,
    note: fields.notes.at(-1) ?? '',
    creator: item.creator?.name ?? '',
    created: item.created,
    modified: item.modified,
    ...(item['claimbench:version'] === undefined ? {} : { version: item['claimbench:version'] }),
  };
  // The schema only for what is not plainly valid already (most of a bundle is), and for its message.
  if (isCanonicalAnnotation(read)) return ok(read);
  const annotation = Annotation.safeParse(read);
  return annotation.success
    ? ok(annotation.data)
    : fail('invalid', `annotation ${id.data}: ${describeIssues(annotation.error, 'the file')}`);
}

/** The evidence link an item with two targets was exported from; `invalid` and the reason when it is not one. */
export function linkFromOwnW3C(item: OwnItem): Result<EvidenceLink, 'invalid'> {
  const id = EvidenceId.safeParse(idFromIri(item.id, 'link'));
  if (!id.success) return fail('invalid', `"${item.id}" is not the IRI of a Claimbench link`);
  const targets = item.target as readonly OwnTarget[];
  const end = (role: 'from' | 'to') => {
    const target = targets.find((candidate) => candidate['claimbench:role'] === role);
    const annotationId =
      target?.['claimbench:annotation'] === undefined ? undefined : idFromIri(target['claimbench:annotation'], 'annotation');
    const documentId = target === undefined ? undefined : documentIdOf(target);
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

/**
 * The first selector of `type` that `schema` accepts (only those are parsed: a refusal is costly to
 * build). `quick` gives what the schema would for a selector that is plainly valid, without it
 * (100,000 annotations have 200,000 selectors); undefined sends the selector to the schema.
 */
function firstOf<T>(
  selectors: readonly { readonly type: string }[],
  type: string,
  schema: z.ZodType<T>,
  quick: (selector: Readonly<Record<string, unknown>>) => T | undefined,
): T | undefined {
  for (const selector of selectors) {
    if (selector.type !== type) continue;
    const parsed = quick(selector) ?? schema.safeParse(selector).data;
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}

/** QuoteSelector's result for a selector it plainly accepts (its defaults filled in, nothing else kept). */
function quickQuote({ exact, prefix = '', suffix = '' }: Readonly<Record<string, unknown>>): z.infer<typeof QuoteSelector> | undefined {
  return typeof exact === 'string' && exact.length > 0 && typeof prefix === 'string' && typeof suffix === 'string'
    ? { type: 'TextQuoteSelector', exact, prefix, suffix }
    : undefined;
}

/** PositionSelector's result for a selector it plainly accepts. */
function quickPosition({ start, end }: Readonly<Record<string, unknown>>): z.infer<typeof PositionSelector> | undefined {
  const offset = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
  return offset(start) && offset(end) ? { type: 'TextPositionSelector', start, end } : undefined;
}
