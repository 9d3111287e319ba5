// Undo and redo across documents for one session. A change is a set of edits made together —
// "annotation X of document D went from `before` to `after`", and possibly "the codebook went
// from `before` to `after`", edits of links and claims, documents' details, and whole documents
// put or removed — so deleting a tag used in ten documents, an annotation with its links, or a
// document with its annotations and everything pointing at them, is one step to undo.
import type { ArchiveEntry } from '../archive/entry.ts';
import type { EvidenceEdit } from '../evidence/edits.ts';
import type { Annotation } from '../model/annotation.ts';
import type { Codebook } from '../model/codebook.ts';
import type { DocumentMeta } from '../model/document.ts';
import type { DocumentFile } from '../model/stored-files.ts';

export interface AnnotationEdit {
  readonly documentId: string;
  readonly annotationId: string;
  readonly before: Annotation | undefined;
  readonly after: Annotation | undefined;
}

/**
 * A whole document put or removed (`undefined` on the side where it is absent). A change holds
 * either this or annotation edits for a document, never both.
 */
export interface DocumentEdit {
  readonly documentId: string;
  readonly before: DocumentFile | undefined;
  readonly after: DocumentFile | undefined;
}

/** Some of a document's details (metadata fields); a field present as `undefined` is absent. */
export type DetailFields = { readonly [K in keyof DocumentMeta]?: DocumentMeta[K] | undefined };

/**
 * A document's details edited: only the fields the edit changed, on each side, so that undoing it
 * leaves the rest of the document as it is by then (another field edited since, a new version).
 * A change holds this or a whole-document edit for a document, never both; details and annotation
 * edits of one document may go together (a curation decision that keeps "nothing here").
 */
export interface DetailsEdit {
  readonly documentId: string;
  readonly before: DetailFields;
  readonly after: DetailFields;
}

/** `meta` with `fields` written over it (a field given as `undefined` removed). */
export function withDetails(meta: DocumentMeta, fields: DetailFields): DocumentMeta {
  const next: Record<string, unknown> = { ...meta };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next as DocumentMeta;
}

export interface Change {
  /** "Tag as Statistic", "Delete tag Quote", for the Edit menu and the status bar. */
  readonly label: string;
  readonly annotations: readonly AnnotationEdit[];
  readonly codebook?: { readonly before: Codebook; readonly after: Codebook };
  /** Links and claims changed with it (each edit holds both sides; see applyEvidenceEdits). */
  readonly evidence?: readonly EvidenceEdit[];
  /** Whole documents it puts or removes (deleting a document, and undoing that). */
  readonly documents?: readonly DocumentEdit[];
  /** The fact-check archive, whole (a bundle import that brings entries). */
  readonly archive?: { readonly before: readonly ArchiveEntry[]; readonly after: readonly ArchiveEntry[] };
  /** Documents' details it edits (the details step after an import). */
  readonly details?: readonly DetailsEdit[];
}

/** One side of a change: the state to write to undo it (`before`) or to redo it (`after`). */
export interface ChangeSide {
  readonly annotations: readonly {
    readonly documentId: string;
    readonly annotationId: string;
    readonly annotation: Annotation | undefined;
  }[];
  readonly codebook?: Codebook;
  /** The evidence edits, and which of their sides to write. */
  readonly evidence?: { readonly edits: readonly EvidenceEdit[]; readonly side: 'before' | 'after' };
  /** Documents to write whole (`file`) or to remove (`file` undefined). */
  readonly documents?: readonly { readonly documentId: string; readonly file: DocumentFile | undefined }[];
  readonly archive?: readonly ArchiveEntry[];
  /** Details to write over documents' own. */
  readonly details?: readonly { readonly documentId: string; readonly fields: DetailFields }[];
}

export function sideOf(change: Change, side: 'before' | 'after'): ChangeSide {
  return {
    annotations: change.annotations.map((edit) => ({
      documentId: edit.documentId,
      annotationId: edit.annotationId,
      annotation: edit[side],
    })),
    ...(change.codebook ? { codebook: change.codebook[side] } : {}),
    ...(change.evidence && change.evidence.length > 0 ? { evidence: { edits: change.evidence, side } } : {}),
    ...(change.documents && change.documents.length > 0
      ? { documents: change.documents.map((edit) => ({ documentId: edit.documentId, file: edit[side] })) }
      : {}),
    ...(change.archive ? { archive: change.archive[side] } : {}),
    ...(change.details && change.details.length > 0
      ? { details: change.details.map((edit) => ({ documentId: edit.documentId, fields: edit[side] })) }
      : {}),
  };
}

/**
 * `change` with `removed` (what writing its `side` actually removed, by document id) as the other
 * side of those documents, so that putting them back restores what was there when they went, not
 * what was there when the change was first made: metadata edits and new versions are not undo
 * steps, and may have happened between an undo and a redo.
 */
export function withRemoved(change: Change, side: 'before' | 'after', removed: ReadonlyMap<string, DocumentFile>): Change {
  if (removed.size === 0 || change.documents === undefined) return change;
  const other = side === 'after' ? 'before' : 'after';
  const documents = change.documents.map((edit) => {
    const file = removed.get(edit.documentId);
    return file !== undefined && edit[side] === undefined ? { ...edit, [other]: file } : edit;
  });
  return { ...change, documents };
}

/**
 * The document to show after writing `side` of `change` (`before` to undo it, `after` to redo
 * it): the one whose claim it changed, or a whole document it puts back (undoing its deletion).
 * A codebook change may touch many documents, and a change of links or claims alone joins
 * several (the claims view may be open, too): for those the analyst stays where they are, as
 * they do when the side removes a document (redoing its deletion). A link made from new spans
 * shows the document of its first new annotation.
 */
export function documentOf(change: Change, side: 'before' | 'after'): string | undefined {
  if (change.codebook !== undefined) return undefined;
  const restored = change.documents?.find((edit) => edit[side] !== undefined);
  return restored?.documentId ?? change.annotations[0]?.documentId;
}

export interface HistoryState {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly undoLabel?: string;
  readonly redoLabel?: string;
}

/** Steps a history keeps to undo (the oldest go first), in memory and in the team database alike. */
export const HISTORY_LIMIT = 500;

export class History {
  private readonly done: Change[] = [];
  private readonly undone: Change[] = [];
  private readonly limit: number;

  constructor(limit = HISTORY_LIMIT) {
    this.limit = limit;
  }

  /** A new change: it can be undone, and whatever was undone before can no longer be redone. */
  record(change: Change): void {
    this.done.push(change);
    if (this.done.length > this.limit) this.done.shift();
    this.undone.length = 0;
  }

  /** Forgets `change`, recorded but then not saved after all. */
  discard(change: Change): void {
    const at = this.done.lastIndexOf(change);
    if (at !== -1) this.done.splice(at, 1);
  }

  /** The change to undo; call `confirmUndo` once it has been applied. */
  peekUndo(): Change | undefined {
    return this.done.at(-1);
  }

  /** `applied`: the change as undone, when undoing it changed what redoing it must write (see `withRemoved`). */
  confirmUndo(applied?: Change): void {
    const change = this.done.pop();
    if (change) this.undone.push(applied ?? change);
  }

  peekRedo(): Change | undefined {
    return this.undone.at(-1);
  }

  /** `applied`: the change as redone, when redoing it changed what undoing it must write (see `withRemoved`). */
  confirmRedo(applied?: Change): void {
    const change = this.undone.pop();
    if (change) this.done.push(applied ?? change);
  }

  get state(): HistoryState {
    return {
      canUndo: this.done.length > 0,
      canRedo: this.undone.length > 0,
      undoLabel: this.done.at(-1)?.label,
      redoLabel: this.undone.at(-1)?.label,
    };
  }
}
