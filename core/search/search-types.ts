// What workspace search takes and gives back: the index's input (documents with their text and
// annotations, claims, the codebook), its changes, and its results. Plain data, for the contract.
import type { Annotation } from '../model/annotation.ts';
import type { Codebook } from '../model/codebook.ts';
import type { DocumentMeta } from '../model/document.ts';
import type { Claim } from '../model/evidence.ts';
import type { Snippet } from './snippet.ts';

/** A document as the index needs it: `text` is the stored NFC text all offsets refer to. */
export interface SearchDocument {
  readonly meta: DocumentMeta;
  readonly text: string;
  readonly annotations: readonly Annotation[];
}

/** Everything an index is built from; `fingerprint` names the workspace state it reflects. */
export interface SearchSource {
  readonly fingerprint: string;
  readonly codebook: Codebook;
  readonly documents: AsyncIterable<SearchDocument> | Iterable<SearchDocument>;
  readonly claims: readonly Claim[];
}

/** One change to the workspace, applied to the index in one transaction. */
export interface SearchChange {
  /** The workspace state after the change. */
  readonly fingerprint?: string;
  readonly codebook?: Codebook;
  /** Whole documents (metadata, text, annotations): what they hold replaces what the index had. */
  readonly upsertDocuments?: readonly SearchDocument[];
  readonly deleteDocuments?: readonly string[];
  readonly upsertAnnotations?: readonly { readonly documentId: string; readonly annotation: Annotation }[];
  readonly deleteAnnotations?: readonly { readonly documentId: string; readonly annotationId: string }[];
  readonly upsertClaims?: readonly Claim[];
  readonly deleteClaims?: readonly string[];
  /** `upsertClaims` is every claim: the index drops any other it holds (applied before the upserts). */
  readonly replaceClaims?: boolean;
}

export interface SearchOptions {
  /** Documents per page (results are grouped by document). Default 50. */
  readonly limit?: number;
  readonly offset?: number;
  /** `date`: newest published first, undated last. Default `relevance`. */
  readonly sort?: 'relevance' | 'date';
  /** Phrases match case exactly; words always ignore case. Default false. */
  readonly matchCase?: boolean;
  readonly facets?: boolean;
  /** Hits listed per document (the group's `hitCount` counts them all). Default 20. */
  readonly hitsPerDocument?: number;
}

/**
 * One hit: `[start, end)` are JS string indices into the document's stored NFC text. A hit on an
 * annotation (a quote, a note, a field) spans the annotation and names it; a hit on a claim spans
 * one of its mentions and names both. A document matched by its fields alone has a hit `[0, 0)`.
 */
export interface SearchHit {
  readonly documentId: string;
  readonly start: number;
  readonly end: number;
  readonly snippet: Snippet;
  readonly score: number;
  readonly annotationId?: string;
  readonly claimId?: string;
}

export interface SearchGroup {
  readonly documentId: string;
  readonly title: string;
  readonly publishedAt?: string;
  readonly score: number;
  readonly hitCount: number;
  readonly hits: readonly SearchHit[];
}

/** Values of a facet with how many matches carry each, most first. */
export type FacetCounts = readonly { readonly value: string; readonly count: number }[];

export interface SearchFacets {
  readonly tag: FacetCounts;
  readonly status: FacetCounts;
  readonly outlet: FacetCounts;
  readonly role: FacetCounts;
  readonly speaker: FacetCounts;
}

export interface SearchResults {
  /**
   * Matching documents and hits. `exact` is false when the search stopped checking candidates
   * once its page was full (the rest can only come after it): `documents` is then an upper bound
   * (the candidates, some of which may not match) and `hits` a lower bound (those found so far);
   * facet counts are those of the matches checked (lower bounds too). result-counts.ts says them.
   */
  readonly counts: { readonly documents: number; readonly hits: number; readonly exact: boolean };
  readonly groups: readonly SearchGroup[];
  readonly facets?: SearchFacets;
}

/**
 * Where the workspace's search index is: `checking` it against the workspace (at opening),
 * `building` it (with how far: documents of `total`), `ready`, or `failed` (searches answer from
 * what it holds). While it is not ready, answers may miss recent changes.
 */
export type SearchStatus =
  | { readonly state: 'checking' }
  | { readonly state: 'building'; readonly documents: number; readonly total: number; readonly annotations: number }
  | { readonly state: 'ready' }
  | { readonly state: 'failed'; readonly message: string };
