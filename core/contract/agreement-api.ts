// The agreement half of the contract: how far coders (annotations' creators) agree, per tag and
// document and pooled; where they disagree in a document; and curation, which writes the settled
// version of a disagreement as annotations of the curator, one undo step each.
import type { DisagreementKind } from '../agreement/disagreements.ts';
import type { AgreementRow } from '../agreement/report.ts';
import type { SpanMatchRule } from '../agreement/span-f1.ts';
import type { Annotation } from '../model/annotation.ts';
import type { Result } from '../result.ts';
import type { AgreementRequest, CurationRequest, DisagreementsRequest } from './agreement-args.ts';

export type { AgreementRequest, CurationDecision, CurationRequest, DisagreementsRequest } from './agreement-args.ts';

/** A creator with placed annotations in the workspace: one to choose among the coders. */
export interface CoderSummary {
  readonly name: string;
  readonly annotations: number;
  readonly documents: number;
}

/** A compared document, with how many disagreements it has and how many of them are curated. */
export interface AgreementDocumentSummary {
  readonly id: string;
  readonly title: string;
  readonly disagreements: number;
  readonly curated: number;
}

export interface AgreementOverview {
  /** Every coder there is to choose, by name. */
  readonly coders: readonly CoderSummary[];
  /** What the figures compare (the request with its defaults filled in, unknown ids left out). */
  readonly compared: {
    readonly coders: readonly string[];
    readonly documentIds: readonly string[];
    readonly tagIds: readonly string[];
    readonly spanMatch: SpanMatchRule;
    readonly curator: string;
  };
  /** Per chosen tag: a row per document, then the pooled row (documentId null). */
  readonly rows: readonly AgreementRow[];
  /**
   * Each coder against the curated version, pooled over the documents, per tag; empty until the
   * curator has annotations in them. These change as the curation proceeds; `rows` do not.
   */
  readonly againstCurated: readonly AgreementRow[];
  /** The compared documents, in library order. */
  readonly documents: readonly AgreementDocumentSummary[];
}

/** One disagreement, with the annotations on every side and the curated version of its region. */
export interface DisagreementView {
  readonly start: number;
  readonly end: number;
  readonly kinds: readonly DisagreementKind[];
  /** Every compared coder, in the order compared; no annotations: that coder did not mark it. */
  readonly sides: readonly { readonly coder: string; readonly annotations: readonly Annotation[] }[];
  /** The curator's annotations inside the region: settled when there are any. */
  readonly curated: readonly Annotation[];
  /** Settled as "nothing here": the curator accepted the side of a coder who marked nothing (kept with the document). */
  readonly keptNothing: boolean;
  /** The region's text, and a little of the text around it. */
  readonly text: string;
  readonly before: string;
  readonly after: string;
}

export interface DocumentDisagreements {
  readonly documentId: string;
  readonly title: string;
  readonly items: readonly DisagreementView[];
}

/** Curated annotations written, and earlier curated ones they replaced. */
export interface CurationOutcome {
  readonly written: number;
  readonly removed: number;
}

export interface AgreementApi {
  /** The agreement figures for the chosen coders, documents and tags; `invalid`: more coders than the figures take. */
  getAgreement(request: AgreementRequest): Promise<Result<AgreementOverview, 'invalid'>>;
  /** Every disagreement among the coders in one document, in text order. */
  getDisagreements(documentId: string, request: DisagreementsRequest): Promise<Result<DocumentDisagreements, 'not-found' | 'invalid'>>;
  /**
   * Writes the analyst's decision on one disagreement as the curated version of its region:
   * annotations of `curator` (which must not be one of the coders), replacing the curator's earlier
   * ones there; the coders' annotations stay as they are. Accepting the side of a coder who marked
   * nothing there settles it as "nothing here", kept with the document (see `keptNothing`). One
   * undo step; nothing is written when the region is curated so already. `not-found`: the document, or a disagreement at `region`
   * among those coders, is no longer there.
   */
  curateDisagreement(
    documentId: string,
    request: CurationRequest,
  ): Promise<Result<CurationOutcome, 'not-found' | 'invalid' | 'write-failed'>>;
  /**
   * Takes every region where the coders agree, and that has no curated version yet, into the
   * curated version as they marked it: one undo step (nothing, when there is none).
   */
  curateAgreements(
    documentId: string,
    request: DisagreementsRequest,
  ): Promise<Result<CurationOutcome, 'not-found' | 'invalid' | 'write-failed'>>;
}

/** This half's method list (the compiler checks it against the interface). */
export const agreementMethods = {
  getAgreement: true,
  getDisagreements: true,
  curateDisagreement: true,
  curateAgreements: true,
} as const satisfies Record<keyof AgreementApi, true>;
