// The shapes of the workspace's files on disk. Every file carries its schemaVersion and is read
// back through these schemas; a file that does not parse is reported, never silently reset.
import { z } from 'zod';
import { ArchiveEntry } from '../archive/entry.ts';
import { Annotation } from './annotation.ts';
import { isCanonicalAnnotation } from './canonical-annotation.ts';
import { Codebook } from './codebook.ts';
import { DocumentMeta, DocumentStructure, Sha256 } from './document.ts';
import { EvidenceData } from './evidence.ts';
import { WorkspaceSettings } from './workspace.ts';

export const WORKSPACE_SCHEMA_VERSION = 2;

export const WorkspaceFile = z.object({
  schemaVersion: z.literal(WORKSPACE_SCHEMA_VERSION),
  name: z.string().min(1).max(200),
  createdAt: z.iso.datetime(),
  settings: WorkspaceSettings,
  codebook: Codebook,
});
export type WorkspaceFile = z.infer<typeof WorkspaceFile>;

/** An earlier version of a document: its text is kept as texts/<textHash>, its file as originals/<originalHash>. */
export const VersionRecord = z.object({
  textHash: Sha256,
  originalHash: Sha256.optional(),
  originalName: z.string().max(1000).optional(),
  importedAt: z.iso.datetime(),
  importedFrom: z.string().max(4096),
  /** When it was replaced by the next version. */
  replacedAt: z.iso.datetime(),
});
export type VersionRecord = z.infer<typeof VersionRecord>;

export const DocumentFile = z
  .object({
    schemaVersion: z.literal(WORKSPACE_SCHEMA_VERSION),
    meta: DocumentMeta,
    text: z.string(),
    annotations: z.array(Annotation),
    structure: DocumentStructure.default({}),
    /** Earlier versions, oldest first; the current one is `meta`/`text`. */
    versions: z.array(VersionRecord).default([]),
    /**
     * Which journal (documents/<id>.jsonl, main/store/document-journal.ts) holds the annotation
     * changes made since this file was written: one whose first line names another is stale.
     */
    journal: z.uuid().optional(),
  })
  .superRefine((file, context) => {
    for (const span of [...(file.structure.pages ?? []), ...(file.structure.headings ?? [])]) {
      const end = 'end' in span ? span.end : span.start;
      if (span.start > end || end > file.text.length) {
        context.addIssue({ code: 'custom', message: `a structure span [${span.start}, ${end}) lies outside the text` });
      }
    }
    for (const annotation of file.annotations) {
      // An orphan keeps the span it had on the old text, which need not fit the current one.
      if (annotation.anchor.state === 'orphaned') continue;
      const { start, end, exact } = annotation.target;
      if (end > file.text.length || file.text.slice(start, end) !== exact) {
        context.addIssue({
          code: 'custom',
          message: `annotation ${annotation.id}: its quote is not at [${start}, ${end}) of the text`,
        });
      }
    }
  });
export type DocumentFile = z.infer<typeof DocumentFile>;

/**
 * `DocumentFile.safeParse`, quicker for files this program wrote (opening a large workspace spends
 * most of its time here): when every annotation is canonical (canonical-annotation.ts), the schema
 * checks the file without them, and each quote is checked against the text as the schema's
 * refinement does. Anything else, and every failure, goes through the whole schema, so the result
 * and the message are the schema's own.
 */
export function parseDocumentFile(data: unknown): z.ZodSafeParseResult<DocumentFile> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return DocumentFile.safeParse(data);
  const { annotations } = data as { annotations?: unknown };
  if (!Array.isArray(annotations) || !allCanonical(annotations)) return DocumentFile.safeParse(data);
  const shell = DocumentFile.safeParse({ ...data, annotations: [] });
  if (!shell.success) return DocumentFile.safeParse(data);
  const { text } = shell.data;
  for (const annotation of annotations as Annotation[]) {
    if (annotation.anchor.state === 'orphaned') continue;
    const { start, end, exact } = annotation.target;
    if (end > text.length || text.slice(start, end) !== exact) return DocumentFile.safeParse(data);
  }
  return { success: true, data: { ...shell.data, annotations: annotations as Annotation[] } };
}

/**
 * `DocumentFile.parse` by way of `parseDocumentFile`: the same file, or the schema's own error
 * thrown, but a store's write of a document it was handed (100 annotations each, a thousand of them
 * for an import) no longer runs the annotation schema over every annotation. The annotations are
 * the caller's objects rather than copies: documents are values, never changed in place.
 */
export function checkDocumentFile(data: unknown): DocumentFile {
  const parsed = parseDocumentFile(data);
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}

/** A loop, not `every`, which skips the holes of a sparse array. */
function allCanonical(annotations: readonly unknown[]): boolean {
  for (let index = 0; index < annotations.length; index++) if (!isCanonicalAnnotation(annotations[index])) return false;
  return true;
}

/**
 * evidence.json: the workspace's links and claims, in one file (they join documents, so they
 * belong to none). The checks of EvidenceData (unique ids, no repeated link) still apply.
 */
export const EvidenceFile = EvidenceData.safeExtend({ schemaVersion: z.literal(WORKSPACE_SCHEMA_VERSION) });
export type EvidenceFile = z.infer<typeof EvidenceFile>;

/**
 * archive.json: the workspace's fact-check archive (core/archive/entry.ts), in import order. A file
 * of its own: it can be large (a 10,000-claim feed) and changes only when a feed is imported.
 */
export const ArchiveFile = z
  .object({
    schemaVersion: z.literal(WORKSPACE_SCHEMA_VERSION),
    entries: z.array(ArchiveEntry),
  })
  .superRefine((file, context) => {
    const seen = new Set<string>();
    for (const entry of file.entries) {
      if (seen.has(entry.id)) context.addIssue({ code: 'custom', message: `duplicate archive entry id ${JSON.stringify(entry.id)}` });
      seen.add(entry.id);
    }
  });
export type ArchiveFile = z.infer<typeof ArchiveFile>;
