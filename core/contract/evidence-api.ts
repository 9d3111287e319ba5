// The evidence half of the contract: links between annotations, and claims with their mentions and verdicts.
import type { Appearance, ClaimRow } from '../evidence/claims-view.ts';
import type { ClaimPatch, LinkPatch, SameClaimOutcome } from '../evidence/evidence-operations.ts';
import type { Dependents, RemovalTarget } from '../evidence/references.ts';
import type { Annotation } from '../model/annotation.ts';
import type { AnnotationRef, Claim, EvidenceData, EvidenceLink } from '../model/evidence.ts';
import type { Conflicted, Result } from '../result.ts';
import type { NewLink } from './workbench-args.ts';

/**
 * A link as a document's links panel shows it: which end is here, and both ends' quotes. `was`: an
 * end's quote before a new version changed its words (core/annotations/review.ts), what the link
 * was made on; absent when its words are unchanged.
 */
export interface LinkView {
  readonly link: EvidenceLink;
  readonly local: 'from' | 'to' | 'both';
  readonly here: AnnotationRef & { readonly quote: string; readonly start: number; readonly was?: string };
  /** `title` and `quote` of the other end; `quote` absent when its annotation is an orphan. */
  readonly there: AnnotationRef & { readonly title: string; readonly quote?: string; readonly was?: string };
}

export interface EvidenceApi {
  /** Every link and claim of the workspace. */
  getEvidence(): Promise<EvidenceData>;
  /** The links touching a document, in reading order of their local end, with both quotes. */
  getLinks(documentId: string): Promise<Result<LinkView[], 'not-found'>>;
  /**
   * Links two spans (making annotations of those not yet annotated). A same-claim link adds the
   * unclaimed end to the other end's claim. One undo step.
   */
  createLink(
    input: NewLink,
  ): Promise<
    Result<
      { link: EvidenceLink; created: Annotation[]; sameClaim: SameClaimOutcome },
      'not-found' | 'invalid' | 'duplicate' | 'write-failed'
    >
  >;
  /** Relation and note. With `patch.baseVersion`, a link changed since that version is left as it is: a `conflict`. */
  updateLink(
    linkId: string,
    patch: LinkPatch,
  ): Promise<Result<EvidenceLink, 'not-found' | 'invalid' | 'duplicate' | 'write-failed'> | Conflicted<EvidenceLink>>;
  deleteLink(linkId: string): Promise<Result<true, 'not-found' | 'write-failed'>>;
  /** A claim from annotations (its mentions); the statement is the analyst's wording. */
  createClaim(input: {
    id?: string;
    statement: string;
    mentions: AnnotationRef[];
  }): Promise<Result<Claim, 'not-found' | 'invalid' | 'write-failed'>>;
  /**
   * Statement, status and verdict (`verdict: null` removes it; its rating must be on the workspace's
   * scale). With `patch.baseVersion`, a claim changed since that version is left as it is: a `conflict`.
   */
  updateClaim(claimId: string, patch: ClaimPatch): Promise<Result<Claim, 'not-found' | 'invalid' | 'write-failed'> | Conflicted<Claim>>;
  addMentions(claimId: string, refs: AnnotationRef[]): Promise<Result<Claim, 'not-found' | 'invalid' | 'write-failed'>>;
  removeMentions(claimId: string, refs: AnnotationRef[]): Promise<Result<Claim, 'not-found' | 'write-failed'>>;
  deleteClaim(claimId: string): Promise<Result<true, 'not-found' | 'write-failed'>>;
  /** The claims view: a row per claim (mentions, outlets, first appearance, verdict). */
  listClaims(): Promise<ClaimRow[]>;
  /** A claim with its mentions in order of appearance. */
  getClaim(claimId: string): Promise<Result<{ claim: Claim; appearances: Appearance[] }, 'not-found'>>;
  /** What deleting these annotations (or a document's) would take with it: links and mentions. */
  getDependents(target: RemovalTarget): Promise<Dependents>;
}

/** This half's method list (the compiler checks it against the interface). */
export const evidenceMethods = {
  getEvidence: true,
  getLinks: true,
  createLink: true,
  updateLink: true,
  deleteLink: true,
  createClaim: true,
  updateClaim: true,
  addMentions: true,
  removeMentions: true,
  deleteClaim: true,
  listClaims: true,
  getClaim: true,
  getDependents: true,
} as const satisfies Record<keyof EvidenceApi, true>;
