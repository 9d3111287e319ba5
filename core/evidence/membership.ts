// Which claims each annotation of a document belongs to, with the claim's verdict: what the
// annotations panel and the reader's hover card show beside a span ("in claim … · False").
import { refKey, type AnnotationRef, type Claim, type VerdictRating } from '../model/evidence.ts';

/** A claim as an annotation's badge shows it. */
export interface ClaimMembership {
  readonly claimId: string;
  readonly statement: string;
  /** The verdict's rating on the workspace's scale; a rating no longer on the scale keeps its id as label. */
  readonly verdict?: { readonly id: string; readonly label: string; readonly color?: string };
}

/**
 * The claims each annotation of `documentId` is a mention of, in the order of `claims`.
 * Annotations in no claim are absent from the map.
 * @example claimsByAnnotation([{ id: 'c1', statement: 'Use fell', mentions: [{ documentId: 'd', annotationId: 'a' }], … }], 'd', scale)
 *   // Map { 'a' => [{ claimId: 'c1', statement: 'Use fell' }] }
 */
export function claimsByAnnotation(
  claims: readonly Claim[],
  documentId: string | undefined,
  scale: readonly VerdictRating[],
): ReadonlyMap<string, readonly ClaimMembership[]> {
  const byAnnotation = new Map<string, ClaimMembership[]>();
  if (documentId === undefined) return byAnnotation;
  collectMemberships(claims, scale, (ref) => (ref.documentId === documentId ? ref.annotationId : undefined), byAnnotation);
  return byAnnotation;
}

/**
 * The claims each annotation of the workspace is a mention of, by `refKey` of the annotation: the
 * same memberships as `claimsByAnnotation`, for every document in one pass (the annotations table).
 */
export function claimsByMention(
  claims: readonly Claim[],
  scale: readonly VerdictRating[],
): ReadonlyMap<string, readonly ClaimMembership[]> {
  const byRef = new Map<string, ClaimMembership[]>();
  collectMemberships(claims, scale, refKey, byRef);
  return byRef;
}

/** Adds each claim to the list of every mention `keyOf` names (a mention it gives no key is left out). */
function collectMemberships(
  claims: readonly Claim[],
  scale: readonly VerdictRating[],
  keyOf: (ref: AnnotationRef) => string | undefined,
  into: Map<string, ClaimMembership[]>,
): void {
  const ratings = new Map(scale.map((rating) => [rating.id, rating]));
  for (const claim of claims) {
    let membership: ClaimMembership | undefined;
    for (const ref of claim.mentions) {
      const key = keyOf(ref);
      if (key === undefined) continue;
      membership ??= {
        claimId: claim.id,
        statement: claim.statement,
        ...(claim.verdict && {
          verdict: {
            id: claim.verdict.rating,
            label: ratings.get(claim.verdict.rating)?.label ?? claim.verdict.rating,
            ...(ratings.has(claim.verdict.rating) && { color: ratings.get(claim.verdict.rating)!.color }),
          },
        }),
      };
      const list = into.get(key);
      if (list === undefined) into.set(key, [membership]);
      else if (!list.some((other) => other.claimId === claim.id)) list.push(membership);
    }
  }
}

/** "in “Use fell 12%…” · False", "in 2 claims", for a short label; the statements in full for a title. */
export function describeMembership(memberships: readonly ClaimMembership[], shorten: (text: string) => string): string {
  if (memberships.length === 0) return '';
  if (memberships.length > 1) return `In ${memberships.length} claims`;
  const [only] = memberships;
  return `In claim “${shorten(only!.statement)}”${only!.verdict ? ` · ${only!.verdict.label}` : ' · no verdict yet'}`;
}
