// The argument schemas of every workbench method. Main parses every incoming call with these
// (IPC or HTTP) before the service sees it; a method without a schema does not compile. Each
// argument type is written once: as a schema here (the types of arguments only the contract uses)
// or beside the operation that takes it (AnnotationInput, TagPatch, ClaimPatch, ...), its
// TypeScript type derived with z.infer.
import { z } from 'zod';
import { AnchorDecision, AnnotationInput, AnnotationPatch } from '../annotations/annotation-operations.ts';
import { AgreementRequest, CurationRequest, DisagreementsRequest } from './agreement-args.ts';
import { BulkAnnotationPatch } from '../annotations/bulk-edit.ts';
import { AnnotationCursor } from '../annotations/paging.ts';
import { TagDeletionPlan, TagDraft, TagPatch } from '../codebook/edit.ts';
import { ClaimPatch, LinkPatch } from '../evidence/evidence-operations.ts';
import { AnnotationId } from '../model/annotation.ts';
import { RecordVersion } from '../model/record-version.ts';
import { TagId } from '../model/codebook.ts';
import { DocumentId, DocumentRole, MarkdownMode } from '../model/document.ts';
import { EvidenceId, STATEMENT_MAX } from '../model/evidence.ts';
import { SettingsPatch } from '../settings/settings-change.ts';
import { annotationTableArgs } from './annotation-table-api.ts';
import { searchArgs } from './search-api.ts';
import type { WorkbenchApi } from './workbench-api.ts';

export type { SettingsPatch } from '../settings/settings-change.ts';

const JobId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** A file the renderer has handed over with its transport's upload; `versionOf`: import it as a new version of that document. */
const UploadRef = z.strictObject({
  uploadId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  name: z.string().min(1).max(1000),
  versionOf: DocumentId.optional(),
});
export type UploadRef = z.infer<typeof UploadRef>;

/** Changes to a document's metadata; `null` clears an optional field, absent fields stay. */
const DocumentMetaPatch = z.strictObject({
  title: z.string().trim().min(1).max(1000).optional(),
  role: DocumentRole.optional(),
  outlet: z.string().trim().max(500).optional(),
  author: z.string().trim().max(500).optional(),
  // What the analyst typed: checked against the document schema by the service, which answers
  // a mistake (a malformed date or URL) with a message, not a refused call.
  publishedAt: z.string().max(100).nullable().optional(),
  sourceUrl: z.string().max(4096).nullable().optional(),
  language: z.string().max(35).nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
});
export type DocumentMetaPatch = z.infer<typeof DocumentMetaPatch>;

/** One document's changes, in an edit of several documents' details. */
const DocumentMetaEdit = z.strictObject({ documentId: DocumentId, patch: DocumentMetaPatch });
export type DocumentMetaEdit = z.infer<typeof DocumentMetaEdit>;

/** How pasted text is read: `markdown` says it is Markdown, and whether to convert it to plain text or keep it as written. */
const ImportTextOptions = z.strictObject({ markdown: MarkdownMode.optional() });
export type ImportTextOptions = z.infer<typeof ImportTextOptions>;

/** The analyst's choices for an export (a .claimbundle, or a REFI-QDA .qdpx); absent filters take everything. */
const BundleExportRequest = z.strictObject({
  format: z.enum(['bundle', 'qdpx']),
  documents: z.array(DocumentId).min(1).max(100_000).optional(),
  tags: z.array(TagId).min(1).max(1000).optional(),
  statuses: z.array(z.string().max(64)).min(1).max(100).optional(),
  /** Include the imported files (bundles only). */
  originals: z.boolean(),
  /** Sign the manifest with the analyst's Ed25519 key (bundles only). */
  sign: z.boolean(),
  /** claims.csv: guard text cells other than the quote against spreadsheet formulas (bundles only; default true). */
  csvFormulaGuard: z.boolean().optional(),
});
export type BundleExportRequest = z.infer<typeof BundleExportRequest>;

/** A W3C or Hypothesis annotation file, read by the window and sent as text (under the web host's 8 MiB call cap). */
const MAX_ANNOTATION_FILE_CHARACTERS = 6 * 1024 * 1024;

/** Pasted text: a long report fits; a larger text should be imported as a file. */
const MAX_PASTE_CHARACTERS = 2_000_000;

const PageLimit = z.number().int().min(1).max(100_000);
/** A page of the library's `next` (opaque: the place in the library's order of the document it ended with). */
const DocumentListCursor = z.string().regex(/^[A-Za-z0-9_-]{1,12000}$/, 'a cursor of the library is a page\'s "next"');

const CodebookFormat = z.enum(['csv', 'qdc']);
const SpeakerName = z.string().trim().min(1).max(500);
/** A codebook file is a few KB; this leaves room for large shared ones. */
const MAX_CODEBOOK_CHARACTERS = 5_000_000;

const AnnotationRef = z.strictObject({ documentId: DocumentId, annotationId: AnnotationId });

/**
 * One end of a new link: an annotation, or a span of a document not yet annotated (the service
 * makes it an untagged annotation, in the same undo step as the link). The union tries the
 * annotation first: strict, so a span fails it.
 */
const LinkEndInput = z.union([
  AnnotationRef,
  z.strictObject({
    documentId: DocumentId,
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    annotationId: AnnotationId.optional(),
  }),
]);

// Relations, statuses and ratings are strings here: the service answers an unknown one with a
// message naming it, not with a refused call.
const Relation = z.string().max(64);
const NOTE_MAX = 100_000;

export type LinkEndInput = z.infer<typeof LinkEndInput>;

/** A new link; `id` is chosen by the window (a UUID), the service chooses one when absent. */
const NewLink = z.strictObject({
  id: EvidenceId.optional(),
  relation: Relation,
  from: LinkEndInput,
  to: LinkEndInput,
  note: z.string().max(NOTE_MAX).optional(),
});
export type NewLink = z.infer<typeof NewLink>;

const Mentions = z.array(AnnotationRef).max(1000);

const NewClaim = z.strictObject({ id: EvidenceId.optional(), statement: z.string().max(STATEMENT_MAX), mentions: Mentions });

/** Which archive entries to list: every word of `query` in the entry, sorted by a field, a page. */
const ArchiveQuery = z.strictObject({
  query: z.string().max(1000).default(''),
  sort: z.enum(['order', 'claim', 'rating', 'publisher', 'date']).default('order'),
  descending: z.boolean().default(false),
  offset: z.number().int().nonnegative().max(10_000_000).default(0),
  limit: z.number().int().positive().max(1000).default(200),
});
export type ArchiveQuery = z.input<typeof ArchiveQuery>;

/** An archive entry's id, as its file gave it. */
const ArchiveId = z.string().min(1).max(2048);

/** A span or annotation attached to what it was matched to: an archive entry, or a workspace claim. */
const MatchAttachment = z.strictObject({
  to: z.union([z.strictObject({ archiveId: ArchiveId }), z.strictObject({ claimId: EvidenceId })]),
  mention: LinkEndInput,
});
export type MatchAttachment = z.infer<typeof MatchAttachment>;

/** A window's random id (presence-api.ts). */
const WindowId = z.string().regex(/^[\w-]{8,64}$/);

/** A suggestion taken as an annotation: its id (see DocumentSuggestion) and the tags to give it. */
const SuggestionChoice = z.strictObject({
  id: z.string().min(1).max(100),
  tags: z.array(TagId).max(100),
});
export type SuggestionChoice = z.infer<typeof SuggestionChoice>;

/** A stretch of a document's text (offsets, end exclusive): getSuggestions answers the suggestions that start in it. */
const SuggestionRange = z.strictObject({ start: z.number().int().min(0), end: z.number().int().min(0) });
export type SuggestionRange = z.infer<typeof SuggestionRange>;

const RemovalTarget = z.union([
  z.strictObject({ annotations: z.array(AnnotationRef).max(10_000) }),
  z.strictObject({ documentId: DocumentId }),
]);

export const workbenchArgs = {
  listDocuments: z.tuple([]),
  listDocumentsPage: z.union([z.tuple([PageLimit]), z.tuple([PageLimit, DocumentListCursor])]),
  getDocumentSummaries: z.tuple([z.array(DocumentId).max(10_000)]),
  getDocument: z.union([z.tuple([DocumentId]), z.tuple([DocumentId, PageLimit])]),
  getAnnotations: z.tuple([DocumentId, AnnotationCursor, PageLimit]),
  getWorkspaceInfo: z.tuple([]),
  updateSettings: z.tuple([SettingsPatch]),
  getSettingsUsage: z.tuple([]),
  removeSample: z.tuple([]),
  importUploads: z.tuple([JobId, z.array(UploadRef).min(1).max(10_000)]),
  cancelImport: z.tuple([JobId]),
  importText: z.union([
    z.tuple([z.string().trim().max(1000), z.string().min(1).max(MAX_PASTE_CHARACTERS)]),
    z.tuple([z.string().trim().max(1000), z.string().min(1).max(MAX_PASTE_CHARACTERS), ImportTextOptions]),
  ]),
  updateDocumentMeta: z.tuple([DocumentId, DocumentMetaPatch]),
  updateDocumentsMeta: z.tuple([z.array(DocumentMetaEdit).min(1).max(10_000)]),
  deleteDocument: z.tuple([DocumentId]),
  listVersions: z.tuple([DocumentId]),
  getVersionText: z.tuple([DocumentId, z.number().int().positive().max(100_000)]),
  createAnnotation: z.tuple([DocumentId, AnnotationInput]),
  updateAnnotation: z.tuple([DocumentId, AnnotationId, AnnotationPatch]),
  updateAnnotations: z.tuple([
    z
      .array(z.strictObject({ documentId: DocumentId, annotationId: AnnotationId, baseVersion: RecordVersion.optional() }))
      .min(1)
      .max(200_000),
    BulkAnnotationPatch,
  ]),
  deleteAnnotation: z.tuple([DocumentId, AnnotationId, z.strictObject({ baseVersion: RecordVersion.optional() }).optional()]),
  reviewAnchor: z.tuple([DocumentId, AnnotationId, AnchorDecision]),
  undo: z.tuple([]),
  redo: z.tuple([]),
  getHistory: z.tuple([]),
  getAnnotationSuggestions: z.tuple([]),
  getTagUsage: z.tuple([]),
  addTag: z.tuple([TagDraft]),
  updateTag: z.tuple([TagId, TagPatch]),
  deleteTag: z.tuple([TagId, TagDeletionPlan]),
  importCodebook: z.tuple([CodebookFormat, z.string().max(MAX_CODEBOOK_CHARACTERS)]),
  exportCodebook: z.tuple([CodebookFormat]),
  getSpeakers: z.tuple([]),
  mergeSpeakers: z.tuple([SpeakerName, z.array(SpeakerName).min(1).max(1000)]),
  exportAnnotations: z.tuple([]),
  exportBundle: z.tuple([JobId, BundleExportRequest]),
  cancelBundleJob: z.tuple([JobId]),
  previewBundleImport: z.tuple([JobId, UploadRef]),
  applyBundleImport: z.tuple([JobId, z.record(z.string().max(300), z.enum(['mine', 'theirs', 'both']))]),
  discardBundleImport: z.tuple([JobId]),
  importAnnotationFile: z.tuple([DocumentId, z.string().max(MAX_ANNOTATION_FILE_CHARACTERS)]),
  getEvidence: z.tuple([]),
  getLinks: z.tuple([DocumentId]),
  createLink: z.tuple([NewLink]),
  updateLink: z.tuple([EvidenceId, LinkPatch]),
  deleteLink: z.tuple([EvidenceId]),
  createClaim: z.tuple([NewClaim]),
  updateClaim: z.tuple([EvidenceId, ClaimPatch]),
  addMentions: z.tuple([EvidenceId, Mentions]),
  removeMentions: z.tuple([EvidenceId, Mentions]),
  deleteClaim: z.tuple([EvidenceId]),
  listClaims: z.tuple([]),
  getClaim: z.tuple([EvidenceId]),
  getDependents: z.tuple([RemovalTarget]),
  queryArchive: z.tuple([ArchiveQuery]),
  importArchive: z.tuple([z.array(UploadRef).min(1).max(1000)]),
  matchText: z.union([z.tuple([z.string().max(100_000)]), z.tuple([z.string().max(100_000), z.number().int().positive().max(50)])]),
  matchDocument: z.union([z.tuple([DocumentId]), z.tuple([DocumentId, JobId])]),
  cancelMatch: z.tuple([JobId]),
  attachMatch: z.tuple([MatchAttachment]),
  claimFromArchive: z.tuple([ArchiveId]),
  getSuggestions: z.union([z.tuple([DocumentId]), z.tuple([DocumentId, SuggestionRange])]),
  acceptSuggestions: z.tuple([DocumentId, z.array(SuggestionChoice).min(1).max(100_000)]),
  rejectSuggestions: z.tuple([DocumentId, z.array(z.string().min(1).max(100)).min(1).max(100_000)]),
  ...searchArgs,
  getAgreement: z.tuple([AgreementRequest]),
  getDisagreements: z.tuple([DocumentId, DisagreementsRequest]),
  curateDisagreement: z.tuple([DocumentId, CurationRequest]),
  curateAgreements: z.tuple([DocumentId, DisagreementsRequest]),
  ...annotationTableArgs,
  reportViewing: z.tuple([WindowId, DocumentId.nullable()]),
  leaveViewing: z.tuple([WindowId]),
} satisfies { [M in keyof WorkbenchApi]: z.ZodType<Parameters<WorkbenchApi[M]>> };
