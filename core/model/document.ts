// A document in the workspace: its normalized text, where it came from, and its annotations.
import { z } from 'zod';
import { Annotation } from './annotation.ts';

export const DocumentId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a document id is letters, digits, "_" and "-"');

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const DocumentFormat = z.enum(['text', 'markdown', 'html', 'pdf', 'docx']);
export type DocumentFormat = z.infer<typeof DocumentFormat>;

/**
 * How the text of a Markdown file is made: converted to plain text (what a reader of the rendered
 * page sees), or its source kept as written.
 */
export const MarkdownMode = z.enum(['plain', 'source']);
export type MarkdownMode = z.infer<typeof MarkdownMode>;

/** A claim document is read for its claims; a source is where claims come from. */
export const DocumentRole = z.enum(['claim', 'source']);
export type DocumentRole = z.infer<typeof DocumentRole>;

/** A claim suggestion the analyst turned down (issue 21): where, what kind, and its words, in the text it was made on. */
export const RejectedSuggestion = z.strictObject({
  textHash: Sha256,
  kind: z.enum(['attributed', 'quote', 'figure', 'prediction']),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string().max(100_000),
});
export type RejectedSuggestion = z.infer<typeof RejectedSuggestion>;

/**
 * A disagreement region the curator settled as "nothing here" (issue 22: accepting the side of a
 * coder who marked nothing there). It has no annotation to hold it, so it is kept with the
 * document, for the text it was decided on (`textHash`), under the curator's name.
 */
export const KeptNothing = z.strictObject({
  curator: z.string().max(200),
  textHash: Sha256,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type KeptNothing = z.infer<typeof KeptNothing>;

export const DocumentMeta = z.object({
  id: DocumentId,
  title: z.string().min(1).max(1000),
  role: DocumentRole.default('claim'),
  /** The outlet or issuer: "The Valley Courier", "Ministry of Environment". */
  outlet: z.string().max(500).default(''),
  author: z.string().max(500).default(''),
  /** ISO 8601 date or date-time, as precise as the source says. */
  publishedAt: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  /** Where the document was published: web addresses only. */
  sourceUrl: z.url({ protocol: /^https?$/ }).optional(),
  language: z.string().max(35).optional(),
  format: DocumentFormat,
  /**
   * A Markdown document's text: converted to plain text, or its source. Absent for other formats,
   * and for Markdown imported before there was a choice (its source was kept). A new version is
   * read the same way.
   */
  markdown: MarkdownMode.optional(),
  importedAt: z.iso.datetime(),
  /** A file path or URL, as the analyst gave it. */
  importedFrom: z.string().max(4096),
  /** SHA-256 of the stored text (UTF-8). */
  textHash: Sha256,
  /** SHA-256 of the imported file, kept as originals/<hash> in the workspace. */
  originalHash: Sha256.optional(),
  /** The imported file's name. */
  originalName: z.string().max(1000).optional(),
  /** The analyst's own labels for the document. */
  tags: z.array(z.string().min(1).max(100)).max(100).default([]),
  /** Claim suggestions turned down: not proposed again for this text, nor for the same words, kind and place in a later one. */
  rejectedSuggestions: z.array(RejectedSuggestion).max(100_000).optional(),
  /** Disagreement regions curated as "nothing here" (see KeptNothing): an undoable curation decision. */
  keptNothing: z.array(KeptNothing).max(100_000).optional(),
});
export type DocumentMeta = z.infer<typeof DocumentMeta>;

/** A PDF page: `[start, end)` of the text; `page` counts from 1. */
export const PageSpan = z.object({
  page: z.number().int().positive(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

/** A heading of the document (Markdown, HTML, Word): level 1–6, its text, where it starts. */
export const Heading = z.object({ level: z.number().int().min(1).max(6), text: z.string(), start: z.number().int().nonnegative() });

/** What the import kept of the document's structure. */
export const DocumentStructure = z.object({
  pages: z.array(PageSpan).optional(),
  headings: z.array(Heading).optional(),
});
export type DocumentStructure = z.infer<typeof DocumentStructure>;

/** A document as the reader shows it. */
export const DocumentView = z.object({
  meta: DocumentMeta,
  /** NFC, LF line endings; every offset in the workspace refers to this string. */
  text: z.string(),
  annotations: z.array(Annotation),
  structure: DocumentStructure.default({}),
});
export type DocumentView = z.infer<typeof DocumentView>;

/** A row of the document library. */
export interface DocumentSummary {
  readonly meta: DocumentMeta;
  readonly annotationCount: number;
}
