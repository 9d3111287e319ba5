// An annotation: a span of a document's text, tagged and described as a claim.
import { z } from 'zod';
import { TagId } from './codebook.ts';
import { RecordVersion } from './record-version.ts';

export const AnnotationId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * Where an annotation sits. `start`/`end` are JS string indices (UTF-16 code units) into the
 * document's stored text, which is NFC- and LF-normalized at import; `exact`, `prefix` and
 * `suffix` are the W3C TextQuoteSelector that lets the span be found again when the text changes.
 */
export const TextTarget = z
  .object({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    exact: z.string().min(1),
    prefix: z.string(),
    suffix: z.string(),
  })
  .refine((target) => target.end > target.start, { message: 'a target ends after it starts' });
export type TextTarget = z.infer<typeof TextTarget>;

/**
 * How the span was last found (core/anchoring): `exact` where it was made, `moved` (the same quote
 * elsewhere), `fuzzy` (a similar quote; `confidence` is the share of it unchanged), or `orphaned`
 * (not found: `target` still holds the span as it was on the old text).
 */
export const AnchorInfo = z.object({
  state: z.enum(['exact', 'moved', 'fuzzy', 'orphaned']),
  confidence: z.number().min(0).max(1).optional(),
  /**
   * The quote before a new version changed or lost it (a fuzzy re-anchoring, an orphan, or any
   * re-anchoring of an annotation that carries evidence): the words a link or verdict was made on.
   */
  previousQuote: z.string().optional(),
  /**
   * Why it waits for review whatever its confidence: `evidence` — it carries a link, a claim
   * mention or a verdict, and a new version changed its words or left its place unconfirmed
   * (core/annotations/review.ts). Cleared when the analyst accepts or re-pins it.
   */
  review: z.literal('evidence').optional(),
  /**
   * SHA-256 of the text version `target` refers to: the one the annotation was made on, or last
   * anchored to. An orphan keeps the hash of the version it was lost from (texts/<hash>).
   */
  textHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type AnchorInfo = z.infer<typeof AnchorInfo>;

export const Annotation = z.object({
  id: AnnotationId,
  target: TextTarget,
  anchor: AnchorInfo.default({ state: 'exact' }),
  tags: z.array(TagId),
  speaker: z.string().max(500).default(''),
  outlet: z.string().max(500).default(''),
  status: z.string().min(1).max(64),
  /** Markdown. */
  note: z.string().max(100_000).default(''),
  creator: z.string().max(200).default(''),
  created: z.iso.datetime(),
  modified: z.iso.datetime(),
  /** 1 when made, +1 on every change (core/model/record-version.ts); absent in older files = 1. */
  version: RecordVersion.optional(),
});
export type Annotation = z.infer<typeof Annotation>;

/** Characters of context kept on each side of a quote (the Hypothesis client uses 32 too). */
export const QUOTE_CONTEXT = 32;

/** Builds the target of `[start, end)` in `text`, with its quote and context. */
export function textTarget(text: string, start: number, end: number): TextTarget {
  if (!(start >= 0 && end > start && end <= text.length)) {
    throw new RangeError(`span [${start}, ${end}) is outside a text of length ${text.length}`);
  }
  return {
    start,
    end,
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - QUOTE_CONTEXT), start),
    suffix: text.slice(end, end + QUOTE_CONTEXT),
  };
}
