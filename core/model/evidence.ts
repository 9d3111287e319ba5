// Evidence across documents: typed links between two annotations, and claims that gather the
// annotations (in any number of documents) that make the same statement, with a verdict.
import { z } from 'zod';
import { AnnotationId } from './annotation.ts';
import { DocumentId } from './document.ts';
import { RecordVersion } from './record-version.ts';

/** The id of a link or a claim: chosen by the window that makes it (a UUID) or by the service. */
export const EvidenceId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an evidence id is letters, digits, "_" and "-"');

/** How the `to` span of a link relates to its `from` span (left and right in the side-by-side view). */
export const LinkRelation = z.enum(['supports', 'refutes', 'source-of', 'same-claim', 'context']);
export type LinkRelation = z.infer<typeof LinkRelation>;

export interface LinkRelationInfo {
  readonly id: LinkRelation;
  readonly label: string;
  readonly description: string;
  /** Reads the same both ways: A→B and B→A are one link (duplicates are detected either way). */
  readonly symmetric: boolean;
}

/** The relations in menu order, with what each means for the left (`from`) and right (`to`) span. */
export const LINK_RELATIONS: readonly LinkRelationInfo[] = [
  { id: 'supports', label: 'Supports', description: 'the right annotation supports what the left one says', symmetric: false },
  { id: 'refutes', label: 'Refutes', description: 'the right annotation contradicts what the left one says', symmetric: false },
  { id: 'source-of', label: 'Source of', description: 'the right annotation is where the left one’s words came from', symmetric: false },
  { id: 'same-claim', label: 'Same claim', description: 'both annotations make the same claim (they join one claim)', symmetric: true },
  { id: 'context', label: 'Context', description: 'the right annotation gives context the left one leaves out', symmetric: true },
];

/** Whether `relation` reads the same in both directions. */
export function isSymmetric(relation: LinkRelation): boolean {
  return relation === 'same-claim' || relation === 'context';
}

/** One annotation anywhere in the workspace. */
export const AnnotationRef = z.object({ documentId: DocumentId, annotationId: AnnotationId });
export type AnnotationRef = z.infer<typeof AnnotationRef>;

export function sameRef(a: AnnotationRef, b: AnnotationRef): boolean {
  return a.documentId === b.documentId && a.annotationId === b.annotationId;
}

/** A string that identifies `ref`, for sets and maps (ids cannot contain a space). */
export function refKey(ref: AnnotationRef): string {
  return `${ref.documentId} ${ref.annotationId}`;
}

export const EvidenceLink = z.object({
  id: EvidenceId,
  relation: LinkRelation,
  from: AnnotationRef,
  to: AnnotationRef,
  /** Markdown. */
  note: z.string().max(100_000).default(''),
  creator: z.string().max(200).default(''),
  created: z.iso.datetime(),
  modified: z.iso.datetime(),
  /** 1 when made, +1 on every change (core/model/record-version.ts); absent in older files = 1. */
  version: RecordVersion.optional(),
});
export type EvidenceLink = z.infer<typeof EvidenceLink>;

/**
 * What makes two links the same link: their ends and relation, in either direction for a
 * symmetric relation. The file schema and the operations both refuse two links with one key.
 */
export function linkKey(link: Pick<EvidenceLink, 'relation' | 'from' | 'to'>): string {
  const ends = [refKey(link.from), refKey(link.to)];
  if (isSymmetric(link.relation)) ends.sort();
  return `${link.relation}|${ends.join('|')}`;
}

/** Filter value meaning "no verdict" in the claims view, so no rating may use it as its id. */
export const NO_VERDICT = 'none';

/** A rating id: the same alphabet as verification statuses. */
export const RatingId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a rating id is lowercase letters, digits and dashes')
  .refine((id) => id !== NO_VERDICT, { message: `"${NO_VERDICT}" is reserved for claims without a verdict` });

/** One step of the verdict scale; the scale is configurable, like the verification statuses. */
export const VerdictRating = z.object({
  id: RatingId,
  label: z.string().min(1).max(80),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});
export type VerdictRating = z.infer<typeof VerdictRating>;

/** A verdict scale: at least one rating, ids unique; its order is the order of the claims view's sort. */
export const VerdictScale = z
  .array(VerdictRating)
  .min(1)
  .superRefine((scale, context) => {
    for (const id of duplicatesOf(scale.map((rating) => rating.id)))
      context.addIssue({ code: 'custom', message: `duplicate rating id "${id}"` });
  });

/** A common fact-checking scale, from true to false, with "unproven" for what cannot be settled. */
export const DEFAULT_VERDICT_SCALE: readonly VerdictRating[] = [
  { id: 'true', label: 'True', color: '#2e9e5b' },
  { id: 'mostly-true', label: 'Mostly true', color: '#7cb342' },
  { id: 'mixed', label: 'Mixed', color: '#e6a700' },
  { id: 'mostly-false', label: 'Mostly false', color: '#e08a1e' },
  { id: 'false', label: 'False', color: '#d64545' },
  { id: 'unproven', label: 'Unproven', color: '#8a8f98' },
];

/**
 * A claim's verdict. `rating` is checked against the workspace's scale when it is set, not when a
 * file is read: a rating later removed from the scale stays on the claim for the analyst to see.
 */
export const Verdict = z.object({
  rating: RatingId,
  /** Markdown. */
  rationale: z.string().max(100_000).default(''),
  reviewer: z.string().max(200).default(''),
  date: z.iso.date(),
});
export type Verdict = z.infer<typeof Verdict>;

export const ClaimStatus = z.enum(['open', 'researching', 'reviewed']);
export type ClaimStatus = z.infer<typeof ClaimStatus>;

export const CLAIM_STATUSES: readonly { readonly id: ClaimStatus; readonly label: string }[] = [
  { id: 'open', label: 'Open' },
  { id: 'researching', label: 'Researching' },
  { id: 'reviewed', label: 'Reviewed' },
];

/** A published page: an absolute http(s) URL. */
export const ReviewUrl = z.url({ protocol: /^https?$/, error: 'a review URL is an http:// or https:// address' }).max(2048);

/** What a review URL pattern puts a claim's id in place of. */
export const CLAIM_ID_PLACEHOLDER = '{claimId}';

/**
 * Where a workspace publishes its fact checks, with `{claimId}` for the claim's id:
 * `https://factcheck.example/claims/{claimId}`.
 */
export const ReviewUrlPattern = z
  .string()
  .trim()
  .max(2048)
  .refine((pattern) => pattern.includes(CLAIM_ID_PLACEHOLDER), {
    message: `a review URL pattern needs ${CLAIM_ID_PLACEHOLDER} where the claim's id goes`,
  })
  .refine((pattern) => ReviewUrl.safeParse(pattern.replaceAll(CLAIM_ID_PLACEHOLDER, 'id')).success, {
    message: 'a review URL pattern is an http:// or https:// address',
  });

/**
 * A claim's published review: its own `reviewUrl`, else `pattern` with its id; undefined without either.
 * @example reviewUrlOf(claim, 'https://factcheck.example/claims/{claimId}') // 'https://factcheck.example/claims/c1'
 */
export function reviewUrlOf(claim: Pick<Claim, 'id' | 'reviewUrl'>, pattern: string | undefined): string | undefined {
  if (claim.reviewUrl !== undefined) return claim.reviewUrl;
  if (pattern === undefined || pattern === '') return undefined;
  return pattern.replaceAll(CLAIM_ID_PLACEHOLDER, encodeURIComponent(claim.id));
}

/** The longest canonical statement of a claim. */
export const STATEMENT_MAX = 2000;

export const Claim = z.object({
  id: EvidenceId,
  /** Short and canonical: "The mayor said taxes will not rise in 2025". */
  statement: z.string().trim().min(1, 'a claim needs a statement').max(STATEMENT_MAX),
  /**
   * The annotations that make the claim. Empty only after the analyst removed the last one (or
   * its document was deleted): the claim and its verdict stay until the analyst deletes it.
   */
  mentions: z.array(AnnotationRef),
  verdict: Verdict.optional(),
  status: ClaimStatus.default('open'),
  /**
   * Where the analyst published the fact check of this claim (ClaimReview's `url`, which Google
   * requires). Without one, the workspace's pattern applies (`WorkspaceSettings.reviewUrlPattern`).
   */
  reviewUrl: ReviewUrl.optional(),
  creator: z.string().max(200).default(''),
  created: z.iso.datetime(),
  modified: z.iso.datetime(),
  /** 1 when made, +1 on every change (core/model/record-version.ts); absent in older files = 1. */
  version: RecordVersion.optional(),
});
export type Claim = z.infer<typeof Claim>;

/**
 * The workspace's links and claims. Stored in a file of its own; stored-files.ts wraps it with the
 * schema version (`EvidenceData.safeExtend({ schemaVersion: … })` keeps these checks), which is
 * why this module does not import stored-files.ts.
 */
export const EvidenceData = z
  .object({
    links: z.array(EvidenceLink),
    claims: z.array(Claim),
  })
  .superRefine((data, context) => {
    const issue = (message: string): void => context.addIssue({ code: 'custom', message });
    for (const id of duplicatesOf(data.links.map((link) => link.id))) issue(`duplicate link id "${id}"`);
    for (const id of duplicatesOf(data.claims.map((claim) => claim.id))) issue(`duplicate claim id "${id}"`);
    for (const link of data.links) {
      if (sameRef(link.from, link.to)) issue(`link ${link.id} links an annotation to itself`);
    }
    const seen = new Map<string, string>();
    for (const link of data.links) {
      const first = seen.get(linkKey(link));
      if (first !== undefined) issue(`link ${link.id} repeats link ${first} (same spans and relation)`);
      else seen.set(linkKey(link), link.id);
    }
    for (const claim of data.claims) {
      if (duplicatesOf(claim.mentions.map(refKey)).length > 0) issue(`claim ${claim.id} lists a mention twice`);
    }
  });
export type EvidenceData = z.infer<typeof EvidenceData>;

export const EMPTY_EVIDENCE: EvidenceData = { links: [], claims: [] };

/** The values that occur more than once in `values`, each once, in order of their second occurrence. */
function duplicatesOf(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) repeated.add(value);
    seen.add(value);
  }
  return [...repeated];
}
