// Changing the workspace's links and claims. Every change is a list of edits "put this link or
// claim (or nothing) under this id", so undoing it puts back what was there before; removing
// annotations removes the links and mentions that point at them in the same step.
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
  type EvidenceData,
  type Verdict,
  type VerdictRating,
} from '../model/evidence.ts';
import { fail, ok, type Result } from '../result.ts';

/** A new link as the analyst makes it; the rest is filled in. */
export interface LinkInput {
  /** Chosen by the window that makes it (a UUID), so it can draw the link at once; else `context.id`. */
  id?: string;
  relation: string;
  from: AnnotationRef;
  to: AnnotationRef;
  note?: string;
}

/** Fields an edit may change; absent fields stay. */
export interface LinkPatch {
  relation?: string;
  note?: string;
}

export interface ClaimInput {
  id?: string;
  statement: string;
  mentions: readonly AnnotationRef[];
}

/** Fields an edit may change; absent fields stay, a `null` verdict removes it. */
export interface ClaimPatch {
  statement?: string;
  status?: string;
  verdict?: z.input<typeof Verdict> | null;
}

/**
 * One item of a change. `index` is where the item sits in its list when present, so that undoing
 * a removal puts it back where it was (without it, it would go to the end).
 */
export type EvidenceEdit =
  | { readonly kind: 'link'; readonly id: string; readonly index?: number; readonly before?: EvidenceLink; readonly after?: EvidenceLink }
  | { readonly kind: 'claim'; readonly id: string; readonly index?: number; readonly before?: Claim; readonly after?: Claim };

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
 * The data with one side of `edits` written: `after` to do or redo them, `before` to undo them
 * (in reverse order, so an item edited twice ends as it was first). A put replaces an item in
 * place, brings an absent one back at its `index` (or the end), and `undefined` removes it.
 */
export function applyEvidenceEdits(data: EvidenceData, edits: readonly EvidenceEdit[], side: 'before' | 'after'): EvidenceData {
  let { links, claims } = data;
  for (const edit of side === 'after' ? edits : [...edits].reverse()) {
    if (edit.kind === 'link') links = putItem(links, edit.id, edit[side], edit.index);
    else claims = putItem(claims, edit.id, edit[side], edit.index);
  }
  return { ...data, links, claims };
}

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
  const parsed = EvidenceLink.safeParse({ ...input, id: input.id ?? context.id, creator: context.creator, created: context.now, modified: context.now });
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
  const parsed = EvidenceLink.safeParse({ ...link, relation: patch.relation ?? link.relation, note: patch.note ?? link.note, modified: context.now });
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
export function createClaim(data: EvidenceData, input: ClaimInput, context: Creation): Result<Changed<{ claim: Claim }>, 'invalid' | 'not-found'> {
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
  if (patch.status !== undefined && !ClaimStatus.safeParse(patch.status).success) return fail('invalid', `"${patch.status}" is not a claim status`);
  const rating = patch.verdict?.rating;
  if (rating !== undefined && !context.scale.some((candidate) => candidate.id === rating)) return fail('invalid', `"${rating}" is not a rating of the verdict scale`);
  const { verdict: _dropped, ...rest } = claim;
  const verdict = patch.verdict === undefined ? claim.verdict : (patch.verdict ?? undefined);
  const parsed = Claim.safeParse({
    ...rest,
    ...(verdict ? { verdict } : {}),
    statement: patch.statement ?? claim.statement,
    status: patch.status ?? claim.status,
    modified: context.now,
  });
  if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
  const next = parsed.data;
  if (next.statement === claim.statement && next.status === claim.status && sameVerdict(next.verdict, claim.verdict)) return ok({ claim, edits: [] });
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

/** Annotations about to be deleted: some of them, or every annotation of a document. */
export type RemovalTarget = { readonly annotations: readonly AnnotationRef[] } | { readonly documentId: string };

export interface Dependents {
  /** Links with an end in the target: they go. */
  readonly links: EvidenceLink[];
  /** Claims with mentions in the target: those mentions go; `remaining` is how many the claim keeps. */
  readonly mentions: { readonly claim: Claim; readonly refs: AnnotationRef[]; readonly remaining: number }[];
}

/** What deleting `target` would take with it, for the confirmation the analyst sees first. */
export function dependentsOf(data: EvidenceData, target: RemovalTarget): Dependents {
  const inTarget = matcherOf(target);
  const links = data.links.filter((link) => inTarget(link.from) || inTarget(link.to));
  const mentions = data.claims.flatMap((claim) => {
    const refs = claim.mentions.filter(inTarget);
    return refs.length > 0 ? [{ claim, refs, remaining: claim.mentions.length - refs.length }] : [];
  });
  return { links, mentions };
}

/**
 * The edits that remove what `dependentsOf` lists, to record with the annotations' deletion as one
 * step. A claim keeps its `modified` time: the analyst did not edit it, its evidence went away.
 */
export function afterAnnotationsRemoved(data: EvidenceData, target: RemovalTarget): EvidenceEdit[] {
  const { links, mentions } = dependentsOf(data, target);
  const draft = recorder(data);
  for (const link of links) draft.link(link.id, undefined);
  for (const { claim, refs } of mentions) {
    const gone = new Set(refs.map(refKey));
    draft.claim(claim.id, { ...claim, mentions: claim.mentions.filter((ref) => !gone.has(refKey(ref))) });
  }
  return draft.edits;
}

/** A link seen from one document or annotation: `here` is its local end, `there` the other. */
export interface LinkEnd {
  readonly link: EvidenceLink;
  /** Which end of the link is local; `both` for a link inside one document (then `here` is `from`). */
  readonly local: 'from' | 'to' | 'both';
  readonly here: AnnotationRef;
  readonly there: AnnotationRef;
}

/**
 * The links touching `documentId`, once each, in reading order when `positionOf` gives the local
 * end's offset (unknown positions last), so the links of one annotation sit together; then by
 * relation (menu order), the other document, and age.
 */
export function linksOf(data: EvidenceData, documentId: string, positionOf?: (ref: AnnotationRef) => number | undefined): LinkEnd[] {
  const ends = data.links.flatMap((link): LinkEnd[] => {
    const fromHere = link.from.documentId === documentId;
    const toHere = link.to.documentId === documentId;
    if (fromHere) return [{ link, local: toHere ? 'both' : 'from', here: link.from, there: link.to }];
    return toHere ? [{ link, local: 'to', here: link.to, there: link.from }] : [];
  });
  const positions = new Map(ends.map((end) => [end.link.id, positionOf?.(end.here)]));
  return ends.sort(
    (a, b) =>
      compareOptional(positions.get(a.link.id), positions.get(b.link.id)) ||
      compareText(a.here.annotationId, b.here.annotationId) ||
      compareEnds(a, b),
  );
}

/** The links touching one annotation, by relation (menu order), the other document, and age. */
export function linksOfAnnotation(data: EvidenceData, ref: AnnotationRef): LinkEnd[] {
  return data.links
    .flatMap((link): LinkEnd[] => {
      if (sameRef(link.from, ref)) return [{ link, local: 'from', here: link.from, there: link.to }];
      return sameRef(link.to, ref) ? [{ link, local: 'to', here: link.to, there: link.from }] : [];
    })
    .sort(compareEnds);
}

/** The claims `ref` is a mention of. */
export function claimsMentioning(data: EvidenceData, ref: AnnotationRef): Claim[] {
  return data.claims.filter((claim) => claim.mentions.some((mention) => sameRef(mention, ref)));
}

const NONE: SameClaimOutcome = { kind: 'none' };

/** Applies puts one at a time, recording each as an edit whose `index` fits the list at that step. */
function recorder(data: EvidenceData) {
  let current = data;
  const edits: EvidenceEdit[] = [];
  const record = (edit: EvidenceEdit): void => {
    edits.push(edit);
    current = applyEvidenceEdits(current, [edit], 'after');
  };
  return {
    edits,
    get data(): EvidenceData {
      return current;
    },
    link(id: string, after: EvidenceLink | undefined): void {
      const { before, index } = locate(current.links, id, after);
      if (before || after) record({ kind: 'link', id, index, before, after });
    },
    claim(id: string, after: Claim | undefined): void {
      const { before, index } = locate(current.claims, id, after);
      if (before || after) record({ kind: 'claim', id, index, before, after });
    },
  };
}
type Recorder = ReturnType<typeof recorder>;

/** The item under `id` and its position, or where a new one would go. */
function locate<T extends { readonly id: string }>(list: readonly T[], id: string, after: T | undefined): { before?: T; index?: number } {
  const index = list.findIndex((item) => item.id === id);
  if (index >= 0) return { before: list[index], index };
  return after ? { index: list.length } : {};
}

function putItem<T extends { readonly id: string }>(list: T[], id: string, item: T | undefined, index: number | undefined): T[] {
  const at = list.findIndex((candidate) => candidate.id === id);
  if (item === undefined) return at < 0 ? list : list.toSpliced(at, 1);
  if (at >= 0) return list.with(at, item);
  return list.toSpliced(Math.min(index ?? list.length, list.length), 0, item);
}

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

function matcherOf(target: RemovalTarget): (ref: AnnotationRef) => boolean {
  if ('documentId' in target) return (ref) => ref.documentId === target.documentId;
  const keys = new Set(target.annotations.map(refKey));
  return (ref) => keys.has(refKey(ref));
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

const RELATION_ORDER = new Map(LINK_RELATIONS.map((info, index) => [info.id, index]));

function compareEnds(a: LinkEnd, b: LinkEnd): number {
  return (
    (RELATION_ORDER.get(a.link.relation) ?? 0) - (RELATION_ORDER.get(b.link.relation) ?? 0) ||
    compareText(a.there.documentId, b.there.documentId) ||
    Date.parse(a.link.created) - Date.parse(b.link.created) ||
    compareText(a.link.id, b.link.id)
  );
}

function compareOptional(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined) return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
  return a - b;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}
