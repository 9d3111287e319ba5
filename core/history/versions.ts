// Versions given as a change is written: every annotation and claim a side of a change puts gets
// the version after the one it has now (core/model/record-version.ts). Undo and redo are new
// changes, so writing a change's `before` side again gives its records new versions too: an edit
// made from a version before the undo is then refused, as any other edit made from an old version.
import type { EvidenceEdit } from '../evidence/edits.ts';
import type { Annotation } from '../model/annotation.ts';
import type { Claim } from '../model/evidence.ts';
import { versionOf } from '../model/record-version.ts';
import type { ChangeSide } from './history.ts';

/** The records as they are now, before the side is written. */
export interface CurrentRecords {
  annotation(documentId: string, annotationId: string): Annotation | undefined;
  claim(claimId: string): Claim | undefined;
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
 * `side` with the version each annotation and claim it puts will have once it is written.
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
  // A claim put several times in one change (its edits recorded one after another) is one change of it.
  const versions = new Map<string, number>();
  const edits = side.evidence.edits.map((edit): EvidenceEdit => {
    const claim = edit.kind === 'claim' ? edit[which] : undefined;
    if (edit.kind !== 'claim' || claim === undefined) return edit;
    let version = versions.get(edit.id);
    if (version === undefined) {
      version = nextVersion(current.claim(edit.id), claim, fresh);
      versions.set(edit.id, version);
    }
    return claim.version === version ? edit : { ...edit, [which]: { ...claim, version } };
  });
  return { ...side, annotations, evidence: { edits, side: which } };
}
