// What every flat export (claims.csv, brat, ClaimReview, report.html) reads: the workspace's
// settings and codebook, the documents with their text and annotations, and the evidence; plus
// the lookups they share (tag names, status labels, an annotation by its reference, placement).
import type { Annotation } from '../model/annotation.ts';
import type { Codebook, Tag } from '../model/codebook.ts';
import type { DocumentMeta } from '../model/document.ts';
import { refKey, type AnnotationRef, type Claim, type EvidenceData, type EvidenceLink, type VerdictRating } from '../model/evidence.ts';
import type { VerificationStatus } from '../model/workspace.ts';
import { mentionInfo, type MentionLookup } from '../evidence/claims-view.ts';

export interface ExportDocument {
  readonly meta: DocumentMeta;
  /** NFC, LF line endings: the text every annotation's UTF-16 offsets refer to. */
  readonly text: string;
  readonly annotations: readonly Annotation[];
  /** Its earlier versions, oldest first, when known: the first one's import time orders first appearances. */
  readonly versions?: readonly { readonly importedAt: string }[];
}

/** The one input of the flat exports. Pass only the documents chosen for export. */
export interface ExportInput {
  readonly workspace: {
    readonly name: string;
    readonly statuses: readonly VerificationStatus[];
    readonly verdictScale: readonly VerdictRating[];
    readonly codebook: Codebook;
  };
  readonly documents: readonly ExportDocument[];
  readonly evidence: EvidenceData;
}

/** An annotation found by its reference, with its document. */
export interface Located {
  readonly document: ExportDocument;
  readonly annotation: Annotation;
}

/** Lookups over one input, built once. */
export interface ExportIndex {
  readonly tag: (id: string) => Tag | undefined;
  /** The tag's name, or its id when the codebook no longer has it. */
  readonly tagName: (id: string) => string;
  /** The status label, or its id when the workspace no longer has it. */
  readonly statusLabel: (id: string) => string;
  /** Undefined when the document is not exported or the annotation is gone. */
  readonly find: (ref: AnnotationRef) => Located | undefined;
  /** Links that have the annotation at one end and both ends exported, in `evidence.links` order. */
  readonly linksOf: (ref: AnnotationRef) => readonly EvidenceLink[];
  /** Claims that list the annotation as a mention, in `evidence.claims` order. */
  readonly claimsOf: (ref: AnnotationRef) => readonly Claim[];
  /** For core/evidence/claims-view.ts (first appearance, timeline). */
  readonly mentionLookup: MentionLookup;
}

/** Each input's index, made once: a bundle's exports (CSV, report, ClaimReview, agreement) share it. */
const indexes = new WeakMap<ExportInput, ExportIndex>();

/** The lookups of `input`, made on first use and kept while the input lives (an input is not changed once made). */
export function exportIndex(input: ExportInput): ExportIndex {
  let index = indexes.get(input);
  if (index === undefined) indexes.set(input, (index = buildIndex(input)));
  return index;
}

function buildIndex(input: ExportInput): ExportIndex {
  const tags = new Map(input.workspace.codebook.tags.map((tag) => [tag.id, tag]));
  const statuses = new Map(input.workspace.statuses.map((status) => [status.id, status.label]));
  const located = new Map<string, Located>();
  for (const document of input.documents) {
    for (const annotation of document.annotations)
      located.set(refKey({ documentId: document.meta.id, annotationId: annotation.id }), { document, annotation });
  }
  const find = (ref: AnnotationRef) => located.get(refKey(ref));
  const links = new Map<string, EvidenceLink[]>();
  for (const link of input.evidence.links) {
    if (!find(link.from) || !find(link.to)) continue;
    for (const key of new Set([refKey(link.from), refKey(link.to)])) links.set(key, [...(links.get(key) ?? []), link]);
  }
  const claims = new Map<string, Claim[]>();
  for (const claim of input.evidence.claims) {
    for (const ref of claim.mentions) claims.set(refKey(ref), [...(claims.get(refKey(ref)) ?? []), claim]);
  }
  return {
    tag: (id) => tags.get(id),
    tagName: (id) => tags.get(id)?.name ?? id,
    statusLabel: (id) => statuses.get(id) ?? id,
    find,
    linksOf: (ref) => links.get(refKey(ref)) ?? [],
    claimsOf: (ref) => claims.get(refKey(ref)) ?? [],
    mentionLookup: (ref) => {
      const found = find(ref);
      return found && mentionInfo(found.document, found.annotation);
    },
  };
}

/**
 * Whether the annotation has a place in the current text: not orphaned, and its offsets still
 * hold its quote (the same test as the W3C export). Exports that draw on the text skip the rest.
 */
export function isPlaced(annotation: Annotation, text: string): boolean {
  const { start, end, exact } = annotation.target;
  return annotation.anchor.state !== 'orphaned' && end <= text.length && text.slice(start, end) === exact;
}
