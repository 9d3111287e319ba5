// Changing the workspace's links and claims. Every change is a list of edits (edits.ts) "put this
// link or claim (or nothing) under this id", so undoing it puts back what was there before; what
// goes with deleted annotations is in references.ts.
import { z } from 'zod';
import {
  AnnotationRef,
  Claim,
  ClaimStatus,
  EvidenceLink,
  LINK_RELATIONS,
  LinkRelation,
  linkKey,
  refKey,
  sameRef,
  STATEMENT_MAX,
  type EvidenceData,
  type Verdict,
  type VerdictRating,
} from '../model/evidence.ts';
import { RecordVersion } from '../model/record-version.ts';
import { fail, ok, type Result } from '../result.ts';
import { recorder, type EvidenceEdit, type Recorder } from './edits.ts';
import { claimsMentioning } from './references.ts';

/** A new link as the analyst makes it; the rest is filled in. */
export interface LinkInput {
  /** Chosen by the window that makes it (a UUID), so it can draw the link at once; else `context.id`. */
  id?: string;
  relation: string;
  from: AnnotationRef;
  to: AnnotationRef;
  note?: string;
}

// Relations, statuses and ratings are strings here: the operations answer an unknown one with a
// message naming it (the workspace's scale decides which ratings exist).
const NOTE_MAX = 100_000;

/** Fields an edit may change; absent fields stay. */
export const LinkPatch = z.strictObject({
  relation: z.string().max(64).optional(),
  note: z.string().max(NOTE_MAX).optional(),
  /** The version the edit was made from (the window always sends it): a link changed since is a `conflict`. */
  baseVersion: RecordVersion.optional(),
});
export type LinkPatch = z.infer<typeof LinkPatch>;

export interface ClaimInput {
  id?: string;
  statement: string;
  mentions: readonly AnnotationRef[];
}

/** A verdict as the analyst sets it (checked against the scale and the Verdict schema when applied). */
const VerdictInput = z.strictObject({
  rating: z.string().max(64),
  rationale: z.string().max(NOTE_MAX).optional(),
  reviewer: z.string().max(200).optional(),
  date: z.string().max(100),
});

/** Fields an edit may change; absent fields stay, a `null` verdict removes it. */
export const ClaimPatch = z.strictObject({
  statement: z.string().max(STATEMENT_MAX).optional(),
  status: z.string().max(64).optional(),
  verdict: VerdictInput.nullable().optional(),
  /** The published review's address; `null` or "" removes it (the workspace's pattern applies again). */
  reviewUrl: z.string().max(2048).nullable().optional(),
  /** The version of the claim the edit was made from: a claim changed since refuses it (a conflict). */
  baseVersion: RecordVersion.optional(),
});
export type ClaimPatch = z.infer<typeof ClaimPatch>;

/** What a same-claim link did to claims. */
export type SameClaimOutcome =
  /** Not a same-claim link, or neither end is a mention of a claim. */
  | { readonly kind: 'none' }
  /** `ref`, the end that was in no claim, is now a mention of the other end's claim. */
  | { readonly kind: 'joined'; readonly claimId: string; readonly ref: AnnotationRef }
  /** Both ends were already mentions of this claim. */
  | { readonly kind: 'already'; readonly claimId: string }
  /** The ends are in different claims (or one end in several): claims were left as they were. */
  | { readonly kind: 'conflict'; readonly claimIds: readonly string[] };

export interface Creation {
  readonly id: string;
  readonly creator: string;
  readonly now: string;
  /** Whether the annotation exists in the workspace. */
  readonly exists: (ref: AnnotationRef) => boolean;
}

type Changed<T> = { readonly edits: EvidenceEdit[] } & T;

/**
 * A new link between two annotations, with the edits that make it. A same-claim link also adds
 * the end that is in no claim to the other end's claim (see `SameClaimOutcome`).
 */
export function createLink(
  data: EvidenceData,
  input: LinkInput,
  context: Creation,
): Result<Changed<{ link: EvidenceLink; sameClaim: SameClaimOutcome }>, 'invalid' | 'not-found' | 'duplicate'> {
  const relation = checkRelation(input.relation);
  if (!relation.ok) return relation;
  const parsed = EvidenceLink.safeParse({
    ...input,
    id: input.id ?? context.id,
    creator: context.creator,
    created: context.now,
    modified: context.now,
  });
  if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
  const link = parsed.data;
  if (sameRef(link.from, link.to)) return fail('invalid', 'a link joins two different annotations');
  if (data.links.some((other) => other.id === link.id)) return fail('invalid', `there is already a link with id "${link.id}"`);
  const missing = [link.from, link.to].find((ref) => !context.exists(ref));
  if (missing) return fail('not-found', `annotation ${missing.annotationId} of document ${missing.documentId} does not exist`);
  const duplicate = duplicateOf(data.links, link);
  if (duplicate) return fail('duplicate', duplicate);
  const draft = recorder(data);
  draft.link(link.id, link);
  const sameClaim = link.relation === 'same-claim' ? joinSameClaim(draft, link, context.now) : NONE;
  return ok({ link, edits: draft.edits, sameClaim });
}

/**
 * The link with `patch` applied. Changing the relation to same-claim joins claims as creating
 * such a link does (changing it away leaves the mentions); a patch that changes nothing makes no
 * edits (and no step to undo).
 */
export function updateLink(
  data: EvidenceData,
  id: string,
  patch: LinkPatch,
  context: { readonly now: string },
): Result<Changed<{ link: EvidenceLink; sameClaim: SameClaimOutcome }>, 'invalid' | 'not-found' | 'duplicate'> {
  const link = data.links.find((candidate) => candidate.id === id);
  if (!link) return fail('not-found', `there is no link ${id}`);
  if (patch.relation !== undefined) {
    const relation = checkRelation(patch.relation);
    if (!relation.ok) return relation;
  }
  const parsed = EvidenceLink.safeParse({
    ...link,
    relation: patch.relation ?? link.relation,
    note: patch.note ?? link.note,
    modified: context.now,
  });
  if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
  const next = parsed.data;
  if (next.relation === link.relation && next.note === link.note) return ok({ link, edits: [], sameClaim: NONE });
  const duplicate = duplicateOf(data.links, next);
  if (duplicate) return fail('duplicate', duplicate);
  const draft = recorder(data);
  draft.link(id, next);
  const joins = next.relation === 'same-claim' && link.relation !== 'same-claim';
  return ok({ link: next, edits: draft.edits, sameClaim: joins ? joinSameClaim(draft, next, context.now) : NONE });
}

/** Removes the links `ids`; all of them must exist. Mentions a same-claim link added stay. */
export function deleteLinks(data: EvidenceData, ids: readonly string[]): Result<{ edits: EvidenceEdit[] }, 'not-found'> {
  const unknown = ids.filter((id) => !data.links.some((link) => link.id === id));
  if (unknown.length > 0) return fail('not-found', `there is no link ${unknown.join(', ')}`);
  const draft = recorder(data);
  for (const id of new Set(ids)) draft.link(id, undefined);
  return ok({ edits: draft.edits });
}

/** A new claim made by `input.mentions` (at least one; repeats are dropped). */
export function createClaim(
  data: EvidenceData,
  input: ClaimInput,
  context: Creation,
): Result<Changed<{ claim: Claim }>, 'invalid' | 'not-found'> {
  const parsed = Claim.safeParse({
    id: input.id ?? context.id,
    statement: input.statement,
    mentions: uniqueRefs(input.mentions),
    creator: context.creator,
    created: context.now,
    modified: context.now,
  });
  if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
  const claim = parsed.data;
  if (claim.mentions.length === 0) return fail('invalid', 'a claim starts from at least one annotation');
  if (data.claims.some((other) => other.id === claim.id)) return fail('invalid', `there is already a claim with id "${claim.id}"`);
  const missing = claim.mentions.find((ref) => !context.exists(ref));
  if (missing) return fail('not-found', `annotation ${missing.annotationId} of document ${missing.documentId} does not exist`);
  const draft = recorder(data);
  draft.claim(claim.id, claim);
  return ok({ claim, edits: draft.edits });
}

/**
 * The claim with `patch` applied; a verdict's rating must be one of `context.scale`. A patch that
 * changes nothing makes no edits.
 */
export function updateClaim(
  data: EvidenceData,
  id: string,
  patch: ClaimPatch,
  context: { readonly now: string; readonly scale: readonly VerdictRating[] },
): Result<Changed<{ claim: Claim }>, 'invalid' | 'not-found'> {
  const claim = data.claims.find((candidate) => candidate.id === id);
  if (!claim) return fail('not-found', `there is no claim ${id}`);
  if (patch.status !== undefined && !ClaimStatus.safeParse(patch.status).success)
    return fail('invalid', `"${patch.status}" is not a claim status`);
  const rating = patch.verdict?.rating;
  if (rating !== undefined && !context.scale.some((candidate) => candidate.id === rating))
    return fail('invalid', `"${rating}" is not a rating of the verdict scale`);
  const { verdict: _dropped, reviewUrl: _url, ...rest } = claim;
  const verdict = patch.verdict === undefined ? claim.verdict : (patch.verdict ?? undefined);
  const reviewUrl = patch.reviewUrl === undefined ? claim.reviewUrl : patch.reviewUrl?.trim() || undefined;
  const parsed = Claim.safeParse({
    ...rest,
    ...(verdict ? { verdict } : {}),
    ...(reviewUrl !== undefined ? { reviewUrl } : {}),
    statement: patch.statement ?? claim.statement,
    status: patch.status ?? claim.status,
    modified: context.now,
  });
  if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
  const next = parsed.data;
  if (
    next.statement === claim.statement &&
    next.status === claim.status &&
    next.reviewUrl === claim.reviewUrl &&
    sameVerdict(next.verdict, claim.verdict)
  )
    return ok({ claim, edits: [] });
  const draft = recorder(data);
  draft.claim(id, next);
  return ok({ claim: next, edits: draft.edits });
}

/** Adds `refs` to the claim's mentions, skipping those it has; `added` says which were new. */
export function addMentions(
  data: EvidenceData,
  claimId: string,
  refs: readonly AnnotationRef[],
  context: { readonly now: string; readonly exists: (ref: AnnotationRef) => boolean },
): Result<Changed<{ claim: Claim; added: AnnotationRef[] }>, 'invalid' | 'not-found'> {
  const claim = data.claims.find((candidate) => candidate.id === claimId);
  if (!claim) return fail('not-found', `there is no claim ${claimId}`);
  const parsed = z.array(AnnotationRef).safeParse(refs);
  if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
  const missing = parsed.data.find((ref) => !context.exists(ref));
  if (missing) return fail('not-found', `annotation ${missing.annotationId} of document ${missing.documentId} does not exist`);
  const present = new Set(claim.mentions.map(refKey));
  const added = uniqueRefs(parsed.data).filter((ref) => !present.has(refKey(ref)));
  if (added.length === 0) return ok({ claim, added, edits: [] });
  const next = { ...claim, mentions: [...claim.mentions, ...added], modified: context.now };
  const draft = recorder(data);
  draft.claim(claimId, next);
  return ok({ claim: next, added, edits: draft.edits });
}

/**
 * Removes `refs` from the claim's mentions (those it does not have are ignored). Removing the last
 * one leaves the claim, with its statement and verdict, for the analyst to delete or to fill again.
 */
export function removeMentions(
  data: EvidenceData,
  claimId: string,
  refs: readonly AnnotationRef[],
  context: { readonly now: string },
): Result<Changed<{ claim: Claim; removed: AnnotationRef[] }>, 'not-found'> {
  const claim = data.claims.find((candidate) => candidate.id === claimId);
  if (!claim) return fail('not-found', `there is no claim ${claimId}`);
  const gone = new Set(refs.map(refKey));
  const removed = claim.mentions.filter((ref) => gone.has(refKey(ref)));
  if (removed.length === 0) return ok({ claim, removed, edits: [] });
  const next = { ...claim, mentions: claim.mentions.filter((ref) => !gone.has(refKey(ref))), modified: context.now };
  const draft = recorder(data);
  draft.claim(claimId, next);
  return ok({ claim: next, removed, edits: draft.edits });
}

/** Removes a claim. Its annotations and links stay. */
export function deleteClaim(data: EvidenceData, id: string): Result<{ edits: EvidenceEdit[] }, 'not-found'> {
  if (!data.claims.some((claim) => claim.id === id)) return fail('not-found', `there is no claim ${id}`);
  const draft = recorder(data);
  draft.claim(id, undefined);
  return ok({ edits: draft.edits });
}

const NONE: SameClaimOutcome = { kind: 'none' };

/** Joins the claims of a same-claim link's ends, when exactly one claim is involved. */
function joinSameClaim(draft: Recorder, link: EvidenceLink, now: string): SameClaimOutcome {
  const fromClaims = claimsMentioning(draft.data, link.from);
  const toClaims = claimsMentioning(draft.data, link.to);
  const shared = fromClaims.find((claim) => toClaims.includes(claim));
  if (shared) return { kind: 'already', claimId: shared.id };
  const involved = [...fromClaims, ...toClaims];
  if (involved.length === 0) return NONE;
  if (involved.length > 1) return { kind: 'conflict', claimIds: involved.map((claim) => claim.id) };
  const claim = involved[0]!;
  const ref = fromClaims.length > 0 ? link.to : link.from;
  draft.claim(claim.id, { ...claim, mentions: [...claim.mentions, ref], modified: now });
  return { kind: 'joined', claimId: claim.id, ref };
}

function checkRelation(relation: string): Result<LinkRelation, 'invalid'> {
  const parsed = LinkRelation.safeParse(relation);
  return parsed.success ? ok(parsed.data) : fail('invalid', `"${relation}" is not a link relation`);
}

/** Why `link` would repeat another link (same ends and relation, either way when symmetric). */
function duplicateOf(links: readonly EvidenceLink[], link: EvidenceLink): string | undefined {
  const key = linkKey(link);
  const other = links.find((candidate) => candidate.id !== link.id && linkKey(candidate) === key);
  if (!other) return undefined;
  const label = LINK_RELATIONS.find((info) => info.id === link.relation)?.label ?? link.relation;
  return `these annotations are already linked as "${label}" (link ${other.id})`;
}

/** `refs` without repeats, first occurrences kept in order. */
function uniqueRefs(refs: readonly AnnotationRef[]): AnnotationRef[] {
  const unique = new Map<string, AnnotationRef>();
  for (const ref of refs) if (!unique.has(refKey(ref))) unique.set(refKey(ref), ref);
  return [...unique.values()];
}

function sameVerdict(a: Verdict | undefined, b: Verdict | undefined): boolean {
  if (!a || !b) return a === b;
  return a.rating === b.rating && a.rationale === b.rationale && a.reviewer === b.reviewer && a.date === b.date;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}
