// What points at annotations: the links and claim mentions that go when annotations (or a whole
// document) are deleted, and the links of a document or an annotation, as the panels list them.
import {
  LINK_RELATIONS,
  refKey,
  sameRef,
  type AnnotationRef,
  type Claim,
  type EvidenceData,
  type EvidenceLink,
} from '../model/evidence.ts';
import { recorder, type EvidenceEdit } from './edits.ts';

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

/**
 * The ids of `documentId`'s annotations that carry evidence: an end of a link, or a mention of a
 * claim (which a verdict is about). A new version sends these to review when it changes their words.
 */
export function annotationsWithEvidence(data: EvidenceData, documentId: string): Set<string> {
  const ids = new Set<string>();
  const add = (ref: AnnotationRef) => {
    if (ref.documentId === documentId) ids.add(ref.annotationId);
  };
  for (const link of data.links) {
    add(link.from);
    add(link.to);
  }
  for (const claim of data.claims) claim.mentions.forEach(add);
  return ids;
}

function matcherOf(target: RemovalTarget): (ref: AnnotationRef) => boolean {
  if ('documentId' in target) return (ref) => ref.documentId === target.documentId;
  const keys = new Set(target.annotations.map(refKey));
  return (ref) => keys.has(refKey(ref));
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
