// Import from the W3C Web Annotation Data Model: one annotation made by any tool (parsed JSON,
// possibly hostile) placed on a document's text. Everything is optional that the model allows to
// be, one-or-many values are read as lists, and what Claimbench cannot use is ignored, not refused.
// A TextPositionSelector counts code points, converted here to UTF-16 offsets.
//
// The bodies are read by `fieldsFromBodies`, which the strict reader of Claimbench's own export
// (./read-own.ts, for bundles) shares: one rule for which body is which field.
import { z } from 'zod';
import { anchor, type AnchorResult } from '../../anchoring/anchor.ts';
import { findIgnoringCase } from '../../anchoring/ignoring-case.ts';
import { textTarget, type AnchorInfo, type TextTarget } from '../../model/annotation.ts';
import { fail, ok, type Result } from '../../result.ts';
import { codePointIndex, spanFromCodePoints, type CodePointIndex } from '../../text/code-points.ts';
import { describeIssues } from '../json-input.ts';
import { ANNO_CONTEXT } from './w3c-types.ts';

/** Caps on what is read: larger input is refused, not truncated. */
export const W3C_LIMITS = {
  bodies: 1000,
  targets: 32,
  selectors: 32,
  quote: 100_000,
  context: 1000,
  value: 100_000,
  tagName: 120,
} as const;

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

const manyOf = <T extends z.ZodType>(schema: T, max: number) =>
  z.union([schema, z.array(schema).min(1).max(max)]).transform((value) => (Array.isArray(value) ? value : [value]) as z.infer<T>[]);
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
const PositionSelector = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
const Selector = z.union([z.string().max(4096), z.looseObject({ type: z.unknown() })]);

const Target = z.union([
  z.string().max(4096),
  z.object({
    selector: manyOf(Selector, W3C_LIMITS.selectors).optional(),
    'claimbench:textHash': z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  }),
]);

const W3CAnnotationInput = z.object({
  '@context': manyOf(z.unknown(), 16).refine((values) => values.includes(ANNO_CONTEXT), { message: `must include "${ANNO_CONTEXT}"` }),
  id: z.string().min(1).max(4096),
  type: manyOf(z.string().max(64), 16).refine((values) => values.includes('Annotation'), { message: 'must be "Annotation"' }),
  motivation: Purpose.optional(),
  created: DateTime.optional(),
  modified: DateTime.optional(),
  creator: manyOf(
    z.union([
      z.string().max(4096),
      z.object({ name: manyOf(z.string().max(200), 8).optional(), nickname: z.string().max(200).optional() }),
    ]),
    16,
  ).optional(),
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
  if (!parsed.success)
    return fail('invalid', `Not a W3C annotation Claimbench can read: ${describeIssues(parsed.error, 'the annotation')}`);
  const input = parsed.data;
  const found = spanOf(input.target, text, codePoints);
  if (!found.ok) return found;
  // A body given as an IRI, or without a value, is a resource elsewhere: nothing to read.
  const bodies = (input.body ?? []).filter(
    (body): body is BodyObject & { value: string } => typeof body !== 'string' && body.value !== undefined,
  );
  const fields = fieldsFromBodies(bodies, (body) => body.purpose ?? input.motivation ?? []);
  if (fields.tags.some(({ name }) => name.length === 0 || name.length > W3C_LIMITS.tagName))
    return fail('invalid', `A tag name must be 1 to ${W3C_LIMITS.tagName} characters long.`);
  if (fields.speaker.length > 500 || fields.outlet.length > 500)
    return fail('invalid', 'A speaker or outlet must be at most 500 characters long.');
  const notes = input.bodyValue !== undefined ? [input.bodyValue, ...fields.notes] : fields.notes;
  const creator =
    input.creator
      ?.map((agent) => (typeof agent === 'string' ? undefined : (agent.name?.[0] ?? agent.nickname)))
      .find((name) => name !== undefined) ?? '';
  return ok({
    id: input.id,
    ...found.value,
    tags: fields.tags,
    note: notes.join('\n\n'),
    ...(fields.status !== undefined ? { status: fields.status } : {}),
    speaker: fields.speaker,
    outlet: fields.outlet,
    creator,
    ...(input.created !== undefined ? { created: input.created } : {}),
    ...(input.modified !== undefined ? { modified: input.modified } : {}),
  });
}

type BodyObject = Exclude<z.infer<typeof Body>, string>;

/** A body as both readers have it once their schema has passed: its text, and the extension properties that say what it is. */
export interface ReadableBody {
  readonly value: string;
  readonly 'claimbench:tag'?: string | undefined;
  readonly 'claimbench:status'?: string | undefined;
  readonly 'claimbench:field'?: string | undefined;
}

/** What an annotation's bodies say, field by field. */
export interface BodyFields {
  /** Tag names, with the codebook id when the body recorded one. */
  readonly tags: { readonly name: string; readonly id?: string }[];
  /** Every comment, in order. */
  readonly notes: string[];
  /** The last assessing body: its label, and the status id when it recorded one. */
  readonly status?: { readonly label: string; readonly id?: string };
  readonly speaker: string;
  readonly outlet: string;
}

/**
 * The fields an annotation's bodies hold, each body read by its first matching purpose: tagging →
 * a tag (name, and `claimbench:tag` id), commenting → a note, assessing → the status (label, and
 * `claimbench:status` id), describing with `claimbench:field` `speaker` or `outlet` → that field.
 * The last status, speaker and outlet win; other bodies are ignored. What a missing id, several
 * notes or an overlong name mean is the caller's to decide: annotationFromW3C joins the notes and
 * caps names, the strict reader of bundles (./read-own.ts) needs every id.
 * @example fieldsFromBodies(bodies, (body) => body.purpose ?? motivation ?? [])
 */
export function fieldsFromBodies<B extends ReadableBody>(bodies: readonly B[], purposesOf: (body: B) => readonly string[]): BodyFields {
  const tags: { name: string; id?: string }[] = [];
  const notes: string[] = [];
  let status: BodyFields['status'];
  let speaker = '';
  let outlet = '';
  for (const body of bodies) {
    const purposes = purposesOf(body);
    if (purposes.includes('tagging'))
      tags.push({ name: body.value, ...(body['claimbench:tag'] !== undefined ? { id: body['claimbench:tag'] } : {}) });
    else if (purposes.includes('commenting')) notes.push(body.value);
    else if (purposes.includes('assessing'))
      status = { label: body.value, ...(body['claimbench:status'] !== undefined ? { id: body['claimbench:status'] } : {}) };
    else if (purposes.includes('describing') && body['claimbench:field'] === 'speaker') speaker = body.value;
    else if (purposes.includes('describing') && body['claimbench:field'] === 'outlet') outlet = body.value;
  }
  return { tags, notes, ...(status !== undefined ? { status } : {}), speaker, outlet };
}

/**
 * The anchoring result, or the quote found ignoring letter case when that is surer (an orphan, or
 * an approximate match that counted capitals as errors). `alternative` runs only when needed.
 */
function betterOf(result: AnchorResult, alternative: () => AnchorResult | undefined): AnchorResult {
  if (result.state === 'exact' || result.state === 'moved') return result;
  const other = alternative();
  return other !== undefined && other.confidence > result.confidence ? other : result;
}

type Found = Pick<ImportedW3CAnnotation, 'target' | 'anchoredBy' | 'anchor' | 'sourceTextHash'>;

function spanOf(
  targets: readonly z.infer<typeof Target>[],
  text: string,
  prepared: CodePointIndex | undefined,
): Result<Found, W3CImportError> {
  for (const [number, target] of targets.entries()) {
    if (typeof target === 'string') continue;
    let quote: z.infer<typeof QuoteSelector> | undefined;
    let position: z.infer<typeof PositionSelector> | undefined;
    for (const selector of target.selector ?? []) {
      if (typeof selector === 'string') continue;
      const schema =
        selector.type === 'TextQuoteSelector' ? QuoteSelector : selector.type === 'TextPositionSelector' ? PositionSelector : undefined;
      if (schema === undefined) continue;
      const read = schema.safeParse(selector);
      if (!read.success)
        return fail(
          'invalid',
          `Target ${number + 1}: a ${String(selector.type)} that is malformed: ${describeIssues(read.error, 'the annotation')}`,
        );
      if (read.data.type === 'TextQuoteSelector') quote ??= read.data;
      else position ??= read.data;
    }
    if (quote === undefined && position === undefined) continue;
    const hash = target['claimbench:textHash'] !== undefined ? { sourceTextHash: target['claimbench:textHash'] } : {};
    const codePoints = prepared ?? codePointIndex(text);
    const span =
      position !== undefined && position.start < position.end && position.end <= codePoints.codePointLength
        ? spanFromCodePoints(codePoints, position.start, position.end)
        : undefined;
    if (quote === undefined) {
      if (span === undefined)
        return fail(
          'not-found',
          `Target ${number + 1}: its TextPositionSelector [${position?.start}, ${position?.end}) is outside the text (${codePoints.codePointLength} code points).`,
        );
      return ok({ target: textTarget(text, span.start, span.end), anchoredBy: 'position', anchor: { state: 'exact' }, ...hash });
    }
    const guess = span ?? { start: 0, end: quote.exact.length };
    const wanted = { ...guess, exact: quote.exact, prefix: quote.prefix ?? '', suffix: quote.suffix ?? '' };
    const result = betterOf(anchor(text, wanted), () => findIgnoringCase(text, wanted));
    if (result.state === 'orphaned')
      return fail('not-found', `Target ${number + 1}: the quote "${quote.exact.slice(0, 80)}" is not in the text.`);
    const byPosition = span !== undefined && result.state === 'exact';
    const found = textTarget(text, result.start, result.end);
    const info: AnchorInfo =
      byPosition || (result.state === 'moved' && found.exact === quote.exact)
        ? { state: byPosition ? 'exact' : 'moved' }
        : { state: result.state, confidence: result.confidence, ...(found.exact !== quote.exact ? { previousQuote: quote.exact } : {}) };
    return ok({ target: found, anchoredBy: byPosition ? 'position' : 'quote', anchor: info, ...hash });
  }
  return fail('invalid', 'No target has a TextQuoteSelector or TextPositionSelector: Claimbench reads annotations of text only.');
}
