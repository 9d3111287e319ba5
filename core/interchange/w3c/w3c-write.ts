// Export to the W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/): an
// annotation, an evidence link, a collection of them. Internal offsets are UTF-16 indices into the
// NFC/LF text; a TextPositionSelector counts Unicode code points, so positions are converted in
// this folder (here, ./w3c-read.ts, ./read-own.ts) and nowhere else (core/text/code-points.ts). The
// shapes written, and why they are as they are, are in ./w3c-types.ts.
import type { Annotation, AnchorInfo } from '../../model/annotation.ts';
import type { Tag } from '../../model/codebook.ts';
import type { DocumentMeta } from '../../model/document.ts';
import { LINK_RELATIONS, type EvidenceLink } from '../../model/evidence.ts';
import { versionOf } from '../../model/record-version.ts';
import { codePointIndex, spanToCodePoints, type CodePointIndex } from '../../text/code-points.ts';
import type { W3CIris } from './w3c-iris.ts';
import { W3C_CONTEXT, type W3CAnnotation, type W3CSelector, type W3CTarget, type W3CTextualBody } from './w3c-types.ts';

/** A document prepared for export: its code point index is built once for all its annotations. */
export interface W3CDocument {
  readonly meta: DocumentMeta;
  readonly text: string;
  readonly codePoints: CodePointIndex;
}

export function w3cDocument(meta: DocumentMeta, text: string): W3CDocument {
  return { meta, text, codePoints: codePointIndex(text) };
}

export interface W3CExportContext {
  readonly document: W3CDocument;
  readonly tagsById: ReadonlyMap<string, Tag>;
  /** The label of a status id, undefined for one no longer configured (its id is exported then). */
  readonly statusLabel: (id: string) => string | undefined;
  readonly iris: W3CIris;
  /** Write the annotation's `claimbench:version` (a bundle's annotations.jsonld; not the W3C export). */
  readonly versions?: boolean;
}

/**
 * An annotation as a W3C Annotation. Motivation: `tagging` when it has tags, else `commenting`
 * when it has a note, else `highlighting`; bodies: each tag (purpose `tagging`), the note
 * (`commenting`, Markdown), the status (`assessing`: a verification verdict), speaker and outlet
 * (`describing`). The target is the document with a TextQuoteSelector and a TextPositionSelector
 * in code points. An orphan (or a target that no longer fits the text) gets the quote selector
 * only: its position counts into an older text that the reader of the export does not have.
 */
export function annotationToW3C(annotation: Annotation, context: W3CExportContext): W3CAnnotation {
  const body: W3CTextualBody[] = annotation.tags.map((id) => ({
    type: 'TextualBody',
    purpose: 'tagging',
    value: context.tagsById.get(id)?.name ?? id,
    'claimbench:tag': id,
  }));
  if (annotation.note !== '') body.push({ type: 'TextualBody', purpose: 'commenting', value: annotation.note, format: 'text/markdown' });
  body.push({
    type: 'TextualBody',
    purpose: 'assessing',
    value: context.statusLabel(annotation.status) ?? annotation.status,
    'claimbench:status': annotation.status,
  });
  if (annotation.speaker !== '')
    body.push({ type: 'TextualBody', purpose: 'describing', value: annotation.speaker, 'claimbench:field': 'speaker' });
  if (annotation.outlet !== '')
    body.push({ type: 'TextualBody', purpose: 'describing', value: annotation.outlet, 'claimbench:field': 'outlet' });
  return {
    '@context': W3C_CONTEXT,
    id: context.iris.annotation(annotation.id),
    type: 'Annotation',
    motivation: annotation.tags.length > 0 ? 'tagging' : annotation.note !== '' ? 'commenting' : 'highlighting',
    created: annotation.created,
    modified: annotation.modified,
    ...creator(annotation.creator),
    body,
    target: targetOf(annotation, context.document, context.iris),
    ...(context.versions ? { 'claimbench:version': versionOf(annotation) } : {}),
  };
}

export interface W3CLinkEnd {
  readonly annotation: Annotation;
  readonly document: W3CDocument;
}

/**
 * An evidence link as a W3C Annotation with motivation `linking`: its two targets are the spans
 * of its ends (`claimbench:role` says which is `from`: JSON-LD arrays are unordered), its bodies
 * the relation (`classifying`) and the note (`commenting`).
 */
export function linkToW3C(
  link: EvidenceLink,
  context: { readonly from: W3CLinkEnd; readonly to: W3CLinkEnd; readonly iris: W3CIris },
): W3CAnnotation {
  const relation = LINK_RELATIONS.find((info) => info.id === link.relation);
  const body: W3CTextualBody[] = [
    { type: 'TextualBody', purpose: 'classifying', value: relation?.label ?? link.relation, 'claimbench:relation': link.relation },
  ];
  if (link.note !== '') body.push({ type: 'TextualBody', purpose: 'commenting', value: link.note, format: 'text/markdown' });
  const end = (role: 'from' | 'to', { annotation, document }: W3CLinkEnd): W3CTarget => ({
    ...targetOf(annotation, document, context.iris),
    'claimbench:annotation': context.iris.annotation(annotation.id),
    'claimbench:role': role,
  });
  return {
    '@context': W3C_CONTEXT,
    id: context.iris.link(link.id),
    type: 'Annotation',
    motivation: 'linking',
    created: link.created,
    modified: link.modified,
    ...creator(link.creator),
    body,
    target: [end('from', context.from), end('to', context.to)],
  };
}

/**
 * Annotations as one W3C AnnotationCollection with a single embedded AnnotationPage (§5). The
 * items drop their own @context: the collection's, the same one, covers them.
 */
export function annotationCollection(items: readonly W3CAnnotation[], options: { readonly id: string; readonly label: string }) {
  return {
    '@context': W3C_CONTEXT,
    id: options.id,
    type: 'AnnotationCollection',
    label: options.label,
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items: items.map(({ '@context': _context, ...item }) => item) },
  } as const;
}

function creator(name: string): Pick<W3CAnnotation, 'creator'> {
  return name === '' ? {} : { creator: { type: 'Person', name } };
}

function targetOf(annotation: Annotation, document: W3CDocument, iris: W3CIris): W3CTarget {
  const { start, end, exact, prefix, suffix } = annotation.target;
  const quote: W3CSelector = {
    type: 'TextQuoteSelector',
    exact,
    prefix: withoutLoneSurrogateAtStart(prefix),
    suffix: withoutLoneSurrogateAtEnd(suffix),
  };
  const source = iris.document(document.meta);
  const { anchor } = annotation;
  const fits = anchor.state !== 'orphaned' && end <= document.text.length && document.text.slice(start, end) === exact;
  if (!fits) {
    return {
      type: 'SpecificResource',
      source,
      selector: [quote],
      ...(anchor.textHash !== undefined ? { 'claimbench:textHash': anchor.textHash } : {}),
      'claimbench:document': document.meta.id,
      'claimbench:anchorState': 'orphaned',
      ...anchorDetails(anchor),
      'claimbench:span': { start, end },
    };
  }
  const span = spanToCodePoints(document.codePoints, start, end);
  return {
    type: 'SpecificResource',
    source,
    selector: [quote, { type: 'TextPositionSelector', ...span }],
    'claimbench:textHash': document.meta.textHash,
    'claimbench:document': document.meta.id,
    ...(anchor.state === 'moved' || anchor.state === 'fuzzy' ? { 'claimbench:anchorState': anchor.state } : {}),
    ...anchorDetails(anchor),
  };
}

function anchorDetails(anchor: AnchorInfo): Pick<W3CTarget, 'claimbench:confidence' | 'claimbench:previousQuote' | 'claimbench:review'> {
  return {
    ...(anchor.confidence !== undefined ? { 'claimbench:confidence': anchor.confidence } : {}),
    ...(anchor.previousQuote !== undefined ? { 'claimbench:previousQuote': anchor.previousQuote } : {}),
    ...(anchor.review !== undefined ? { 'claimbench:review': anchor.review } : {}),
  };
}

// The context is cut at 32 code units, which can split a surrogate pair; a lone half is not text.
function withoutLoneSurrogateAtStart(text: string): string {
  const first = text.charCodeAt(0);
  return first >= 0xdc00 && first <= 0xdfff ? text.slice(1) : text;
}

function withoutLoneSurrogateAtEnd(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
}
