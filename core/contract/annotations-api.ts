// The annotations half of the contract: marking spans, reviewing anchors, undo and redo.
import type { AnchorDecision, AnnotationInput, AnnotationPatch } from '../annotations/annotation-operations.ts';
import type { BulkAnnotationPatch } from '../annotations/bulk-edit.ts';
import type { HistoryState } from '../history/history.ts';
import type { Annotation } from '../model/annotation.ts';
import type { Conflicted, Result } from '../result.ts';

/** Annotations of a plain W3C or Hypothesis file put on a document: what happened to each. */
export interface AnnotationFileOutcome {
  readonly format: 'w3c' | 'hypothesis';
  readonly added: number;
  readonly fuzzy: number;
  readonly duplicates: number;
  readonly newTags: readonly string[];
  readonly notFound: readonly { readonly index: number; readonly quote: string }[];
  readonly invalid: readonly { readonly index: number; readonly reason: string }[];
  /** Left out as not annotations of passages: page notes, replies, links between annotations. */
  readonly skipped: readonly { readonly index: number; readonly reason: string }[];
  /** Left out as made on another text or page than this document. */
  readonly elsewhere: number;
}

/** An annotation to edit, and the version the edit was made from (see `updateAnnotation`). */
export interface AnnotationVersionRef {
  readonly documentId: string;
  readonly annotationId: string;
  readonly baseVersion?: number | undefined;
}

/** An annotation a bulk edit was refused for, as it is now. */
export interface ConflictingAnnotation {
  readonly documentId: string;
  readonly annotation: Annotation;
}

export interface AnnotationsApi {
  /** Marks a span of a document as a claim. Resolves once it is on disk; can be undone. */
  createAnnotation(documentId: string, input: AnnotationInput): Promise<Result<Annotation, 'not-found' | 'invalid' | 'write-failed'>>;
  /**
   * Edits an annotation. With `patch.baseVersion` (the window always sends it), an annotation
   * changed since that version is left as it is and the answer is a `conflict` holding it as it is
   * now; without, the last write wins.
   */
  updateAnnotation(
    documentId: string,
    annotationId: string,
    patch: AnnotationPatch,
  ): Promise<Result<Annotation, 'not-found' | 'invalid' | 'write-failed'> | Conflicted<Annotation>>;
  /** Deletes an annotation; with `baseVersion`, one changed since that version is kept (a `conflict`). */
  deleteAnnotation(
    documentId: string,
    annotationId: string,
    options?: { baseVersion?: number | undefined },
  ): Promise<Result<true, 'not-found' | 'write-failed'> | Conflicted<Annotation>>;
  /**
   * Sets the status, speaker or outlet of many annotations at once, and adds or removes tags (each
   * keeps its other tags), in any documents: one undoable change. Counts the annotations it changed
   * (those already so are left alone). All or nothing: one that is gone, changed since its
   * `baseVersion` (a `conflict` listing those as they are now) or a value the workspace does not
   * have refuses the whole edit.
   */
  updateAnnotations(
    refs: readonly AnnotationVersionRef[],
    patch: BulkAnnotationPatch,
  ): Promise<Result<{ annotations: number }, 'not-found' | 'invalid' | 'write-failed'> | Conflicted<ConflictingAnnotation[]>>;
  /**
   * The analyst's review of a claim a new version left in doubt (an orphan, or an approximate
   * match): keep the proposed span, or re-pin it to `[start, end)` of the current text. Undoable.
   */
  reviewAnchor(
    documentId: string,
    annotationId: string,
    decision: AnchorDecision,
  ): Promise<Result<Annotation, 'not-found' | 'invalid' | 'write-failed'>>;
  /**
   * Undoes the session's last annotation, evidence, codebook or document change, in whichever
   * document it was; `documentId` is the document to show: the one changed, or the one a deletion
   * put back (absent for codebook changes, changes of links and claims alone, and a redone
   * deletion, whose document is gone). On a team server each member undoes their own changes
   * only, and 'conflict' says an annotation of the step was changed by someone else since (undo
   * would overwrite that; the step stays, to undo once it is sorted out).
   */
  undo(): Promise<Result<{ documentId?: string; label: string }, 'nothing-to-undo' | 'not-found' | 'write-failed' | 'conflict'>>;
  redo(): Promise<Result<{ documentId?: string; label: string }, 'nothing-to-redo' | 'not-found' | 'write-failed' | 'conflict'>>;
  getHistory(): Promise<HistoryState>;
  /** Speakers and outlets already used on claims anywhere in the workspace, most used first (for autocomplete). */
  getAnnotationSuggestions(): Promise<{ speakers: string[]; outlets: string[] }>;
  /**
   * Puts the annotations of a W3C Web Annotation or Hypothesis JSON file on a document, found
   * again by their quotes. One undo step; tags the codebook lacks are added.
   */
  importAnnotationFile(documentId: string, text: string): Promise<Result<AnnotationFileOutcome, 'not-found' | 'invalid' | 'write-failed'>>;
}

/** This half's method list (the compiler checks it against the interface). */
export const annotationsMethods = {
  createAnnotation: true,
  updateAnnotation: true,
  deleteAnnotation: true,
  updateAnnotations: true,
  reviewAnchor: true,
  undo: true,
  redo: true,
  getHistory: true,
  getAnnotationSuggestions: true,
  importAnnotationFile: true,
} as const satisfies Record<keyof AnnotationsApi, true>;
