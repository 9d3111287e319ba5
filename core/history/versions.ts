// Versions given as a change is written: every annotation, claim and link a side of a change puts gets
// the version after the one it has now (core/model/record-version.ts). Undo and redo are new
// changes, so writing a change's `before` side again gives its records new versions too: an edit
// made from a version before the undo is then refused, as any other edit made from an old version.
import type { EvidenceEdit } from '../evidence/edits.ts';
import type { Annotation } from '../model/annotation.ts';
import type { Claim, EvidenceLink } from '../model/evidence.ts';
import { versionOf } from '../model/record-version.ts';
import type { ChangeSide } from './history.ts';

/** The records as they are now, before the side is written. */
export interface CurrentRecords {
  annotation(documentId: string, annotationId: string): Annotation | undefined;
  claim(claimId: string): Claim | undefined;
  link(linkId: string): EvidenceLink | undefined;
}

/**
 * The records of `source` as they are now, looked up by id: a scan while a document has been asked
 * for a few annotations (a tag key: no map of a 10,000-annotation document per key press), an index
 * from its 16th lookup on (a bulk edit of thousands).
 */
export function currentRecords(source: {
  annotations(documentId: string): readonly Annotation[];
  claims(): readonly Claim[];
  links(): readonly EvidenceLink[];
}): CurrentRecords {
  const lookups = new Map<string, number>();
  const indexes = new Map<string, ReadonlyMap<string, Annotation>>();
  let claims: ReadonlyMap<string, Claim> | undefined;
  let links: ReadonlyMap<string, EvidenceLink> | undefined;
  return {
    annotation(documentId, annotationId) {
      let byId = indexes.get(documentId);
      if (byId === undefined) {
        const count = (lookups.get(documentId) ?? 0) + 1;
        lookups.set(documentId, count);
        const annotations = source.annotations(documentId);
        if (count < 16) return annotations.find((annotation) => annotation.id === annotationId);
        byId = new Map(annotations.map((annotation) => [annotation.id, annotation]));
        indexes.set(documentId, byId);
      }
      return byId.get(annotationId);
    },
    claim: (claimId) => (claims ??= new Map(source.claims().map((claim) => [claim.id, claim]))).get(claimId),
    link: (linkId) => (links ??= new Map(source.links().map((link) => [link.id, link]))).get(linkId),
  };
}

/**
 * The version `written` gets: one after `current`'s; a record that is not there now keeps the
 * version it was made with (1 for a new one) when the change is `fresh`, and gets one more than
 * that when an undo or redo brings it back (so versions never repeat).
 */
export function nextVersion(
  current: { readonly version?: number } | undefined,
  written: { readonly version?: number },
  fresh: boolean,
): number {
  if (current !== undefined) return versionOf(current) + 1;
  return fresh ? versionOf(written) : versionOf(written) + 1;
}

/**
 * `side` with the version each annotation, claim and link it puts will have once it is written.
 * `fresh`: the side of a change being made (not an undo or a redo).
 */
export function withVersions(side: ChangeSide, current: CurrentRecords, fresh: boolean): ChangeSide {
  const annotations = side.annotations.map((edit) => {
    const { annotation } = edit;
    if (annotation === undefined) return edit;
    const version = nextVersion(current.annotation(edit.documentId, edit.annotationId), annotation, fresh);
    return annotation.version === version ? edit : { ...edit, annotation: { ...annotation, version } };
  });
  if (side.evidence === undefined) return { ...side, annotations };
  const which = side.evidence.side;
  // A claim or link put several times in one change (its edits recorded one after another) is one change of it.
  const versions = new Map<string, number>();
  const edits = side.evidence.edits.map((edit): EvidenceEdit => {
    const record = edit[which];
    if (record === undefined) return edit;
    const key = `${edit.kind}:${edit.id}`;
    let version = versions.get(key);
    if (version === undefined) {
      version = nextVersion(edit.kind === 'claim' ? current.claim(edit.id) : current.link(edit.id), record, fresh);
      versions.set(key, version);
    }
    return record.version === version ? edit : ({ ...edit, [which]: { ...record, version } } as EvidenceEdit);
  });
  return { ...side, annotations, evidence: { edits, side: which } };
}
