// The W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) as Claimbench writes
// it: the JSON-LD context and the shapes of an exported annotation, its bodies and its targets.
//
// What is not in the W3C vocabulary (the tag and status ids, speaker/outlet, the text hash, a link
// end's role) goes into `claimbench:` properties declared by a second @context entry, as §6 of
// the model asks of extensions. Every body and target stays a plain TextualBody or SpecificResource
// that passes the W3C test suite's MUST assertions (./w3c-conformance.test.ts). Two quirks of that
// suite shape the output: a TextualBody with an `id` counts as an External Web Resource, which may
// not have a `purpose`, and one with a `source` counts as a Specific Resource, which may not have
// a `value`; so tag and status ids are extension properties, not ids.
import type { LinkRelation } from '../../model/evidence.ts';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Namespace of the extension properties. A URN: Claimbench has no web vocabulary to dereference. */
export const CLAIMBENCH_VOCAB = 'urn:claimbench:vocab#';
export const W3C_CONTEXT = [ANNO_CONTEXT, { claimbench: CLAIMBENCH_VOCAB, 'claimbench:annotation': { '@type': '@id' } }] as const;

export type W3CPurpose = 'assessing' | 'classifying' | 'commenting' | 'describing' | 'highlighting' | 'linking' | 'tagging';

export interface W3CTextualBody {
  readonly type: 'TextualBody';
  readonly purpose: W3CPurpose;
  readonly value: string;
  readonly format?: string;
  /** The tag's id in the codebook (purpose `tagging`). */
  readonly 'claimbench:tag'?: string;
  /** The verification status id (purpose `assessing`). */
  readonly 'claimbench:status'?: string;
  /** Which field a `describing` body is. */
  readonly 'claimbench:field'?: 'speaker' | 'outlet';
  /** The link relation id (purpose `classifying`). */
  readonly 'claimbench:relation'?: LinkRelation;
}

export type W3CSelector =
  | { readonly type: 'TextQuoteSelector'; readonly exact: string; readonly prefix: string; readonly suffix: string }
  | { readonly type: 'TextPositionSelector'; readonly start: number; readonly end: number };

export interface W3CTarget {
  readonly type: 'SpecificResource';
  readonly source: string;
  readonly selector: readonly W3CSelector[];
  /** SHA-256 of the text the selectors were made on (the current text, or an orphan's old one). */
  readonly 'claimbench:textHash'?: string;
  /** The document's id in the exporting workspace (the `source` may be its published URL, which several documents can share). */
  readonly 'claimbench:document'?: string;
  /** How the span was last found, when not where it was made (core/anchoring); see AnchorInfo. */
  readonly 'claimbench:anchorState'?: 'moved' | 'fuzzy' | 'orphaned';
  readonly 'claimbench:confidence'?: number;
  readonly 'claimbench:previousQuote'?: string;
  /** Why it waits for review whatever its confidence (AnchorInfo.review). */
  readonly 'claimbench:review'?: 'evidence';
  /** An orphan's span: UTF-16 code unit offsets into the text whose SHA-256 is `claimbench:textHash`. */
  readonly 'claimbench:span'?: { readonly start: number; readonly end: number };
  /** On a link's targets: the annotation at this end, and which end it is. */
  readonly 'claimbench:annotation'?: string;
  readonly 'claimbench:role'?: 'from' | 'to';
}

export interface W3CAnnotation {
  readonly '@context'?: typeof W3C_CONTEXT;
  readonly id: string;
  readonly type: 'Annotation';
  readonly motivation: W3CPurpose;
  readonly created: string;
  readonly modified: string;
  readonly creator?: { readonly type: 'Person'; readonly name: string };
  readonly body: readonly W3CTextualBody[];
  readonly target: W3CTarget | readonly W3CTarget[];
  /**
   * The annotation's version (core/model/record-version.ts), in a bundle's annotations.jsonld only:
   * the workspace's own bookkeeping, for whoever reads the bundle back, not part of a W3C export.
   */
  readonly 'claimbench:version'?: number;
}
